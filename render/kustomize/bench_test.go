package kustomize

import (
	"path/filepath"
	"testing"
)

// BenchmarkBuild builds one overlay of the test repository and, when the
// shared repositories are here, node-feature-discovery's largest overlay.
func BenchmarkBuild(b *testing.B) {
	dirs := map[string]string{"testdata": filepath.Join(repo, "overlays/labels")}
	if repos := sharedRepoDir(); repos != "" {
		dirs["nfd"] = filepath.Join(repos, "nfd/deployment/overlays/master-worker-topologyupdater")
	}
	for name, dir := range dirs {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, fails := Build(dir, Options{}); len(fails) > 0 {
					b.Fatal(fails[0].Message)
				}
			}
		})
	}
}
