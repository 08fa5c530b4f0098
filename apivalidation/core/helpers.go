package core

// The validation in this package re-expresses the API server's own rules
// (k8s.io/kubernetes v1.37.2, pkg/apis/core/validation and
// pkg/apis/apps/validation, Apache-2.0) on the k8s.io/api v1 types, with the
// staging libraries' helpers, so that field paths, error types and detail
// texts are the server's. Where the server iterates a Go map (labels,
// annotations, resource lists), the order of its errors is random; here keys
// are visited in sorted order, so results are deterministic.

import (
	"slices"

	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
)

// sortedKeys returns the keys of m in sorted order.
func sortedKeys[M ~map[K]V, K ~string, V any](m M) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// validateDNS1123Label reports value when it is not an RFC 1123 label.
func validateDNS1123Label(value string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for _, msg := range names.DNS1123LabelErrors(value) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	return allErrs
}

// validateDNS1123Subdomain reports value when it is not an RFC 1123
// subdomain.
func validateDNS1123Subdomain(value string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for _, msg := range names.DNS1123SubdomainErrors(value) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	return allErrs
}

// validateQualifiedName reports value when it is not a qualified name (a
// label key).
func validateQualifiedName(value string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for _, msg := range names.LabelKeyErrors(value) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	return allErrs
}

// validateSubdomainName is validateName with names.NameIsDNSSubdomain
// (apimachinery's NameIsDNSSubdomain, or ValidateServiceAccountName, the
// same function) and no prefix.
func validateSubdomainName(value string, fldPath *field.Path) field.ErrorList {
	return validateName(names.NameIsDNSSubdomain, value, false, fldPath)
}

// validateLabelName is validateName with names.NameIsDNSLabel
// (apimachinery's NameIsDNSLabel, or ValidateNamespaceName, the same
// function) and no prefix.
func validateLabelName(value string, fldPath *field.Path) field.ErrorList {
	return validateName(names.NameIsDNSLabel, value, false, fldPath)
}

// validateName reports value with each message of a name function such as
// apimachineryvalidation.NameIsDNSSubdomain.
func validateName(nameFn func(string, bool) []string, value string, prefix bool, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for _, msg := range nameFn(value, prefix) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	return allErrs
}

// validateNonnegative reports a negative value.
func validateNonnegative(value int64, fldPath *field.Path) field.ErrorList {
	return apimachineryvalidation.ValidateNonnegativeField(value, fldPath)
}

// stringSet is a small set of strings.
type stringSet map[string]struct{}

func (s stringSet) has(v string) bool { _, ok := s[v]; return ok }
func (s stringSet) insert(v string)   { s[v] = struct{}{} }

// newStringSet returns a set holding values.
func newStringSet[T ~string](values ...T) stringSet {
	s := make(stringSet, len(values))
	for _, v := range values {
		s.insert(string(v))
	}
	return s
}

// supported returns the set's values in sorted order, as the server lists
// the supported values of a set.
func (s stringSet) supported() []string {
	return sortedKeys(s)
}
