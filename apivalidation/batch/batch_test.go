package batch_test

import (
	"fmt"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/batch"
	"github.com/daemonlint/daemonlint/apivalidation/core"
)

// TestValidateSchedule checks schedules as the server parses them on
// create, with the server's detail texts.
func TestValidateSchedule(t *testing.T) {
	tests := []struct {
		schedule string
		want     []string
	}{
		{schedule: "0 3 * * *"},
		{schedule: "*/15 0-6 1,15 * MON-FRI"},
		{schedule: "@daily"},
		{schedule: "@every 5m"},
		{schedule: "every day", want: []string{"expected exactly 5 fields, found 2: [every day]"}},
		{schedule: "0 0 1 13 *", want: []string{"end of range (13) above maximum (12): 13"}},
		{schedule: "0 0 * * * *", want: []string{"expected exactly 5 fields, found 6: [0 0 * * * *]"}},
		{schedule: "@fortnightly", want: []string{"unrecognized descriptor: @fortnightly"}},
		{schedule: "CRON_TZ=UTC 0 * * * *", want: []string{"cannot use TZ or CRON_TZ in schedule, use timeZone field instead"}},
		{schedule: "TZ=Europe/Paris 61 * * * *", want: []string{
			"end of range (61) above maximum (59): 61",
			"cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.schedule, func(t *testing.T) {
			errs := batch.ValidateSchedule(tt.schedule, field.NewPath("spec", "schedule"))
			var got []string
			for _, e := range errs {
				if e.Field != "spec.schedule" || e.Type != field.ErrorTypeInvalid {
					t.Errorf("got %s at %s, want an invalid value at spec.schedule", e.Type, e.Field)
				}
				got = append(got, e.Detail)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// newJob returns a valid Job.
func newJob() *batchv1.Job {
	return &batchv1.Job{
		ObjectMeta: metav1.ObjectMeta{Name: "pi"},
		Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			RestartPolicy: corev1.RestartPolicyNever,
			Containers:    []corev1.Container{{Name: "pi", Image: "perl"}},
		}}},
	}
}

// TestValidateDoesNotMutate checks that the defaults, the generated
// selector and labels, and the namespace stay on the validated copy.
func TestValidateDoesNotMutate(t *testing.T) {
	job := newJob()
	if errs := batch.ValidateJob(job, core.Options{}); len(errs) > 0 {
		t.Fatalf("got %v, want a valid Job", errs)
	}
	if job.Spec.Selector != nil || job.Spec.Template.Labels != nil || job.Spec.BackoffLimit != nil || job.Namespace != "" {
		t.Errorf("ValidateJob changed its argument: %+v", job)
	}
	cj := &batchv1.CronJob{
		ObjectMeta: metav1.ObjectMeta{Name: "nightly"},
		Spec:       batchv1.CronJobSpec{Schedule: "@daily", JobTemplate: batchv1.JobTemplateSpec{Spec: newJob().Spec}},
	}
	if errs := batch.ValidateCronJob(cj, core.Options{}); len(errs) > 0 {
		t.Fatalf("got %v, want a valid CronJob", errs)
	}
	if cj.Spec.ConcurrencyPolicy != "" || cj.Spec.JobTemplate.Spec.Template.Spec.DNSPolicy != "" {
		t.Errorf("ValidateCronJob changed its argument: %+v", cj.Spec)
	}
}

// TestValidateObject checks the dispatch on the Go type.
func TestValidateObject(t *testing.T) {
	job := newJob()
	job.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyAlways
	errs, ok := batch.ValidateObject(job, core.Options{})
	if !ok || len(errs) != 1 || errs[0].Field != "spec.template.spec.restartPolicy" {
		t.Errorf("got %v, %v; want the restartPolicy error of a Job", errs, ok)
	}
	if errs, ok := batch.ValidateObject(&corev1.Pod{}, core.Options{}); ok || errs != nil {
		t.Errorf("a Pod: got %v, %v; want nil, false", errs, ok)
	}
}

// A CronJob that names its time zone in the schedule and whose pods would
// restart forever: ValidateCronJob gives the API server's errors.
func ExampleValidateCronJob() {
	cj := &batchv1.CronJob{
		ObjectMeta: metav1.ObjectMeta{Name: "cleanup"},
		Spec: batchv1.CronJobSpec{
			Schedule: "CRON_TZ=Europe/Paris 0 3 * * *",
			JobTemplate: batchv1.JobTemplateSpec{Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
				RestartPolicy: corev1.RestartPolicyAlways,
				Containers:    []corev1.Container{{Name: "cleanup", Image: "busybox"}},
			}}}},
		},
	}
	for _, err := range batch.ValidateCronJob(cj, core.Options{}) {
		fmt.Println(err)
	}
	// Output:
	// spec.schedule: Invalid value: "CRON_TZ=Europe/Paris 0 3 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead
	// spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
}
