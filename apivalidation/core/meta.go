package core

import (
	"strings"

	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
)

// DefaultNamespace is the namespace a namespaced object without
// metadata.namespace is created in, as kubectl sends it with the default
// context.
const DefaultNamespace = "default"

// generatedSuffix stands for the five random characters the server appends
// to metadata.generateName; any valid suffix gives the same verdict.
const generatedSuffix = "bcdfg"

// PrepareForCreate does to m what the API server's create handler does
// before validation: a namespaced object without a namespace gets
// DefaultNamespace (the request's namespace), system fields are reset, and
// a name is generated from generateName. It changes m in place; callers
// validate a copy.
func PrepareForCreate(m *metav1.ObjectMeta, namespaced bool) {
	if namespaced && m.Namespace == "" {
		m.Namespace = DefaultNamespace
	}
	m.UID = "00000000-0000-0000-0000-000000000000"
	m.DeletionTimestamp = nil
	m.DeletionGracePeriodSeconds = nil
	m.SelfLink = ""
	m.Generation = 1
	if m.Name == "" && m.GenerateName != "" {
		base := m.GenerateName
		// The server's name generator keeps names within 63 characters.
		if len(base) > 63-len(generatedSuffix) {
			base = base[:63-len(generatedSuffix)]
		}
		m.Name = base + generatedSuffix
	}
}

// standardFinalizers are the finalizer names that need no domain prefix.
var standardFinalizers = newStringSet("kubernetes", metav1.FinalizerOrphanDependents, metav1.FinalizerDeleteDependents)

// ValidateObjectMeta is the server's ValidateObjectMeta for an object being
// created, with the finalizer check that only kube-apiserver adds: the
// name and generateName against nameFn (such as
// apimachineryvalidation.NameIsDNSSubdomain), the namespace (required when
// namespaced, forbidden otherwise), labels, annotations, owner references,
// finalizers and managed fields, at fldPath (usually metadata). m should
// have been through PrepareForCreate.
func ValidateObjectMeta(m *metav1.ObjectMeta, namespaced bool, nameFn apimachineryvalidation.ValidateNameFunc, fldPath *field.Path) field.ErrorList {
	// A field's path is built only for an error, or for a check that may
	// report one: none of these reports anything for an empty list, nor
	// for labels, annotations or a namespace that are certainly valid (see
	// names).
	var allErrs field.ErrorList
	if m.GenerateName != "" {
		for _, msg := range nameFn(m.GenerateName, true) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("generateName"), m.GenerateName, msg))
		}
	}
	if m.Name == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("name"), "name or generateName is required"))
	} else {
		for _, msg := range nameFn(m.Name, false) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("name"), m.Name, msg))
		}
	}
	switch {
	case namespaced && m.Namespace == "":
		allErrs = append(allErrs, field.Required(fldPath.Child("namespace"), ""))
	case namespaced && !names.DNS1123Label(m.Namespace):
		allErrs = append(allErrs, validateLabelName(m.Namespace, fldPath.Child("namespace"))...)
	case !namespaced && m.Namespace != "":
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("namespace"), "not allowed on this type"))
	}
	if !validLabels(m.Labels) {
		allErrs = append(allErrs, ValidateLabels(m.Labels, fldPath.Child("labels"))...)
	}
	if !validAnnotations(m.Annotations) {
		allErrs = append(allErrs, ValidateAnnotations(m.Annotations, fldPath.Child("annotations"))...)
	}
	if len(m.OwnerReferences) > 0 {
		allErrs = append(allErrs, apimachineryvalidation.ValidateOwnerReferences(m.OwnerReferences, fldPath.Child("ownerReferences"))...)
	}
	if len(m.Finalizers) > 0 {
		allErrs = append(allErrs, apimachineryvalidation.ValidateFinalizers(m.Finalizers, fldPath.Child("finalizers"))...)
	}
	if len(m.ManagedFields) > 0 {
		allErrs = append(allErrs, metav1validation.ValidateManagedFields(m.ManagedFields, fldPath.Child("managedFields"))...)
	}
	for i, f := range m.Finalizers {
		if !strings.Contains(f, "/") && !standardFinalizers.has(f) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("finalizers").Index(i), f, "name is neither a standard finalizer name nor is it fully qualified"))
		}
	}
	return allErrs
}

// ValidateLabels is metav1validation.ValidateLabels with the keys visited in
// sorted order.
func ValidateLabels(labels map[string]string, fldPath *field.Path) field.ErrorList {
	if validLabels(labels) {
		return nil
	}
	var allErrs field.ErrorList
	for _, k := range sortedKeys(labels) {
		allErrs = append(allErrs, metav1validation.ValidateLabelName(k, fldPath)...)
		for _, msg := range names.LabelValueErrors(labels[k]) {
			allErrs = append(allErrs, field.Invalid(fldPath, labels[k], msg))
		}
	}
	return allErrs
}

// validLabels reports whether every key and value of labels is certainly
// valid, which ValidateLabels then need not check one by one.
func validLabels(labels map[string]string) bool {
	for k, v := range labels {
		if !names.LabelKey(k) || !names.LabelValue(v) {
			return false
		}
	}
	return true
}

// ValidateLabelSelector is metav1validation.ValidateLabelSelector (with
// invalid label values rejected, as on create) with matchLabels visited in
// sorted order.
func ValidateLabelSelector(ps *metav1.LabelSelector, fldPath *field.Path) field.ErrorList {
	if ps == nil {
		return nil
	}
	var allErrs field.ErrorList
	if !validLabels(ps.MatchLabels) {
		allErrs = ValidateLabels(ps.MatchLabels, fldPath.Child("matchLabels"))
	}
	opts := metav1validation.LabelSelectorValidationOptions{}
	for i, expr := range ps.MatchExpressions {
		allErrs = append(allErrs, metav1validation.ValidateLabelSelectorRequirement(expr, opts, fldPath.Child("matchExpressions").Index(i))...)
	}
	return allErrs
}

// ValidateAnnotations is apimachinery's ValidateAnnotations with the keys
// visited in sorted order: keys are qualified names (case aside), and the
// total size is limited to 256 KiB.
func ValidateAnnotations(annotations map[string]string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if !validAnnotationKeys(annotations) {
		for _, k := range sortedKeys(annotations) {
			for _, msg := range names.LabelKeyErrors(strings.ToLower(k)) {
				allErrs = append(allErrs, field.Invalid(fldPath, k, msg))
			}
		}
	}
	if err := apimachineryvalidation.ValidateAnnotationsSize(annotations); err != nil {
		allErrs = append(allErrs, field.TooLong(fldPath, "", apimachineryvalidation.TotalAnnotationSizeLimitB))
	}
	return allErrs
}

// validAnnotations reports whether ValidateAnnotations reports nothing
// for annotations: their keys are certainly valid and their size is within
// the limit.
func validAnnotations(annotations map[string]string) bool {
	return validAnnotationKeys(annotations) && apimachineryvalidation.ValidateAnnotationsSize(annotations) == nil
}

// validAnnotationKeys reports whether every key of annotations is
// certainly a qualified name (case aside), which ValidateAnnotations then
// need not check one by one.
func validAnnotationKeys(annotations map[string]string) bool {
	for k := range annotations {
		if !names.LabelKey(strings.ToLower(k)) {
			return false
		}
	}
	return true
}
