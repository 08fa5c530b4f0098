// Package full implements engine.Engines with the real engines: Helm's
// (render/helm), kustomize's (render/kustomize) and the API server's
// CustomResourceDefinition checker (crdcheck). Linking it costs what those
// engines cost at start-up (see package engine); cmd/daemonlint-engines
// and the tests of internal/cli link it, cmd/daemonlint does not.
package full

import (
	"github.com/daemonlint/daemonlint/cmd/internal/engine"
	"github.com/daemonlint/daemonlint/crdcheck"
	"github.com/daemonlint/daemonlint/render"
	"github.com/daemonlint/daemonlint/render/helm"
	"github.com/daemonlint/daemonlint/render/kustomize"
)

// Engines returns the real engines.
func Engines() *engine.Engines {
	return &engine.Engines{
		FindCharts:         findCharts,
		RenderChart:        renderChart,
		FindKustomizations: findKustomizations,
		BuildKustomization: buildKustomization,
		NewCustomResources: func() engine.CustomResources { return checker{crdcheck.New()} },
	}
}

func findCharts(root string) ([]engine.Chart, error) {
	charts, err := helm.Find(root)
	out := make([]engine.Chart, len(charts))
	for i, c := range charts {
		out[i] = engine.Chart{Dir: c.Dir, Files: c.Files}
	}
	return out, err
}

func renderChart(chart string, opts engine.HelmOptions) ([]render.Output, []render.Failure) {
	return helm.Render(chart, helm.Options{ValuesFiles: opts.ValuesFiles, Set: opts.Set, Namespace: opts.Namespace})
}

func findKustomizations(root string) (engine.KustomizeTree, error) {
	t, err := kustomize.Find(root)
	return engine.KustomizeTree{Kustomizations: t.Kustomizations, Leaves: t.Leaves, Read: t.Read}, err
}

func buildKustomization(dir string) ([]render.Output, []render.Failure) {
	return kustomize.Build(dir, kustomize.Options{})
}

// checker is a crdcheck.Checker as engine.CustomResources.
type checker struct{ *crdcheck.Checker }

func (c checker) SkippedKinds() []string {
	skipped := c.Skipped()
	kinds := make([]string, len(skipped))
	for i, s := range skipped {
		kinds[i] = s.Kind
	}
	return kinds
}
