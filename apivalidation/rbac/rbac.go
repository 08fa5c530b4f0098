// Package rbac validates the objects of the rbac.authorization.k8s.io/v1
// API group — Role, ClusterRole (with its aggregationRule), RoleBinding and
// ClusterRoleBinding — as kube-apiserver v1.37.2 does on create: the
// server's defaults first, then its validation, with the server's field
// paths, error types and detail texts.
//
// The rules are re-expressed from the server's own code (k8s.io/kubernetes
// pkg/apis/rbac/validation and pkg/apis/rbac/v1 defaults, Apache-2.0) on
// the k8s.io/api v1 types. What needs the cluster (does the referenced role
// exist, may the user grant it) is left out, as the create validation does.
package rbac

import (
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/validation/path"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
	"github.com/daemonlint/daemonlint/apivalidation/objectmeta"
)

// Options describe what a cluster decides that changes the server's
// verdict; nothing does for this group yet, so the zero Options is the
// only one.
type Options struct{}

// ValidateObject validates obj if it is one of the kinds of this package,
// and reports whether it was.
func ValidateObject(obj runtime.Object, opts Options) (field.ErrorList, bool) {
	switch o := obj.(type) {
	case *rbacv1.Role:
		return ValidateRole(o, opts), true
	case *rbacv1.ClusterRole:
		return ValidateClusterRole(o, opts), true
	case *rbacv1.RoleBinding:
		return ValidateRoleBinding(o, opts), true
	case *rbacv1.ClusterRoleBinding:
		return ValidateClusterRoleBinding(o, opts), true
	}
	return nil, false
}

// validateName is the RBAC name rule: a path segment.
var validateName = path.ValidatePathSegmentName

// validateMeta is the metadata check of every RBAC kind.
func validateMeta(m *metav1.ObjectMeta, namespaced bool) field.ErrorList {
	objectmeta.Prepare(m, namespaced)
	return objectmeta.Validate(m, namespaced, validateName, true, field.NewPath("metadata"))
}

// ValidateRole returns the server's errors for creating r: its metadata
// and its rules.
func ValidateRole(r *rbacv1.Role, _ Options) field.ErrorList {
	r = r.DeepCopy()
	allErrs := validateMeta(&r.ObjectMeta, true)
	for i, rule := range r.Rules {
		allErrs = append(allErrs, validatePolicyRule(rule, true, field.NewPath("rules").Index(i))...)
	}
	return objectmeta.Finish(allErrs, &r.ObjectMeta, true)
}

// ValidateClusterRole returns the server's errors for creating r: its
// metadata, its rules and its aggregationRule's selectors.
func ValidateClusterRole(r *rbacv1.ClusterRole, _ Options) field.ErrorList {
	r = r.DeepCopy()
	allErrs := validateMeta(&r.ObjectMeta, false)
	for i, rule := range r.Rules {
		allErrs = append(allErrs, validatePolicyRule(rule, false, field.NewPath("rules").Index(i))...)
	}
	if r.AggregationRule != nil {
		selectorsPath := field.NewPath("aggregationRule", "clusterRoleSelectors")
		if len(r.AggregationRule.ClusterRoleSelectors) == 0 {
			allErrs = append(allErrs, field.Required(selectorsPath, "at least one clusterRoleSelector required if aggregationRule is non-nil"))
		}
		for i, selector := range r.AggregationRule.ClusterRoleSelectors {
			fldPath := selectorsPath.Index(i)
			allErrs = append(allErrs, metav1validation.ValidateLabelSelector(&selector, metav1validation.LabelSelectorValidationOptions{}, fldPath)...)
			if parsed, err := metav1.LabelSelectorAsSelector(&selector); err != nil {
				allErrs = append(allErrs, field.Invalid(fldPath, parsed, "invalid label selector."))
			}
		}
	}
	return objectmeta.Finish(allErrs, &r.ObjectMeta, false)
}

// validatePolicyRule is the server's ValidatePolicyRule.
func validatePolicyRule(rule rbacv1.PolicyRule, namespaced bool, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if len(rule.Verbs) == 0 {
		// The handwritten check says "verbs must contain at least one
		// value"; the declarative one that replaces it in v1.37 says
		// nothing more.
		allErrs = append(allErrs, field.Required(fldPath.Child("verbs"), ""))
	}
	if len(rule.NonResourceURLs) > 0 {
		if namespaced {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("nonResourceURLs"), rule.NonResourceURLs, "namespaced rules cannot apply to non-resource URLs"))
		}
		if len(rule.APIGroups) > 0 || len(rule.Resources) > 0 || len(rule.ResourceNames) > 0 {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("nonResourceURLs"), rule.NonResourceURLs, "rules cannot apply to both regular resources and non-resource URLs"))
		}
		return allErrs
	}
	if len(rule.APIGroups) == 0 {
		allErrs = append(allErrs, field.Required(fldPath.Child("apiGroups"), "resource rules must supply at least one api group"))
	}
	if len(rule.Resources) == 0 {
		allErrs = append(allErrs, field.Required(fldPath.Child("resources"), "resource rules must supply at least one resource"))
	}
	return allErrs
}

// withSubjectDefaults gives User and Group subjects without an apiGroup
// the RBAC group, and a roleRef without an apiGroup the RBAC group, as the
// server's rbac/v1 defaults do.
func withSubjectDefaults(ref *rbacv1.RoleRef, subjects []rbacv1.Subject) {
	if ref.APIGroup == "" {
		ref.APIGroup = rbacv1.GroupName
	}
	for i := range subjects {
		s := &subjects[i]
		if s.APIGroup == "" && (s.Kind == rbacv1.UserKind || s.Kind == rbacv1.GroupKind) {
			s.APIGroup = rbacv1.GroupName
		}
	}
}

// ValidateRoleBinding returns the server's errors for creating b: its
// metadata, its roleRef (a Role or ClusterRole of the RBAC group) and its
// subjects.
func ValidateRoleBinding(b *rbacv1.RoleBinding, _ Options) field.ErrorList {
	b = b.DeepCopy()
	withSubjectDefaults(&b.RoleRef, b.Subjects)
	allErrs := validateMeta(&b.ObjectMeta, true)
	allErrs = append(allErrs, validateRoleRef(b.RoleRef, []string{"Role", "ClusterRole"})...)
	for i, s := range b.Subjects {
		allErrs = append(allErrs, validateSubject(s, true, field.NewPath("subjects").Index(i))...)
	}
	return objectmeta.Finish(allErrs, &b.ObjectMeta, true)
}

// ValidateClusterRoleBinding returns the server's errors for creating b:
// its metadata, its roleRef (a ClusterRole of the RBAC group) and its
// subjects (a ServiceAccount subject needs a namespace).
func ValidateClusterRoleBinding(b *rbacv1.ClusterRoleBinding, _ Options) field.ErrorList {
	b = b.DeepCopy()
	withSubjectDefaults(&b.RoleRef, b.Subjects)
	allErrs := validateMeta(&b.ObjectMeta, false)
	allErrs = append(allErrs, validateRoleRef(b.RoleRef, []string{"ClusterRole"})...)
	for i, s := range b.Subjects {
		allErrs = append(allErrs, validateSubject(s, false, field.NewPath("subjects").Index(i))...)
	}
	return objectmeta.Finish(allErrs, &b.ObjectMeta, false)
}

func validateRoleRef(ref rbacv1.RoleRef, kinds []string) field.ErrorList {
	var allErrs field.ErrorList
	refPath := field.NewPath("roleRef")
	if ref.APIGroup != rbacv1.GroupName {
		allErrs = append(allErrs, field.NotSupported(refPath.Child("apiGroup"), ref.APIGroup, []string{rbacv1.GroupName}))
	}
	known := false
	for _, k := range kinds {
		known = known || ref.Kind == k
	}
	if !known {
		allErrs = append(allErrs, field.NotSupported(refPath.Child("kind"), ref.Kind, kinds))
	}
	if len(ref.Name) == 0 {
		allErrs = append(allErrs, field.Required(refPath.Child("name"), ""))
	} else {
		for _, msg := range validateName(ref.Name, false) {
			allErrs = append(allErrs, field.Invalid(refPath.Child("name"), ref.Name, msg))
		}
	}
	return allErrs
}

// validateSubject is the server's ValidateRoleBindingSubject.
func validateSubject(s rbacv1.Subject, namespaced bool, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if len(s.Name) == 0 {
		allErrs = append(allErrs, field.Required(fldPath.Child("name"), ""))
	}
	switch s.Kind {
	case rbacv1.ServiceAccountKind:
		if len(s.Name) > 0 {
			for _, msg := range names.NameIsDNSSubdomain(s.Name, false) {
				allErrs = append(allErrs, field.Invalid(fldPath.Child("name"), s.Name, msg))
			}
		}
		if len(s.APIGroup) > 0 {
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("apiGroup"), s.APIGroup, []string{""}))
		}
		if !namespaced && len(s.Namespace) == 0 {
			allErrs = append(allErrs, field.Required(fldPath.Child("namespace"), ""))
		}
	case rbacv1.UserKind, rbacv1.GroupKind:
		if s.APIGroup != rbacv1.GroupName {
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("apiGroup"), s.APIGroup, []string{rbacv1.GroupName}))
		}
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("kind"), s.Kind, []string{rbacv1.ServiceAccountKind, rbacv1.UserKind, rbacv1.GroupKind}))
	}
	return allErrs
}
