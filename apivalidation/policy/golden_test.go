package policy

import (
	"testing"

	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/golden"
)

func TestGolden(t *testing.T) {
	golden.Run(t, "PodDisruptionBudget", func(o *policyv1.PodDisruptionBudget) field.ErrorList {
		return ValidatePodDisruptionBudget(o, Options{})
	})
}
