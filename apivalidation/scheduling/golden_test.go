package scheduling

import (
	"testing"

	schedulingv1 "k8s.io/api/scheduling/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/golden"
)

func TestGolden(t *testing.T) {
	golden.Run(t, "PriorityClass", func(o *schedulingv1.PriorityClass) field.ErrorList { return ValidatePriorityClass(o, Options{}) })
}
