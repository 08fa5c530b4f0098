package apivalidation_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoLintDependency checks that the domain packages, their tests
// included, depend on no lint package: apivalidation, placement and
// daemonset are used by lint, never the other way round.
func TestNoLintDependency(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list dependencies: %v", err)
	}
	for _, pkg := range []string{"./...", "../placement/...", "../daemonset/..."} {
		t.Run(pkg, func(t *testing.T) {
			out, err := exec.Command(goTool, "list", "-deps", "-test", pkg).Output()
			if err != nil {
				t.Fatalf("go list -deps -test %s: %v", pkg, err)
			}
			for dep := range strings.Lines(string(out)) {
				dep = strings.TrimSpace(dep)
				if dep == "github.com/daemonlint/daemonlint/lint" || strings.HasPrefix(dep, "github.com/daemonlint/daemonlint/lint/") {
					t.Errorf("%s depends on %s", pkg, dep)
				}
			}
		})
	}
}
