package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/daemonlint/daemonlint/cmd/internal/engine"
	"github.com/daemonlint/daemonlint/lint"
)

// A lintSet is what daemonlint lint checks: plain files, Helm charts and
// kustomizations, found in the paths it was given.
type lintSet struct {
	inputs []input
	// charts are chart directories (or packaged charts) to render, and
	// kustomizations the kustomization directories to build, each once,
	// in the order found.
	charts, kustomizations []string
	// skips are the paths not read, with why (for --verbose).
	skips    []skipped
	problems []string
}

// notManifests are the names of files that are never Kubernetes manifests,
// which a directory walk does not read.
var notManifests = []string{
	"Chart.yaml", "Chart.lock", "package.json", "package-lock.json", "tsconfig.json",
	"mkdocs.yml", "mkdocs.yaml", "codecov.yml", "codecov.yaml",
}

// notManifestGlobs are patterns of such file names.
var notManifestGlobs = []string{"docker-compose*.yml", "docker-compose*.yaml", "compose.yml", "compose.yaml"}

// wellKnownNotManifest reports whether a walk should not read a file
// called name, as it is never a Kubernetes manifest. (Dotfiles such as
// .gitlab-ci.yml, .golangci.yml and .pre-commit-config.yaml are left out
// by the walk already.)
func wellKnownNotManifest(name string) bool {
	if slices.Contains(notManifests, name) {
		return true
	}
	for _, g := range notManifestGlobs {
		if ok, _ := filepath.Match(g, name); ok {
			return true
		}
	}
	return false
}

// vendorDirs are directories of other people's code, which a walk skips.
var vendorDirs = []string{"vendor", "node_modules"}

// collectInputs finds what daemonlint lint checks in paths: a chart
// directory, a packaged chart or a file inside a chart names its chart; a
// directory is walked for charts (helm.Find), kustomizations
// (kustomize.Find: each leaf is built) and plain manifests, leaving out
// the files of charts, the files that kustomizations read, files that are
// never manifests and vendored directories; a kustomization directory
// named as a path is built. ignored says why a path is not linted by
// configuration or flags ("" when it is).
func collectInputs(paths []string, e *env, ignored func(path string) string) lintSet {
	var ls lintSet
	addChart := func(c string) {
		if !slices.Contains(ls.charts, c) {
			ls.charts = append(ls.charts, c)
		}
	}
	addKust := func(k string) {
		if !slices.Contains(ls.kustomizations, k) {
			ls.kustomizations = append(ls.kustomizations, k)
		}
	}
	var plain []string
	// A walkRoot is what helm.Find and kustomize.Find learned under a
	// directory named as a PATH: the charts and kustomizations that stand
	// for the files found in its walk.
	type walkRoot struct {
		charts []engine.Chart
		tree   engine.KustomizeTree
	}
	roots := map[string]walkRoot{}
	// kustTree finds the kustomizations under the working directory, once,
	// when a file named alone may be one that they read.
	var kt *engine.KustomizeTree
	kustTree := func() engine.KustomizeTree {
		if kt == nil {
			t, err := e.findKustomizations(".")
			if err != nil {
				t = engine.KustomizeTree{}
			}
			kt = &t
		}
		return *kt
	}
	for _, p := range paths {
		if p == "-" {
			plain = append(plain, p)
			continue
		}
		if r := ignored(p); r != "" {
			ls.skips = append(ls.skips, skipped{p, r})
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			plain = append(plain, p) // walkInputs says what is wrong
			continue
		}
		if c := enclosingChart(p, info.IsDir()); c != "" {
			addChart(c) // a file of a chart, a packaged subchart included
			continue
		}
		if !info.IsDir() && engine.IsChartArchive(p) {
			addChart(p)
			continue
		}
		if !info.IsDir() {
			if isManifestName(p) && underKustomization(p) && kustTree().Reads(filepath.Clean(p)) {
				// A resource or patch named alone (as pre-commit names a
				// changed file) is checked through the overlays.
				ls.skips = append(ls.skips, skipped{p, "read by a kustomization: its overlays are built instead"})
				for _, k := range kustTree().Leaves {
					addKust(k)
				}
				continue
			}
			plain = append(plain, p)
			continue
		}
		charts, err := e.findCharts(p)
		if err != nil {
			ls.problems = append(ls.problems, describeError(p, err))
		}
		tree, err := e.findKustomizations(p)
		if err != nil {
			ls.problems = append(ls.problems, describeError(p, err))
		}
		for _, c := range charts {
			if ignored(c.Dir) == "" {
				addChart(c.Dir)
			}
		}
		if isKustomization(p) && !slices.Contains(tree.Leaves, p) {
			addKust(p) // named: built even when another one uses it
		}
		for _, k := range tree.Leaves {
			if ignored(k) == "" {
				addKust(k)
			}
		}
		roots[p] = walkRoot{charts, tree}
		plain = append(plain, p)
	}
	ls.inputs, ls.skips, ls.problems = appendWalk(ls, plain, e, func(path string, dir, walked bool) string {
		if r := ignored(path); r != "" {
			return r
		}
		if !walked {
			return ""
		}
		for _, wr := range roots {
			for _, c := range wr.charts {
				if c.Has(path) {
					return "a file of the chart in " + c.Dir
				}
			}
			if !dir && wr.tree.Reads(path) {
				return "read by a kustomization"
			}
		}
		name := filepath.Base(path)
		if dir {
			if slices.Contains(vendorDirs, name) {
				return "a directory of vendored code"
			}
			return ""
		}
		if wellKnownNotManifest(name) {
			return "never a Kubernetes manifest"
		}
		return ""
	})
	return ls
}

// appendWalk reads paths with walkInputs and adds what it found to ls's.
func appendWalk(ls lintSet, paths []string, e *env, skip func(path string, dir, walked bool) string) ([]input, []skipped, []string) {
	if len(paths) == 0 && (len(ls.charts) > 0 || len(ls.kustomizations) > 0 || len(ls.skips) > 0) {
		return ls.inputs, ls.skips, ls.problems
	}
	inputs, skips, problems := walkInputs(paths, e, skip)
	return append(ls.inputs, inputs...), append(ls.skips, skips...), append(ls.problems, problems...)
}

// enclosingChart returns the chart directory that path (a file, or a
// directory when dir) is part of: the nearest directory holding Chart.yaml
// at or above it, or "". A chart's own subcharts are part of it: the
// outermost chart above a charts/ directory is returned.
func enclosingChart(path string, dir bool) string {
	d := path
	if !dir {
		d = filepath.Dir(path)
	}
	found := ""
	for {
		if engine.IsChartDir(d) {
			found = d
		}
		parent := filepath.Dir(d)
		if parent == d || (found != "" && filepath.Base(parent) != "charts") {
			return found
		}
		if found == "" && !isWithinRelative(d) {
			return ""
		}
		d = parent
	}
}

// isWithinRelative reports whether d can still be climbed: a relative path
// climbs up to ".", an absolute one to the file system's root.
func isWithinRelative(d string) bool {
	return d != "." && d != string(filepath.Separator) && !strings.HasPrefix(d, "..")
}

// kustomizationNames are the file names that make a directory a
// kustomization, as kustomize looks for them.
var kustomizationNames = []string{"kustomization.yaml", "kustomization.yml", "Kustomization"}

// isKustomization reports whether dir holds a kustomization file.
func isKustomization(dir string) bool {
	for _, n := range kustomizationNames {
		if info, err := os.Stat(filepath.Join(dir, n)); err == nil && !info.IsDir() {
			return true
		}
	}
	return false
}

// appendTo returns a flag.Func function that appends each value to *list.
func appendTo(list *[]string) func(string) error {
	return func(s string) error {
		*list = append(*list, s)
		return nil
	}
}

// skipReason says why daemonlint lint does not lint path: a --exclude glob
// or the ignore: list of the configuration matches it; "" when neither
// does. Globs of --exclude are relative to the working directory, as the
// ignore: globs are to their file; a glob also matches a path's last
// element alone, so that --exclude 'generated' leaves out every directory
// of that name.
func (lf *lintFlags) skipReason(cfg *loadedConfig, path string, e *env) string {
	if cfg.ignored(path, e) {
		return "ignored by " + lint.ConfigFileName
	}
	if len(lf.exclude) == 0 || path == "-" {
		return ""
	}
	c := &lint.Config{Ignore: lf.exclude}
	abs := path
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(e.dir, abs)
	}
	rel, err := filepath.Rel(e.dir, abs)
	if err != nil {
		return ""
	}
	if c.Ignored(filepath.ToSlash(rel)) || c.Ignored(filepath.Base(path)) {
		return "excluded by --exclude"
	}
	return ""
}

// underKustomization reports whether the file at path (relative, below
// the working directory) is in a kustomization's directory or below one:
// where the files a kustomization reads are.
func underKustomization(path string) bool {
	if filepath.IsAbs(path) {
		return false
	}
	for d := filepath.Dir(filepath.Clean(path)); isWithinRelative(d); d = filepath.Dir(d) {
		if isKustomization(d) {
			return true
		}
	}
	return isKustomization(".")
}
