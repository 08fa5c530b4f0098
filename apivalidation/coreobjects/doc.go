// Package coreobjects validates the objects of the core API group that ship
// beside a node agent and hold no pod template — ServiceAccount, ConfigMap,
// Secret, Service, Namespace, PersistentVolumeClaim, LimitRange and
// ResourceQuota — as kube-apiserver v1.37.2 does on create (as `kubectl
// apply --dry-run=server` sees it): the server's defaults first, then its
// validation, with the server's field paths, error types and detail texts.
//
// The rules are re-expressed from the server's own code
// (k8s.io/kubernetes pkg/apis/core/validation, pkg/apis/core/v1 defaults and
// pkg/registry/core, Apache-2.0) on the k8s.io/api v1 types. Where the server
// walks a Go map (data keys, labels), the order of its errors is random;
// here keys are visited in sorted order.
package coreobjects

import (
	"net/netip"
	"slices"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Options describe what a cluster decides that changes the server's
// verdict. The zero Options is a cluster set up by kubeadm.
type Options struct {
	// ServiceCIDR is the API server's --service-cluster-ip-range, a single
	// IPv4 or IPv6 range; a Service's given clusterIP must lie in it. The
	// zero value is kubeadm's default, 10.96.0.0/12.
	ServiceCIDR netip.Prefix
}

// DefaultServiceCIDR is kubeadm's --service-cluster-ip-range.
var DefaultServiceCIDR = netip.MustParsePrefix("10.96.0.0/12")

func (o Options) serviceCIDR() netip.Prefix {
	if o.ServiceCIDR.IsValid() {
		return o.ServiceCIDR.Masked()
	}
	return DefaultServiceCIDR
}

// ValidateObject validates obj if it is one of the kinds of this package,
// and reports whether it was.
func ValidateObject(obj runtime.Object, opts Options) (field.ErrorList, bool) {
	switch o := obj.(type) {
	case *corev1.ServiceAccount:
		return ValidateServiceAccount(o, opts), true
	case *corev1.ConfigMap:
		return ValidateConfigMap(o, opts), true
	case *corev1.Secret:
		return ValidateSecret(o, opts), true
	case *corev1.Service:
		return ValidateService(o, opts), true
	case *corev1.Namespace:
		return ValidateNamespace(o, opts), true
	case *corev1.PersistentVolumeClaim:
		return ValidatePersistentVolumeClaim(o, opts), true
	case *corev1.LimitRange:
		return ValidateLimitRange(o, opts), true
	case *corev1.ResourceQuota:
		return ValidateResourceQuota(o, opts), true
	}
	return nil, false
}

// sortedKeys returns the keys of m in sorted order.
func sortedKeys[M ~map[K]V, K ~string, V any](m M) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
