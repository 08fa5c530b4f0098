package cli

import (
	"fmt"
	"strings"

	"github.com/daemonlint/daemonlint/crdcheck"
	"github.com/daemonlint/daemonlint/manifest"
)

// customResources returns the checker of the run's custom resources: the
// CustomResourceDefinitions of files and of the --crds paths.
func customResources(crds []string, files []*manifest.File) (*crdcheck.Checker, error) {
	c := crdcheck.New()
	for _, path := range crds {
		if err := c.AddPath(path); err != nil {
			return nil, fmt.Errorf("--crds %s: %w", path, err)
		}
	}
	c.AddFiles(files)
	return c, nil
}

// skippedSummary says which kinds of custom resources were skipped for
// lack of a definition, or "" when none was.
func skippedSummary(c *crdcheck.Checker) string {
	skipped := c.Skipped()
	if len(skipped) == 0 {
		return ""
	}
	kinds := make([]string, len(skipped))
	for i, s := range skipped {
		kinds[i] = s.Kind
	}
	return "daemonlint: custom resources skipped without a CustomResourceDefinition (give one with --crds): " + strings.Join(kinds, ", ")
}
