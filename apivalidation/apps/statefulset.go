package apps

import (
	"fmt"
	"slices"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/core"
	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
)

// ValidateStatefulSet returns the API server's errors for creating ss, in
// the server's order, after the server's defaults (see
// StatefulSetWithDefaults). Its name must be a DNS label (the pods'
// hostnames derive from it); then come podManagementPolicy, the update
// strategy, the claim retention policy, the volumeClaimTemplates' claim
// specs, replicas, minReadySeconds, ordinals, serviceName, the selector,
// and the pod template. As on the server, the template is validated with
// the claim templates among its volumes (where they replace a volume of
// the same name), and not at all when the selector cannot be parsed.
func ValidateStatefulSet(ss *appsv1.StatefulSet, opts core.Options) field.ErrorList {
	return validateStatefulSet(StatefulSetWithDefaults(ss), opts)
}

// validateStatefulSet is ValidateStatefulSet after the defaults; it changes
// ss's metadata as the server prepares it for create.
func validateStatefulSet(ss *appsv1.StatefulSet, opts core.Options) field.ErrorList {
	core.PrepareForCreate(&ss.ObjectMeta, true)
	allErrs := core.ValidateObjectMeta(&ss.ObjectMeta, true, names.NameIsDNSLabel, field.NewPath("metadata"))
	spec := &ss.Spec
	fldPath := field.NewPath("spec")

	switch spec.PodManagementPolicy {
	case "":
		allErrs = append(allErrs, field.Required(fldPath.Child("podManagementPolicy"), ""))
	case appsv1.OrderedReadyPodManagement, appsv1.ParallelPodManagement:
	default:
		allErrs = append(allErrs, field.Invalid(fldPath.Child("podManagementPolicy"), spec.PodManagementPolicy,
			fmt.Sprintf("must be '%s' or '%s'", appsv1.OrderedReadyPodManagement, appsv1.ParallelPodManagement)))
	}
	allErrs = append(allErrs, validateStatefulSetUpdateStrategy(&spec.UpdateStrategy, fldPath.Child("updateStrategy"))...)
	if p := spec.PersistentVolumeClaimRetentionPolicy; p != nil {
		pp := fldPath.Child("persistentVolumeClaimRetentionPolicy")
		allErrs = append(allErrs, validateRetentionPolicyType(p.WhenDeleted, pp.Child("whenDeleted"))...)
		allErrs = append(allErrs, validateRetentionPolicyType(p.WhenScaled, pp.Child("whenScaled"))...)
	}
	for i := range spec.VolumeClaimTemplates {
		allErrs = append(allErrs, core.ValidatePersistentVolumeClaimSpec(&spec.VolumeClaimTemplates[i].Spec, fldPath.Child("volumeClaimTemplates").Index(i).Child("spec"))...)
	}
	allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(*spec.Replicas), fldPath.Child("replicas"))...)
	allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
	if spec.Ordinals != nil {
		allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(spec.Ordinals.Start), fldPath.Child("ordinals.start"))...)
	}
	if spec.ServiceName != "" {
		for _, msg := range names.NameIsDNSLabel(spec.ServiceName, false) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("serviceName"), spec.ServiceName, msg))
		}
	}
	if spec.Selector == nil {
		allErrs = append(allErrs, field.Required(fldPath.Child("selector"), ""))
	} else {
		allErrs = append(allErrs, core.ValidateLabelSelector(spec.Selector, fldPath.Child("selector"))...)
		if len(spec.Selector.MatchLabels)+len(spec.Selector.MatchExpressions) == 0 {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("selector"), spec.Selector, "empty selector is invalid for statefulset"))
		}
	}
	tp := fldPath.Child("template")
	selector, err := metav1.LabelSelectorAsSelector(spec.Selector)
	if err != nil {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("selector"), spec.Selector, ""))
	} else {
		if !selector.Empty() && !selector.Matches(labels.Set(spec.Template.Labels)) {
			allErrs = append(allErrs, field.Invalid(tp.Child("metadata", "labels"), spec.Template.Labels, SelectorMismatchDetail))
		}
		allErrs = append(allErrs, core.ValidatePodTemplateSpec(statefulSetPodTemplate(ss), tp, opts)...)
	}
	allErrs = append(allErrs, validateWorkloadPodSpec(&spec.Template, tp, "StatefulSet")...)
	return dedupe(allErrs)
}

// statefulSetPodTemplate returns the template as the server validates it:
// with a volume for each claim template first (a claim named as the
// template; templates of the same name give one volume), then the
// template's volumes that no claim template replaces. Validation writes
// nothing of a template, so the result shares all but its volume list with
// ss's.
func statefulSetPodTemplate(ss *appsv1.StatefulSet) *corev1.PodTemplateSpec {
	if len(ss.Spec.VolumeClaimTemplates) == 0 {
		return &ss.Spec.Template
	}
	t := ss.Spec.Template
	claims := make(map[string]bool, len(ss.Spec.VolumeClaimTemplates))
	vols := make([]corev1.Volume, 0, len(ss.Spec.VolumeClaimTemplates)+len(t.Spec.Volumes))
	for _, c := range ss.Spec.VolumeClaimTemplates {
		if claims[c.Name] {
			continue
		}
		claims[c.Name] = true
		vols = append(vols, corev1.Volume{Name: c.Name, VolumeSource: corev1.VolumeSource{
			PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: c.Name},
		}})
	}
	for _, v := range t.Spec.Volumes {
		if !claims[v.Name] {
			vols = append(vols, v)
		}
	}
	t.Spec.Volumes = vols
	return &t
}

// validateRetentionPolicyType checks one of the claim retention policies.
func validateRetentionPolicyType(p appsv1.PersistentVolumeClaimRetentionPolicyType, fldPath *field.Path) field.ErrorList {
	switch p {
	case appsv1.RetainPersistentVolumeClaimRetentionPolicyType, appsv1.DeletePersistentVolumeClaimRetentionPolicyType:
		return nil
	}
	return field.ErrorList{field.NotSupported(fldPath, p, []string{string(appsv1.RetainPersistentVolumeClaimRetentionPolicyType), string(appsv1.DeletePersistentVolumeClaimRetentionPolicyType)})}
}

// internalStatefulSetRollingUpdate renders a StatefulSet's rolling update
// the way the server prints it in an error.
type internalStatefulSetRollingUpdate struct {
	Partition      int32
	MaxUnavailable *intstr.IntOrString
}

// internalStatefulSetUpdateStrategy renders a StatefulSet's update
// strategy the way the server prints it in an error.
type internalStatefulSetUpdateStrategy struct {
	Type          appsv1.StatefulSetUpdateStrategyType
	RollingUpdate *internalStatefulSetRollingUpdate
}

// internalStatefulSetRolling converts a rolling update to its rendering.
func internalStatefulSetRolling(ru *appsv1.RollingUpdateStatefulSetStrategy) *internalStatefulSetRollingUpdate {
	if ru == nil {
		return nil
	}
	r := &internalStatefulSetRollingUpdate{MaxUnavailable: ru.MaxUnavailable}
	if ru.Partition != nil {
		r.Partition = *ru.Partition
	}
	return r
}

// validateStatefulSetUpdateStrategy checks a (defaulted) update strategy.
func validateStatefulSetUpdateStrategy(s *appsv1.StatefulSetUpdateStrategy, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch s.Type {
	case "":
		allErrs = append(allErrs, field.Required(fldPath, ""))
	case appsv1.OnDeleteStatefulSetStrategyType:
		if s.RollingUpdate != nil {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("rollingUpdate"), internalStatefulSetRolling(s.RollingUpdate),
				fmt.Sprintf("only allowed for updateStrategy '%s'", appsv1.RollingUpdateStatefulSetStrategyType)))
		}
	case appsv1.RollingUpdateStatefulSetStrategyType:
		if ru := internalStatefulSetRolling(s.RollingUpdate); ru != nil {
			rp := fldPath.Child("rollingUpdate")
			allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(ru.Partition), rp.Child("partition"))...)
			if mu := ru.MaxUnavailable; mu != nil {
				mp := rp.Child("maxUnavailable")
				allErrs = append(allErrs, validatePositiveIntOrPercent(*mu, mp)...)
				if IntOrPercentValue(*mu) == 0 {
					allErrs = append(allErrs, field.Invalid(mp, *mu, "cannot be 0"))
				}
				allErrs = append(allErrs, isNotMoreThan100Percent(*mu, mp)...)
			}
		}
	default:
		value := internalStatefulSetUpdateStrategy{Type: s.Type, RollingUpdate: internalStatefulSetRolling(s.RollingUpdate)}
		allErrs = append(allErrs, field.Invalid(fldPath, value, fmt.Sprintf("must be '%s' or '%s'",
			appsv1.RollingUpdateStatefulSetStrategyType, appsv1.OnDeleteStatefulSetStrategyType)))
	}
	return allErrs
}

// StatefulSetWithDefaults returns a copy of ss with the defaults the API
// server applies to an apps/v1 StatefulSet before validating it: the
// OrderedReady pod management policy, a RollingUpdate strategy with
// partition 0 and maxUnavailable 1, claims retained when deleted or
// scaled, one replica, a revisionHistoryLimit of 10, labels from the
// template when it has none, and the pod template defaults. ss itself is
// not changed; the result shares with it what defaulting and validation do
// not write (see DaemonSetWithDefaults).
func StatefulSetWithDefaults(ss *appsv1.StatefulSet) *appsv1.StatefulSet {
	// A copy of what defaulting writes: the StatefulSet, its spec, the
	// rolling update parameters, the claim retention policy, the claim
	// templates (each gets a volumeMode) and the pod template (see
	// core.TemplateForDefaults).
	out := *ss
	spec := &out.Spec
	spec.UpdateStrategy.RollingUpdate = spec.UpdateStrategy.RollingUpdate.DeepCopy()
	spec.PersistentVolumeClaimRetentionPolicy = spec.PersistentVolumeClaimRetentionPolicy.DeepCopy()
	spec.VolumeClaimTemplates = slices.Clone(spec.VolumeClaimTemplates)
	spec.Template = core.TemplateForDefaults(&spec.Template)
	setStatefulSetDefaults(&out)
	return &out
}

// setStatefulSetDefaults applies the defaults of StatefulSetWithDefaults
// to ss in place.
func setStatefulSetDefaults(ss *appsv1.StatefulSet) {
	spec := &ss.Spec
	if spec.PodManagementPolicy == "" {
		spec.PodManagementPolicy = appsv1.OrderedReadyPodManagement
	}
	us := &spec.UpdateStrategy
	if us.Type == "" {
		us.Type = appsv1.RollingUpdateStatefulSetStrategyType
		if us.RollingUpdate == nil {
			us.RollingUpdate = &appsv1.RollingUpdateStatefulSetStrategy{}
		}
	}
	if us.Type == appsv1.RollingUpdateStatefulSetStrategyType && us.RollingUpdate != nil {
		if us.RollingUpdate.Partition == nil {
			us.RollingUpdate.Partition = new(int32(0))
		}
		if us.RollingUpdate.MaxUnavailable == nil {
			mu := intstr.FromInt32(1)
			us.RollingUpdate.MaxUnavailable = &mu
		}
	}
	if spec.PersistentVolumeClaimRetentionPolicy == nil {
		spec.PersistentVolumeClaimRetentionPolicy = &appsv1.StatefulSetPersistentVolumeClaimRetentionPolicy{}
	}
	{
		p := spec.PersistentVolumeClaimRetentionPolicy
		if p.WhenDeleted == "" {
			p.WhenDeleted = appsv1.RetainPersistentVolumeClaimRetentionPolicyType
		}
		if p.WhenScaled == "" {
			p.WhenScaled = appsv1.RetainPersistentVolumeClaimRetentionPolicyType
		}
	}
	if spec.Replicas == nil {
		spec.Replicas = new(int32(1))
	}
	if spec.RevisionHistoryLimit == nil {
		spec.RevisionHistoryLimit = new(int32(10))
	}
	if len(ss.Labels) == 0 && len(spec.Template.Labels) > 0 {
		ss.Labels = spec.Template.Labels
	}
	for i := range spec.VolumeClaimTemplates {
		c := &spec.VolumeClaimTemplates[i]
		if c.Spec.VolumeMode == nil {
			c.Spec.VolumeMode = new(corev1.PersistentVolumeFilesystem)
		}
	}
	core.SetPodTemplateDefaults(&spec.Template)
}
