package apps

import (
	appsv1 "k8s.io/api/apps/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"maps"

	"github.com/daemonlint/daemonlint/apivalidation/core"
)

// ValidateReplicaSet returns the API server's errors for creating rs, in
// the server's order, after the server's defaults (see
// ReplicaSetWithDefaults), as ValidateDaemonSet does for a DaemonSet. The
// pod template rules are the same; the selector rules differ (see
// ReplicaSetSelectorErrors), and a selector that cannot be parsed stops the
// template from being validated at all.
func ValidateReplicaSet(rs *appsv1.ReplicaSet, opts core.Options) field.ErrorList {
	rs = ReplicaSetWithDefaults(rs)
	allErrs := validateWorkloadMeta(&rs.ObjectMeta)
	spec := &rs.Spec
	fldPath := field.NewPath("spec")
	allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(*spec.Replicas), fldPath.Child("replicas"))...)
	allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
	allErrs = append(allErrs, validateReplicatedTemplate(spec.Selector, &spec.Template, fldPath, opts)...)
	return dedupe(allErrs)
}

// ReplicaSetWithDefaults returns a copy of rs with the defaults the API
// server applies to an apps/v1 ReplicaSet before validating it: one replica
// and the pod template defaults. rs itself is not changed; the result
// shares with it what defaulting and validation do not write (see
// DaemonSetWithDefaults).
func ReplicaSetWithDefaults(rs *appsv1.ReplicaSet) *appsv1.ReplicaSet {
	// A copy of what defaulting writes (see DaemonSetWithDefaults).
	out := *rs
	rs = &out
	rs.Labels, rs.Annotations = maps.Clone(rs.Labels), maps.Clone(rs.Annotations)
	rs.Spec.Template = core.TemplateForDefaults(&rs.Spec.Template)
	if rs.Spec.Replicas == nil {
		rs.Spec.Replicas = new(int32(1))
	}
	core.SetPodTemplateDefaults(&rs.Spec.Template)
	return rs
}
