package batch

import (
	"path/filepath"
	"reflect"
	"testing"

	batchv1 "k8s.io/api/batch/v1"

	"github.com/daemonlint/daemonlint/apivalidation/core"
	"github.com/daemonlint/daemonlint/apivalidation/internal/copytest"
)

// everyJobDefault holds a Job and a CronJob that reach every default
// JobWithDefaults and CronJobWithDefaults write and everything the
// generated selector adds to: no labels of the Job's own, template labels
// and a selector to add to, a pod condition pattern without a status, and
// a template with defaults of its own; then a Job with no template labels.
const everyJobDefault = `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  selector: {matchLabels: {app: a}}
  podFailurePolicy:
    rules:
    - {action: Ignore, onPodConditions: [{type: DisruptionTarget}]}
  template:
    metadata:
      labels: {app: a}
      annotations: {pod.beta.kubernetes.io/init-containers: "[]"}
    spec:
      restartPolicy: Never
      volumes: [{name: v}]
      containers:
      - name: c
        image: c
        ports: [{containerPort: 80}]
        env: [{name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
        resources: {limits: {cpu: "0.0001"}}
        livenessProbe: {httpGet: {port: 80}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      podFailurePolicy:
        rules:
        - {action: Ignore, onPodConditions: [{type: DisruptionTarget}]}
      template:
        metadata:
          labels: {app: a}
        spec:
          restartPolicy: Never
          volumes: [{name: v}]
          containers:
          - {name: c, image: c, ports: [{containerPort: 80}], livenessProbe: {httpGet: {port: 80}}}
---
apiVersion: batch/v1
kind: Job
metadata: {name: k}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: c}]
`

// jobCases returns the Jobs and CronJobs to check (see copytest.Objects):
// those of everyJobDefault, the generated corpus, the API server mutations
// of testdata and the shared corpus, and a CronJob made of each Job.
func jobCases(t *testing.T) (map[string]*batchv1.Job, map[string]*batchv1.CronJob) {
	t.Helper()
	jobs, cronJobs := map[string]*batchv1.Job{}, map[string]*batchv1.CronJob{}
	keep := func(name string, obj any) bool {
		switch o := obj.(type) {
		case *batchv1.Job:
			jobs[name] = o
			return true
		case *batchv1.CronJob:
			cronJobs[name] = o
			return true
		}
		return false
	}
	if copytest.Objects(t, everyJobDefault, filepath.Join("..", "..", "testdata", "apiserver-mutations"), []string{"job", "job-nonindexed", "cronjob"}, keep) != 3 {
		t.Fatal("everyJobDefault does not decode to two Jobs and a CronJob")
	}
	for name, job := range jobs {
		cronJobs[name+" as a CronJob"] = &batchv1.CronJob{
			ObjectMeta: *job.ObjectMeta.DeepCopy(),
			Spec: batchv1.CronJobSpec{Schedule: "@hourly", JobTemplate: batchv1.JobTemplateSpec{
				ObjectMeta: *job.ObjectMeta.DeepCopy(), Spec: *job.Spec.DeepCopy(),
			}},
		}
	}
	return jobs, cronJobs
}

// TestJobDefaultsCopyOnlyWhatTheyWrite holds JobWithDefaults and
// CronJobWithDefaults, which copy only what defaulting and the generated
// selector write, to the DeepCopy they replace: defaulting and validating
// an object leave it as it was, the defaulted object is the defaults of a
// deep copy, and the errors are those of validating that.
func TestJobDefaultsCopyOnlyWhatTheyWrite(t *testing.T) {
	jobs, cronJobs := jobCases(t)
	if len(jobs) < 100 || len(cronJobs) < 100 {
		t.Fatalf("%d Jobs and %d CronJobs to check, want the generated, mutated and hand-made ones", len(jobs), len(cronJobs))
	}
	for name, job := range jobs {
		before := job.DeepCopy()
		want := job.DeepCopy()
		setJobDefaults(want)
		if got := JobWithDefaults(job); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: defaulting gives\n%+v\nwant the defaults of a deep copy\n%+v", name, got, want)
		}
		gotErrs := ValidateJob(job, core.Options{})
		if wantErrs := validateJob(want, core.Options{}); !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Errorf("%s: got errors %v, want those of a deep copy %v", name, gotErrs, wantErrs)
		}
		if !reflect.DeepEqual(job, before) {
			t.Errorf("%s: defaulting or validating it changed it", name)
		}
	}
	for name, cj := range cronJobs {
		before := cj.DeepCopy()
		want := cj.DeepCopy()
		setCronJobDefaults(want)
		if got := CronJobWithDefaults(cj); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: defaulting gives\n%+v\nwant the defaults of a deep copy\n%+v", name, got, want)
		}
		gotErrs := ValidateCronJob(cj, core.Options{})
		if wantErrs := validateCronJob(want, core.Options{}); !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Errorf("%s: got errors %v, want those of a deep copy %v", name, gotErrs, wantErrs)
		}
		if !reflect.DeepEqual(cj, before) {
			t.Errorf("%s: defaulting or validating it changed it", name)
		}
	}
}
