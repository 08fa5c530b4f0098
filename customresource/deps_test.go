package customresource

import (
	"os/exec"
	"strings"
	"testing"
)

// TestHeavyImportsAvoided keeps out of the package's dependencies the
// packages above the leaf libraries that do the work: each would add to the
// initialisation of every program that links this package (see the
// package documentation for the numbers).
func TestHeavyImportsAvoided(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the dependencies with")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	avoided := []struct{ prefix, why string }{
		{"k8s.io/apiextensions-apiserver/pkg/registry/", "the registry strategies link the generic registry and storage"},
		{"k8s.io/apiextensions-apiserver/pkg/apiserver", "the CRD server; only its schema and validation packages are needed"},
		{"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/install", "a scheme is not needed to convert"},
		{"k8s.io/client-go/kubernetes", "client-go's scheme alone costs about 4 ms of init"},
		{"k8s.io/apiserver/pkg/registry/", "the generic registry"},
		{"k8s.io/apiserver/pkg/storage", "storage backends"},
		{"k8s.io/kubernetes/", "never imported by daemonlint"},
	}
	for _, d := range deps {
		for _, a := range avoided {
			if !strings.HasPrefix(d, a.prefix) {
				continue
			}
			// pkg/apiserver/schema/... and pkg/apiserver/validation are
			// the leaf packages this package is built on.
			if a.prefix == "k8s.io/apiextensions-apiserver/pkg/apiserver" &&
				(strings.HasPrefix(d, a.prefix+"/schema") || d == a.prefix+"/validation") {
				continue
			}
			t.Errorf("the package depends on %s: %s", d, a.why)
		}
	}
}
