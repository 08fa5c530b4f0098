package cli

import (
	"go/build"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestOnlyTheCommands keeps go install ./... (which is how pre-commit's
// golang hooks install a repository) and go install .../cmd/... installing
// daemonlint and daemonlint-engines alone: no other directory of the
// module may hold a main package. Programs run by go generate can stay,
// behind a //go:build ignore line.
func TestOnlyTheCommands(t *testing.T) {
	commands := []string{"cmd/daemonlint", "cmd/daemonlint-engines"}
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	var mains []string
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
		if !slices.Contains(commands, filepath.ToSlash(rel)) {
			t.Errorf("%s is a main package: go install ./... would install it beside daemonlint; make it an Example or put it behind //go:build ignore", rel)
		} else {
			mains = append(mains, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(mains, " "), strings.Join(commands, " "); got != want {
		t.Errorf("found the main packages %q, want %q", got, want)
	}
}
