package networking

import (
	"testing"

	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/golden"
)

func TestGolden(t *testing.T) {
	t.Run("NetworkPolicy", func(t *testing.T) {
		golden.Run(t, "NetworkPolicy", func(o *networkingv1.NetworkPolicy) field.ErrorList { return ValidateNetworkPolicy(o, Options{}) })
	})
	t.Run("Ingress", func(t *testing.T) {
		golden.Run(t, "Ingress", func(o *networkingv1.Ingress) field.ErrorList { return ValidateIngress(o, Options{}) })
	})
	t.Run("IngressClass", func(t *testing.T) {
		golden.Run(t, "IngressClass", func(o *networkingv1.IngressClass) field.ErrorList { return ValidateIngressClass(o, Options{}) })
	})
}
