// Package node validates the RuntimeClass of the node.k8s.io/v1 API group
// as kube-apiserver v1.37.2 does on create, with the server's field paths,
// error types and detail texts.
//
// The rules are re-expressed from the server's own code (k8s.io/kubernetes
// pkg/apis/node/validation and the core group's resource and toleration
// rules it calls, Apache-2.0) on the k8s.io/api v1 types.
package node

import (
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	nodev1 "k8s.io/api/node/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/core"
	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
	"github.com/daemonlint/daemonlint/apivalidation/internal/resources"
	"github.com/daemonlint/daemonlint/apivalidation/objectmeta"
)

// Options describe what a cluster decides that changes the server's
// verdict; nothing does for this group yet, so the zero Options is the
// only one.
type Options struct{}

// ValidateObject validates obj if it is one of the kinds of this package,
// and reports whether it was.
func ValidateObject(obj runtime.Object, opts Options) (field.ErrorList, bool) {
	if o, ok := obj.(*nodev1.RuntimeClass); ok {
		return ValidateRuntimeClass(o, opts), true
	}
	return nil, false
}

// ValidateRuntimeClass returns the server's errors for creating rc: its
// metadata (the generic variant, which allows any finalizer name), its
// handler (a DNS-1123 label), its overhead (container resources) and its
// scheduling (node selector labels and tolerations, without duplicates).
func ValidateRuntimeClass(rc *nodev1.RuntimeClass, _ Options) field.ErrorList {
	rc = rc.DeepCopy()
	objectmeta.Prepare(&rc.ObjectMeta, false)
	allErrs := objectmeta.Validate(&rc.ObjectMeta, false, names.NameIsDNSSubdomain, false, field.NewPath("metadata"))
	handlerPath := field.NewPath("handler")
	if rc.Handler == "" {
		allErrs = append(allErrs, field.Required(handlerPath, ""))
	} else {
		for _, msg := range names.NameIsDNSLabel(rc.Handler, false) {
			allErrs = append(allErrs, field.Invalid(handlerPath, rc.Handler, msg))
		}
	}
	if rc.Overhead != nil {
		allErrs = append(allErrs, validateLimits(rc.Overhead.PodFixed, field.NewPath("overhead"))...)
	}
	if s := rc.Scheduling; s != nil {
		fldPath := field.NewPath("scheduling")
		if s.NodeSelector != nil {
			allErrs = append(allErrs, validateLabels(s.NodeSelector, fldPath.Child("nodeSelector"))...)
		}
		allErrs = append(allErrs, validateTolerations(s.Tolerations, fldPath.Child("tolerations"))...)
	}
	return objectmeta.Finish(allErrs, &rc.ObjectMeta, false)
}

// validateLimits is the limits half of the server's
// ValidateContainerResourceRequirements, which a RuntimeClass's overhead
// goes through: the server's paths are overhead.limits[name].
func validateLimits(limits corev1.ResourceList, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	cpuOrMemory, hugePages := false, false
	for _, name := range sortedKeys(limits) {
		q := limits[name]
		p := fldPath.Child("limits").Key(string(name))
		allErrs = append(allErrs, resources.ValidateContainerName(name, p)...)
		allErrs = append(allErrs, resources.ValidateQuantityValue(name, q, p)...)
		if resources.IsHugePages(name) {
			hugePages = true
			if err := hugePageValueError(name, q); err != nil {
				allErrs = append(allErrs, field.Invalid(p, q.String(), err.Error()))
			}
		}
		if name == corev1.ResourceCPU || name == corev1.ResourceMemory {
			cpuOrMemory = true
		}
	}
	if hugePages && !cpuOrMemory {
		allErrs = append(allErrs, field.Forbidden(fldPath, "HugePages require cpu or memory"))
	}
	return allErrs
}

// hugePageValueError reports a hugepages quantity that is not a whole
// number of pages.
func hugePageValueError(name corev1.ResourceName, q resource.Quantity) error {
	pageSize, err := resource.ParseQuantity(strings.TrimPrefix(string(name), corev1.ResourceHugePagesPrefix))
	if err != nil || pageSize.Sign() <= 0 || pageSize.MilliValue()%1000 != 0 || q.Value()%pageSize.Value() != 0 {
		return fmt.Errorf("%s is not positive integer multiple of %s", q.String(), name)
	}
	return nil
}

// internalToleration prints a duplicate toleration as the server does:
// its internal type has no JSON tags.
type internalToleration struct {
	Key               string
	Operator          corev1.TolerationOperator
	Value             string
	Effect            corev1.TaintEffect
	TolerationSeconds *int64
}

// validateTolerations is the core group's ValidateTolerations, and the
// RuntimeClass's own duplicate check.
func validateTolerations(tolerations []corev1.Toleration, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	type key struct {
		key, op, value, effect string
	}
	seen := map[key]bool{}
	for i, t := range tolerations {
		idxPath := fldPath.Index(i)
		allErrs = append(allErrs, core.ValidateToleration(t, idxPath)...)
		k := key{t.Key, string(t.Operator), t.Value, string(t.Effect)}
		if seen[k] {
			allErrs = append(allErrs, field.Duplicate(idxPath, internalToleration{t.Key, t.Operator, t.Value, t.Effect, t.TolerationSeconds}))
		}
		seen[k] = true
	}
	return allErrs
}

// validateLabels is metav1validation.ValidateLabels with the keys visited
// in sorted order.
func validateLabels(labels map[string]string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for _, k := range sortedKeys(labels) {
		allErrs = append(allErrs, metav1validation.ValidateLabelName(k, fldPath)...)
		for _, msg := range names.LabelValueErrors(labels[k]) {
			allErrs = append(allErrs, field.Invalid(fldPath, labels[k], msg))
		}
	}
	return allErrs
}

// sortedKeys returns the keys of m in sorted order.
func sortedKeys[M ~map[K]V, K ~string, V any](m M) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
