// Package networking validates the objects of the networking.k8s.io/v1 API
// group that ship with node agents — NetworkPolicy, Ingress and
// IngressClass — as kube-apiserver v1.37.2 does on create: the server's
// defaults first, then its validation, with the server's field paths, error
// types and detail texts.
//
// The rules are re-expressed from the server's own code (k8s.io/kubernetes
// pkg/apis/networking/validation and pkg/apis/networking/v1 defaults,
// Apache-2.0) on the k8s.io/api v1 types.
package networking

import (
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Options describe what a cluster decides that changes the server's
// verdict; nothing does for this group yet, so the zero Options is the
// only one.
type Options struct{}

// ValidateObject validates obj if it is one of the kinds of this package,
// and reports whether it was.
func ValidateObject(obj runtime.Object, opts Options) (field.ErrorList, bool) {
	switch o := obj.(type) {
	case *networkingv1.NetworkPolicy:
		return ValidateNetworkPolicy(o, opts), true
	case *networkingv1.Ingress:
		return ValidateIngress(o, opts), true
	case *networkingv1.IngressClass:
		return ValidateIngressClass(o, opts), true
	}
	return nil, false
}
