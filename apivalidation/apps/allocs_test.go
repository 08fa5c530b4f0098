package apps_test

import (
	"testing"

	"github.com/daemonlint/daemonlint/apivalidation/apps"
	"github.com/daemonlint/daemonlint/apivalidation/core"
)

// maxValidateAllocs bounds the allocations of validating the base
// DaemonSet and Deployment of errors_test.go once each. Validation builds a
// field path only for an error, or for a part of the object that has
// something to check: these valid objects took 785 allocations when every
// field's path was built whether or not anything was wrong with it, and
// take 401 since (419 under the race detector).
const maxValidateAllocs = 440

// TestValidateAllocs checks that validating valid objects does not go
// back to building field paths for fields with nothing wrong.
func TestValidateAllocs(t *testing.T) {
	ds, d := baseDaemonSet(t), baseDeployment(t)
	allocs := testing.AllocsPerRun(20, func() {
		apps.ValidateDaemonSet(ds, core.Options{})
		apps.ValidateDeployment(d, core.Options{})
	})
	if allocs > maxValidateAllocs {
		t.Errorf("validating the base DaemonSet and Deployment took %v allocations, want at most %d", allocs, maxValidateAllocs)
	}
}
