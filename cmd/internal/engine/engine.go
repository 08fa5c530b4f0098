// Package engine names the heavy engines of daemonlint lint — Helm's chart
// renderer, kustomize's builder and the API server's CustomResourceDefinition
// checker — as plain function and interface types, so that the command can
// be built with or without them.
//
// The engines link Helm, kustomize, client-go, apiextensions-apiserver,
// apiserver, cel-go and prometheus, whose package initialisation costs
// tens of milliseconds on every start of a program that links them, run
// or not. Package engine imports none of them: internal/cli depends on it
// alone, cmd/daemonlint links no engine, and cmd/daemonlint-engines links
// package engine/full, which implements these types with the real
// engines. A run of daemonlint that needs an engine (a chart, a
// kustomization, a CustomResourceDefinition, --values, --set or --crds) is
// handed over to daemonlint-engines.
package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
	"github.com/daemonlint/daemonlint/render"
)

// Engines are the engines a run of daemonlint lint may need. Every field
// is set: package engine/full fills them all in.
type Engines struct {
	// FindCharts walks root for Helm charts, as render/helm.Find.
	FindCharts func(root string) ([]Chart, error)
	// RenderChart renders the chart (a directory or a packaged chart), as
	// render/helm.Render.
	RenderChart func(chart string, opts HelmOptions) ([]render.Output, []render.Failure)
	// FindKustomizations walks root for kustomizations, as
	// render/kustomize.Find.
	FindKustomizations func(root string) (KustomizeTree, error)
	// BuildKustomization builds the kustomization in dir with the default
	// options, as render/kustomize.Build.
	BuildKustomization func(dir string) ([]render.Output, []render.Failure)
	// NewCustomResources returns an empty checker of custom resources, as
	// crdcheck.New.
	NewCustomResources func() CustomResources
}

// A Chart is a Helm chart that FindCharts found: render/helm.Chart.
type Chart struct {
	// Dir is the chart's directory (the one holding Chart.yaml).
	Dir string
	// Files are every file under Dir, sorted as the walk spells them.
	Files []string
}

// Has reports whether file (a path as FindCharts' walk spells it) belongs
// to the chart.
func (c Chart) Has(file string) bool {
	_, ok := slices.BinarySearch(c.Files, file)
	return ok
}

// HelmOptions are the options of a chart's render: render/helm.Options.
type HelmOptions struct {
	// ValuesFiles and Set are the values files and key=value assignments
	// of helm template -f and --set.
	ValuesFiles, Set []string
	// Namespace is the release namespace.
	Namespace string
}

// A KustomizeTree is what FindKustomizations learned under a directory:
// render/kustomize.Tree.
type KustomizeTree struct {
	// Kustomizations are the directories that hold a kustomization file,
	// sorted; Leaves those of them to build, sorted; Read the files they
	// read, sorted.
	Kustomizations, Leaves, Read []string
}

// Reads reports whether the kustomizations of t read the file at path.
func (t KustomizeTree) Reads(path string) bool {
	_, found := slices.BinarySearch(t.Read, filepath.Clean(path))
	return found
}

// CustomResources checks the custom resources of a run against the
// CustomResourceDefinitions added to it: crdcheck.Checker.
type CustomResources interface {
	lint.CustomResourceChecker
	// AddPath adds the definitions of a --crds path.
	AddPath(path string) error
	// AddFiles adds the definitions among the files about to be linted.
	AddFiles(files []*manifest.File)
	// SkippedKinds returns the kinds ("CronTab.stable.example.com") of the
	// custom resources skipped for want of a definition, sorted.
	SkippedKinds() []string
}

// IsChartDir reports whether dir holds a Helm chart (a regular file
// Chart.yaml), as render/helm.IsChartDir.
func IsChartDir(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, "Chart.yaml"))
	return err == nil && fi.Mode().IsRegular()
}

// IsChartArchive reports whether file is named like a packaged chart
// (.tgz or .tar.gz), as render/helm.IsChartArchive.
func IsChartArchive(file string) bool {
	return strings.HasSuffix(file, ".tgz") || strings.HasSuffix(file, ".tar.gz")
}

// MentionsDefinitions reports whether src may hold a
// CustomResourceDefinition: the byte scan that crdcheck.Checker.AddFiles
// makes before it parses a file. A run whose inputs mention none needs no
// CRD engine.
func MentionsDefinitions(src []byte) bool {
	return bytes.Contains(src, []byte("CustomResourceDefinition"))
}

// NoDefinitions is the CustomResources of a run without a CRD engine,
// whose inputs hold no CustomResourceDefinition (MentionsDefinitions) and
// which has no --crds: it knows no kind, so it skips every custom resource
// and counts its kind, as crdcheck.Checker does when it was given no
// definition. AddPath fails and AddFiles adds nothing: a caller hands a run
// with --crds, or with files that MentionsDefinitions, to the engine.
type NoDefinitions struct {
	mu      sync.Mutex
	skipped map[string]bool
}

// CheckCustomResource skips the custom resource and records its kind; see
// lint.CustomResourceChecker.
func (n *NoDefinitions) CheckCustomResource(data []byte) (field.ErrorList, bool) {
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if json.Unmarshal(data, &head) == nil && head.Kind != "" {
		group, _, _ := strings.Cut(head.APIVersion, "/")
		n.mu.Lock()
		if n.skipped == nil {
			n.skipped = map[string]bool{}
		}
		n.skipped[head.Kind+"."+group] = true
		n.mu.Unlock()
	}
	return nil, false
}

// DefinitionErrors reports that no document was read as a definition.
func (n *NoDefinitions) DefinitionErrors(file string, index int) (field.ErrorList, bool) {
	return nil, false
}

// Knows reports that no kind is known.
func (n *NoDefinitions) Knows(apiVersion, kind string) bool { return false }

// AddPath fails: --crds needs the CRD engine.
func (n *NoDefinitions) AddPath(path string) error {
	return errNeedsEngine
}

// AddFiles adds nothing: a run whose files MentionsDefinitions needs the
// CRD engine.
func (n *NoDefinitions) AddFiles(files []*manifest.File) {}

// SkippedKinds returns the kinds of the custom resources skipped, sorted.
func (n *NoDefinitions) SkippedKinds() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	kinds := make([]string, 0, len(n.skipped))
	for k := range n.skipped {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	return kinds
}

// errNeedsEngine is the error of NoDefinitions.AddPath.
var errNeedsEngine = errors.New("reading CustomResourceDefinitions needs daemonlint-engines")
