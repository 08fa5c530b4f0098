package cli

import (
	"go/build"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestOnlyOneCommand keeps go install ./... (which is how pre-commit's
// golang hooks install a repository) installing the daemonlint command
// alone: no other directory of the module may hold a main package.
// Programs run by go generate can stay, behind a //go:build ignore line.
func TestOnlyOneCommand(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	mains := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		// The go command skips these, as ./... does.
		if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor") {
			return filepath.SkipDir
		}
		pkg, err := build.ImportDir(path, 0)
		if err != nil {
			return nil // no Go files, or none for this platform
		}
		if pkg.Name != "main" {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		if filepath.ToSlash(rel) != "cmd/daemonlint" {
			t.Errorf("%s is a main package: go install ./... would install it beside daemonlint; make it an Example or put it behind //go:build ignore", rel)
		} else {
			mains++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if mains != 1 {
		t.Errorf("found cmd/daemonlint %d times, want once", mains)
	}
}
