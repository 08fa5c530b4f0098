package core

import (
	"reflect"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// preparePodForCreate does to a (defaulted) pod what the pod strategy's
// PrepareForCreate does before validation and what changes the verdict:
// the pod's own labels named by matchLabelKeys and mismatchLabelKeys join
// the label selectors of its affinity terms and topology spread
// constraints, and the deprecated AppArmor annotations and the
// appArmorProfile fields are synced.
func preparePodForCreate(pod *corev1.Pod) {
	if a := pod.Spec.Affinity; a != nil {
		if pa := a.PodAffinity; pa != nil {
			applyLabelKeys(pa.RequiredDuringSchedulingIgnoredDuringExecution, pa.PreferredDuringSchedulingIgnoredDuringExecution, pod.Labels)
		}
		if pa := a.PodAntiAffinity; pa != nil {
			applyLabelKeys(pa.RequiredDuringSchedulingIgnoredDuringExecution, pa.PreferredDuringSchedulingIgnoredDuringExecution, pod.Labels)
		}
	}
	for i := range pod.Spec.TopologySpreadConstraints {
		c := &pod.Spec.TopologySpreadConstraints[i]
		if len(c.MatchLabelKeys) == 0 || c.LabelSelector == nil {
			continue
		}
		for _, key := range c.MatchLabelKeys {
			if value, ok := pod.Labels[key]; ok {
				c.LabelSelector.MatchExpressions = append(c.LabelSelector.MatchExpressions,
					metav1.LabelSelectorRequirement{Key: key, Operator: metav1.LabelSelectorOpIn, Values: []string{value}})
			}
		}
	}
	applyAppArmorVersionSkew(pod)
}

// applyLabelKeys adds the requirements that matchLabelKeys and
// mismatchLabelKeys stand for to the label selectors of affinity terms.
func applyLabelKeys(required []corev1.PodAffinityTerm, preferred []corev1.WeightedPodAffinityTerm, labels map[string]string) {
	apply := func(term *corev1.PodAffinityTerm) {
		if term.LabelSelector == nil {
			return
		}
		for _, key := range term.MatchLabelKeys {
			if value, ok := labels[key]; ok {
				term.LabelSelector.MatchExpressions = append(term.LabelSelector.MatchExpressions,
					metav1.LabelSelectorRequirement{Key: key, Operator: metav1.LabelSelectorOpIn, Values: []string{value}})
			}
		}
		for _, key := range term.MismatchLabelKeys {
			if value, ok := labels[key]; ok {
				term.LabelSelector.MatchExpressions = append(term.LabelSelector.MatchExpressions,
					metav1.LabelSelectorRequirement{Key: key, Operator: metav1.LabelSelectorOpNotIn, Values: []string{value}})
			}
		}
	}
	for i := range required {
		apply(&required[i])
	}
	for i := range preferred {
		apply(&preferred[i].PodAffinityTerm)
	}
}

// applyAppArmorVersionSkew syncs each container's deprecated AppArmor
// annotation with its appArmorProfile (or the pod's), as the pod
// strategy does on create: a missing annotation is written from the
// field, and a valid annotation without a container field becomes the
// field when it differs from the pod's profile.
func applyAppArmorVersionSkew(pod *corev1.Pod) {
	if pod.Spec.OS != nil && pod.Spec.OS.Name == corev1.Windows {
		return
	}
	var podProfile *corev1.AppArmorProfile
	if pod.Spec.SecurityContext != nil {
		podProfile = pod.Spec.SecurityContext.AppArmorProfile
	}
	for _, ref := range allContainers(&pod.Spec, field.NewPath("spec")) {
		c := ref.c
		key := corev1.DeprecatedAppArmorBetaContainerAnnotationKeyPrefix + c.Name
		annotation, has := pod.Annotations[key]
		var profile *corev1.AppArmorProfile
		if c.SecurityContext != nil {
			profile = c.SecurityContext.AppArmorProfile
		}
		switch {
		case !has:
			a := ""
			if profile != nil {
				a = appArmorAnnotationForField(profile)
			} else if podProfile != nil {
				a = appArmorAnnotationForField(podProfile)
			}
			if a != "" {
				if pod.Annotations == nil {
					pod.Annotations = map[string]string{}
				}
				pod.Annotations[key] = a
			}
		case profile == nil:
			f := appArmorFieldForAnnotation(annotation)
			if f == nil || len(validateAppArmorProfileField(f, &field.Path{})) > 0 {
				continue
			}
			if !reflect.DeepEqual(f, podProfile) {
				if c.SecurityContext == nil {
					c.SecurityContext = &corev1.SecurityContext{}
				}
				c.SecurityContext.AppArmorProfile = f
			}
		}
	}
}

// appArmorAnnotationForField is the deprecated annotation value that
// stands for an appArmorProfile, or "".
func appArmorAnnotationForField(p *corev1.AppArmorProfile) string {
	switch p.Type {
	case corev1.AppArmorProfileTypeUnconfined:
		return corev1.DeprecatedAppArmorBetaProfileNameUnconfined
	case corev1.AppArmorProfileTypeRuntimeDefault:
		return corev1.DeprecatedAppArmorBetaProfileRuntimeDefault
	case corev1.AppArmorProfileTypeLocalhost:
		if p.LocalhostProfile != nil {
			return corev1.DeprecatedAppArmorBetaProfileNamePrefix + *p.LocalhostProfile
		}
	}
	return ""
}

// appArmorFieldForAnnotation is the appArmorProfile a deprecated
// annotation value stands for, or nil.
func appArmorFieldForAnnotation(a string) *corev1.AppArmorProfile {
	switch {
	case a == corev1.DeprecatedAppArmorBetaProfileNameUnconfined:
		return &corev1.AppArmorProfile{Type: corev1.AppArmorProfileTypeUnconfined}
	case a == corev1.DeprecatedAppArmorBetaProfileRuntimeDefault:
		return &corev1.AppArmorProfile{Type: corev1.AppArmorProfileTypeRuntimeDefault}
	case strings.HasPrefix(a, corev1.DeprecatedAppArmorBetaProfileNamePrefix):
		if name := strings.TrimPrefix(a, corev1.DeprecatedAppArmorBetaProfileNamePrefix); name != "" {
			return &corev1.AppArmorProfile{Type: corev1.AppArmorProfileTypeLocalhost, LocalhostProfile: &name}
		}
	}
	return nil
}

// Dedupe drops the errors whose text repeats an earlier one's, as the API
// server's list does once it has passed through ErrorList.ToAggregate
// (which the declarative-validation step of every create applies). The
// entry points of apivalidation return deduplicated lists.
func Dedupe(errs field.ErrorList) field.ErrorList {
	if len(errs) < 2 {
		return errs
	}
	seen := make(map[string]bool, len(errs))
	out := errs[:0:0]
	for _, e := range errs {
		msg := e.Error()
		if !seen[msg] {
			seen[msg] = true
			out = append(out, e)
		}
	}
	return out
}
