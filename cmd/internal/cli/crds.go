package cli

import (
	"fmt"
	"strings"

	"github.com/daemonlint/daemonlint/cmd/internal/engine"
	"github.com/daemonlint/daemonlint/manifest"
)

// customResources returns the checker of the run's custom resources: the
// CustomResourceDefinitions of files and of the --crds paths. Without
// engines (a run that mentions no definition, see needsEngines) it knows
// none.
func customResources(crds []string, files []*manifest.File, e *env) (engine.CustomResources, error) {
	var c engine.CustomResources = &engine.NoDefinitions{}
	if e.engines != nil {
		c = e.engines.NewCustomResources()
	}
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
func skippedSummary(c engine.CustomResources) string {
	kinds := c.SkippedKinds()
	if len(kinds) == 0 {
		return ""
	}
	return "daemonlint: custom resources skipped without a CustomResourceDefinition (give one with --crds): " + strings.Join(kinds, ", ")
}
