package lint

import (
	"os"
	"path/filepath"
	"testing"
)

// corpusDir returns the shared corpus of real manifests: $DAEMONLINT_CORPUS,
// or a shared/corpus folder above the working directory. Tests that need it
// are skipped when it is absent.
func corpusDir(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv("DAEMONLINT_CORPUS"); dir != "" {
		return dir
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		for _, c := range []string{filepath.Join(dir, "shared", "corpus"), filepath.Join(dir, "..", "shared", "corpus")} {
			if info, err := os.Stat(filepath.Join(c, "index.tsv")); err == nil && !info.IsDir() {
				return c
			}
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	t.Skip("the shared corpus is not here; set DAEMONLINT_CORPUS to run this test")
	return ""
}
