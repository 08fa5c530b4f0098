package core

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation/field"
	resourcehelper "k8s.io/component-helpers/resource"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
)

// ValidatePod returns the API server's errors for creating pod (the
// server's ValidatePodCreate with the pod strategy's options, after its
// PrepareForCreate), in the server's order, after the server's defaults
// (see PodWithDefaults). pod itself is not changed. What only a Pod
// checks, beside its pod spec: its metadata (a DNS subdomain name), the
// pod annotations at metadata.annotations, service account tokens that
// need a serviceAccountName, images without surrounding spaces, no
// ephemeral containers on create, and no nodeName while scheduling gates
// remain.
func ValidatePod(pod *corev1.Pod, opts Options) field.ErrorList {
	pod = PodWithDefaults(pod)
	PrepareForCreate(&pod.ObjectMeta, true)
	preparePodForCreate(pod)
	metaPath, specPath := field.NewPath("metadata"), field.NewPath("spec")
	allErrs := ValidateObjectMeta(&pod.ObjectMeta, true, names.NameIsDNSSubdomain, metaPath)
	allErrs = append(allErrs, validatePodSpecificAnnotations(pod.Annotations, &pod.Spec, metaPath)...)
	allErrs = append(allErrs, validatePodSpec(&pod.Spec, pod.Name, specPath, opts)...)
	allErrs = append(allErrs, validateSeccompAnnotationsAndFields(pod.Annotations, &pod.Spec, specPath)...)
	allErrs = append(allErrs, validateAppArmorAnnotationsAndFields(pod.Annotations, &pod.Spec, specPath)...)
	if pod.Spec.ServiceAccountName == "" {
		for vi, v := range pod.Spec.Volumes {
			if v.Projected == nil {
				continue
			}
			for si, src := range v.Projected.Sources {
				if src.ServiceAccountToken != nil {
					allErrs = append(allErrs, field.Forbidden(specPath.Child("volumes").Index(vi).Child("projected", "sources").Index(si).Child("serviceAccountToken"),
						"must not be specified when serviceAccountName is not set"))
				}
			}
		}
	}
	allErrs = append(allErrs, validateImagesOnlyForPod(pod.Spec.Containers, specPath.Child("containers"))...)
	allErrs = append(allErrs, validateImagesOnlyForPod(pod.Spec.InitContainers, specPath.Child("initContainers"))...)
	if len(pod.Spec.EphemeralContainers) > 0 {
		allErrs = append(allErrs, field.Forbidden(specPath.Child("ephemeralContainers"), "cannot be set on create"))
	}
	if pod.Spec.NodeName != "" && len(pod.Spec.SchedulingGates) != 0 {
		allErrs = append(allErrs, field.Forbidden(specPath.Child("nodeName"), "cannot be set until all schedulingGates have been cleared"))
	}
	return Dedupe(allErrs)
}

// validateImagesOnlyForPod checks what a Pod's containers must get right
// and a template's need not: an image without leading or trailing spaces.
func validateImagesOnlyForPod(containers []corev1.Container, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for i, c := range containers {
		if len(c.Image) != len(strings.TrimSpace(c.Image)) {
			allErrs = append(allErrs, field.Invalid(fldPath.Index(i).Child("image"), c.Image, "must not have leading or trailing whitespace"))
		}
	}
	return allErrs
}

// PodWithDefaults returns a copy of pod with the defaults the API server
// applies to a v1 Pod before validating it: the pod template defaults (see
// SetPodTemplateDefaults), each container's requests copied from its
// limits where unset, pod-level requests where pod-level limits are set
// (see defaultPodRequests), enableServiceLinks, and under hostNetwork each
// container port's hostPort. pod itself is not changed.
func PodWithDefaults(pod *corev1.Pod) *corev1.Pod {
	pod = pod.DeepCopy()
	t := corev1.PodTemplateSpec{ObjectMeta: pod.ObjectMeta, Spec: pod.Spec}
	SetPodTemplateDefaults(&t)
	pod.ObjectMeta, pod.Spec = t.ObjectMeta, t.Spec
	spec := &pod.Spec
	for _, cs := range [][]corev1.Container{spec.Containers, spec.InitContainers} {
		for i := range cs {
			requestsFromLimits(&cs[i].Resources)
		}
	}
	defaultPodRequests(pod)
	if spec.EnableServiceLinks == nil {
		spec.EnableServiceLinks = new(corev1.DefaultEnableServiceLinks)
	}
	if spec.HostNetwork {
		for _, cs := range [][]corev1.Container{spec.Containers, spec.InitContainers} {
			for i := range cs {
				for j := range cs[i].Ports {
					if cs[i].Ports[j].HostPort == 0 {
						cs[i].Ports[j].HostPort = cs[i].Ports[j].ContainerPort
					}
				}
			}
		}
	}
	return pod
}

// defaultPodRequests gives pod-level requests where pod-level limits are
// set, as the Pod defaults do: for each supported resource without a
// request, the containers' aggregate requests, or else the pod's limit.
func defaultPodRequests(pod *corev1.Pod) {
	r := pod.Spec.Resources
	if r == nil || len(r.Limits) == 0 {
		return
	}
	reqs := r.Requests
	if reqs == nil {
		reqs = corev1.ResourceList{}
	}
	for name, q := range resourcehelper.AggregateContainerRequests(pod, resourcehelper.PodResourcesOptions{}) {
		if _, ok := reqs[name]; !ok && resourcehelper.IsSupportedPodLevelResource(name) {
			reqs[name] = q.DeepCopy()
		}
	}
	for name, q := range r.Limits {
		if _, ok := reqs[name]; !ok && resourcehelper.IsSupportedPodLevelResource(name) {
			reqs[name] = q.DeepCopy()
		}
	}
	if len(reqs) > 0 {
		r.Requests = reqs
	}
}

// requestsFromLimits gives every limited resource without a request a
// request equal to its limit, as the Pod defaults do.
func requestsFromLimits(r *corev1.ResourceRequirements) {
	if r.Limits == nil {
		return
	}
	if r.Requests == nil {
		r.Requests = make(corev1.ResourceList, len(r.Limits))
	}
	for name, q := range r.Limits {
		if _, ok := r.Requests[name]; !ok {
			r.Requests[name] = q.DeepCopy()
		}
	}
}

// ValidatePodTemplate returns the API server's errors for creating a
// PodTemplate object, in the server's order, after the server's defaults:
// its metadata (a DNS subdomain name) and its template, validated as every
// workload's pod template is (see ValidatePodTemplateSpec), at template.
// pt itself is not changed.
func ValidatePodTemplate(pt *corev1.PodTemplate, opts Options) field.ErrorList {
	pt = pt.DeepCopy()
	SetPodTemplateDefaults(&pt.Template)
	PrepareForCreate(&pt.ObjectMeta, true)
	allErrs := ValidateObjectMeta(&pt.ObjectMeta, true, names.NameIsDNSSubdomain, field.NewPath("metadata"))
	allErrs = append(allErrs, ValidatePodTemplateSpec(&pt.Template, field.NewPath("template"), opts)...)
	return Dedupe(allErrs)
}

// ValidateReplicationController returns the API server's errors for
// creating rc, in the server's order, after the server's defaults (see
// ReplicationControllerWithDefaults): its metadata (a DNS subdomain name),
// minReadySeconds, a non-empty selector that selects the template's
// labels, replicas, and the pod template, whose pods must always restart
// and may have no deadline. rc itself is not changed.
func ValidateReplicationController(rc *corev1.ReplicationController, opts Options) field.ErrorList {
	rc = ReplicationControllerWithDefaults(rc)
	PrepareForCreate(&rc.ObjectMeta, true)
	allErrs := ValidateObjectMeta(&rc.ObjectMeta, true, names.NameIsDNSSubdomain, field.NewPath("metadata"))
	spec := &rc.Spec
	fldPath := field.NewPath("spec")
	allErrs = append(allErrs, validateNonnegative(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
	selector := labels.Set(spec.Selector).AsSelector()
	if selector.Empty() {
		allErrs = append(allErrs, field.Required(fldPath.Child("selector"), ""))
	}
	allErrs = append(allErrs, validateNonnegative(int64(*spec.Replicas), fldPath.Child("replicas"))...)
	tp := fldPath.Child("template")
	t := spec.Template
	if t == nil {
		return Dedupe(append(allErrs, field.Required(tp, "")))
	}
	if !selector.Empty() && !selector.Matches(labels.Set(t.Labels)) {
		allErrs = append(allErrs, field.Invalid(tp.Child("metadata", "labels"), t.Labels, "`selector` does not match template `labels`"))
	}
	allErrs = append(allErrs, ValidatePodTemplateSpec(t, tp, opts)...)
	if t.Spec.RestartPolicy != corev1.RestartPolicyAlways {
		allErrs = append(allErrs, field.NotSupported(tp.Child("spec", "restartPolicy"), t.Spec.RestartPolicy, []corev1.RestartPolicy{corev1.RestartPolicyAlways}))
	}
	if t.Spec.ActiveDeadlineSeconds != nil {
		allErrs = append(allErrs, field.Forbidden(tp.Child("spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in ReplicationController is not Supported"))
	}
	return Dedupe(allErrs)
}

// ReplicationControllerWithDefaults returns a copy of rc with the defaults
// the API server applies to a v1 ReplicationController: a missing selector
// and missing labels are the template's labels, one replica, and the pod
// template defaults. rc itself is not changed.
func ReplicationControllerWithDefaults(rc *corev1.ReplicationController) *corev1.ReplicationController {
	rc = rc.DeepCopy()
	if t := rc.Spec.Template; t != nil {
		if len(rc.Spec.Selector) == 0 {
			rc.Spec.Selector = t.Labels
		}
		if len(rc.Labels) == 0 {
			rc.Labels = t.Labels
		}
		SetPodTemplateDefaults(t)
	}
	if rc.Spec.Replicas == nil {
		rc.Spec.Replicas = new(int32(1))
	}
	return rc
}

// ValidatePersistentVolumeClaimSpec is the server's claim spec validation
// (as for a StatefulSet's volumeClaimTemplates or a generic ephemeral
// volume): access modes, the storage request, class names, volume mode
// and data source, at fldPath.
func ValidatePersistentVolumeClaimSpec(spec *corev1.PersistentVolumeClaimSpec, fldPath *field.Path) field.ErrorList {
	return validatePersistentVolumeClaimSpec(spec, fldPath)
}
