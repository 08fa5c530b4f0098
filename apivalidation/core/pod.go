package core

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
)

// ValidatePodTemplateSpec is the server's ValidatePodTemplateSpec: the API
// server's errors for the pod template at fldPath (such as spec.template)
// of a workload, in the server's order. t must already carry the server's
// defaults (see SetPodTemplateDefaults); what a workload kind adds (for
// apps/v1 kinds, restartPolicy Always and no activeDeadlineSeconds) is the
// kind's own validation.
//
// As on the server, the template's labels and annotations are reported at
// spec.template.labels and spec.template.annotations, without "metadata".
func ValidatePodTemplateSpec(t *corev1.PodTemplateSpec, fldPath *field.Path, opts Options) field.ErrorList {
	var allErrs field.ErrorList
	if !validLabels(t.Labels) {
		allErrs = append(allErrs, ValidateLabels(t.Labels, fldPath.Child("labels"))...)
	}
	if !validAnnotations(t.Annotations) {
		allErrs = append(allErrs, ValidateAnnotations(t.Annotations, fldPath.Child("annotations"))...)
	}
	allErrs = append(allErrs, validatePodSpecificAnnotations(t.Annotations, &t.Spec, fldPath)...)
	specPath := fldPath.Child("spec")
	allErrs = append(allErrs, validatePodSpec(&t.Spec, "", specPath, opts)...)
	allErrs = append(allErrs, validateSeccompAnnotationsAndFields(t.Annotations, &t.Spec, specPath)...)
	allErrs = append(allErrs, validateAppArmorAnnotationsAndFields(t.Annotations, &t.Spec, specPath)...)
	if len(t.Spec.EphemeralContainers) > 0 {
		allErrs = append(allErrs, field.Forbidden(specPath.Child("ephemeralContainers"), "ephemeral containers not allowed in pod template"))
	}
	return allErrs
}

// validatePodSpecificAnnotations checks the annotations that mean
// something to a pod: the mirror-pod marker, tolerations, the deletion
// cost, and the deprecated seccomp and AppArmor annotations. It reports
// at metaPath.annotations, a path it builds only for an error or a check.
func validatePodSpecificAnnotations(annotations map[string]string, spec *corev1.PodSpec, metaPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if value, ok := annotations[corev1.MirrorPodAnnotationKey]; ok && spec.NodeName == "" {
		allErrs = append(allErrs, field.Invalid(metaPath.Child("annotations").Key(corev1.MirrorPodAnnotationKey), value, "must set spec.nodeName if mirror pod annotation is set"))
	}
	if annotations[corev1.TolerationsAnnotationKey] != "" {
		var tolerations []corev1.Toleration
		if err := json.Unmarshal([]byte(annotations[corev1.TolerationsAnnotationKey]), &tolerations); err != nil {
			allErrs = append(allErrs, field.Invalid(metaPath.Child("annotations"), corev1.TolerationsAnnotationKey, err.Error()))
		} else if len(tolerations) > 0 {
			allErrs = append(allErrs, validateTolerations(tolerations, metaPath.Child("annotations", corev1.TolerationsAnnotationKey))...)
		}
	}
	if value, ok := annotations[corev1.PodDeletionCost]; ok && !isDeletionCost(value) {
		allErrs = append(allErrs, field.Invalid(metaPath.Child("annotations").Key(corev1.PodDeletionCost), value, "must be a 32bit integer"))
	}
	if p, ok := annotations[corev1.SeccompPodAnnotationKey]; ok {
		allErrs = append(allErrs, validateSeccompProfileAnnotation(p, metaPath.Child("annotations", corev1.SeccompPodAnnotationKey))...)
	}
	for _, k := range sortedKeys(annotations) {
		if strings.HasPrefix(k, corev1.SeccompContainerAnnotationKeyPrefix) {
			allErrs = append(allErrs, validateSeccompProfileAnnotation(annotations[k], metaPath.Child("annotations", k))...)
		}
	}
	for _, k := range sortedKeys(annotations) {
		if !strings.HasPrefix(k, corev1.DeprecatedAppArmorBetaContainerAnnotationKeyPrefix) {
			continue
		}
		name := strings.TrimPrefix(k, corev1.DeprecatedAppArmorBetaContainerAnnotationKeyPrefix)
		if !podSpecHasContainer(spec, name) {
			allErrs = append(allErrs, field.Invalid(metaPath.Child("annotations").Key(k), name, "container not found"))
		}
		p := annotations[k]
		if p != "" && p != corev1.DeprecatedAppArmorBetaProfileRuntimeDefault && p != corev1.DeprecatedAppArmorBetaProfileNameUnconfined &&
			!strings.HasPrefix(p, corev1.DeprecatedAppArmorBetaProfileNamePrefix) {
			allErrs = append(allErrs, field.Invalid(metaPath.Child("annotations").Key(k), p, fmt.Sprintf("invalid AppArmor profile name: %q", p)))
		}
	}
	return allErrs
}

// isDeletionCost reports whether value is a valid pod deletion cost: a
// 32-bit integer without a plus sign or leading zeros.
func isDeletionCost(value string) bool {
	if value == "" || !(value[0] == '-' || value == "0" || (value[0] >= '1' && value[0] <= '9')) {
		return false
	}
	_, err := strconv.ParseInt(value, 10, 32)
	return err == nil
}

// validateSeccompProfileAnnotation checks the value of a deprecated seccomp
// annotation.
func validateSeccompProfileAnnotation(p string, fldPath *field.Path) field.ErrorList {
	switch {
	case p == corev1.SeccompProfileRuntimeDefault, p == corev1.DeprecatedSeccompProfileDockerDefault, p == corev1.SeccompProfileNameUnconfined:
		return nil
	case strings.HasPrefix(p, corev1.SeccompLocalhostProfileNamePrefix):
		return validateLocalDescendingPath(strings.TrimPrefix(p, corev1.SeccompLocalhostProfileNamePrefix), fldPath)
	}
	return field.ErrorList{field.Invalid(fldPath, p, "must be a valid seccomp profile")}
}

// A containerRef is a container of a pod spec, with what its field path is
// made of: the pod spec's path, the list the container is in and its index
// there.
type containerRef struct {
	c        *corev1.Container
	specPath *field.Path
	list     string // initContainers, containers or ephemeralContainers
	index    int
}

// path returns the container's field path; it is built only for an error.
func (r containerRef) path() *field.Path {
	return r.specPath.Child(r.list).Index(r.index)
}

// allContainers returns the init, regular and ephemeral containers of spec,
// in that order, as the server's VisitContainersWithPath visits them.
func allContainers(spec *corev1.PodSpec, specPath *field.Path) []containerRef {
	refs := make([]containerRef, 0, len(spec.InitContainers)+len(spec.Containers)+len(spec.EphemeralContainers))
	for i := range spec.InitContainers {
		refs = append(refs, containerRef{c: &spec.InitContainers[i], specPath: specPath, list: "initContainers", index: i})
	}
	for i := range spec.Containers {
		refs = append(refs, containerRef{c: &spec.Containers[i], specPath: specPath, list: "containers", index: i})
	}
	for i := range spec.EphemeralContainers {
		// Ephemeral containers are converted as the server does.
		c := (*corev1.Container)(&spec.EphemeralContainers[i].EphemeralContainerCommon)
		refs = append(refs, containerRef{c: c, specPath: specPath, list: "ephemeralContainers", index: i})
	}
	return refs
}

// podSpecHasContainer reports whether spec has a container called name.
func podSpecHasContainer(spec *corev1.PodSpec, name string) bool {
	for _, ref := range allContainers(spec, field.NewPath("spec")) {
		if ref.c.Name == name {
			return true
		}
	}
	return false
}

// validatePodSpec is the server's ValidatePodSpec: for a Pod, podName is
// its name; for a pod template (no pod metadata), "".
func validatePodSpec(spec *corev1.PodSpec, podName string, fldPath *field.Path, opts Options) field.ErrorList {
	var allErrs field.ErrorList
	if spec.TerminationGracePeriodSeconds == nil {
		allErrs = append(allErrs, field.Required(fldPath.Child("terminationGracePeriodSeconds"), ""))
	}
	gracePeriod := spec.TerminationGracePeriodSeconds
	hostUsers := spec.HostUsers == nil || *spec.HostUsers

	// A field's path is built only when there is something to check under
	// it, or for an error: the checks below report nothing for an empty
	// list, a nil pointer or a name that is certainly valid.
	var vols map[string]*corev1.VolumeSource
	if len(spec.Volumes) > 0 {
		var vErrs field.ErrorList
		vols, vErrs = validateVolumes(spec.Volumes, podName, fldPath.Child("volumes"))
		allErrs = append(allErrs, vErrs...)
	}
	podClaimNames := newStringSet[string]()
	for _, c := range spec.ResourceClaims {
		if c.Name != "" {
			podClaimNames.insert(c.Name)
		}
	}
	if len(spec.ResourceClaims) > 0 {
		allErrs = append(allErrs, validatePodResourceClaims(spec.ResourceClaims, fldPath.Child("resourceClaims"))...)
	}
	cv := containerValidator{volumes: vols, podClaimNames: podClaimNames, gracePeriod: gracePeriod, os: spec.OS,
		restartPolicy: spec.RestartPolicy, hostUsers: hostUsers, opts: opts}
	allErrs = append(allErrs, cv.validateContainers(spec.Containers, fldPath.Child("containers"))...)
	if len(spec.InitContainers) > 0 {
		allErrs = append(allErrs, cv.validateInitContainers(spec.InitContainers, spec.Containers, fldPath.Child("initContainers"))...)
	}
	if len(spec.EphemeralContainers) > 0 {
		allErrs = append(allErrs, cv.validateEphemeralContainers(spec.EphemeralContainers, spec.Containers, spec.InitContainers, fldPath.Child("ephemeralContainers"))...)
	}
	allErrs = append(allErrs, validatePodResources(spec, podClaimNames, fldPath)...)
	allErrs = append(allErrs, validatePodHostNetworkDeps(spec, fldPath)...)

	switch spec.RestartPolicy {
	case corev1.RestartPolicyAlways, corev1.RestartPolicyOnFailure, corev1.RestartPolicyNever:
	case "":
		allErrs = append(allErrs, field.Required(fldPath.Child("restartPolicy"), ""))
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("restartPolicy"), spec.RestartPolicy,
			[]corev1.RestartPolicy{corev1.RestartPolicyAlways, corev1.RestartPolicyOnFailure, corev1.RestartPolicyNever}))
	}
	switch spec.DNSPolicy {
	case corev1.DNSClusterFirstWithHostNet, corev1.DNSClusterFirst, corev1.DNSDefault, corev1.DNSNone:
	case "":
		allErrs = append(allErrs, field.Required(fldPath.Child("dnsPolicy"), ""))
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("dnsPolicy"), spec.DNSPolicy,
			[]corev1.DNSPolicy{corev1.DNSClusterFirstWithHostNet, corev1.DNSClusterFirst, corev1.DNSDefault, corev1.DNSNone}))
	}
	if !validLabels(spec.NodeSelector) {
		allErrs = append(allErrs, ValidateLabels(spec.NodeSelector, fldPath.Child("nodeSelector"))...)
	}
	if spec.SecurityContext != nil {
		allErrs = append(allErrs, validatePodSecurityContext(spec.SecurityContext, spec, fldPath.Child("securityContext"))...)
	}
	if spec.ShareProcessNamespace != nil && spec.HostPID && *spec.ShareProcessNamespace {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("shareProcessNamespace"), *spec.ShareProcessNamespace, "ShareProcessNamespace and HostPID cannot both be enabled"))
	}
	for i, s := range spec.ImagePullSecrets {
		if !reflect.DeepEqual(corev1.LocalObjectReference{Name: s.Name}, s) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("imagePullSecrets").Index(i), s, "only name may be set"))
		}
	}
	if spec.Affinity != nil {
		allErrs = append(allErrs, validateAffinity(spec.Affinity, fldPath.Child("affinity"))...)
	}
	if spec.DNSConfig != nil || spec.DNSPolicy == corev1.DNSNone {
		allErrs = append(allErrs, validatePodDNSConfig(spec.DNSConfig, spec.DNSPolicy, fldPath.Child("dnsConfig"))...)
	}
	for i, g := range spec.ReadinessGates {
		allErrs = append(allErrs, validateQualifiedName(string(g.ConditionType), fldPath.Child("readinessGates").Index(i).Child("conditionType"))...)
	}
	seenGates := newStringSet[string]()
	for i, g := range spec.SchedulingGates {
		allErrs = append(allErrs, validateQualifiedName(g.Name, fldPath.Child("schedulingGates").Index(i))...)
		if seenGates.has(g.Name) {
			allErrs = append(allErrs, field.Duplicate(fldPath.Child("schedulingGates").Index(i), g.Name))
		}
		seenGates.insert(g.Name)
	}
	if len(spec.TopologySpreadConstraints) > 0 {
		allErrs = append(allErrs, validateTopologySpreadConstraints(spec.TopologySpreadConstraints, fldPath.Child("topologySpreadConstraints"))...)
	}
	allErrs = append(allErrs, validateWindowsHostProcessPod(spec, fldPath, opts)...)
	allErrs = append(allErrs, validateHostUsers(spec, fldPath)...)
	allErrs = append(allErrs, validatePodHostName(spec, fldPath)...)
	if spec.ServiceAccountName != "" && !names.DNS1123Subdomain(spec.ServiceAccountName) {
		allErrs = append(allErrs, validateSubdomainName(spec.ServiceAccountName, fldPath.Child("serviceAccountName"))...)
	}
	if sa := spec.DeprecatedServiceAccount; sa != spec.ServiceAccountName { //nolint:staticcheck // the server checks the deprecated field
		allErrs = append(allErrs, field.Invalid(fldPath.Child("deprecatedServiceAccount"), sa, fmt.Sprintf("must be the same as serviceAccountName: %q", spec.ServiceAccountName)))
	}
	if spec.NodeName != "" && !names.DNS1123Subdomain(spec.NodeName) {
		allErrs = append(allErrs, validateSubdomainName(spec.NodeName, fldPath.Child("nodeName"))...)
	}
	if ads := spec.ActiveDeadlineSeconds; ads != nil && (*ads < 1 || *ads > math.MaxInt32) {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("activeDeadlineSeconds"), *ads, validation.InclusiveRangeError(1, math.MaxInt32)))
	}
	if spec.Hostname != "" && !names.DNS1123Label(spec.Hostname) {
		allErrs = append(allErrs, validateDNS1123Label(spec.Hostname, fldPath.Child("hostname"))...)
	}
	if spec.Subdomain != "" && !names.DNS1123Label(spec.Subdomain) {
		allErrs = append(allErrs, validateDNS1123Label(spec.Subdomain, fldPath.Child("subdomain"))...)
	}
	if len(spec.Tolerations) > 0 {
		allErrs = append(allErrs, validateTolerations(spec.Tolerations, fldPath.Child("tolerations"))...)
	}
	for i, ha := range spec.HostAliases {
		allErrs = append(allErrs, validation.IsValidIPForLegacyField(fldPath.Child("hostAliases").Index(i).Child("ip"), ha.IP, true, nil)...)
		for j, h := range ha.Hostnames {
			allErrs = append(allErrs, validateDNS1123Subdomain(h, fldPath.Child("hostAliases").Index(i).Child("hostnames").Index(j))...)
		}
	}
	if spec.PriorityClassName != "" && !names.DNS1123Subdomain(spec.PriorityClassName) {
		allErrs = append(allErrs, validateSubdomainName(spec.PriorityClassName, fldPath.Child("priorityClassName"))...)
	}
	if spec.RuntimeClassName != nil && !names.DNS1123Subdomain(*spec.RuntimeClassName) {
		allErrs = append(allErrs, validateSubdomainName(*spec.RuntimeClassName, fldPath.Child("runtimeClassName"))...)
	}
	if pp := spec.PreemptionPolicy; pp != nil {
		switch *pp {
		case corev1.PreemptLowerPriority, corev1.PreemptNever:
		case "":
			allErrs = append(allErrs, field.Required(fldPath.Child("preemptionPolicy"), ""))
		default:
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("preemptionPolicy"), *pp, []corev1.PreemptionPolicy{corev1.PreemptLowerPriority, corev1.PreemptNever}))
		}
	}
	if spec.Overhead != nil {
		allErrs = append(allErrs, validateResourceRequirements(&corev1.ResourceRequirements{Limits: spec.Overhead}, validateContainerResourceName, nil, fldPath.Child("overhead"))...)
	}
	if spec.OS != nil {
		osErrs := validateOS(spec.OS, fldPath.Child("os"))
		switch {
		case len(osErrs) > 0:
			allErrs = append(allErrs, osErrs...)
		case spec.OS.Name == corev1.Linux:
			allErrs = append(allErrs, validateLinux(spec, fldPath)...)
		case spec.OS.Name == corev1.Windows:
			allErrs = append(allErrs, validateWindows(spec, fldPath)...)
		}
	}
	allErrs = append(allErrs, validateFileKeyRefVolumes(spec, fldPath)...)
	return allErrs
}

// validatePodHostNetworkDeps checks host ports under hostNetwork: in a
// template, a host port must be 0 or equal the container port.
func validatePodHostNetworkDeps(spec *corev1.PodSpec, fldPath *field.Path) field.ErrorList {
	if !spec.HostNetwork {
		return nil
	}
	var allErrs field.ErrorList
	for i, c := range spec.Containers {
		for j, port := range c.Ports {
			if port.HostPort != 0 && port.HostPort != port.ContainerPort {
				p := fldPath.Child("containers").Index(i).Child("ports").Index(j).Child("hostPort")
				allErrs = append(allErrs, field.Invalid(p, port.HostPort, "must match `containerPort` when `hostNetwork` is true"))
			}
		}
	}
	return allErrs
}

// The limits of a pod's DNS configuration.
const (
	maxDNSNameservers     = 3
	maxDNSSearchPaths     = 32
	maxDNSSearchListChars = 2048
)

// validatePodDNSConfig checks dnsConfig, which dnsPolicy None requires.
func validatePodDNSConfig(dnsConfig *corev1.PodDNSConfig, dnsPolicy corev1.DNSPolicy, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if dnsPolicy == corev1.DNSNone {
		if dnsConfig == nil {
			return append(allErrs, field.Required(fldPath, "must provide `dnsConfig` when `dnsPolicy` is None"))
		}
		if len(dnsConfig.Nameservers) == 0 {
			return append(allErrs, field.Required(fldPath.Child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None"))
		}
	}
	if dnsConfig == nil {
		return allErrs
	}
	if len(dnsConfig.Nameservers) > maxDNSNameservers {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("nameservers"), dnsConfig.Nameservers, fmt.Sprintf("must not have more than %v nameservers", maxDNSNameservers)))
	}
	for i, ns := range dnsConfig.Nameservers {
		allErrs = append(allErrs, validation.IsValidIPForLegacyField(fldPath.Child("nameservers").Index(i), ns, true, nil)...)
	}
	if len(dnsConfig.Searches) > maxDNSSearchPaths {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("searches"), dnsConfig.Searches, fmt.Sprintf("must not have more than %v search paths", maxDNSSearchPaths)))
	}
	if len(strings.Join(dnsConfig.Searches, " ")) > maxDNSSearchListChars {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("searches"), dnsConfig.Searches, "must not have more than 2048 characters (including spaces) in the search list"))
	}
	for i, search := range dnsConfig.Searches {
		if search != "." {
			search = strings.TrimSuffix(search, ".")
			for _, msg := range validation.IsDNS1123SubdomainWithUnderscore(search) {
				allErrs = append(allErrs, field.Invalid(fldPath.Child("searches").Index(i), search, msg))
			}
		}
	}
	for i, option := range dnsConfig.Options {
		if option.Name == "" {
			allErrs = append(allErrs, field.Required(fldPath.Child("options").Index(i), "must not be empty"))
		}
	}
	return allErrs
}

// validateHostUsers checks what a pod with its own user namespace
// (hostUsers: false) may not do.
func validateHostUsers(spec *corev1.PodSpec, fldPath *field.Path) field.ErrorList {
	if spec.HostUsers == nil || *spec.HostUsers {
		return nil
	}
	var allErrs field.ErrorList
	if spec.HostNetwork {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("hostNetwork"), "when `hostUsers` is false"))
	}
	if spec.HostPID {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("HostPID"), "when `hostUsers` is false"))
	}
	if spec.HostIPC {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("HostIPC"), "when `hostUsers` is false"))
	}
	for _, ref := range allContainers(spec, fldPath) {
		if len(ref.c.VolumeDevices) > 0 {
			allErrs = append(allErrs, field.Forbidden(ref.path().Child("volumeDevices"), "when `hostUsers` is false"))
		}
	}
	return allErrs
}

// validatePodHostName checks hostnameOverride.
func validatePodHostName(spec *corev1.PodSpec, fldPath *field.Path) field.ErrorList {
	if spec.HostnameOverride == nil {
		return nil
	}
	var allErrs field.ErrorList
	p := fldPath.Child("hostnameOverride")
	if spec.SetHostnameAsFQDN != nil && *spec.SetHostnameAsFQDN {
		allErrs = append(allErrs, field.Forbidden(p, "may not be specified when setHostnameAsFQDN is true"))
	}
	if spec.HostNetwork {
		allErrs = append(allErrs, field.Forbidden(p, "may not be specified when hostNetwork is true"))
	}
	if len(*spec.HostnameOverride) > 64 {
		allErrs = append(allErrs, field.TooLong(p, "", 64))
	}
	return append(allErrs, validateDNS1123Subdomain(*spec.HostnameOverride, p)...)
}

// validateFileKeyRefVolumes checks that env fileKeyRefs name an emptyDir
// volume of the pod.
func validateFileKeyRefVolumes(spec *corev1.PodSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	sources := make(map[string]*corev1.VolumeSource, len(spec.Volumes))
	for i := range spec.Volumes {
		sources[spec.Volumes[i].Name] = &spec.Volumes[i].VolumeSource
	}
	for _, ref := range allContainers(spec, fldPath) {
		for j, env := range ref.c.Env {
			if env.ValueFrom == nil || env.ValueFrom.FileKeyRef == nil {
				continue
			}
			name := env.ValueFrom.FileKeyRef.VolumeName
			p := ref.path().Child("env").Index(j).Child("valueFrom", "fileKeyRef", "volumeName")
			source, ok := sources[name]
			switch {
			case !ok:
				allErrs = append(allErrs, field.NotFound(p, name))
			case source.EmptyDir == nil:
				allErrs = append(allErrs, field.Invalid(p, name, "referenced volume must be of type emptyDir"))
			}
		}
	}
	return allErrs
}

// validatePodResourceClaims checks spec.resourceClaims.
func validatePodResourceClaims(claims []corev1.PodResourceClaim, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	names := newStringSet[string]()
	for i, claim := range claims {
		p := fldPath.Index(i)
		switch {
		case claim.Name == "":
			allErrs = append(allErrs, field.Required(p.Child("name"), ""))
		case names.has(claim.Name):
			allErrs = append(allErrs, field.Duplicate(p.Child("name"), claim.Name))
		default:
			allErrs = append(allErrs, validateDNS1123Label(claim.Name, p.Child("name"))...)
			names.insert(claim.Name)
		}
		if claim.ResourceClaimName != nil && claim.ResourceClaimTemplateName != nil {
			allErrs = append(allErrs, field.Invalid(p, internalPodResourceClaim(claim), "at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified"))
		}
		if claim.ResourceClaimName == nil && claim.ResourceClaimTemplateName == nil {
			allErrs = append(allErrs, field.Invalid(p, internalPodResourceClaim(claim), "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`"))
		}
		if claim.ResourceClaimName != nil {
			allErrs = append(allErrs, validateSubdomainName(*claim.ResourceClaimName, p.Child("resourceClaimName"))...)
		}
		if claim.ResourceClaimTemplateName != nil {
			allErrs = append(allErrs, validateSubdomainName(*claim.ResourceClaimTemplateName, p.Child("resourceClaimTemplateName"))...)
		}
	}
	return allErrs
}

// internalPodResourceClaim renders a pod resource claim the way the server
// prints it in an error.
func internalPodResourceClaim(c corev1.PodResourceClaim) any {
	return struct {
		Name                      string
		ResourceClaimName         *string
		ResourceClaimTemplateName *string
	}{c.Name, c.ResourceClaimName, c.ResourceClaimTemplateName}
}

// validOS are the operating systems a pod may name.
var validOS = newStringSet(corev1.Linux, corev1.Windows)

// validateOS checks spec.os.
func validateOS(os *corev1.PodOS, fldPath *field.Path) field.ErrorList {
	if os.Name == "" {
		return field.ErrorList{field.Required(fldPath.Child("name"), "")}
	}
	if !validOS.has(string(os.Name)) {
		return field.ErrorList{field.NotSupported(fldPath, os.Name, validOS.supported())}
	}
	return nil
}

// validateLinux checks what a Linux pod may not set.
func validateLinux(spec *corev1.PodSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if sc := spec.SecurityContext; sc != nil && sc.WindowsOptions != nil {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("securityContext", "windowsOptions"), "windows options cannot be set for a linux pod"))
	}
	for _, ref := range allContainers(spec, fldPath) {
		if sc := ref.c.SecurityContext; sc != nil && sc.WindowsOptions != nil {
			allErrs = append(allErrs, field.Forbidden(ref.path().Child("securityContext", "windowsOptions"), "windows options cannot be set for a linux pod"))
		}
	}
	return allErrs
}

// validateWindows checks what a Windows pod may not set.
func validateWindows(spec *corev1.PodSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	forbid := func(p *field.Path, set bool) {
		if set {
			allErrs = append(allErrs, field.Forbidden(p, "cannot be set for a windows pod"))
		}
	}
	if sc := spec.SecurityContext; sc != nil {
		p := fldPath.Child("securityContext")
		forbid(p.Child("appArmorProfile"), sc.AppArmorProfile != nil)
		forbid(p.Child("seLinuxOptions"), sc.SELinuxOptions != nil)
		forbid(p.Child("seccompProfile"), sc.SeccompProfile != nil)
		forbid(p.Child("fsGroup"), sc.FSGroup != nil)
		forbid(p.Child("fsGroupChangePolicy"), sc.FSGroupChangePolicy != nil)
		forbid(p.Child("sysctls"), len(sc.Sysctls) > 0)
		forbid(p.Child("runAsUser"), sc.RunAsUser != nil)
		forbid(p.Child("runAsGroup"), sc.RunAsGroup != nil)
		forbid(p.Child("supplementalGroups"), sc.SupplementalGroups != nil)
		forbid(p.Child("supplementalGroupsPolicy"), sc.SupplementalGroupsPolicy != nil)
		forbid(p.Child("seLinuxChangePolicy"), sc.SELinuxChangePolicy != nil)
	}
	forbid(fldPath.Child("hostUsers"), spec.HostUsers != nil)
	forbid(fldPath.Child("hostPID"), spec.HostPID)
	forbid(fldPath.Child("hostIPC"), spec.HostIPC)
	forbid(fldPath.Child("shareProcessNamespace"), spec.ShareProcessNamespace != nil)
	for _, ref := range allContainers(spec, fldPath) {
		sc := ref.c.SecurityContext
		if sc == nil {
			continue
		}
		p := ref.path().Child("securityContext")
		forbid(p.Child("appArmorProfile"), sc.AppArmorProfile != nil)
		forbid(p.Child("seLinuxOptions"), sc.SELinuxOptions != nil)
		forbid(p.Child("seccompProfile"), sc.SeccompProfile != nil)
		forbid(p.Child("capabilities"), sc.Capabilities != nil)
		forbid(p.Child("readOnlyRootFilesystem"), sc.ReadOnlyRootFilesystem != nil)
		forbid(p.Child("privileged"), sc.Privileged != nil)
		forbid(p.Child("allowPrivilegeEscalation"), sc.AllowPrivilegeEscalation != nil)
		forbid(p.Child("procMount"), sc.ProcMount != nil)
		forbid(p.Child("runAsUser"), sc.RunAsUser != nil)
		forbid(p.Child("runAsGroup"), sc.RunAsGroup != nil)
	}
	return allErrs
}
