package node

import (
	"testing"

	nodev1 "k8s.io/api/node/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/golden"
)

func TestGolden(t *testing.T) {
	golden.Run(t, "RuntimeClass", func(o *nodev1.RuntimeClass) field.ErrorList { return ValidateRuntimeClass(o, Options{}) })
}
