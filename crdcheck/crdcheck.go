// Package crdcheck lets daemonlint's custom-resource rule check custom
// resources: a Checker collects the CustomResourceDefinitions of a run (the
// linted files themselves, and the files, directories and CRD catalogs
// named with --crds) into a customresource.Registry, before the run, and
// implements lint.CustomResourceChecker over it.
//
// It is a package of its own so that the lint packages do not link the
// API server's CRD libraries (see package customresource for their cost):
// a program that lints without custom resources does not import it.
package crdcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/customresource"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// A Checker holds the CustomResourceDefinitions of a run. Fill it with
// AddFiles and AddPath, then give it to lint.Settings.CustomResources;
// once filled, it is safe for concurrent use.
type Checker struct {
	reg  *customresource.Registry
	defs map[defKey]field.ErrorList
	crds int

	mu      sync.Mutex
	skipped map[string]int
	known   map[string]bool // by "apiVersion kind", filled by Knows
}

// defKey names a document of a file.
type defKey struct {
	file  string
	index int
}

var _ lint.CustomResourceChecker = (*Checker)(nil)

// New returns an empty Checker.
func New() *Checker {
	return &Checker{reg: customresource.NewRegistry(), defs: map[defKey]field.ErrorList{}, skipped: map[string]int{}, known: map[string]bool{}}
}

// AddFiles adds the CustomResourceDefinitions among the documents of
// files, the files about to be linted: their custom resources, in the same
// file or any other, become checkable, and the problems of each definition
// are kept for DefinitionErrors. Files that do not mention
// CustomResourceDefinition are not parsed.
func (c *Checker) AddFiles(files []*manifest.File) {
	for _, f := range files {
		c.addFile(f, true)
	}
}

// addFile adds the definitions of f; keep records their problems for
// DefinitionErrors (for the files being linted).
func (c *Checker) addFile(f *manifest.File, keep bool) {
	if !bytes.Contains(f.Src, []byte("CustomResourceDefinition")) {
		return
	}
	docs, _ := manifest.Parse(f)
	for _, d := range docs {
		if d.Kind != "CustomResourceDefinition" || !strings.HasPrefix(d.APIVersion, "apiextensions.k8s.io/") {
			continue
		}
		data, err := d.JSON()
		if err != nil {
			continue // the syntax rule reports it
		}
		line := 1
		if d.Node != nil {
			line = d.Node.Line
		}
		errs := c.reg.AddCRDManifest(data, fmt.Sprintf("%s:%d", f.Name, line))
		c.crds++
		if keep {
			c.defs[defKey{f.Name, d.Index}] = errs
		}
	}
}

// AddPath adds the definitions of path, as --crds names it: a file of
// manifests (YAML or JSON), or a directory, walked for *.yaml, *.yml and
// *.json files. A directory whose JSON files are JSON schemas rather than
// manifests is a CRD catalog ({group}/{kind}_{version}.json) and is added
// as one (customresource.Registry.AddCatalogDir). Definitions read here are
// checked when added, but their problems are not the run's findings: they
// are returned as an error.
func (c *Checker) AddPath(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return c.addManifestFile(path)
	}
	catalog := false
	err = filepath.WalkDir(path, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		ext := filepath.Ext(p)
		if e.IsDir() || ext != ".yaml" && ext != ".yml" && ext != ".json" {
			return nil
		}
		if ext == ".json" && isJSONSchema(p) {
			catalog = true
			return nil
		}
		return c.addManifestFile(p)
	})
	if err != nil {
		return err
	}
	if catalog {
		if _, err := c.reg.AddCatalogDir(path); err != nil {
			return err
		}
	}
	return nil
}

// addManifestFile adds the definitions of a file of manifests.
func (c *Checker) addManifestFile(path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	f := manifest.NewFile(path, src)
	docs, _ := manifest.Parse(f)
	var problems []string
	for _, d := range docs {
		if d.Kind != "CustomResourceDefinition" {
			continue
		}
		data, err := d.JSON()
		if err != nil {
			continue
		}
		source := fmt.Sprintf("%s:%d", path, d.Node.Line)
		c.crds++
		for _, e := range c.reg.AddCRDManifest(data, source) {
			problems = append(problems, source+": "+e.Error())
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("invalid CustomResourceDefinition:\n%s", strings.Join(problems, "\n"))
	}
	return nil
}

// isJSONSchema reports whether a JSON file is a schema of a catalog, not
// a Kubernetes manifest: it has no kind.
func isJSONSchema(path string) bool {
	src, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	var head struct {
		Kind string `json:"kind"`
	}
	return json.Unmarshal(src, &head) == nil && head.Kind == ""
}

// Definitions returns how many CustomResourceDefinitions were added.
func (c *Checker) Definitions() int { return c.crds }

// CheckCustomResource validates a custom resource against its definition;
// see lint.CustomResourceChecker. A resource whose kind no definition knows
// is counted for Skipped.
func (c *Checker) CheckCustomResource(data []byte) (field.ErrorList, bool) {
	errs, found := c.reg.ValidateJSON(data)
	if !found {
		var head struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
		}
		if json.Unmarshal(data, &head) == nil && head.Kind != "" {
			group, _, _ := strings.Cut(head.APIVersion, "/")
			c.mu.Lock()
			c.skipped[head.Kind+"."+group]++
			c.mu.Unlock()
		}
		return nil, false
	}
	return errs, true
}

// Knows reports whether a definition (or a catalog schema) of the kind
// was added; see lint.CustomResourceChecker.
func (c *Checker) Knows(apiVersion, kind string) bool {
	key := apiVersion + " " + kind
	c.mu.Lock()
	known, ok := c.known[key]
	c.mu.Unlock()
	if ok {
		return known
	}
	// The registry finds a schema the way it does for a real object.
	probe, _ := json.Marshal(map[string]any{"apiVersion": apiVersion, "kind": kind, "metadata": map[string]any{"name": "probe"}})
	_, known = c.reg.ValidateJSON(probe)
	c.mu.Lock()
	c.known[key] = known
	c.mu.Unlock()
	return known
}

// DefinitionErrors returns the problems of a definition of the linted
// files; see lint.CustomResourceChecker.
func (c *Checker) DefinitionErrors(file string, index int) (field.ErrorList, bool) {
	errs, ok := c.defs[defKey{file, index}]
	return errs, ok
}

// Skipped returns the kinds ("CronTab.stable.example.com") of the custom
// resources that were skipped for lack of a definition, sorted, each with
// how many were skipped.
func (c *Checker) Skipped() []SkippedKind {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]SkippedKind, 0, len(c.skipped))
	for k, n := range c.skipped {
		out = append(out, SkippedKind{Kind: k, Count: n})
	}
	slices.SortFunc(out, func(a, b SkippedKind) int { return strings.Compare(a.Kind, b.Kind) })
	return out
}

// A SkippedKind is a kind of custom resource that was not checked because
// no definition of it was found.
type SkippedKind struct {
	// Kind is the kind and group, "CronTab.stable.example.com".
	Kind string
	// Count is how many objects of the kind were skipped.
	Count int
}
