package registry

import (
	"fmt"

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
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/apps"
	"github.com/daemonlint/daemonlint/apivalidation/autoscaling"
	"github.com/daemonlint/daemonlint/apivalidation/batch"
	"github.com/daemonlint/daemonlint/apivalidation/core"
	"github.com/daemonlint/daemonlint/apivalidation/coreobjects"
	"github.com/daemonlint/daemonlint/apivalidation/networking"
	"github.com/daemonlint/daemonlint/apivalidation/node"
	"github.com/daemonlint/daemonlint/apivalidation/policy"
	"github.com/daemonlint/daemonlint/apivalidation/rbac"
	"github.com/daemonlint/daemonlint/apivalidation/scheduling"
	"github.com/daemonlint/daemonlint/apivalidation/storage"
)

// judge builds an entry for the typed object T of a kind.
func judge[T any, PT interface {
	*T
	runtime.Object
}](validate func(PT, Options) field.ErrorList) entry {
	return entry{
		new: func() runtime.Object { return PT(new(T)) },
		validate: func(obj runtime.Object, opts Options) field.ErrorList {
			o, ok := obj.(PT)
			if !ok || o == nil {
				return field.ErrorList{field.InternalError(nil, fmt.Errorf("got %T, want a non-nil %T", obj, o))}
			}
			return validate(o, opts)
		},
	}
}

func gvk(group, version, kind string) schema.GroupVersionKind {
	return schema.GroupVersionKind{Group: group, Version: version, Kind: kind}
}

// kinds are the kinds judged in full.
var kinds = map[schema.GroupVersionKind]entry{
	gvk("", "v1", "Pod"): judge(func(o *corev1.Pod, opts Options) field.ErrorList {
		return core.ValidatePod(o, opts.Pod)
	}),
	gvk("", "v1", "PodTemplate"): judge(func(o *corev1.PodTemplate, opts Options) field.ErrorList {
		return core.ValidatePodTemplate(o, opts.Pod)
	}),
	gvk("", "v1", "ReplicationController"): judge(func(o *corev1.ReplicationController, opts Options) field.ErrorList {
		return core.ValidateReplicationController(o, opts.Pod)
	}),
	gvk("apps", "v1", "DaemonSet"): judge(func(o *appsv1.DaemonSet, opts Options) field.ErrorList {
		return apps.ValidateDaemonSet(o, opts.Pod)
	}),
	gvk("apps", "v1", "ReplicaSet"): judge(func(o *appsv1.ReplicaSet, opts Options) field.ErrorList {
		return apps.ValidateReplicaSet(o, opts.Pod)
	}),
	gvk("apps", "v1", "Deployment"): judge(func(o *appsv1.Deployment, opts Options) field.ErrorList {
		return apps.ValidateDeployment(o, opts.Pod)
	}),
	gvk("apps", "v1", "StatefulSet"): judge(func(o *appsv1.StatefulSet, opts Options) field.ErrorList {
		return apps.ValidateStatefulSet(o, opts.Pod)
	}),
	gvk("batch", "v1", "Job"): judge(func(o *batchv1.Job, opts Options) field.ErrorList {
		return batch.ValidateJob(o, opts.Pod)
	}),
	gvk("batch", "v1", "CronJob"): judge(func(o *batchv1.CronJob, opts Options) field.ErrorList {
		return batch.ValidateCronJob(o, opts.Pod)
	}),
	gvk("", "v1", "ServiceAccount"): judge(func(o *corev1.ServiceAccount, opts Options) field.ErrorList {
		return coreobjects.ValidateServiceAccount(o, opts.Core)
	}),
	gvk("", "v1", "ConfigMap"): judge(func(o *corev1.ConfigMap, opts Options) field.ErrorList {
		return coreobjects.ValidateConfigMap(o, opts.Core)
	}),
	gvk("", "v1", "Secret"): judge(func(o *corev1.Secret, opts Options) field.ErrorList {
		return coreobjects.ValidateSecret(o, opts.Core)
	}),
	gvk("", "v1", "Service"): judge(func(o *corev1.Service, opts Options) field.ErrorList {
		return coreobjects.ValidateService(o, opts.Core)
	}),
	gvk("", "v1", "Namespace"): judge(func(o *corev1.Namespace, opts Options) field.ErrorList {
		return coreobjects.ValidateNamespace(o, opts.Core)
	}),

	gvk("rbac.authorization.k8s.io", "v1", "Role"): judge(func(o *rbacv1.Role, _ Options) field.ErrorList {
		return rbac.ValidateRole(o, rbac.Options{})
	}),
	gvk("rbac.authorization.k8s.io", "v1", "ClusterRole"): judge(func(o *rbacv1.ClusterRole, _ Options) field.ErrorList {
		return rbac.ValidateClusterRole(o, rbac.Options{})
	}),
	gvk("rbac.authorization.k8s.io", "v1", "RoleBinding"): judge(func(o *rbacv1.RoleBinding, _ Options) field.ErrorList {
		return rbac.ValidateRoleBinding(o, rbac.Options{})
	}),
	gvk("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding"): judge(func(o *rbacv1.ClusterRoleBinding, _ Options) field.ErrorList {
		return rbac.ValidateClusterRoleBinding(o, rbac.Options{})
	}),
	gvk("policy", "v1", "PodDisruptionBudget"): judge(func(o *policyv1.PodDisruptionBudget, _ Options) field.ErrorList {
		return policy.ValidatePodDisruptionBudget(o, policy.Options{})
	}),
	gvk("scheduling.k8s.io", "v1", "PriorityClass"): judge(func(o *schedulingv1.PriorityClass, _ Options) field.ErrorList {
		return scheduling.ValidatePriorityClass(o, scheduling.Options{})
	}),
	gvk("networking.k8s.io", "v1", "NetworkPolicy"): judge(func(o *networkingv1.NetworkPolicy, _ Options) field.ErrorList {
		return networking.ValidateNetworkPolicy(o, networking.Options{})
	}),
	gvk("networking.k8s.io", "v1", "Ingress"): judge(func(o *networkingv1.Ingress, _ Options) field.ErrorList {
		return networking.ValidateIngress(o, networking.Options{})
	}),
	gvk("networking.k8s.io", "v1", "IngressClass"): judge(func(o *networkingv1.IngressClass, _ Options) field.ErrorList {
		return networking.ValidateIngressClass(o, networking.Options{})
	}),
	gvk("storage.k8s.io", "v1", "StorageClass"): judge(func(o *storagev1.StorageClass, _ Options) field.ErrorList {
		return storage.ValidateStorageClass(o, storage.Options{})
	}),
	gvk("storage.k8s.io", "v1", "CSIDriver"): judge(func(o *storagev1.CSIDriver, _ Options) field.ErrorList {
		return storage.ValidateCSIDriver(o, storage.Options{})
	}),
	gvk("autoscaling", "v2", "HorizontalPodAutoscaler"): judge(func(o *autoscalingv2.HorizontalPodAutoscaler, _ Options) field.ErrorList {
		return autoscaling.ValidateHorizontalPodAutoscaler(o, autoscaling.Options{})
	}),
	gvk("node.k8s.io", "v1", "RuntimeClass"): judge(func(o *nodev1.RuntimeClass, _ Options) field.ErrorList {
		return node.ValidateRuntimeClass(o, node.Options{})
	}),
	gvk("", "v1", "PersistentVolumeClaim"): judge(func(o *corev1.PersistentVolumeClaim, opts Options) field.ErrorList {
		return coreobjects.ValidatePersistentVolumeClaim(o, opts.Core)
	}),
	gvk("", "v1", "LimitRange"): judge(func(o *corev1.LimitRange, opts Options) field.ErrorList {
		return coreobjects.ValidateLimitRange(o, opts.Core)
	}),
	gvk("", "v1", "ResourceQuota"): judge(func(o *corev1.ResourceQuota, opts Options) field.ErrorList {
		return coreobjects.ValidateResourceQuota(o, opts.Core)
	}),
	gvk("autoscaling", "v1", "HorizontalPodAutoscaler"): judge(func(o *autoscalingv1.HorizontalPodAutoscaler, _ Options) field.ErrorList {
		return autoscaling.ValidateHorizontalPodAutoscalerV1(o, autoscaling.Options{})
	}),
}
