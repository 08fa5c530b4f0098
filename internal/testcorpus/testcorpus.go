// Package testcorpus finds the shared corpus of real Kubernetes manifests
// that daemonlint's tests and benchmarks run on when it is present. The
// repository builds and tests without it: tests that need it are skipped.
package testcorpus

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Dir returns the corpus directory: $DAEMONLINT_CORPUS, or a shared/corpus
// directory in the nearest folder above the working directory that has one.
// It skips the test or benchmark when there is none.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, ok := Find()
	if !ok {
		tb.Skip("the shared corpus is not here; set DAEMONLINT_CORPUS to its path to run this test")
	}
	return dir
}

// Find returns the corpus directory and whether there is one, for callers
// that are not tests (fuzz seeding, for example).
func Find() (string, bool) {
	if dir := os.Getenv("DAEMONLINT_CORPUS"); dir != "" {
		info, err := os.Stat(dir)
		return dir, err == nil && info.IsDir()
	}
	dir, err := filepath.Abs(".")
	if err != nil {
		return "", false
	}
	for {
		c := filepath.Join(dir, "shared", "corpus")
		if info, err := os.Stat(c); err == nil && info.IsDir() {
			return c, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// A File is a manifest file found under a directory: its path and bytes.
type File struct {
	Path string
	Src  []byte
}

// Files returns the files under dir whose names end in one of exts
// (".yaml" and ".yml" when none are given), in walk order. A directory
// that cannot be walked or a file that cannot be read fails tb.
func Files(tb testing.TB, dir string, exts ...string) []File {
	tb.Helper()
	if len(exts) == 0 {
		exts = []string{".yaml", ".yml"}
	}
	var out []File
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !slices.Contains(exts, filepath.Ext(path)) {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out = append(out, File{path, src})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}
