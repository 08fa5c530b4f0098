package objectmeta

import (
	"strings"

	"k8s.io/apimachinery/pkg/api/validation/path"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
)

// The name rules, as the kinds' validation code names them, with the fast
// paths of names (apimachinery's ValidateNamespaceName and
// ValidateServiceAccountName are its NameIsDNSLabel and NameIsDNSSubdomain).
var (
	subdomain = names.NameIsDNSSubdomain
	label     = names.NameIsDNSLabel
	segment   = path.ValidatePathSegmentName
)

// anyName accepts every name; only the create path's generic check
// (a path segment) applies.
func anyName(string, bool) []string { return nil }

// trustBundleName is the name rule of a ClusterTrustBundle as far as it
// can be told without the bundle's signerName: a name with a ":" is
// prefixed by its signer's name (not checked here), any other name is a
// DNS-1123 subdomain.
func trustBundleName(name string, prefix bool) []string {
	if strings.Contains(name, ":") {
		return nil
	}
	return subdomain(name, prefix)
}

// ipAddressName is the name rule of an IPAddress: an IP address in
// canonical form.
func ipAddressName(name string, _ bool) []string {
	var msgs []string
	for _, e := range validation.IsValidIP(&field.Path{}, name) {
		msgs = append(msgs, e.Detail)
	}
	return msgs
}

// rules are the metadata rules of the kinds a default kube-apiserver v1.37
// serves, by group and kind. Where a kind's validation checks the name
// against its spec (a CustomResourceDefinition is named <plural>.<group>,
// an APIService <version>.<group>, a ClusterTrustBundle after its signer),
// only the part of the rule that needs no spec is here.
var rules = map[schema.GroupKind]Rule{
	// core
	{Group: "", Kind: "ConfigMap"}: {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	{Group: "", Kind: "Endpoints"}: {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	// A core/v1 Event's validation does not check its metadata, for
	// backwards compatibility (its events.k8s.io/v1 form's does).
	{Group: "", Kind: "Event"}:                 {Namespaced: true, GenericOnly: true},
	{Group: "", Kind: "LimitRange"}:            {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	{Group: "", Kind: "Namespace"}:             {Namespaced: false, Name: label, KubeFinalizers: true},
	{Group: "", Kind: "Node"}:                  {Namespaced: false, Name: subdomain, KubeFinalizers: true},
	{Group: "", Kind: "PersistentVolume"}:      {Namespaced: false, Name: subdomain, KubeFinalizers: true},
	{Group: "", Kind: "PersistentVolumeClaim"}: {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	{Group: "", Kind: "Pod"}:                   {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	{Group: "", Kind: "PodTemplate"}:           {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	{Group: "", Kind: "ReplicationController"}: {Namespaced: true, Name: subdomain, KubeFinalizers: true, NoGenerateName: true},
	{Group: "", Kind: "ResourceQuota"}:         {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	{Group: "", Kind: "Secret"}:                {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	// Since v1.37 (RelaxedServiceNameValidation, locked on) a Service name
	// is a DNS-1123 label, which may start with a digit.
	{Group: "", Kind: "Service"}:        {Namespaced: true, Name: label, KubeFinalizers: true},
	{Group: "", Kind: "ServiceAccount"}: {Namespaced: true, Name: subdomain, KubeFinalizers: true},

	// admissionregistration.k8s.io
	{Group: "admissionregistration.k8s.io", Kind: "MutatingAdmissionPolicy"}:          {Name: subdomain},
	{Group: "admissionregistration.k8s.io", Kind: "MutatingAdmissionPolicyBinding"}:   {Name: subdomain},
	{Group: "admissionregistration.k8s.io", Kind: "MutatingWebhookConfiguration"}:     {Name: subdomain},
	{Group: "admissionregistration.k8s.io", Kind: "ValidatingAdmissionPolicy"}:        {Name: subdomain},
	{Group: "admissionregistration.k8s.io", Kind: "ValidatingAdmissionPolicyBinding"}: {Name: subdomain},
	{Group: "admissionregistration.k8s.io", Kind: "ValidatingWebhookConfiguration"}:   {Name: subdomain},

	// apiextensions.k8s.io, apiregistration.k8s.io: the name rules need
	// the spec (<plural>.<group>, <version>.<group>); as far as the
	// metadata alone goes, only the generic check is certain.
	{Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition"}: {GenericOnly: true},
	{Group: "apiregistration.k8s.io", Kind: "APIService"}:             {GenericOnly: true},

	// apps
	{Group: "apps", Kind: "ControllerRevision"}: {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	{Group: "apps", Kind: "DaemonSet"}:          {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	{Group: "apps", Kind: "Deployment"}:         {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	{Group: "apps", Kind: "ReplicaSet"}:         {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	// A StatefulSet's name is a DNS-1123 label: its pods' hostnames
	// start with it.
	{Group: "apps", Kind: "StatefulSet"}: {Namespaced: true, Name: label, KubeFinalizers: true},

	// autoscaling, batch
	{Group: "autoscaling", Kind: "HorizontalPodAutoscaler"}: {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	// A CronJob's name leaves room for the 11 characters its Jobs add.
	{Group: "batch", Kind: "CronJob"}: {Namespaced: true, Name: subdomain, KubeFinalizers: true, MaxNameLength: 52},
	{Group: "batch", Kind: "Job"}:     {Namespaced: true, Name: subdomain, KubeFinalizers: true},

	// certificates.k8s.io
	// A CertificateSigningRequest may have any name the path allows.
	{Group: "certificates.k8s.io", Kind: "CertificateSigningRequest"}: {Name: anyName, KubeFinalizers: true},
	{Group: "certificates.k8s.io", Kind: "ClusterTrustBundle"}:        {Name: trustBundleName, KubeFinalizers: true},
	{Group: "certificates.k8s.io", Kind: "PodCertificateRequest"}:     {Namespaced: true, Name: subdomain, KubeFinalizers: true},

	// coordination.k8s.io, discovery.k8s.io, events.k8s.io
	// A Lease uses the generic ValidateObjectMeta: any finalizer name.
	{Group: "coordination.k8s.io", Kind: "Lease"}:      {Namespaced: true, Name: subdomain},
	{Group: "discovery.k8s.io", Kind: "EndpointSlice"}: {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	{Group: "events.k8s.io", Kind: "Event"}:            {Namespaced: true, Name: subdomain, KubeFinalizers: true},

	// flowcontrol.apiserver.k8s.io
	{Group: "flowcontrol.apiserver.k8s.io", Kind: "FlowSchema"}:                 {Name: subdomain, KubeFinalizers: true},
	{Group: "flowcontrol.apiserver.k8s.io", Kind: "PriorityLevelConfiguration"}: {Name: subdomain, KubeFinalizers: true},

	// networking.k8s.io
	// An IPAddress is named by its address, in canonical form.
	{Group: "networking.k8s.io", Kind: "IPAddress"}:     {Name: ipAddressName, KubeFinalizers: true},
	{Group: "networking.k8s.io", Kind: "Ingress"}:       {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	{Group: "networking.k8s.io", Kind: "IngressClass"}:  {Name: subdomain, KubeFinalizers: true},
	{Group: "networking.k8s.io", Kind: "NetworkPolicy"}: {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	{Group: "networking.k8s.io", Kind: "ServiceCIDR"}:   {Name: subdomain, KubeFinalizers: true},

	// node.k8s.io, policy
	{Group: "node.k8s.io", Kind: "RuntimeClass"}: {Name: subdomain},
	// A PodDisruptionBudget's validation does not look at its metadata:
	// only the generic path-segment check of the create path does.
	{Group: "policy", Kind: "PodDisruptionBudget"}: {Namespaced: true, GenericOnly: true},

	// rbac.authorization.k8s.io: names are path segments
	{Group: "rbac.authorization.k8s.io", Kind: "ClusterRole"}:        {Name: segment, KubeFinalizers: true},
	{Group: "rbac.authorization.k8s.io", Kind: "ClusterRoleBinding"}: {Name: segment, KubeFinalizers: true},
	{Group: "rbac.authorization.k8s.io", Kind: "Role"}:               {Namespaced: true, Name: segment, KubeFinalizers: true},
	{Group: "rbac.authorization.k8s.io", Kind: "RoleBinding"}:        {Namespaced: true, Name: segment, KubeFinalizers: true},

	// resource.k8s.io
	{Group: "resource.k8s.io", Kind: "DeviceClass"}:           {Name: subdomain, KubeFinalizers: true, NoGenerateName: true},
	{Group: "resource.k8s.io", Kind: "DeviceTaintRule"}:       {Name: subdomain, KubeFinalizers: true},
	{Group: "resource.k8s.io", Kind: "ResourceClaim"}:         {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	{Group: "resource.k8s.io", Kind: "ResourceClaimTemplate"}: {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	{Group: "resource.k8s.io", Kind: "ResourceSlice"}:         {Name: subdomain, KubeFinalizers: true},

	// scheduling.k8s.io
	{Group: "scheduling.k8s.io", Kind: "PriorityClass"}: {Name: subdomain, KubeFinalizers: true},

	// storage.k8s.io
	{Group: "storage.k8s.io", Kind: "CSIDriver"}:             {Name: subdomain, KubeFinalizers: true},
	{Group: "storage.k8s.io", Kind: "CSINode"}:               {Name: subdomain, KubeFinalizers: true},
	{Group: "storage.k8s.io", Kind: "CSIStorageCapacity"}:    {Namespaced: true, Name: subdomain, KubeFinalizers: true},
	{Group: "storage.k8s.io", Kind: "StorageClass"}:          {Name: subdomain, KubeFinalizers: true},
	{Group: "storage.k8s.io", Kind: "VolumeAttachment"}:      {Name: subdomain, KubeFinalizers: true},
	{Group: "storage.k8s.io", Kind: "VolumeAttributesClass"}: {Name: subdomain, KubeFinalizers: true},

	// storagemigration.k8s.io
	{Group: "storagemigration.k8s.io", Kind: "StorageVersionMigration"}: {Name: subdomain, KubeFinalizers: true},
}

// RuleFor returns the metadata rule of a built-in kind, and false for a
// kind a default v1.37 server does not serve.
func RuleFor(gk schema.GroupKind) (Rule, bool) {
	r, ok := rules[gk]
	return r, ok
}

// Kinds returns the group kinds RuleFor knows, in no particular order.
func Kinds() []schema.GroupKind {
	out := make([]schema.GroupKind, 0, len(rules))
	for gk := range rules {
		out = append(out, gk)
	}
	return out
}
