package batch

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/core"
	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
)

// The server's limits on a Job.
const (
	maxParallelismForIndexedJob                = 100000
	maxFailedIndexesForIndexedJob              = 100_000
	completionsSoftLimit                       = 100_000
	parallelismLimitForHighCompletions         = 10_000
	maxFailedIndexesLimitForHighCompletions    = 10_000
	maxPodFailurePolicyRules                   = 20
	maxPodFailurePolicyOnExitCodesValues       = 255
	maxPodFailurePolicyOnPodConditionsPatterns = 20
	maxManagedByLength                         = 63
	maxJobSuccessPolicySucceededIndexesLimit   = 64 * 1024
	maxSuccessPolicyRule                       = 20
)

// The values the server lists in its messages, in its (sorted) order.
var (
	supportedPodFailurePolicyActions = []batchv1.PodFailurePolicyAction{
		batchv1.PodFailurePolicyActionCount, batchv1.PodFailurePolicyActionFailIndex,
		batchv1.PodFailurePolicyActionFailJob, batchv1.PodFailurePolicyActionIgnore}
	supportedOnExitCodesOperators = []batchv1.PodFailurePolicyOnExitCodesOperator{
		batchv1.PodFailurePolicyOnExitCodesOpIn, batchv1.PodFailurePolicyOnExitCodesOpNotIn}
	supportedConditionStatuses = []corev1.ConditionStatus{corev1.ConditionFalse, corev1.ConditionTrue, corev1.ConditionUnknown}
	supportedPodReplacement    = []batchv1.PodReplacementPolicy{batchv1.Failed, batchv1.TerminatingOrFailed}
)

// The unprefixed labels the server still sets on a Job's pods.
const (
	legacyJobNameLabel       = "job-name"
	legacyControllerUIDLabel = "controller-uid"
)

// ValidateJob returns the API server's errors for creating job, in the
// server's order, after the server's defaults (see JobWithDefaults) and,
// unless spec.manualSelector is true, the selector and pod labels the
// server generates (batch.kubernetes.io/controller-uid and job-name, and
// their legacy unprefixed forms). Its name must be a DNS subdomain, and an
// Indexed Job's name must leave room for the index in its pods' hostnames.
// job itself is not changed.
func ValidateJob(job *batchv1.Job, opts core.Options) field.ErrorList {
	return validateJob(JobWithDefaults(job), opts)
}

// validateJob is ValidateJob after the defaults; it changes job's metadata
// as the server prepares it for create, and adds the generated selector
// and labels.
func validateJob(job *batchv1.Job, opts core.Options) field.ErrorList {
	core.PrepareForCreate(&job.ObjectMeta, true) // gives the Job a UID for the generated selector
	if job.Spec.ManualSelector == nil || !*job.Spec.ManualSelector {
		generateSelector(job)
	}
	allErrs := core.ValidateObjectMeta(&job.ObjectMeta, true, names.NameIsDNSSubdomain, field.NewPath("metadata"))
	allErrs = append(allErrs, validateGeneratedSelector(job)...)
	fldPath := field.NewPath("spec")
	spec := &job.Spec
	allErrs = append(allErrs, validateJobSpec(spec, fldPath, opts)...)
	if spec.Selector == nil {
		allErrs = append(allErrs, field.Required(fldPath.Child("selector"), ""))
	} else {
		allErrs = append(allErrs, core.ValidateLabelSelector(spec.Selector, fldPath.Child("selector"))...)
	}
	if selector, err := metav1.LabelSelectorAsSelector(spec.Selector); err == nil && !selector.Matches(labels.Set(spec.Template.Labels)) {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("template", "metadata", "labels"), spec.Template.Labels, "`selector` does not match template `labels`"))
	}
	if isIndexed(spec) && spec.Completions != nil && *spec.Completions > 0 {
		hostname := fmt.Sprintf("%s-%d", job.Name, *spec.Completions-1)
		if !names.DNS1123Label(hostname) {
			allErrs = append(allErrs, field.Invalid(field.NewPath("metadata", "name"), job.Name, "will not able to create pod with invalid DNS label: "+hostname))
		}
	}
	return core.Dedupe(allErrs)
}

// isIndexed reports whether a Job's completion mode is Indexed.
func isIndexed(spec *batchv1.JobSpec) bool {
	return spec.CompletionMode != nil && *spec.CompletionMode == batchv1.IndexedCompletion
}

// generateSelector adds the labels and selector the server generates for
// a Job without a manual selector, leaving labels the user set.
func generateSelector(job *batchv1.Job) {
	t := &job.Spec.Template
	if t.Labels == nil {
		t.Labels = map[string]string{}
	}
	for _, k := range []string{legacyJobNameLabel, batchv1.JobNameLabel} {
		if _, ok := t.Labels[k]; !ok {
			t.Labels[k] = job.Name
		}
	}
	for _, k := range []string{legacyControllerUIDLabel, batchv1.ControllerUidLabel} {
		if _, ok := t.Labels[k]; !ok {
			t.Labels[k] = string(job.UID)
		}
	}
	if job.Spec.Selector == nil {
		job.Spec.Selector = &metav1.LabelSelector{}
	}
	if job.Spec.Selector.MatchLabels == nil {
		job.Spec.Selector.MatchLabels = map[string]string{}
	}
	if _, ok := job.Spec.Selector.MatchLabels[batchv1.ControllerUidLabel]; !ok {
		job.Spec.Selector.MatchLabels[batchv1.ControllerUidLabel] = string(job.UID)
	}
}

// validateGeneratedSelector checks that the generated labels are on the
// pod template with the Job's values, and that the selector selects them.
func validateGeneratedSelector(job *batchv1.Job) field.ErrorList {
	if job.Spec.ManualSelector != nil && *job.Spec.ManualSelector || job.Spec.Selector == nil {
		return nil
	}
	var allErrs field.ErrorList
	mp := field.NewPath("spec", "template", "metadata")
	want := map[string]string{}
	for _, kv := range [][2]string{
		{legacyControllerUIDLabel, string(job.UID)}, {legacyJobNameLabel, job.Name},
		{batchv1.ControllerUidLabel, string(job.UID)}, {batchv1.JobNameLabel, job.Name},
	} {
		allErrs = append(allErrs, validateHasLabel(job.Spec.Template.Labels, mp, kv[0], kv[1])...)
		want[kv[0]] = kv[1]
	}
	if selector, err := metav1.LabelSelectorAsSelector(job.Spec.Selector); err == nil && !selector.Matches(labels.Set(want)) {
		allErrs = append(allErrs, field.Invalid(field.NewPath("spec", "selector"), job.Spec.Selector, "`selector` not auto-generated"))
	}
	return allErrs
}

// validateHasLabel is the server's ValidateHasLabel.
func validateHasLabel(l map[string]string, fldPath *field.Path, key, value string) field.ErrorList {
	got, ok := l[key]
	if !ok {
		return field.ErrorList{field.Required(fldPath.Child("labels").Key(key), value)}
	}
	if got != value {
		return field.ErrorList{field.Invalid(fldPath.Child("labels").Key(key), l, "must be '"+value+"'")}
	}
	return nil
}

// validateJobSpec checks a Job's spec, or a CronJob's job template's, at
// fldPath, without its selector.
func validateJobSpec(spec *batchv1.JobSpec, fldPath *field.Path, opts core.Options) field.ErrorList {
	var allErrs field.ErrorList
	nonneg := func(v *int32, name string) {
		if v != nil {
			allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(*v), fldPath.Child(name))...)
		}
	}
	nonneg(spec.Parallelism, "parallelism")
	nonneg(spec.Completions, "completions")
	if spec.ActiveDeadlineSeconds != nil {
		allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(*spec.ActiveDeadlineSeconds, fldPath.Child("activeDeadlineSeconds"))...)
	}
	nonneg(spec.BackoffLimit, "backoffLimit")
	nonneg(spec.TTLSecondsAfterFinished, "ttlSecondsAfterFinished")
	nonneg(spec.BackoffLimitPerIndex, "backoffLimitPerIndex")
	if spec.MaxFailedIndexes != nil {
		nonneg(spec.MaxFailedIndexes, "maxFailedIndexes")
		if spec.BackoffLimitPerIndex == nil {
			allErrs = append(allErrs, field.Required(fldPath.Child("backoffLimitPerIndex"), "when maxFailedIndexes is specified"))
		}
	}
	if spec.ManagedBy != nil {
		allErrs = append(allErrs, validation.IsDomainPrefixedPath(fldPath.Child("managedBy"), *spec.ManagedBy)...)
		if len(*spec.ManagedBy) > maxManagedByLength {
			allErrs = append(allErrs, field.TooLong(fldPath.Child("managedBy"), *spec.ManagedBy, maxManagedByLength))
		}
	}
	if cm := spec.CompletionMode; cm != nil {
		if *cm != batchv1.NonIndexedCompletion && *cm != batchv1.IndexedCompletion {
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("completionMode"), cm, []batchv1.CompletionMode{batchv1.NonIndexedCompletion, batchv1.IndexedCompletion}))
		}
		if *cm == batchv1.IndexedCompletion {
			if spec.Completions == nil {
				allErrs = append(allErrs, field.Required(fldPath.Child("completions"), "when completion mode is Indexed"))
			}
			if spec.Parallelism != nil && *spec.Parallelism > maxParallelismForIndexedJob {
				allErrs = append(allErrs, field.Invalid(fldPath.Child("parallelism"), *spec.Parallelism, fmt.Sprintf("must be less than or equal to %d when completion mode is Indexed", maxParallelismForIndexedJob)))
			}
			if spec.Completions != nil && spec.MaxFailedIndexes != nil && *spec.MaxFailedIndexes > *spec.Completions {
				allErrs = append(allErrs, field.Invalid(fldPath.Child("maxFailedIndexes"), *spec.MaxFailedIndexes, "must be less than or equal to completions"))
			}
			if spec.MaxFailedIndexes != nil && *spec.MaxFailedIndexes > maxFailedIndexesForIndexedJob {
				allErrs = append(allErrs, field.Invalid(fldPath.Child("maxFailedIndexes"), *spec.MaxFailedIndexes, fmt.Sprintf("must be less than or equal to %d", maxFailedIndexesForIndexedJob)))
			}
			if spec.Completions != nil && *spec.Completions > completionsSoftLimit && spec.BackoffLimitPerIndex != nil {
				if spec.MaxFailedIndexes == nil {
					allErrs = append(allErrs, field.Required(fldPath.Child("maxFailedIndexes"), fmt.Sprintf("must be specified when completions is above %d", completionsSoftLimit)))
				}
				if spec.Parallelism != nil && *spec.Parallelism > parallelismLimitForHighCompletions {
					allErrs = append(allErrs, field.Invalid(fldPath.Child("parallelism"), *spec.Parallelism, fmt.Sprintf("must be less than or equal to %d when completions are above %d and used with backoff limit per index", parallelismLimitForHighCompletions, completionsSoftLimit)))
				}
				if spec.MaxFailedIndexes != nil && *spec.MaxFailedIndexes > maxFailedIndexesLimitForHighCompletions {
					allErrs = append(allErrs, field.Invalid(fldPath.Child("maxFailedIndexes"), *spec.MaxFailedIndexes, fmt.Sprintf("must be less than or equal to %d when completions are above %d and used with backoff limit per index", maxFailedIndexesLimitForHighCompletions, completionsSoftLimit)))
				}
			}
		}
	}
	if spec.CompletionMode == nil || *spec.CompletionMode == batchv1.NonIndexedCompletion {
		if spec.BackoffLimitPerIndex != nil {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("backoffLimitPerIndex"), *spec.BackoffLimitPerIndex, "requires indexed completion mode"))
		}
		if spec.MaxFailedIndexes != nil {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("maxFailedIndexes"), *spec.MaxFailedIndexes, "requires indexed completion mode"))
		}
	}
	if spec.PodFailurePolicy != nil {
		allErrs = append(allErrs, validatePodFailurePolicy(spec, fldPath.Child("podFailurePolicy"))...)
	}
	if spec.SuccessPolicy != nil {
		if !isIndexed(spec) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("successPolicy"), internalSuccessPolicy(spec.SuccessPolicy), "requires indexed completion mode"))
		} else {
			allErrs = append(allErrs, validateSuccessPolicy(spec, fldPath.Child("successPolicy"))...)
		}
	}
	if p := spec.PodReplacementPolicy; p != nil {
		rp := fldPath.Child("podReplacementPolicy")
		if spec.PodFailurePolicy != nil {
			if *p != batchv1.Failed {
				allErrs = append(allErrs, field.NotSupported(rp, *p, []batchv1.PodReplacementPolicy{batchv1.Failed}))
			}
		} else if !slices.Contains(supportedPodReplacement, *p) {
			allErrs = append(allErrs, field.NotSupported(rp, *p, supportedPodReplacement))
		}
	}
	tp := fldPath.Child("template")
	allErrs = append(allErrs, core.ValidatePodTemplateSpec(&spec.Template, tp, opts)...)
	rp := tp.Child("spec", "restartPolicy")
	switch policy := spec.Template.Spec.RestartPolicy; {
	case policy == corev1.RestartPolicyAlways || policy == "":
		allErrs = append(allErrs, field.Required(rp, `valid values: "OnFailure", "Never"`))
	case policy != corev1.RestartPolicyOnFailure && policy != corev1.RestartPolicyNever:
		allErrs = append(allErrs, field.NotSupported(rp, policy, []corev1.RestartPolicy{corev1.RestartPolicyOnFailure, corev1.RestartPolicyNever}))
	case spec.PodFailurePolicy != nil && policy != corev1.RestartPolicyNever:
		allErrs = append(allErrs, field.Invalid(rp, policy, `only "Never" is supported when podFailurePolicy is specified`))
	}
	return allErrs
}

// internalSuccessPolicy renders a success policy the way the server prints
// it in an error: its internal type has no JSON tags.
func internalSuccessPolicy(p *batchv1.SuccessPolicy) any {
	type rule struct {
		SucceededIndexes *string
		SucceededCount   *int32
	}
	type policy struct{ Rules []rule }
	out := policy{Rules: []rule{}}
	for _, r := range p.Rules {
		out.Rules = append(out.Rules, rule{r.SucceededIndexes, r.SucceededCount})
	}
	return out
}

// validatePodFailurePolicy checks a Job's pod failure policy rules.
func validatePodFailurePolicy(spec *batchv1.JobSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	rulesPath := fldPath.Child("rules")
	rules := spec.PodFailurePolicy.Rules
	if len(rules) > maxPodFailurePolicyRules {
		allErrs = append(allErrs, field.TooMany(rulesPath, len(rules), maxPodFailurePolicyRules))
	}
	containerNames := map[string]bool{}
	for _, c := range spec.Template.Spec.Containers {
		containerNames[c.Name] = true
	}
	for _, c := range spec.Template.Spec.InitContainers {
		containerNames[c.Name] = true
	}
	for i := range rules {
		rule := &rules[i]
		rulePath := rulesPath.Index(i)
		actionPath := rulePath.Child("action")
		switch {
		case rule.Action == "":
			allErrs = append(allErrs, field.Required(actionPath, fmt.Sprintf("valid values: %q", supportedPodFailurePolicyActions)))
		case rule.Action == batchv1.PodFailurePolicyActionFailIndex:
			if spec.BackoffLimitPerIndex == nil {
				allErrs = append(allErrs, field.Invalid(actionPath, rule.Action, "requires the backoffLimitPerIndex to be set"))
			}
		case !slices.Contains(supportedPodFailurePolicyActions, rule.Action):
			allErrs = append(allErrs, field.NotSupported(actionPath, rule.Action, supportedPodFailurePolicyActions))
		}
		if rule.OnExitCodes != nil {
			allErrs = append(allErrs, validateOnExitCodes(rule.OnExitCodes, rulePath.Child("onExitCodes"), containerNames)...)
		}
		if len(rule.OnPodConditions) > 0 {
			cp := rulePath.Child("onPodConditions")
			if len(rule.OnPodConditions) > maxPodFailurePolicyOnPodConditionsPatterns {
				allErrs = append(allErrs, field.TooMany(cp, len(rule.OnPodConditions), maxPodFailurePolicyOnPodConditionsPatterns))
			}
			for j, p := range rule.OnPodConditions {
				pp := cp.Index(j)
				for _, msg := range names.LabelKeyErrors(string(p.Type)) {
					allErrs = append(allErrs, field.Invalid(pp.Child("type"), string(p.Type), msg))
				}
				switch {
				case p.Status == "":
					allErrs = append(allErrs, field.Required(pp.Child("status"), fmt.Sprintf("valid values: %q", supportedConditionStatuses)))
				case !slices.Contains(supportedConditionStatuses, p.Status):
					allErrs = append(allErrs, field.NotSupported(pp.Child("status"), p.Status, supportedConditionStatuses))
				}
			}
		}
		if rule.OnExitCodes != nil && len(rule.OnPodConditions) > 0 {
			allErrs = append(allErrs, field.Invalid(rulePath, field.OmitValueType{}, "specifying both OnExitCodes and OnPodConditions is not supported"))
		}
		if rule.OnExitCodes == nil && len(rule.OnPodConditions) == 0 {
			allErrs = append(allErrs, field.Invalid(rulePath, field.OmitValueType{}, "specifying one of OnExitCodes and OnPodConditions is required"))
		}
	}
	return allErrs
}

// validateOnExitCodes checks a pod failure policy rule's exit codes.
func validateOnExitCodes(r *batchv1.PodFailurePolicyOnExitCodesRequirement, fldPath *field.Path, containerNames map[string]bool) field.ErrorList {
	var allErrs field.ErrorList
	op := fldPath.Child("operator")
	switch {
	case r.Operator == "":
		allErrs = append(allErrs, field.Required(op, fmt.Sprintf("valid values: %q", supportedOnExitCodesOperators)))
	case !slices.Contains(supportedOnExitCodesOperators, r.Operator):
		allErrs = append(allErrs, field.NotSupported(op, r.Operator, supportedOnExitCodesOperators))
	}
	if r.ContainerName != nil && !containerNames[*r.ContainerName] {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("containerName"), *r.ContainerName, "must be one of the container or initContainer names in the pod template"))
	}
	vp := fldPath.Child("values")
	if len(r.Values) == 0 {
		allErrs = append(allErrs, field.Invalid(vp, r.Values, "at least one value is required"))
	} else if len(r.Values) > maxPodFailurePolicyOnExitCodesValues {
		allErrs = append(allErrs, field.TooMany(vp, len(r.Values), maxPodFailurePolicyOnExitCodesValues))
	}
	ordered := true
	seen := map[int32]bool{}
	for j, v := range r.Values {
		if r.Operator == batchv1.PodFailurePolicyOnExitCodesOpIn && v == 0 {
			allErrs = append(allErrs, field.Invalid(vp.Index(j), v, "must not be 0 for the In operator"))
		}
		if seen[v] {
			allErrs = append(allErrs, field.Duplicate(vp.Index(j), v))
		}
		seen[v] = true
		if j > 0 && r.Values[j-1] > v {
			ordered = false
		}
	}
	if !ordered {
		allErrs = append(allErrs, field.Invalid(vp, r.Values, "must be ordered"))
	}
	return allErrs
}

// validateSuccessPolicy checks an Indexed Job's success policy.
func validateSuccessPolicy(spec *batchv1.JobSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	rulesPath := fldPath.Child("rules")
	rules := spec.SuccessPolicy.Rules
	if len(rules) == 0 {
		allErrs = append(allErrs, field.Required(rulesPath, "at least one rules must be specified when the successPolicy is specified"))
	}
	if len(rules) > maxSuccessPolicyRule {
		allErrs = append(allErrs, field.TooMany(rulesPath, len(rules), maxSuccessPolicyRule))
	}
	var completions int32
	if spec.Completions != nil {
		completions = *spec.Completions
	}
	for i, rule := range rules {
		rp := rulesPath.Index(i)
		if rule.SucceededCount == nil && rule.SucceededIndexes == nil {
			allErrs = append(allErrs, field.Required(rp, "at least one of succeededCount or succeededIndexes must be specified"))
		}
		var total int32
		if rule.SucceededIndexes != nil {
			ip := rp.Child("succeededIndexes")
			if len(*rule.SucceededIndexes) > maxJobSuccessPolicySucceededIndexesLimit {
				allErrs = append(allErrs, field.TooLong(ip, *rule.SucceededIndexes, maxJobSuccessPolicySucceededIndexesLimit))
			}
			var err error
			if total, err = validateIndexesFormat(*rule.SucceededIndexes, completions); err != nil {
				allErrs = append(allErrs, field.Invalid(ip, *rule.SucceededIndexes, "error parsing succeededIndexes: "+err.Error()))
			}
		}
		if rule.SucceededCount != nil {
			cp := rp.Child("succeededCount")
			allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(*rule.SucceededCount), cp)...)
			if *rule.SucceededCount > completions {
				allErrs = append(allErrs, field.Invalid(cp, *rule.SucceededCount, fmt.Sprintf("must be less than or equal to %d (the number of specified completions)", completions)))
			}
			if rule.SucceededIndexes != nil && *rule.SucceededCount > total {
				allErrs = append(allErrs, field.Invalid(cp, *rule.SucceededCount, fmt.Sprintf("must be less than or equal to %d (the number of indexes in the specified succeededIndexes field)", total)))
			}
		}
	}
	return allErrs
}

// validateIndexesFormat parses a list of index intervals such as "1,3-5"
// and returns how many indexes it holds.
func validateIndexesFormat(s string, completions int32) (int32, error) {
	if s == "" {
		return 0, nil
	}
	var last *int32
	var total int32
	for _, interval := range strings.Split(s, ",") {
		x, y, err := parseIndexInterval(interval, completions)
		if err != nil {
			return 0, err
		}
		if last != nil && *last >= x {
			return 0, fmt.Errorf("non-increasing order, previous: %d, current: %d", *last, x)
		}
		total += y - x + 1
		last = &y
	}
	return total, nil
}

// parseIndexInterval parses "x" or "x-y".
func parseIndexInterval(s string, completions int32) (int32, int32, error) {
	limits := strings.Split(s, "-")
	if len(limits) > 2 {
		return 0, 0, fmt.Errorf("the fragment %q violates the requirement that an index interval can have at most two parts separated by '-'", s)
	}
	x, err := strconv.Atoi(limits[0])
	if err != nil {
		return 0, 0, fmt.Errorf("cannot convert string to integer for index: %q", limits[0])
	}
	if x >= int(completions) {
		return 0, 0, fmt.Errorf("too large index: %q", limits[0])
	}
	if len(limits) == 1 {
		return int32(x), int32(x), nil
	}
	y, err := strconv.Atoi(limits[1])
	if err != nil {
		return 0, 0, fmt.Errorf("cannot convert string to integer for index: %q", limits[1])
	}
	if y >= int(completions) {
		return 0, 0, fmt.Errorf("too large index: %q", limits[1])
	}
	if x >= y {
		return 0, 0, fmt.Errorf("non-increasing order, previous: %d, current: %d", x, y)
	}
	return int32(x), int32(y), nil
}

// JobWithDefaults returns a copy of job with the defaults the API server
// applies to a batch/v1 Job before validating it: completions and
// parallelism of 1 when neither is set, a parallelism of 1, a backoffLimit
// of 6 (the largest int32 with backoffLimitPerIndex), labels from the
// template when the Job has none, the NonIndexed completion mode, suspend
// false, pod condition patterns with status True, a pod replacement policy,
// and the pod template defaults. job itself is not changed; the result
// shares with it what defaulting and validation do not write (see
// jobSpecForDefaults), which a caller must not change either.
func JobWithDefaults(job *batchv1.Job) *batchv1.Job {
	out := *job
	jobSpecForDefaults(&out.Spec)
	setJobDefaults(&out)
	return &out
}

// setJobDefaults applies the defaults of JobWithDefaults to job in place.
func setJobDefaults(job *batchv1.Job) {
	spec := &job.Spec
	if spec.Completions == nil && spec.Parallelism == nil {
		spec.Completions = new(int32(1))
		spec.Parallelism = new(int32(1))
	}
	if spec.Parallelism == nil {
		spec.Parallelism = new(int32(1))
	}
	if spec.BackoffLimit == nil {
		if spec.BackoffLimitPerIndex != nil {
			spec.BackoffLimit = new(int32(math.MaxInt32))
		} else {
			spec.BackoffLimit = new(int32(6))
		}
	}
	if l := spec.Template.Labels; l != nil && len(job.Labels) == 0 {
		job.Labels = l
	}
	setJobSpecDefaults(spec)
}

// jobSpecForDefaults replaces in spec, a shallow copy of a Job's spec or a
// CronJob's job template's, what defaulting and validation write with
// copies: the pod failure policy (its pod condition patterns get a
// status), the selector and the template's labels (the generated selector
// adds to them), and the pod template (see core.TemplateForDefaults). The
// rest is shared, which a DeepCopy of a large template would spend most of
// its time on.
func jobSpecForDefaults(spec *batchv1.JobSpec) {
	spec.PodFailurePolicy = spec.PodFailurePolicy.DeepCopy()
	spec.Selector = spec.Selector.DeepCopy()
	spec.Template = core.TemplateForDefaults(&spec.Template)
	spec.Template.Labels = maps.Clone(spec.Template.Labels)
}

// setJobSpecDefaults applies the defaults a Job's spec and a CronJob's
// job template share.
func setJobSpecDefaults(spec *batchv1.JobSpec) {
	if spec.CompletionMode == nil {
		spec.CompletionMode = new(batchv1.NonIndexedCompletion)
	}
	if spec.Suspend == nil {
		spec.Suspend = new(false)
	}
	if spec.PodFailurePolicy != nil {
		for _, rule := range spec.PodFailurePolicy.Rules {
			for i := range rule.OnPodConditions {
				if rule.OnPodConditions[i].Status == "" {
					rule.OnPodConditions[i].Status = corev1.ConditionTrue
				}
			}
		}
	}
	if spec.PodReplacementPolicy == nil {
		if spec.PodFailurePolicy != nil {
			spec.PodReplacementPolicy = new(batchv1.Failed)
		} else {
			spec.PodReplacementPolicy = new(batchv1.TerminatingOrFailed)
		}
	}
	core.SetPodTemplateDefaults(&spec.Template)
}
