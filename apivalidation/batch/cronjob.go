package batch

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // time zones known without the host's zoneinfo, as kube-apiserver embeds them

	"github.com/robfig/cron/v3"
	batchv1 "k8s.io/api/batch/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/core"
	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
)

// ValidateCronJob returns the API server's errors for creating cj, in the
// server's order, after the server's defaults (see CronJobWithDefaults):
// its name (a DNS subdomain of at most 52 characters, to leave room for
// the suffix of the Jobs it creates), the schedule as the server parses it
// (robfig/cron's ParseStandard, with no TZ= or CRON_TZ= prefix: timeZone
// says that), startingDeadlineSeconds, timeZone, concurrencyPolicy, the job
// template (a Job's spec, whose selector the server generates), and the
// history limits. cj itself is not changed.
func ValidateCronJob(cj *batchv1.CronJob, opts core.Options) field.ErrorList {
	return validateCronJob(CronJobWithDefaults(cj), opts)
}

// validateCronJob is ValidateCronJob after the defaults; it changes cj's
// metadata as the server prepares it for create.
func validateCronJob(cj *batchv1.CronJob, opts core.Options) field.ErrorList {
	core.PrepareForCreate(&cj.ObjectMeta, true)
	allErrs := core.ValidateObjectMeta(&cj.ObjectMeta, true, names.NameIsDNSSubdomain, field.NewPath("metadata"))
	spec := &cj.Spec
	fldPath := field.NewPath("spec")
	if spec.Schedule == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("schedule"), ""))
	} else {
		allErrs = append(allErrs, ValidateSchedule(spec.Schedule, fldPath.Child("schedule"))...)
	}
	if spec.StartingDeadlineSeconds != nil {
		allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(*spec.StartingDeadlineSeconds, fldPath.Child("startingDeadlineSeconds"))...)
	}
	allErrs = append(allErrs, validateTimeZone(spec.TimeZone, fldPath.Child("timeZone"))...)
	cp := fldPath.Child("concurrencyPolicy")
	switch spec.ConcurrencyPolicy {
	case batchv1.AllowConcurrent, batchv1.ForbidConcurrent, batchv1.ReplaceConcurrent:
	case "":
		allErrs = append(allErrs, field.Required(cp, ""))
	default:
		allErrs = append(allErrs, field.NotSupported(cp, spec.ConcurrencyPolicy, []batchv1.ConcurrencyPolicy{batchv1.AllowConcurrent, batchv1.ForbidConcurrent, batchv1.ReplaceConcurrent}))
	}
	jp := fldPath.Child("jobTemplate")
	js := &spec.JobTemplate.Spec
	allErrs = append(allErrs, validateJobSpec(js, jp.Child("spec"), opts)...)
	if js.Selector != nil {
		allErrs = append(allErrs, field.Invalid(jp.Child("spec", "selector"), js.Selector, "`selector` will be auto-generated"))
	}
	if js.ManualSelector != nil && *js.ManualSelector {
		allErrs = append(allErrs, field.NotSupported(jp.Child("spec", "manualSelector"), js.ManualSelector, []string{"nil", "false"}))
	}
	if spec.SuccessfulJobsHistoryLimit != nil {
		allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(*spec.SuccessfulJobsHistoryLimit), fldPath.Child("successfulJobsHistoryLimit"))...)
	}
	if spec.FailedJobsHistoryLimit != nil {
		allErrs = append(allErrs, apimachineryvalidation.ValidateNonnegativeField(int64(*spec.FailedJobsHistoryLimit), fldPath.Child("failedJobsHistoryLimit"))...)
	}
	if len(cj.Name) > validation.DNS1035LabelMaxLength-11 {
		allErrs = append(allErrs, field.Invalid(field.NewPath("metadata", "name"), cj.Name, "must be no more than 52 characters"))
	}
	return core.Dedupe(allErrs)
}

// ValidateSchedule checks a CronJob's schedule at fldPath as the server
// does on create: it must parse with robfig/cron's ParseStandard (five
// fields or a descriptor such as @daily), and it may not name a time zone
// with TZ= or CRON_TZ=, which spec.timeZone replaces.
func ValidateSchedule(schedule string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if _, err := cron.ParseStandard(schedule); err != nil {
		allErrs = append(allErrs, field.Invalid(fldPath, schedule, err.Error()))
	}
	if strings.Contains(schedule, "TZ") {
		allErrs = append(allErrs, field.Invalid(fldPath, schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"))
	}
	return allErrs
}

// validTimeZoneCharacters matches one component of an IANA time zone name.
var validTimeZoneCharacters = regexp.MustCompile(`^[A-Za-z\.\-_0-9+]{1,14}$`)

// validateTimeZone checks a CronJob's timeZone: an IANA name the Go time
// package knows (from the system or its embedded database), not "Local".
func validateTimeZone(tz *string, fldPath *field.Path) field.ErrorList {
	if tz == nil {
		return nil
	}
	if *tz == "" {
		return field.ErrorList{field.Invalid(fldPath, tz, "timeZone must be nil or non-empty string")}
	}
	for _, part := range strings.Split(*tz, "/") {
		if part == "." || part == ".." || strings.HasPrefix(part, "-") || !validTimeZoneCharacters.MatchString(part) {
			return field.ErrorList{field.Invalid(fldPath, tz, fmt.Sprintf("unknown time zone %s", *tz))}
		}
	}
	var allErrs field.ErrorList
	if strings.EqualFold(*tz, "Local") {
		allErrs = append(allErrs, field.Invalid(fldPath, tz, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"))
	}
	if _, err := time.LoadLocation(*tz); err != nil {
		allErrs = append(allErrs, field.Invalid(fldPath, tz, err.Error()))
	}
	return allErrs
}

// CronJobWithDefaults returns a copy of cj with the defaults the API
// server applies to a batch/v1 CronJob before validating it: the Allow
// concurrency policy, suspend false, history limits of 3 successful and 1
// failed Jobs, and the defaults of its job template's spec that do not
// depend on the Job (the completion mode, suspend, pod condition pattern
// status, pod replacement policy and pod template). cj itself is not
// changed; the result shares with it what defaulting and validation do not
// write (see jobSpecForDefaults), which a caller must not change either.
func CronJobWithDefaults(cj *batchv1.CronJob) *batchv1.CronJob {
	out := *cj
	jobSpecForDefaults(&out.Spec.JobTemplate.Spec)
	setCronJobDefaults(&out)
	return &out
}

// setCronJobDefaults applies the defaults of CronJobWithDefaults to cj in
// place.
func setCronJobDefaults(cj *batchv1.CronJob) {
	spec := &cj.Spec
	if spec.ConcurrencyPolicy == "" {
		spec.ConcurrencyPolicy = batchv1.AllowConcurrent
	}
	if spec.Suspend == nil {
		spec.Suspend = new(false)
	}
	if spec.SuccessfulJobsHistoryLimit == nil {
		spec.SuccessfulJobsHistoryLimit = new(int32(3))
	}
	if spec.FailedJobsHistoryLimit == nil {
		spec.FailedJobsHistoryLimit = new(int32(1))
	}
	setJobSpecDefaults(&spec.JobTemplate.Spec)
}
