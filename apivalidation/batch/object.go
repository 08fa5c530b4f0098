package batch

import (
	batchv1 "k8s.io/api/batch/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/core"
)

// ValidateObject validates obj with the entry point of its kind (Job or
// CronJob) and reports whether it is one of them; for any other object it
// returns nil, false.
func ValidateObject(obj runtime.Object, opts core.Options) (field.ErrorList, bool) {
	switch o := obj.(type) {
	case *batchv1.Job:
		return ValidateJob(o, opts), true
	case *batchv1.CronJob:
		return ValidateCronJob(o, opts), true
	}
	return nil, false
}
