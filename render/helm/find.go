package helm

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// A Chart is a chart found in a directory walk.
type Chart struct {
	// Dir is the chart's directory (the one holding Chart.yaml).
	Dir string
	// Files are every file under Dir: Chart.yaml, values*.yaml,
	// values.schema.json, ci/, templates/, charts/ (subcharts, packaged or
	// not), crds/, .helmignore and the files templates read. None of them is
	// a manifest to lint on its own: Render's outputs (the rendered
	// templates, and the crds/ files as they are) stand for them.
	Files []string
}

// Find walks root for Helm charts: directories holding Chart.yaml. It skips
// vendor/, node_modules/ and directories whose names start with a dot, and
// does not look for charts inside a chart (its subcharts under charts/ are
// part of it). The charts are in walk order; root itself may be one.
func Find(root string) ([]Chart, error) {
	var charts []Chart
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if p != root && (name == "vendor" || name == "node_modules" || strings.HasPrefix(name, ".")) {
			return filepath.SkipDir
		}
		if !IsChartDir(p) {
			return nil
		}
		c := Chart{Dir: p}
		err = filepath.WalkDir(p, func(q string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() {
				c.Files = append(c.Files, q)
			}
			return nil
		})
		if err != nil {
			return err
		}
		sort.Strings(c.Files)
		charts = append(charts, c)
		return filepath.SkipDir
	})
	return charts, err
}

// IsChartDir reports whether dir is a chart directory (it holds Chart.yaml).
func IsChartDir(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, "Chart.yaml"))
	return err == nil && fi.Mode().IsRegular()
}

// IsChartArchive reports whether file is named like a packaged chart
// (.tgz or .tar.gz), which Render also loads.
func IsChartArchive(file string) bool {
	return strings.HasSuffix(file, ".tgz") || strings.HasSuffix(file, ".tar.gz")
}

// Has reports whether file (a path as Find's walk spells it) belongs to
// the chart.
func (c Chart) Has(file string) bool {
	_, ok := slices.BinarySearch(c.Files, file)
	return ok
}
