package apps

import (
	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/core"
	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
)

// SelectorMismatchDetail is the API server's detail text when a workload's
// selector does not select its pod template's labels.
const SelectorMismatchDetail = "`selector` does not match template `labels`"

// DaemonSetSelectorErrors returns the API server's errors about a DaemonSet's
// selector, in the order the server reports them: the selector's own
// validity, then whether it selects the template's labels, then whether it
// is empty.
//
// As on the server, a missing selector gives no "Required" error for a
// DaemonSet: it selects nothing, so the only error is the mismatch at
// spec.template.metadata.labels. A selector that cannot be parsed is not
// checked against the labels.
func DaemonSetSelectorErrors(ds *appsv1.DaemonSet) field.ErrorList {
	spec := &ds.Spec
	// Paths are built only for errors, and to check a selector that is not
	// plain: a plain one (see plainMatch) is certainly valid.
	var allErrs field.ErrorList
	if _, plain := plainMatch(spec.Selector, spec.Template.Labels); !plain {
		allErrs = core.ValidateLabelSelector(spec.Selector, field.NewPath("spec", "selector"))
	}
	if !selects(spec.Selector, spec.Template.Labels) {
		allErrs = append(allErrs, field.Invalid(field.NewPath("spec", "template", "metadata", "labels"), spec.Template.Labels, SelectorMismatchDetail))
	}
	if spec.Selector != nil && len(spec.Selector.MatchLabels)+len(spec.Selector.MatchExpressions) == 0 {
		allErrs = append(allErrs, field.Invalid(field.NewPath("spec", "selector"), spec.Selector, "empty selector is invalid for daemonset"))
	}
	return allErrs
}

// ReplicaSetSelectorErrors returns the API server's errors about a
// ReplicaSet's selector, in server order. Unlike a DaemonSet, a missing
// selector is "Required", an empty one is "invalid for deployment" (sic: the
// server's message), and an unparsable one adds "invalid label selector".
func ReplicaSetSelectorErrors(rs *appsv1.ReplicaSet) field.ErrorList {
	errs, _ := workloadSelectorErrors(rs.Spec.Selector, rs.Spec.Template.Labels)
	return errs
}

// DeploymentSelectorErrors returns the API server's errors about a
// Deployment's selector, in server order: the rules are a ReplicaSet's (see
// ReplicaSetSelectorErrors).
func DeploymentSelectorErrors(d *appsv1.Deployment) field.ErrorList {
	errs, _ := workloadSelectorErrors(d.Spec.Selector, d.Spec.Template.Labels)
	return errs
}

// workloadSelectorErrors returns the selector errors of a ReplicaSet or
// Deployment with this selector and these template labels, and whether the
// selector could be parsed: when it cannot, the server validates no further
// part of the pod template.
func workloadSelectorErrors(sel *metav1.LabelSelector, templateLabels map[string]string) (field.ErrorList, bool) {
	// Paths are built only for errors, and to check a selector that is not
	// plain: a plain one (see plainMatch) is certainly valid, and not empty.
	matches, plain := plainMatch(sel, templateLabels)
	var allErrs field.ErrorList
	if sel == nil {
		allErrs = append(allErrs, field.Required(field.NewPath("spec", "selector"), ""))
	} else if !plain {
		allErrs = append(allErrs, core.ValidateLabelSelector(sel, field.NewPath("spec", "selector"))...)
		if len(sel.MatchLabels)+len(sel.MatchExpressions) == 0 {
			allErrs = append(allErrs, field.Invalid(field.NewPath("spec", "selector"), sel, "empty selector is invalid for deployment"))
		}
	}
	if plain {
		if !matches {
			allErrs = append(allErrs, field.Invalid(field.NewPath("spec", "template", "metadata", "labels"), templateLabels, SelectorMismatchDetail))
		}
		return allErrs, true
	}
	selector, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil {
		return append(allErrs, field.Invalid(field.NewPath("spec", "selector"), sel, "invalid label selector")), false
	}
	if !selector.Empty() && !selector.Matches(labels.Set(templateLabels)) {
		allErrs = append(allErrs, field.Invalid(field.NewPath("spec", "template", "metadata", "labels"), templateLabels, SelectorMismatchDetail))
	}
	return allErrs, true
}

// selects reports whether a DaemonSet's selector, parsed as the server
// parses it, selects the template's labels; a selector that cannot be
// parsed selects nothing to complain about (its errors are reported as
// the selector's own).
func selects(sel *metav1.LabelSelector, templateLabels map[string]string) bool {
	if matches, ok := plainMatch(sel, templateLabels); ok {
		return matches
	}
	selector, err := metav1.LabelSelectorAsSelector(sel)
	return err != nil || selector.Matches(labels.Set(templateLabels))
}

// plainMatch answers for metav1.LabelSelectorAsSelector and Matches, for
// the common selector: matchLabels alone, whose keys and values are
// certainly valid (see names), which selects the labels that have each
// of its pairs. ok is false for any other selector, which must be parsed.
func plainMatch(sel *metav1.LabelSelector, lbls map[string]string) (matches, ok bool) {
	if sel == nil || len(sel.MatchExpressions) > 0 || len(sel.MatchLabels) == 0 {
		return false, false
	}
	matches = true
	for k, v := range sel.MatchLabels {
		if !names.LabelKey(k) || !names.LabelValue(v) {
			return false, false
		}
		if got, has := lbls[k]; !has || got != v {
			matches = false
		}
	}
	return matches, true
}
