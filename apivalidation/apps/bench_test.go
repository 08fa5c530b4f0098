package apps_test

import (
	"fmt"
	"testing"

	appsv1 "k8s.io/api/apps/v1"

	"github.com/daemonlint/daemonlint/apivalidation/apps"
	"github.com/daemonlint/daemonlint/apivalidation/core"
	"github.com/daemonlint/daemonlint/internal/benchgen"
	"github.com/daemonlint/daemonlint/manifest"
)

// generatedWorkloads returns the DaemonSets and Deployments of the
// generated corpus that lint/rules' BenchmarkLint reads (40 files of 50
// documents), decoded; a document that does not decode is left out, as
// lint does not validate it either.
func generatedWorkloads(tb testing.TB) (daemonSets []*appsv1.DaemonSet, deployments []*appsv1.Deployment) {
	tb.Helper()
	g := benchgen.New(2)
	for i := range 40 {
		docs, errs := manifest.Parse(manifest.NewFile(fmt.Sprintf("%03d.yaml", i), g.File(50)))
		if len(errs) > 0 {
			tb.Fatal(errs[0])
		}
		for _, d := range docs {
			if !manifest.Typed(d.APIVersion, d.Kind) {
				continue
			}
			obj, _, err := d.Decode()
			if err != nil {
				continue
			}
			switch o := obj.(type) {
			case *appsv1.DaemonSet:
				daemonSets = append(daemonSets, o)
			case *appsv1.Deployment:
				deployments = append(deployments, o)
			}
		}
	}
	if len(daemonSets) == 0 || len(deployments) == 0 {
		tb.Fatalf("the generated corpus has %d DaemonSets and %d Deployments", len(daemonSets), len(deployments))
	}
	return daemonSets, deployments
}

// BenchmarkValidateGenerated measures ValidateDaemonSet and
// ValidateDeployment on the DaemonSets and Deployments of the generated
// corpus, decoded before the timer starts.
func BenchmarkValidateGenerated(b *testing.B) {
	daemonSets, deployments := generatedWorkloads(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, ds := range daemonSets {
			apps.ValidateDaemonSet(ds, core.Options{})
		}
		for _, d := range deployments {
			apps.ValidateDeployment(d, core.Options{})
		}
	}
	b.ReportMetric(float64(len(daemonSets)+len(deployments))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
