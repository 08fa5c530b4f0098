package apps

import (
	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/core"
)

// ValidateObject validates obj with the entry point of its kind
// (DaemonSet, ReplicaSet, Deployment or StatefulSet) and reports whether
// it is one of them; for any other object it returns nil, false.
func ValidateObject(obj runtime.Object, opts core.Options) (field.ErrorList, bool) {
	switch o := obj.(type) {
	case *appsv1.DaemonSet:
		return ValidateDaemonSet(o, opts), true
	case *appsv1.ReplicaSet:
		return ValidateReplicaSet(o, opts), true
	case *appsv1.Deployment:
		return ValidateDeployment(o, opts), true
	case *appsv1.StatefulSet:
		return ValidateStatefulSet(o, opts), true
	}
	return nil, false
}
