package apps

import (
	"fmt"
	"strconv"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/core"
	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
)

// validateWorkloadMeta prepares and validates the metadata of an apps/v1
// workload as the create handler does: a namespaced object whose name must
// be a DNS subdomain. It changes m, which belongs to the defaulted copy.
func validateWorkloadMeta(m *metav1.ObjectMeta) field.ErrorList {
	core.PrepareForCreate(m, true)
	return core.ValidateObjectMeta(m, true, names.NameIsDNSSubdomain, field.NewPath("metadata"))
}

// validateReplicatedTemplate checks the selector and pod template of a
// ReplicaSet or Deployment at spec (the server's ValidateReplicaSetSpec
// and ValidatePodTemplateSpecForReplicaSet share these): the selector
// errors, then, when the selector can be parsed, the template's.
func validateReplicatedTemplate(sel *metav1.LabelSelector, t *corev1.PodTemplateSpec, fldPath *field.Path, opts core.Options) field.ErrorList {
	allErrs, parsed := workloadSelectorErrors(sel, t.Labels)
	if parsed {
		allErrs = append(allErrs, validateWorkloadTemplate(t, fldPath.Child("template"), "ReplicaSet", opts)...)
	}
	return allErrs
}

// validateWorkloadTemplate checks a workload's pod template at fldPath:
// the pod template rules of core, then what the workload adds (see
// validateWorkloadPodSpec).
func validateWorkloadTemplate(t *corev1.PodTemplateSpec, fldPath *field.Path, kind string, opts core.Options) field.ErrorList {
	allErrs := core.ValidatePodTemplateSpec(t, fldPath, opts)
	return append(allErrs, validateWorkloadPodSpec(t, fldPath, kind)...)
}

// dedupe drops repeated errors, as the server's list does (see
// core.Dedupe).
func dedupe(errs field.ErrorList) field.ErrorList {
	return core.Dedupe(errs)
}

// conversionError reports an annotation the server converts into an
// integer field and cannot parse.
func conversionError(annotations map[string]string, key string) *field.Error {
	value, ok := annotations[key]
	if !ok {
		return nil
	}
	if key == appsv1.DeprecatedRollbackTo && value == "" {
		return nil
	}
	if _, err := strconv.ParseInt(value, 10, 64); err != nil {
		return field.Invalid(field.NewPath("metadata", "annotations").Key(key), value, err.Error()).WithOrigin(conversionOrigin)
	}
	return nil
}

// conversionOrigin marks the errors of values the server cannot convert.
const conversionOrigin = "daemonlint:conversion"

// IsConversionError reports whether e is an error the API server gives
// while decoding the request (an HTTP 400), before it validates anything:
// an integer annotation of the apps/v1 API that does not parse.
func IsConversionError(e *field.Error) bool {
	return e != nil && e.Origin == conversionOrigin
}

// validateWorkloadPodSpec checks what a DaemonSet, ReplicaSet or
// Deployment adds to the pod template rules: pods must always restart and
// may have no deadline. kind names the workload in the server's message.
func validateWorkloadPodSpec(t *corev1.PodTemplateSpec, fldPath *field.Path, kind string) field.ErrorList {
	var allErrs field.ErrorList
	if t.Spec.RestartPolicy != "Always" {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("spec", "restartPolicy"), t.Spec.RestartPolicy, []string{"Always"}))
	}
	if t.Spec.ActiveDeadlineSeconds != nil {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("spec", "activeDeadlineSeconds"), fmt.Sprintf("activeDeadlineSeconds in %s is not Supported", kind)))
	}
	return allErrs
}

// setRollingDefaults gives a rolling update's maxUnavailable and maxSurge,
// where unset, the values the server defaults them to.
func setRollingDefaults(maxUnavailable, maxSurge **intstr.IntOrString, unavailable, surge intstr.IntOrString) {
	if *maxUnavailable == nil {
		*maxUnavailable = &unavailable
	}
	if *maxSurge == nil {
		*maxSurge = &surge
	}
}

// internalRollingUpdate renders a DaemonSet's or Deployment's rolling
// update parameters the way the server prints them.
type internalRollingUpdate struct {
	MaxUnavailable intstr.IntOrString
	MaxSurge       intstr.IntOrString
}

// internalRolling converts rolling update parameters to their rendering.
func internalRolling(maxUnavailable, maxSurge *intstr.IntOrString, present bool) *internalRollingUpdate {
	if !present {
		return nil
	}
	r := &internalRollingUpdate{}
	if maxUnavailable != nil {
		r.MaxUnavailable = *maxUnavailable
	}
	if maxSurge != nil {
		r.MaxSurge = *maxSurge
	}
	return r
}

// validatePositiveIntOrPercent checks that v is a non-negative integer or a
// percentage string.
func validatePositiveIntOrPercent(v intstr.IntOrString, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch v.Type {
	case intstr.String:
		for _, msg := range names.PercentErrors(v.StrVal) {
			allErrs = append(allErrs, field.Invalid(fldPath, v, msg))
		}
	case intstr.Int:
		allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(v.IntValue()), fldPath)...)
	default:
		allErrs = append(allErrs, field.Invalid(fldPath, v, "must be an integer or percentage (e.g '5%%')"))
	}
	return allErrs
}

// validIntOrPercent reports whether v is a non-negative integer or a
// valid percentage of at most 100%: what validatePositiveIntOrPercent and
// isNotMoreThan100Percent report nothing about, so that the paths they
// would report at need not be built.
func validIntOrPercent(v intstr.IntOrString) bool {
	switch v.Type {
	case intstr.Int:
		return v.IntValue() >= 0
	case intstr.String:
		n, ok := percentValue(v)
		return ok && n <= 100
	}
	return false
}

// percentValue returns the number of a valid percentage string.
func percentValue(v intstr.IntOrString) (int, bool) {
	if v.Type != intstr.String || len(names.PercentErrors(v.StrVal)) != 0 {
		return 0, false
	}
	n, _ := strconv.Atoi(v.StrVal[:len(v.StrVal)-1])
	return n, true
}

// IntOrPercentValue returns the number in a rolling update's
// maxUnavailable or maxSurge as the server reads it when it compares them
// with zero (its getIntOrPercentValue): the number of a valid percentage,
// or IntValue otherwise (which parses a plain numeric string and gives 0
// for anything else).
func IntOrPercentValue(v intstr.IntOrString) int {
	if n, ok := percentValue(v); ok {
		return n
	}
	return v.IntValue()
}

// isNotMoreThan100Percent reports a percentage above 100%.
func isNotMoreThan100Percent(v intstr.IntOrString, fldPath *field.Path) field.ErrorList {
	n, ok := percentValue(v)
	if !ok || n <= 100 {
		return nil
	}
	return field.ErrorList{field.Invalid(fldPath, v, "must not be greater than 100%")}
}
