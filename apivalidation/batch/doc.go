// Package batch is the API server's create validation of the batch/v1
// kinds (kube-apiserver v1.37.2, pkg/apis/batch/validation and the
// registry strategies of pkg/registry/batch), one entry point per kind:
//
//   - ValidateJob, after JobWithDefaults and the selector the server
//     generates
//   - ValidateCronJob, after CronJobWithDefaults
//
// Each returns the server's field.ErrorList for creating the object, in the
// server's order, with its field paths and wording, and leaves its argument
// unchanged. The pod template is validated by
// github.com/daemonlint/daemonlint/apivalidation/core, as for every
// workload kind; what a Job adds (completions, parallelism, the completion
// mode, backoff limits, the pod failure and success policies, the
// generated selector, restartPolicy OnFailure or Never) is here, and a
// CronJob's job template is validated by the same code as a Job's spec.
// ValidateObject dispatches on the Go type.
package batch
