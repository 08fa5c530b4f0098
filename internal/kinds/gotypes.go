package kinds

import (
	"reflect"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	appsv1 "k8s.io/api/apps/v1"
	authenticationv1 "k8s.io/api/authentication/v1"
	authorizationv1 "k8s.io/api/authorization/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	certificatesv1 "k8s.io/api/certificates/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	eventsv1 "k8s.io/api/events/v1"
	flowcontrolv1 "k8s.io/api/flowcontrol/v1"
	flowcontrolv1beta3 "k8s.io/api/flowcontrol/v1beta3"
	networkingv1 "k8s.io/api/networking/v1"
	nodev1 "k8s.io/api/node/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	resourcev1 "k8s.io/api/resource/v1"
	schedulingv1 "k8s.io/api/scheduling/v1"
	storagev1 "k8s.io/api/storage/v1"
	storagemigrationv1 "k8s.io/api/storagemigration/v1"
)

// goTypes are the k8s.io/api Go types of every kind that a supported
// release serves, but for the two whose types are not in k8s.io/api
// (apiextensions.k8s.io/v1 CustomResourceDefinition and
// apiregistration.k8s.io/v1 APIService).
var goTypes = map[Key]reflect.Type{
	{"admissionregistration.k8s.io/v1", "MutatingAdmissionPolicy"}:          reflect.TypeFor[admissionregistrationv1.MutatingAdmissionPolicy](),
	{"admissionregistration.k8s.io/v1", "MutatingAdmissionPolicyBinding"}:   reflect.TypeFor[admissionregistrationv1.MutatingAdmissionPolicyBinding](),
	{"admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"}:     reflect.TypeFor[admissionregistrationv1.MutatingWebhookConfiguration](),
	{"admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy"}:        reflect.TypeFor[admissionregistrationv1.ValidatingAdmissionPolicy](),
	{"admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding"}: reflect.TypeFor[admissionregistrationv1.ValidatingAdmissionPolicyBinding](),
	{"admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration"}:   reflect.TypeFor[admissionregistrationv1.ValidatingWebhookConfiguration](),
	{"apps/v1", "ControllerRevision"}:                                       reflect.TypeFor[appsv1.ControllerRevision](),
	{"apps/v1", "DaemonSet"}:                                                reflect.TypeFor[appsv1.DaemonSet](),
	{"apps/v1", "Deployment"}:                                               reflect.TypeFor[appsv1.Deployment](),
	{"apps/v1", "ReplicaSet"}:                                               reflect.TypeFor[appsv1.ReplicaSet](),
	{"apps/v1", "StatefulSet"}:                                              reflect.TypeFor[appsv1.StatefulSet](),
	{"authentication.k8s.io/v1", "SelfSubjectReview"}:                       reflect.TypeFor[authenticationv1.SelfSubjectReview](),
	{"authentication.k8s.io/v1", "TokenReview"}:                             reflect.TypeFor[authenticationv1.TokenReview](),
	{"authorization.k8s.io/v1", "LocalSubjectAccessReview"}:                 reflect.TypeFor[authorizationv1.LocalSubjectAccessReview](),
	{"authorization.k8s.io/v1", "SelfSubjectAccessReview"}:                  reflect.TypeFor[authorizationv1.SelfSubjectAccessReview](),
	{"authorization.k8s.io/v1", "SelfSubjectRulesReview"}:                   reflect.TypeFor[authorizationv1.SelfSubjectRulesReview](),
	{"authorization.k8s.io/v1", "SubjectAccessReview"}:                      reflect.TypeFor[authorizationv1.SubjectAccessReview](),
	{"autoscaling/v1", "HorizontalPodAutoscaler"}:                           reflect.TypeFor[autoscalingv1.HorizontalPodAutoscaler](),
	{"autoscaling/v2", "HorizontalPodAutoscaler"}:                           reflect.TypeFor[autoscalingv2.HorizontalPodAutoscaler](),
	{"batch/v1", "CronJob"}:                                                 reflect.TypeFor[batchv1.CronJob](),
	{"batch/v1", "Job"}:                                                     reflect.TypeFor[batchv1.Job](),
	{"certificates.k8s.io/v1", "CertificateSigningRequest"}:                 reflect.TypeFor[certificatesv1.CertificateSigningRequest](),
	{"certificates.k8s.io/v1", "ClusterTrustBundle"}:                        reflect.TypeFor[certificatesv1.ClusterTrustBundle](),
	{"certificates.k8s.io/v1", "PodCertificateRequest"}:                     reflect.TypeFor[certificatesv1.PodCertificateRequest](),
	{"coordination.k8s.io/v1", "Lease"}:                                     reflect.TypeFor[coordinationv1.Lease](),
	{"discovery.k8s.io/v1", "EndpointSlice"}:                                reflect.TypeFor[discoveryv1.EndpointSlice](),
	{"events.k8s.io/v1", "Event"}:                                           reflect.TypeFor[eventsv1.Event](),
	{"flowcontrol.apiserver.k8s.io/v1", "FlowSchema"}:                       reflect.TypeFor[flowcontrolv1.FlowSchema](),
	{"flowcontrol.apiserver.k8s.io/v1", "PriorityLevelConfiguration"}:       reflect.TypeFor[flowcontrolv1.PriorityLevelConfiguration](),
	{"flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema"}:                  reflect.TypeFor[flowcontrolv1beta3.FlowSchema](),
	{"flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration"}:  reflect.TypeFor[flowcontrolv1beta3.PriorityLevelConfiguration](),
	{"networking.k8s.io/v1", "IPAddress"}:                                   reflect.TypeFor[networkingv1.IPAddress](),
	{"networking.k8s.io/v1", "Ingress"}:                                     reflect.TypeFor[networkingv1.Ingress](),
	{"networking.k8s.io/v1", "IngressClass"}:                                reflect.TypeFor[networkingv1.IngressClass](),
	{"networking.k8s.io/v1", "NetworkPolicy"}:                               reflect.TypeFor[networkingv1.NetworkPolicy](),
	{"networking.k8s.io/v1", "ServiceCIDR"}:                                 reflect.TypeFor[networkingv1.ServiceCIDR](),
	{"node.k8s.io/v1", "RuntimeClass"}:                                      reflect.TypeFor[nodev1.RuntimeClass](),
	{"policy/v1", "PodDisruptionBudget"}:                                    reflect.TypeFor[policyv1.PodDisruptionBudget](),
	{"rbac.authorization.k8s.io/v1", "ClusterRole"}:                         reflect.TypeFor[rbacv1.ClusterRole](),
	{"rbac.authorization.k8s.io/v1", "ClusterRoleBinding"}:                  reflect.TypeFor[rbacv1.ClusterRoleBinding](),
	{"rbac.authorization.k8s.io/v1", "Role"}:                                reflect.TypeFor[rbacv1.Role](),
	{"rbac.authorization.k8s.io/v1", "RoleBinding"}:                         reflect.TypeFor[rbacv1.RoleBinding](),
	{"resource.k8s.io/v1", "DeviceClass"}:                                   reflect.TypeFor[resourcev1.DeviceClass](),
	{"resource.k8s.io/v1", "DeviceTaintRule"}:                               reflect.TypeFor[resourcev1.DeviceTaintRule](),
	{"resource.k8s.io/v1", "ResourceClaim"}:                                 reflect.TypeFor[resourcev1.ResourceClaim](),
	{"resource.k8s.io/v1", "ResourceClaimTemplate"}:                         reflect.TypeFor[resourcev1.ResourceClaimTemplate](),
	{"resource.k8s.io/v1", "ResourceSlice"}:                                 reflect.TypeFor[resourcev1.ResourceSlice](),
	{"scheduling.k8s.io/v1", "PriorityClass"}:                               reflect.TypeFor[schedulingv1.PriorityClass](),
	{"storage.k8s.io/v1", "CSIDriver"}:                                      reflect.TypeFor[storagev1.CSIDriver](),
	{"storage.k8s.io/v1", "CSINode"}:                                        reflect.TypeFor[storagev1.CSINode](),
	{"storage.k8s.io/v1", "CSIStorageCapacity"}:                             reflect.TypeFor[storagev1.CSIStorageCapacity](),
	{"storage.k8s.io/v1", "StorageClass"}:                                   reflect.TypeFor[storagev1.StorageClass](),
	{"storage.k8s.io/v1", "VolumeAttachment"}:                               reflect.TypeFor[storagev1.VolumeAttachment](),
	{"storage.k8s.io/v1", "VolumeAttributesClass"}:                          reflect.TypeFor[storagev1.VolumeAttributesClass](),
	{"storagemigration.k8s.io/v1", "StorageVersionMigration"}:               reflect.TypeFor[storagemigrationv1.StorageVersionMigration](),
	{"v1", "Binding"}:               reflect.TypeFor[corev1.Binding](),
	{"v1", "ConfigMap"}:             reflect.TypeFor[corev1.ConfigMap](),
	{"v1", "Endpoints"}:             reflect.TypeFor[corev1.Endpoints](),
	{"v1", "Event"}:                 reflect.TypeFor[corev1.Event](),
	{"v1", "LimitRange"}:            reflect.TypeFor[corev1.LimitRange](),
	{"v1", "Namespace"}:             reflect.TypeFor[corev1.Namespace](),
	{"v1", "Node"}:                  reflect.TypeFor[corev1.Node](),
	{"v1", "PersistentVolume"}:      reflect.TypeFor[corev1.PersistentVolume](),
	{"v1", "PersistentVolumeClaim"}: reflect.TypeFor[corev1.PersistentVolumeClaim](),
	{"v1", "Pod"}:                   reflect.TypeFor[corev1.Pod](),
	{"v1", "PodTemplate"}:           reflect.TypeFor[corev1.PodTemplate](),
	{"v1", "ReplicationController"}: reflect.TypeFor[corev1.ReplicationController](),
	{"v1", "ResourceQuota"}:         reflect.TypeFor[corev1.ResourceQuota](),
	{"v1", "Secret"}:                reflect.TypeFor[corev1.Secret](),
	{"v1", "Service"}:               reflect.TypeFor[corev1.Service](),
	{"v1", "ServiceAccount"}:        reflect.TypeFor[corev1.ServiceAccount](),
}

// GoType returns the k8s.io/api Go type that the API server decodes
// (apiVersion, kind) into (corev1.Service for "v1", "Service"), for every
// kind a supported release serves but CustomResourceDefinition and
// APIService, whose types live outside k8s.io/api.
func GoType(apiVersion, kind string) (reflect.Type, bool) {
	t, ok := goTypes[Key{apiVersion, kind}]
	return t, ok
}
