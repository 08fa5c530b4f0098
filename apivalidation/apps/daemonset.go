package apps

import (
	appsv1 "k8s.io/api/apps/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"maps"

	"github.com/daemonlint/daemonlint/apivalidation/core"
)

// ValidateDaemonSet returns the API server's errors for creating ds
// (kube-apiserver v1.37.2, as `kubectl apply --dry-run=server` sees them),
// in the server's order: the field paths, error types and detail texts are
// the server's. As on the server, ds is validated after the apps/v1 and
// core/v1 defaults (see DaemonSetWithDefaults), with a missing namespace
// taken as "default"; ds itself is not changed.
//
// ds is what a strict decoder made of the manifest: fields the server would
// reject while decoding (unknown fields, wrong types, bad quantities) are
// not ValidateDaemonSet's concern. The one decoding-time failure it reports
// is a deprecated.daemonset.template.generation annotation that is not an
// integer, which the server cannot convert: it is the only error then, at
// that annotation, as the server answers 400 before validating anything
// (see IsConversionError).
func ValidateDaemonSet(ds *appsv1.DaemonSet, opts core.Options) field.ErrorList {
	if err := conversionError(ds.Annotations, appsv1.DeprecatedTemplateGeneration); err != nil {
		return field.ErrorList{err}
	}
	ds = DaemonSetWithDefaults(ds)
	delete(ds.Annotations, appsv1.DeprecatedTemplateGeneration)
	allErrs := validateWorkloadMeta(&ds.ObjectMeta)
	spec := &ds.Spec
	fldPath := field.NewPath("spec")
	allErrs = append(allErrs, DaemonSetSelectorErrors(ds)...)
	allErrs = append(allErrs, validateWorkloadTemplate(&spec.Template, fldPath.Child("template"), "DaemonSet", opts)...)
	if spec.MinReadySeconds < 0 {
		allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
	}
	allErrs = append(allErrs, validateDaemonSetUpdateStrategy(&spec.UpdateStrategy, fldPath.Child("updateStrategy"))...)
	if spec.RevisionHistoryLimit != nil && *spec.RevisionHistoryLimit < 0 {
		allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(*spec.RevisionHistoryLimit), fldPath.Child("revisionHistoryLimit"))...)
	}
	return dedupe(allErrs)
}

// DaemonSetWithDefaults returns a copy of ds with the defaults the API
// server applies to an apps/v1 DaemonSet before validating it: a
// RollingUpdate update strategy with maxUnavailable 1 and maxSurge 0, a
// revisionHistoryLimit of 10, and the pod template defaults (see
// core.SetPodTemplateDefaults). ds itself is not changed; the result
// shares with it what defaulting and validation do not write (see
// core.TemplateForDefaults), which a caller must not change either.
func DaemonSetWithDefaults(ds *appsv1.DaemonSet) *appsv1.DaemonSet {
	// A copy of what defaulting and validation write: the DaemonSet, its
	// spec, labels and annotations, the rolling update parameters and the
	// template (see core.TemplateForDefaults).
	out := *ds
	ds = &out
	ds.Labels, ds.Annotations = maps.Clone(ds.Labels), maps.Clone(ds.Annotations)
	ds.Spec.UpdateStrategy.RollingUpdate = ds.Spec.UpdateStrategy.RollingUpdate.DeepCopy()
	ds.Spec.Template = core.TemplateForDefaults(&ds.Spec.Template)
	us := &ds.Spec.UpdateStrategy
	if us.Type == "" {
		us.Type = appsv1.RollingUpdateDaemonSetStrategyType
	}
	if us.Type == appsv1.RollingUpdateDaemonSetStrategyType {
		if us.RollingUpdate == nil {
			us.RollingUpdate = &appsv1.RollingUpdateDaemonSet{}
		}
		ru := us.RollingUpdate
		setRollingDefaults(&ru.MaxUnavailable, &ru.MaxSurge, intstr.FromInt32(1), intstr.FromInt32(0))
	}
	if ds.Spec.RevisionHistoryLimit == nil {
		ds.Spec.RevisionHistoryLimit = new(int32(10))
	}
	core.SetPodTemplateDefaults(&ds.Spec.Template)
	return ds
}

// internalDaemonSetUpdateStrategy renders a DaemonSet update strategy the
// way the server prints it in an error: its internal type has no JSON tags,
// and an unset IntOrString is 0.
type internalDaemonSetUpdateStrategy struct {
	Type          appsv1.DaemonSetUpdateStrategyType
	RollingUpdate *internalRollingUpdate
}

// validateDaemonSetUpdateStrategy checks a (defaulted) update strategy.
func validateDaemonSetUpdateStrategy(s *appsv1.DaemonSetUpdateStrategy, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch s.Type {
	case appsv1.OnDeleteDaemonSetStrategyType:
	case appsv1.RollingUpdateDaemonSetStrategyType:
		if s.RollingUpdate == nil {
			return append(allErrs, field.Required(fldPath.Child("rollingUpdate"), ""))
		}
		ru := internalRolling(s.RollingUpdate.MaxUnavailable, s.RollingUpdate.MaxSurge, true)
		allErrs = append(allErrs, validateRollingUpdateDaemonSet(ru, fldPath.Child("rollingUpdate"))...)
	default:
		var ru *internalRollingUpdate
		if s.RollingUpdate != nil {
			ru = internalRolling(s.RollingUpdate.MaxUnavailable, s.RollingUpdate.MaxSurge, true)
		}
		value := internalDaemonSetUpdateStrategy{Type: s.Type, RollingUpdate: ru}
		allErrs = append(allErrs, field.NotSupported(fldPath, value, []appsv1.DaemonSetUpdateStrategyType{appsv1.RollingUpdateDaemonSetStrategyType, appsv1.OnDeleteDaemonSetStrategyType}))
	}
	return allErrs
}

// validateRollingUpdateDaemonSet checks a DaemonSet's maxUnavailable and
// maxSurge: each an integer or a percentage up to 100%, and exactly one of
// them non-zero.
func validateRollingUpdateDaemonSet(ru *internalRollingUpdate, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if !validIntOrPercent(ru.MaxUnavailable) || !validIntOrPercent(ru.MaxSurge) {
		allErrs = append(allErrs, validatePositiveIntOrPercent(ru.MaxUnavailable, fldPath.Child("maxUnavailable"))...)
		allErrs = append(allErrs, validatePositiveIntOrPercent(ru.MaxSurge, fldPath.Child("maxSurge"))...)
		allErrs = append(allErrs, isNotMoreThan100Percent(ru.MaxUnavailable, fldPath.Child("maxUnavailable"))...)
		allErrs = append(allErrs, isNotMoreThan100Percent(ru.MaxSurge, fldPath.Child("maxSurge"))...)
	}
	hasUnavailable := IntOrPercentValue(ru.MaxUnavailable) != 0
	hasSurge := IntOrPercentValue(ru.MaxSurge) != 0
	switch {
	case hasUnavailable && hasSurge:
		allErrs = append(allErrs, field.Invalid(fldPath.Child("maxSurge"), ru.MaxSurge, "may not be set when maxUnavailable is non-zero"))
	case !hasUnavailable && !hasSurge:
		allErrs = append(allErrs, field.Required(fldPath.Child("maxUnavailable"), "cannot be 0 when maxSurge is 0"))
	}
	return allErrs
}
