package apps

import (
	"maps"
	"strconv"

	appsv1 "k8s.io/api/apps/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/core"
)

// ValidateDeployment returns the API server's errors for creating d, in the
// server's order, after the server's defaults (see DeploymentWithDefaults).
// Its selector and pod template follow the ReplicaSet rules (the server's
// messages even say "ReplicaSet"); its strategy, minReadySeconds,
// revisionHistoryLimit and progressDeadlineSeconds have their own. Like
// ValidateDaemonSet, it reports an unparsable
// deprecated.deployment.rollback.to annotation as the only error.
func ValidateDeployment(d *appsv1.Deployment, opts core.Options) field.ErrorList {
	if err := conversionError(d.Annotations, appsv1.DeprecatedRollbackTo); err != nil {
		return field.ErrorList{err}
	}
	d = DeploymentWithDefaults(d)
	rollbackTo := d.Annotations[appsv1.DeprecatedRollbackTo]
	if rollbackTo != "" {
		delete(d.Annotations, appsv1.DeprecatedRollbackTo)
	}
	allErrs := validateWorkloadMeta(&d.ObjectMeta)
	spec := &d.Spec
	fldPath := field.NewPath("spec")
	if *spec.Replicas < 0 {
		allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(*spec.Replicas), fldPath.Child("replicas"))...)
	}
	allErrs = append(allErrs, validateReplicatedTemplate(spec.Selector, &spec.Template, fldPath, opts)...)
	allErrs = append(allErrs, validateDeploymentStrategy(&spec.Strategy, fldPath.Child("strategy"))...)
	if spec.MinReadySeconds < 0 {
		allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
	}
	if spec.RevisionHistoryLimit != nil && *spec.RevisionHistoryLimit < 0 {
		allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(*spec.RevisionHistoryLimit), fldPath.Child("revisionHistoryLimit"))...)
	}
	if rollbackTo != "" {
		revision, _ := strconv.ParseInt(rollbackTo, 10, 64)
		allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(revision, fldPath.Child("rollback", "version"))...)
	}
	if pds := spec.ProgressDeadlineSeconds; pds != nil {
		if *pds < 0 {
			allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(*pds), fldPath.Child("progressDeadlineSeconds"))...)
		}
		if *pds <= spec.MinReadySeconds {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("progressDeadlineSeconds"), pds, "must be greater than minReadySeconds"))
		}
	}
	return dedupe(allErrs)
}

// DeploymentWithDefaults returns a copy of d with the defaults the API
// server applies to an apps/v1 Deployment before validating it: one replica,
// a RollingUpdate strategy with maxUnavailable and maxSurge of 25%, a
// revisionHistoryLimit of 10, a progressDeadlineSeconds of 600, and the pod
// template defaults. d itself is not changed; the result shares with it
// what defaulting and validation do not write (see DaemonSetWithDefaults).
func DeploymentWithDefaults(d *appsv1.Deployment) *appsv1.Deployment {
	// A copy of what defaulting writes (see DaemonSetWithDefaults).
	out := *d
	d = &out
	d.Labels, d.Annotations = maps.Clone(d.Labels), maps.Clone(d.Annotations)
	d.Spec.Strategy.RollingUpdate = d.Spec.Strategy.RollingUpdate.DeepCopy()
	d.Spec.Template = core.TemplateForDefaults(&d.Spec.Template)
	if d.Spec.Replicas == nil {
		d.Spec.Replicas = new(int32(1))
	}
	s := &d.Spec.Strategy
	if s.Type == "" {
		s.Type = appsv1.RollingUpdateDeploymentStrategyType
	}
	if s.Type == appsv1.RollingUpdateDeploymentStrategyType {
		if s.RollingUpdate == nil {
			s.RollingUpdate = &appsv1.RollingUpdateDeployment{}
		}
		ru := s.RollingUpdate
		setRollingDefaults(&ru.MaxUnavailable, &ru.MaxSurge, intstr.FromString("25%"), intstr.FromString("25%"))
	}
	if d.Spec.RevisionHistoryLimit == nil {
		d.Spec.RevisionHistoryLimit = new(int32(10))
	}
	if d.Spec.ProgressDeadlineSeconds == nil {
		d.Spec.ProgressDeadlineSeconds = new(int32(600))
	}
	core.SetPodTemplateDefaults(&d.Spec.Template)
	return d
}

// internalDeploymentStrategy renders a Deployment strategy the way the
// server prints it in an error.
type internalDeploymentStrategy struct {
	Type          appsv1.DeploymentStrategyType
	RollingUpdate *internalRollingUpdate
}

// validateDeploymentStrategy checks a (defaulted) Deployment strategy.
func validateDeploymentStrategy(s *appsv1.DeploymentStrategy, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch s.Type {
	case appsv1.RecreateDeploymentStrategyType:
		if s.RollingUpdate != nil {
			allErrs = append(allErrs, field.Forbidden(fldPath.Child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"))
		}
	case appsv1.RollingUpdateDeploymentStrategyType:
		if s.RollingUpdate == nil {
			return append(allErrs, field.Required(fldPath.Child("rollingUpdate"), "this should be defaulted and never be nil"))
		}
		ru := internalRolling(s.RollingUpdate.MaxUnavailable, s.RollingUpdate.MaxSurge, true)
		// The paths are built only where there may be an error.
		if !validIntOrPercent(ru.MaxUnavailable) || !validIntOrPercent(ru.MaxSurge) {
			rp := fldPath.Child("rollingUpdate")
			allErrs = append(allErrs, validatePositiveIntOrPercent(ru.MaxUnavailable, rp.Child("maxUnavailable"))...)
			allErrs = append(allErrs, validatePositiveIntOrPercent(ru.MaxSurge, rp.Child("maxSurge"))...)
		}
		if IntOrPercentValue(ru.MaxUnavailable) == 0 && IntOrPercentValue(ru.MaxSurge) == 0 {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("rollingUpdate", "maxUnavailable"), ru.MaxUnavailable, "may not be 0 when `maxSurge` is 0"))
		}
		if !validIntOrPercent(ru.MaxUnavailable) {
			allErrs = append(allErrs, isNotMoreThan100Percent(ru.MaxUnavailable, fldPath.Child("rollingUpdate", "maxUnavailable"))...)
		}
	default:
		var ru *internalRollingUpdate
		if s.RollingUpdate != nil {
			ru = internalRolling(s.RollingUpdate.MaxUnavailable, s.RollingUpdate.MaxSurge, true)
		}
		value := internalDeploymentStrategy{Type: s.Type, RollingUpdate: ru}
		allErrs = append(allErrs, field.NotSupported(fldPath, value, []appsv1.DeploymentStrategyType{appsv1.RecreateDeploymentStrategyType, appsv1.RollingUpdateDeploymentStrategyType}))
	}
	return allErrs
}
