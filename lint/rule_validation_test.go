package lint_test

import (
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/linttest"
)

func TestValidation(t *testing.T) {
	linttest.Run(t, "testdata/validation", lint.Validation)
}

func TestValidationDisallowPrivileged(t *testing.T) {
	linttest.RunOptions(t, "testdata/validation/disallow-privileged", lint.Options{
		Rules:    []*lint.Rule{lint.Validation},
		Settings: lint.Settings{DisallowPrivileged: true},
	})
}

func TestAPIVersion(t *testing.T) {
	linttest.Run(t, "testdata/api-version", lint.APIVersion)
}
