package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The documents a reader copies from: what they cite must exist for them.
var readerDocs = []string{"README.md", "examples/pre-commit-config.yaml", "examples/github-workflow.yaml"}

// TestREADMECitesUsableNames checks that every pkg.Name the README cites
// in code spans is an exported name of a package a reader can import: not
// one under internal/, and one that has the name.
func TestREADMECitesUsableNames(t *testing.T) {
	t.Chdir(filepath.Join("..", "..", ".."))
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	// Package name → the directories of the packages of that name.
	dirs := map[string][]string{}
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "testdata") {
			return fs.SkipDir
		}
		dirs[filepath.Base(path)] = append(dirs[filepath.Base(path)], path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cited := regexp.MustCompile("`[^`]*?\\b([a-z][a-z0-9]*)\\.([A-Z][A-Za-z0-9]*)\\b[^`]*`")
	n := 0
	for _, m := range cited.FindAllStringSubmatch(string(readme), -1) {
		pkg, name := m[1], m[2]
		candidates := dirs[pkg]
		if len(candidates) == 0 {
			continue // not one of ours (field.ErrorList, appsv1.DaemonSet, …)
		}
		n++
		public := false
		for _, dir := range candidates {
			if strings.Contains(filepath.ToSlash(dir)+"/", "internal/") {
				continue
			}
			public = true
			if !declares(t, dir, name) {
				t.Errorf("the README cites %s.%s, which package %s does not declare", pkg, name, dir)
			}
		}
		if !public {
			t.Errorf("the README cites %s.%s, in internal package %s, which a reader cannot import; say what it means instead", pkg, name, strings.Join(candidates, ", "))
		}
	}
	if n == 0 {
		t.Error("the README cites no name of daemonlint's packages; the pattern must be wrong")
	}
}

// declares reports whether the package in dir declares the exported name.
func declares(t *testing.T, dir, name string) bool {
	t.Helper()
	pkgs, err := parser.ParseDir(token.NewFileSet(), dir, func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		for _, f := range p.Files {
			if f.Scope.Lookup(name) != nil {
				return true
			}
			for _, decl := range f.Decls {
				if fd, ok := decl.(*ast.FuncDecl); ok && fd.Recv != nil && fd.Name.Name == name {
					return true
				}
			}
		}
	}
	return false
}

// TestREADMEVersionsExist checks that every version of daemonlint the
// README and the examples tell a reader to use (a pre-commit rev, a go
// install @version) is a tag of this repository.
func TestREADMEVersionsExist(t *testing.T) {
	t.Chdir(filepath.Join("..", "..", ".."))
	out, err := exec.Command("git", "tag", "--list").Output()
	if err != nil {
		t.Fatalf("git tag --list: %v", err)
	}
	tags := map[string]bool{}
	for _, tag := range strings.Fields(string(out)) {
		tags[tag] = true
	}
	refs := []*regexp.Regexp{
		regexp.MustCompile(`daemonlint/daemonlint\s+rev:\s*(v[0-9][^\s#]*)`),
		regexp.MustCompile(`daemonlint/daemonlint/cmd/daemonlint@(v[0-9][^\s)` + "`" + `]*)`),
		regexp.MustCompile(`[\s(]@(v[0-9]+\.[0-9]+\.[0-9]+)`), // "pin a version (@v1.2.3)"
	}
	for _, doc := range readerDocs {
		text, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range refs {
			for _, m := range re.FindAllStringSubmatch(string(text), -1) {
				if !tags[m[1]] {
					t.Errorf("%s tells readers to use daemonlint %s, which is not a tag of this repository", doc, m[1])
				}
			}
		}
	}
}
