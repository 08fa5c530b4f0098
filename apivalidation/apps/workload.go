package daemonset

import (
	"fmt"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Options describe what a cluster decides that changes the API server's
// verdict. The zero Options is how kubeadm, kind and the managed offerings
// run the server.
type Options struct {
	// DisallowPrivileged makes privileged containers (and Windows
	// hostProcess containers) an error, as on an API server started with
	// --allow-privileged=false (the binary's own default).
	DisallowPrivileged bool
}

// DefaultNamespace is the namespace an object without metadata.namespace
// is created in, as kubectl sends it with the default context.
const DefaultNamespace = "default"

// Validate returns the API server's errors for creating ds (kube-apiserver
// v1.37.2, as `kubectl apply --dry-run=server` sees them), in the server's
// order: the field paths, error types and detail texts are the server's.
// As on the server, ds is validated after the apps/v1 and core/v1 defaults
// (see DaemonSetWithDefaults), with a missing namespace taken as "default";
// ds itself is not changed.
//
// ds is what a strict decoder made of the manifest: fields the server would
// reject while decoding (unknown fields, wrong types, bad quantities) are
// not Validate's concern. The one decoding-time failure Validate reports is
// a deprecated.daemonset.template.generation annotation that is not an
// integer, which the server cannot convert: it is the only error then, at
// that annotation, as the server answers 400 before validating anything.
func Validate(ds *appsv1.DaemonSet, opts Options) field.ErrorList {
	if err := conversionError(ds.Annotations, appsv1.DeprecatedTemplateGeneration); err != nil {
		return field.ErrorList{err}
	}
	ds = DaemonSetWithDefaults(ds)
	delete(ds.Annotations, appsv1.DeprecatedTemplateGeneration)
	prepareObjectMeta(&ds.ObjectMeta)

	allErrs := validateObjectMeta(&ds.ObjectMeta)
	spec := &ds.Spec
	fldPath := field.NewPath("spec")
	allErrs = append(allErrs, SelectorErrors(ds)...)
	allErrs = append(allErrs, validatePodTemplateSpec(&spec.Template, fldPath.Child("template"), opts)...)
	allErrs = append(allErrs, validateWorkloadPodSpec(&spec.Template, fldPath.Child("template"), "DaemonSet")...)
	allErrs = append(allErrs, validateNonnegative(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
	allErrs = append(allErrs, validateDaemonSetUpdateStrategy(&spec.UpdateStrategy, fldPath.Child("updateStrategy"))...)
	if spec.RevisionHistoryLimit != nil {
		allErrs = append(allErrs, validateNonnegative(int64(*spec.RevisionHistoryLimit), fldPath.Child("revisionHistoryLimit"))...)
	}
	return dedupe(allErrs)
}

// ValidateReplicaSet returns the API server's errors for creating rs, in
// the server's order, after the server's defaults, as Validate does for a
// DaemonSet. The pod template rules are the same; the selector rules differ
// (see ReplicaSetSelectorErrors), and a selector that cannot be parsed stops
// the template from being validated at all.
func ValidateReplicaSet(rs *appsv1.ReplicaSet, opts Options) field.ErrorList {
	rs = ReplicaSetWithDefaults(rs)
	prepareObjectMeta(&rs.ObjectMeta)

	allErrs := validateObjectMeta(&rs.ObjectMeta)
	spec := &rs.Spec
	fldPath := field.NewPath("spec")
	allErrs = append(allErrs, validateNonnegative(int64(*spec.Replicas), fldPath.Child("replicas"))...)
	allErrs = append(allErrs, validateNonnegative(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
	selErrs, parsed := workloadSelectorErrors(spec.Selector, spec.Template.Labels)
	allErrs = append(allErrs, selErrs...)
	if parsed {
		allErrs = append(allErrs, validatePodTemplateSpec(&spec.Template, fldPath.Child("template"), opts)...)
		allErrs = append(allErrs, validateWorkloadPodSpec(&spec.Template, fldPath.Child("template"), "ReplicaSet")...)
	}
	return dedupe(allErrs)
}

// ValidateDeployment returns the API server's errors for creating d, in the
// server's order, after the server's defaults. Its selector and pod
// template follow the ReplicaSet rules (the server's messages even say
// "ReplicaSet"); its strategy, minReadySeconds, revisionHistoryLimit and
// progressDeadlineSeconds have their own. Like Validate, it reports an
// unparsable deprecated.deployment.rollback.to annotation as the only error.
func ValidateDeployment(d *appsv1.Deployment, opts Options) field.ErrorList {
	if err := conversionError(d.Annotations, appsv1.DeprecatedRollbackTo); err != nil {
		return field.ErrorList{err}
	}
	d = DeploymentWithDefaults(d)
	rollbackTo := d.Annotations[appsv1.DeprecatedRollbackTo]
	if rollbackTo != "" {
		delete(d.Annotations, appsv1.DeprecatedRollbackTo)
	}
	prepareObjectMeta(&d.ObjectMeta)

	allErrs := validateObjectMeta(&d.ObjectMeta)
	spec := &d.Spec
	fldPath := field.NewPath("spec")
	allErrs = append(allErrs, validateNonnegative(int64(*spec.Replicas), fldPath.Child("replicas"))...)
	selErrs, parsed := workloadSelectorErrors(spec.Selector, spec.Template.Labels)
	allErrs = append(allErrs, selErrs...)
	if parsed {
		allErrs = append(allErrs, validatePodTemplateSpec(&spec.Template, fldPath.Child("template"), opts)...)
		allErrs = append(allErrs, validateWorkloadPodSpec(&spec.Template, fldPath.Child("template"), "ReplicaSet")...)
	}
	allErrs = append(allErrs, validateDeploymentStrategy(&spec.Strategy, fldPath.Child("strategy"))...)
	allErrs = append(allErrs, validateNonnegative(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
	if spec.RevisionHistoryLimit != nil {
		allErrs = append(allErrs, validateNonnegative(int64(*spec.RevisionHistoryLimit), fldPath.Child("revisionHistoryLimit"))...)
	}
	if rollbackTo != "" {
		revision, _ := strconv.ParseInt(rollbackTo, 10, 64)
		allErrs = append(allErrs, validateNonnegative(revision, fldPath.Child("rollback", "version"))...)
	}
	if pds := spec.ProgressDeadlineSeconds; pds != nil {
		allErrs = append(allErrs, validateNonnegative(int64(*pds), fldPath.Child("progressDeadlineSeconds"))...)
		if *pds <= spec.MinReadySeconds {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("progressDeadlineSeconds"), pds, "must be greater than minReadySeconds"))
		}
	}
	return dedupe(allErrs)
}

// dedupe drops the errors whose text repeats an earlier one's, as the
// server's list does once it has passed through ErrorList.ToAggregate
// (which the declarative-validation step of every create applies).
func dedupe(errs field.ErrorList) field.ErrorList {
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

// conversionError reports an annotation the server converts into an
// integer field and cannot parse.
func conversionError(annotations map[string]string, key string) *field.Error {
	value, ok := annotations[key]
	if !ok {
		return nil
	}
	if key == appsv1.DeprecatedRollbackTo && value == "" {
		return nil
	}
	if _, err := strconv.ParseInt(value, 10, 64); err != nil {
		return field.Invalid(field.NewPath("metadata", "annotations").Key(key), value, err.Error()).WithOrigin(conversionOrigin)
	}
	return nil
}

// conversionOrigin marks the errors of values the server cannot convert.
const conversionOrigin = "daemonlint:conversion"

// IsConversionError reports whether e is an error the API server gives
// while decoding the request (an HTTP 400), before it validates anything:
// an integer annotation of the apps/v1 API that does not parse.
func IsConversionError(e *field.Error) bool {
	return e != nil && e.Origin == conversionOrigin
}

// generatedSuffix stands for the five random characters the server appends
// to metadata.generateName; any valid suffix gives the same verdict.
const generatedSuffix = "bcdfg"

// prepareObjectMeta does to metadata what the create handler does before
// validation: the namespace comes from the request, system fields are
// reset and a name is generated from generateName.
func prepareObjectMeta(m *metav1.ObjectMeta) {
	if m.Namespace == "" {
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

// validateObjectMeta is the server's ValidateObjectMeta for a namespaced
// workload whose name must be a DNS subdomain, with the kube-only finalizer
// check.
func validateObjectMeta(m *metav1.ObjectMeta) field.ErrorList {
	fldPath := field.NewPath("metadata")
	nameFn := apimachineryvalidation.NameIsDNSSubdomain
	var allErrs field.ErrorList
	if m.GenerateName != "" {
		allErrs = append(allErrs, validateName(nameFn, m.GenerateName, true, fldPath.Child("generateName"))...)
	}
	if m.Name == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("name"), "name or generateName is required"))
	} else {
		allErrs = append(allErrs, validateName(nameFn, m.Name, false, fldPath.Child("name"))...)
	}
	allErrs = append(allErrs, validateName(apimachineryvalidation.ValidateNamespaceName, m.Namespace, false, fldPath.Child("namespace"))...)
	allErrs = append(allErrs, validateLabels(m.Labels, fldPath.Child("labels"))...)
	allErrs = append(allErrs, validateAnnotations(m.Annotations, fldPath.Child("annotations"))...)
	allErrs = append(allErrs, apimachineryvalidation.ValidateOwnerReferences(m.OwnerReferences, fldPath.Child("ownerReferences"))...)
	allErrs = append(allErrs, apimachineryvalidation.ValidateFinalizers(m.Finalizers, fldPath.Child("finalizers"))...)
	allErrs = append(allErrs, metav1validation.ValidateManagedFields(m.ManagedFields, fldPath.Child("managedFields"))...)
	for i, f := range m.Finalizers {
		if !strings.Contains(f, "/") && !standardFinalizers.has(f) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("finalizers").Index(i), f, "name is neither a standard finalizer name nor is it fully qualified"))
		}
	}
	return allErrs
}

// validateWorkloadPodSpec checks what a DaemonSet, ReplicaSet or
// Deployment adds to the pod template rules: pods must always restart and
// may have no deadline. kind names the workload in the server's message.
func validateWorkloadPodSpec(t *corev1.PodTemplateSpec, fldPath *field.Path, kind string) field.ErrorList {
	var allErrs field.ErrorList
	if t.Spec.RestartPolicy != "Always" {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("spec", "restartPolicy"), t.Spec.RestartPolicy, []string{"Always"}))
	}
	if t.Spec.ActiveDeadlineSeconds != nil {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("spec", "activeDeadlineSeconds"), fmt.Sprintf("activeDeadlineSeconds in %s is not Supported", kind)))
	}
	return allErrs
}

// internalDaemonSetUpdateStrategy renders a DaemonSet update strategy the
// way the server prints it in an error: its internal type has no JSON tags,
// and an unset IntOrString is 0.
type internalDaemonSetUpdateStrategy struct {
	Type          appsv1.DaemonSetUpdateStrategyType
	RollingUpdate *internalRollingUpdate
}

// internalDeploymentStrategy renders a Deployment strategy the way the
// server prints it in an error.
type internalDeploymentStrategy struct {
	Type          appsv1.DeploymentStrategyType
	RollingUpdate *internalRollingUpdate
}

// internalRollingUpdate renders a DaemonSet's or Deployment's rolling
// update parameters the way the server prints them.
type internalRollingUpdate struct {
	MaxUnavailable intstr.IntOrString
	MaxSurge       intstr.IntOrString
}

// internalRolling converts rolling update parameters to their rendering.
func internalRolling(maxUnavailable, maxSurge *intstr.IntOrString, present bool) *internalRollingUpdate {
	if !present {
		return nil
	}
	r := &internalRollingUpdate{}
	if maxUnavailable != nil {
		r.MaxUnavailable = *maxUnavailable
	}
	if maxSurge != nil {
		r.MaxSurge = *maxSurge
	}
	return r
}

// validateDaemonSetUpdateStrategy checks a (defaulted) update strategy.
func validateDaemonSetUpdateStrategy(s *appsv1.DaemonSetUpdateStrategy, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch s.Type {
	case appsv1.OnDeleteDaemonSetStrategyType:
	case appsv1.RollingUpdateDaemonSetStrategyType:
		if s.RollingUpdate == nil {
			return append(allErrs, field.Required(fldPath.Child("rollingUpdate"), ""))
		}
		ru := internalRolling(s.RollingUpdate.MaxUnavailable, s.RollingUpdate.MaxSurge, true)
		allErrs = append(allErrs, validateRollingUpdateDaemonSet(ru, fldPath.Child("rollingUpdate"))...)
	default:
		var ru *internalRollingUpdate
		if s.RollingUpdate != nil {
			ru = internalRolling(s.RollingUpdate.MaxUnavailable, s.RollingUpdate.MaxSurge, true)
		}
		value := internalDaemonSetUpdateStrategy{Type: s.Type, RollingUpdate: ru}
		allErrs = append(allErrs, field.NotSupported(fldPath, value, []appsv1.DaemonSetUpdateStrategyType{appsv1.RollingUpdateDaemonSetStrategyType, appsv1.OnDeleteDaemonSetStrategyType}))
	}
	return allErrs
}

// validateRollingUpdateDaemonSet checks a DaemonSet's maxUnavailable and
// maxSurge: each an integer or a percentage up to 100%, and exactly one of
// them non-zero.
func validateRollingUpdateDaemonSet(ru *internalRollingUpdate, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	allErrs = append(allErrs, validatePositiveIntOrPercent(ru.MaxUnavailable, fldPath.Child("maxUnavailable"))...)
	allErrs = append(allErrs, validatePositiveIntOrPercent(ru.MaxSurge, fldPath.Child("maxSurge"))...)
	allErrs = append(allErrs, isNotMoreThan100Percent(ru.MaxUnavailable, fldPath.Child("maxUnavailable"))...)
	allErrs = append(allErrs, isNotMoreThan100Percent(ru.MaxSurge, fldPath.Child("maxSurge"))...)
	hasUnavailable := intOrPercentValue(ru.MaxUnavailable) != 0
	hasSurge := intOrPercentValue(ru.MaxSurge) != 0
	switch {
	case hasUnavailable && hasSurge:
		allErrs = append(allErrs, field.Invalid(fldPath.Child("maxSurge"), ru.MaxSurge, "may not be set when maxUnavailable is non-zero"))
	case !hasUnavailable && !hasSurge:
		allErrs = append(allErrs, field.Required(fldPath.Child("maxUnavailable"), "cannot be 0 when maxSurge is 0"))
	}
	return allErrs
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
		rp := fldPath.Child("rollingUpdate")
		allErrs = append(allErrs, validatePositiveIntOrPercent(ru.MaxUnavailable, rp.Child("maxUnavailable"))...)
		allErrs = append(allErrs, validatePositiveIntOrPercent(ru.MaxSurge, rp.Child("maxSurge"))...)
		if intOrPercentValue(ru.MaxUnavailable) == 0 && intOrPercentValue(ru.MaxSurge) == 0 {
			allErrs = append(allErrs, field.Invalid(rp.Child("maxUnavailable"), ru.MaxUnavailable, "may not be 0 when `maxSurge` is 0"))
		}
		allErrs = append(allErrs, isNotMoreThan100Percent(ru.MaxUnavailable, rp.Child("maxUnavailable"))...)
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

// validatePositiveIntOrPercent checks that v is a non-negative integer or a
// percentage string.
func validatePositiveIntOrPercent(v intstr.IntOrString, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch v.Type {
	case intstr.String:
		for _, msg := range validation.IsValidPercent(v.StrVal) {
			allErrs = append(allErrs, field.Invalid(fldPath, v, msg))
		}
	case intstr.Int:
		allErrs = append(allErrs, validateNonnegative(int64(v.IntValue()), fldPath)...)
	default:
		allErrs = append(allErrs, field.Invalid(fldPath, v, "must be an integer or percentage (e.g '5%%')"))
	}
	return allErrs
}

// percentValue returns the number of a valid percentage string.
func percentValue(v intstr.IntOrString) (int, bool) {
	if v.Type != intstr.String || len(validation.IsValidPercent(v.StrVal)) != 0 {
		return 0, false
	}
	n, _ := strconv.Atoi(v.StrVal[:len(v.StrVal)-1])
	return n, true
}

// intOrPercentValue returns the number in v as the server reads it: the
// number of a percentage, or IntValue (which parses a plain numeric string
// and gives 0 for anything else).
func intOrPercentValue(v intstr.IntOrString) int {
	if n, ok := percentValue(v); ok {
		return n
	}
	return v.IntValue()
}

// isNotMoreThan100Percent reports a percentage above 100%.
func isNotMoreThan100Percent(v intstr.IntOrString, fldPath *field.Path) field.ErrorList {
	n, ok := percentValue(v)
	if !ok || n <= 100 {
		return nil
	}
	return field.ErrorList{field.Invalid(fldPath, v, "must not be greater than 100%")}
}
