// Package kinds is the table of the built-in kinds that daemonlint decodes
// into their k8s.io/api Go types, by apiVersion and kind. It sits below
// both the source model (manifest, whose Document.Decode uses it) and the
// server's validation (apivalidation/registry judges the same kinds), so
// that neither imports the other; a test in lint/rules keeps it equal to
// the registry's list of kinds judged in full. GoType knows the Go type of
// every kind a supported release serves, for the rules that decode every
// built-in object strictly, as the API server does.
package kinds

import (
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	nodev1 "k8s.io/api/node/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	schedulingv1 "k8s.io/api/scheduling/v1"
	storagev1 "k8s.io/api/storage/v1"
)

// A Key names a kind as a manifest writes it: its apiVersion ("v1",
// "apps/v1") and kind.
type Key struct {
	APIVersion, Kind string
}

func newOf[T any]() func() any { return func() any { return new(T) } }

// typed are the kinds decoded into Go types: every kind the registry
// judges in full, and v1 Node, which placement reads.
var typed = map[Key]func() any{
	{"v1", "Pod"}:                                          newOf[corev1.Pod](),
	{"v1", "PodTemplate"}:                                  newOf[corev1.PodTemplate](),
	{"v1", "ReplicationController"}:                        newOf[corev1.ReplicationController](),
	{"v1", "ServiceAccount"}:                               newOf[corev1.ServiceAccount](),
	{"v1", "ConfigMap"}:                                    newOf[corev1.ConfigMap](),
	{"v1", "Secret"}:                                       newOf[corev1.Secret](),
	{"v1", "Service"}:                                      newOf[corev1.Service](),
	{"v1", "Namespace"}:                                    newOf[corev1.Namespace](),
	{"v1", "PersistentVolumeClaim"}:                        newOf[corev1.PersistentVolumeClaim](),
	{"v1", "LimitRange"}:                                   newOf[corev1.LimitRange](),
	{"v1", "ResourceQuota"}:                                newOf[corev1.ResourceQuota](),
	{"v1", "Node"}:                                         newOf[corev1.Node](),
	{"apps/v1", "DaemonSet"}:                               newOf[appsv1.DaemonSet](),
	{"apps/v1", "ReplicaSet"}:                              newOf[appsv1.ReplicaSet](),
	{"apps/v1", "Deployment"}:                              newOf[appsv1.Deployment](),
	{"apps/v1", "StatefulSet"}:                             newOf[appsv1.StatefulSet](),
	{"batch/v1", "Job"}:                                    newOf[batchv1.Job](),
	{"batch/v1", "CronJob"}:                                newOf[batchv1.CronJob](),
	{"rbac.authorization.k8s.io/v1", "Role"}:               newOf[rbacv1.Role](),
	{"rbac.authorization.k8s.io/v1", "ClusterRole"}:        newOf[rbacv1.ClusterRole](),
	{"rbac.authorization.k8s.io/v1", "RoleBinding"}:        newOf[rbacv1.RoleBinding](),
	{"rbac.authorization.k8s.io/v1", "ClusterRoleBinding"}: newOf[rbacv1.ClusterRoleBinding](),
	{"policy/v1", "PodDisruptionBudget"}:                   newOf[policyv1.PodDisruptionBudget](),
	{"scheduling.k8s.io/v1", "PriorityClass"}:              newOf[schedulingv1.PriorityClass](),
	{"networking.k8s.io/v1", "NetworkPolicy"}:              newOf[networkingv1.NetworkPolicy](),
	{"networking.k8s.io/v1", "Ingress"}:                    newOf[networkingv1.Ingress](),
	{"networking.k8s.io/v1", "IngressClass"}:               newOf[networkingv1.IngressClass](),
	{"storage.k8s.io/v1", "StorageClass"}:                  newOf[storagev1.StorageClass](),
	{"storage.k8s.io/v1", "CSIDriver"}:                     newOf[storagev1.CSIDriver](),
	{"autoscaling/v1", "HorizontalPodAutoscaler"}:          newOf[autoscalingv1.HorizontalPodAutoscaler](),
	{"autoscaling/v2", "HorizontalPodAutoscaler"}:          newOf[autoscalingv2.HorizontalPodAutoscaler](),
	{"node.k8s.io/v1", "RuntimeClass"}:                     newOf[nodev1.RuntimeClass](),
}

// New returns a new empty object of the Go type of apiVersion and kind (a
// *corev1.Service for "v1", "Service"), and false for kinds that are not
// decoded into Go types.
func New(apiVersion, kind string) (any, bool) {
	f, ok := typed[Key{apiVersion, kind}]
	if !ok {
		return nil, false
	}
	return f(), true
}

// Typed reports whether New knows apiVersion and kind.
func Typed(apiVersion, kind string) bool {
	_, ok := typed[Key{apiVersion, kind}]
	return ok
}

// All returns the keys of every kind New knows, in no particular order.
func All() []Key {
	out := make([]Key, 0, len(typed))
	for k := range typed {
		out = append(out, k)
	}
	return out
}
