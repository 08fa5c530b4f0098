// Package objectmeta holds the API server's rules for the metadata of every
// built-in kind: which kinds are namespaced, which name rule each kind's
// registry validation uses, and the server's ValidateObjectMeta with the
// create handler's preparation before it (a missing namespace becomes the
// request's, a namespace on a cluster-scoped object is cleared, a
// generateName becomes a name).
//
// The rules are read from kube-apiserver v1.37.2 (pkg/apis/*/validation,
// pkg/registry and k8s.io/apiserver's create path, Apache-2.0) and expressed
// with k8s.io/apimachinery's own validation helpers, so that field paths,
// error types and detail texts are the server's.
package objectmeta

import (
	"fmt"
	"strings"

	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/api/validation/path"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
)

// DefaultNamespace is the namespace a namespaced object without
// metadata.namespace is created in, as kubectl sends it with the default
// context.
const DefaultNamespace = "default"

// GeneratedSuffix stands for the five random characters the server appends
// to metadata.generateName; any valid suffix gives the same verdict.
const GeneratedSuffix = "bcdfg"

// Rule is what the server's validation of one kind checks in its metadata.
type Rule struct {
	// Namespaced is true for kinds that live in a namespace.
	Namespaced bool
	// Name is the kind's name rule, as its registry validation passes it to
	// ValidateObjectMeta (a DNS-1123 subdomain for most kinds).
	Name apimachineryvalidation.ValidateNameFunc
	// KubeFinalizers is true when the kind's validation uses the core
	// group's ValidateObjectMeta, which also rejects a finalizer name that
	// has no "/" and is not a standard one.
	KubeFinalizers bool
	// MaxNameLength, when not 0, is a limit on the name's length that the
	// kind's validation adds to its name rule (52 for a CronJob).
	MaxNameLength int
	// GenericOnly is true for a kind whose own validation does not look
	// at its metadata: only the create path's generic check does, and
	// only when nothing else failed (see Finish).
	GenericOnly bool
	// NoGenerateName is true for a kind whose validation checks the
	// generated name but not generateName itself.
	NoGenerateName bool
}

// Prepare does to m what the create handler does before validation, for a
// kind of the given scope: system fields are reset, a namespaced object
// without a namespace gets DefaultNamespace, a cluster-scoped one has its
// namespace cleared, and a generateName becomes a name.
func Prepare(m *metav1.ObjectMeta, namespaced bool) {
	if namespaced {
		if m.Namespace == "" {
			m.Namespace = DefaultNamespace
		}
	} else {
		m.Namespace = ""
	}
	m.UID = "00000000-0000-0000-0000-000000000000"
	m.CreationTimestamp = metav1.Time{}
	m.DeletionTimestamp = nil
	m.DeletionGracePeriodSeconds = nil
	m.SelfLink = ""
	if m.Name == "" && m.GenerateName != "" {
		base := m.GenerateName
		// The server's name generator keeps names within 63 characters.
		if len(base) > 63-len(GeneratedSuffix) {
			base = base[:63-len(GeneratedSuffix)]
		}
		m.Name = base + GeneratedSuffix
	}
}

// Validate is the server's ValidateObjectMeta for an object of the given
// scope whose name must satisfy nameFn, at fldPath (normally "metadata").
// With kubeFinalizers, it is the core group's variant, which also rejects
// finalizer names that are neither standard nor qualified with a "/".
func Validate(m *metav1.ObjectMeta, namespaced bool, nameFn apimachineryvalidation.ValidateNameFunc, kubeFinalizers bool, fldPath *field.Path) field.ErrorList {
	allErrs := apimachineryvalidation.ValidateObjectMeta(withoutPlainLabels(m), namespaced, nameFn, fldPath)
	if kubeFinalizers {
		for i, f := range m.Finalizers {
			if !strings.Contains(f, "/") && !isStandardFinalizer(f) {
				allErrs = append(allErrs, field.Invalid(fldPath.Child("finalizers").Index(i), f, "name is neither a standard finalizer name nor is it fully qualified"))
			}
		}
	}
	return allErrs
}

// ValidateRule is Validate with the rule of a kind, at "metadata". It
// finds nothing for a kind whose validation does not look at metadata
// (Rule.GenericOnly).
func ValidateRule(m *metav1.ObjectMeta, r Rule) field.ErrorList {
	if r.GenericOnly {
		return nil
	}
	if r.NoGenerateName && m.GenerateName != "" {
		m = m.DeepCopy()
		m.GenerateName = ""
	}
	allErrs := Validate(m, r.Namespaced, r.Name, r.KubeFinalizers, field.NewPath("metadata"))
	if r.MaxNameLength > 0 && len(m.Name) > r.MaxNameLength {
		allErrs = append(allErrs, field.Invalid(field.NewPath("metadata", "name"), m.Name, fmt.Sprintf("must be no more than %d characters", r.MaxNameLength)))
	}
	return allErrs
}

// Generic is the check the create path runs after a kind's own
// validation has passed: ValidateObjectMeta with the path-segment name
// rule (no "/" or "%", not "." or ".."). It adds nothing to a kind whose
// own validation already checked the name, but it is all that is checked
// for kinds whose validation does not look at metadata.
func Generic(m *metav1.ObjectMeta, namespaced bool) field.ErrorList {
	return apimachineryvalidation.ValidateObjectMeta(withoutPlainLabels(m), namespaced, path.ValidatePathSegmentName, field.NewPath("metadata"))
}

// withoutPlainLabels returns m, or a shallow copy of it without its labels
// or its annotations when they certainly pass ValidateObjectMeta's checks
// (see names), which give them no error then: apimachinery checks every
// key and value with a regular expression.
func withoutPlainLabels(m *metav1.ObjectMeta) *metav1.ObjectMeta {
	labelsOK := len(m.Labels) > 0
	for k, v := range m.Labels {
		if !names.LabelKey(k) || !names.LabelValue(v) {
			labelsOK = false
			break
		}
	}
	annotationsOK := len(m.Annotations) > 0
	size := 0
	for k, v := range m.Annotations {
		size += len(k) + len(v)
		if !names.LabelKey(strings.ToLower(k)) {
			annotationsOK = false
			break
		}
	}
	annotationsOK = annotationsOK && size <= apimachineryvalidation.TotalAnnotationSizeLimitB
	if !labelsOK && !annotationsOK {
		return m
	}
	c := *m
	if labelsOK {
		c.Labels = nil
	}
	if annotationsOK {
		c.Annotations = nil
	}
	return &c
}

// Finish completes a kind's validation errors as the create path does:
// the generic metadata check runs only when the kind's own validation
// found nothing, and errors whose text repeats an earlier one's are
// dropped, as the server's list is once the declarative-validation step
// has passed it through ErrorList.ToAggregate.
func Finish(errs field.ErrorList, m *metav1.ObjectMeta, namespaced bool) field.ErrorList {
	if len(errs) == 0 {
		errs = Generic(m, namespaced)
	}
	return Dedupe(errs)
}

// Dedupe drops the errors whose text repeats an earlier one's.
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

// isStandardFinalizer reports the finalizer names that need no domain.
func isStandardFinalizer(f string) bool {
	switch f {
	case "kubernetes", metav1.FinalizerOrphanDependents, metav1.FinalizerDeleteDependents:
		return true
	}
	return false
}

// ValidateMetadata validates the metadata of an object of a built-in kind
// as the server's create does, whether or not the rest of the kind is
// judged by daemonlint: the object is prepared (see Prepare) on a copy,
// then checked with the kind's rule and, when that finds nothing, the
// create path's generic check, as if the rest of the object were valid
// (the server skips the generic check when anything else failed, so an
// error found only by it is certain only for an otherwise valid object).
// A Namespace is checked with the label the server gives it
// (kubernetes.io/metadata.name). It returns false for kinds it does not
// know (custom resources, kinds a default v1.37 server does not serve).
func ValidateMetadata(obj metav1.Object, gk schema.GroupKind) (field.ErrorList, bool) {
	r, ok := RuleFor(gk)
	if !ok {
		return nil, false
	}
	m := copyMeta(obj)
	Prepare(m, r.Namespaced)
	if gk == (schema.GroupKind{Kind: "Namespace"}) && m.Name != "" && obj.GetName() != "" {
		// The server labels a Namespace with its name before validating.
		if m.Labels == nil {
			m.Labels = map[string]string{}
		}
		m.Labels["kubernetes.io/metadata.name"] = m.Name
	}
	return Finish(ValidateRule(m, r), m, r.Namespaced), true
}

// copyMeta copies the fields of obj that validation reads.
func copyMeta(obj metav1.Object) *metav1.ObjectMeta {
	if m, ok := obj.(*metav1.ObjectMeta); ok {
		return m.DeepCopy()
	}
	m := &metav1.ObjectMeta{
		Name:            obj.GetName(),
		GenerateName:    obj.GetGenerateName(),
		Namespace:       obj.GetNamespace(),
		Labels:          obj.GetLabels(),
		Annotations:     obj.GetAnnotations(),
		OwnerReferences: obj.GetOwnerReferences(),
		Finalizers:      obj.GetFinalizers(),
		ManagedFields:   obj.GetManagedFields(),
		Generation:      obj.GetGeneration(),
	}
	return m.DeepCopy()
}
