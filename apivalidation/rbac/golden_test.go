package rbac

import (
	"testing"

	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/golden"
)

func TestGolden(t *testing.T) {
	t.Run("Role", func(t *testing.T) {
		golden.Run(t, "Role", func(o *rbacv1.Role) field.ErrorList { return ValidateRole(o, Options{}) })
	})
	t.Run("ClusterRole", func(t *testing.T) {
		golden.Run(t, "ClusterRole", func(o *rbacv1.ClusterRole) field.ErrorList { return ValidateClusterRole(o, Options{}) })
	})
	t.Run("RoleBinding", func(t *testing.T) {
		golden.Run(t, "RoleBinding", func(o *rbacv1.RoleBinding) field.ErrorList { return ValidateRoleBinding(o, Options{}) })
	})
	t.Run("ClusterRoleBinding", func(t *testing.T) {
		golden.Run(t, "ClusterRoleBinding", func(o *rbacv1.ClusterRoleBinding) field.ErrorList {
			return ValidateClusterRoleBinding(o, Options{})
		})
	})
}
