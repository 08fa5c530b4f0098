// Package layering holds a test that keeps the module's imports running
// one way: the source model below the engine, the engine below the rules,
// the domain packages free of lint machinery.
package layering

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"path"
	"strings"
	"testing"
)

const module = "github.com/daemonlint/daemonlint"

// heavy are the engines that only the command and the packages that wrap
// them (render/helm, render/kustomize, customresource) may link: a library
// user who imports lint must not build Helm.
var heavy = []string{"ext:helm.sh/...", "ext:sigs.k8s.io/kustomize/...", "ext:k8s.io/apiextensions-apiserver/...", "ext:k8s.io/apiserver/...", "render/helm", "render/kustomize", "customresource/..."}

// startup are the packages that daemonlint's start-up must not pay for:
// the engines, the packages that wrap them, and what they link (client-go,
// component-base, cel-go, prometheus), whose package initialisation runs
// on every start of a program that links them. cmd/daemonlint hands a run
// that needs them to cmd/daemonlint-engines.
var startup = []string{
	"ext:helm.sh/...", "ext:sigs.k8s.io/kustomize/...", "ext:k8s.io/apiextensions-apiserver/...",
	"ext:k8s.io/apiserver/...", "ext:k8s.io/client-go/...", "ext:k8s.io/component-base/...",
	"ext:github.com/google/cel-go/...", "ext:github.com/prometheus/...",
	"render/helm", "render/kustomize", "customresource/...", "crdcheck", "cmd/internal/engine/full",
}

// rules are the import rules: every package matching from (a path of this
// module; "x/..." matches x and the packages below it) must not import,
// directly or not (only directly when direct is set), a package matching
// one of forbid ("std:os/exec" names a standard-library package,
// "ext:helm.sh/..." packages of other modules). Add a row for each new
// package.
var rules = []struct {
	from   string
	forbid []string
	direct bool
}{
	{"manifest/...", []string{"lint/...", "internal/schema/...", "daemonset/...", "convert/...", "render/...", "cmd/..."}, false},
	{"lint", []string{"lint/rules/...", "lint/report/...", "internal/schema/...", "daemonset/...", "convert/...", "cmd/..."}, false},
	{"lint/rules/...", []string{"lint/report/...", "convert/...", "render/...", "cmd/..."}, false},
	{"lint/linttest", []string{"lint/rules/...", "cmd/..."}, false},
	{"lint/report/...", []string{"convert/...", "render/...", "cmd/..."}, false},
	{"daemonset/...", []string{"lint/...", "manifest/...", "convert/...", "cmd/..."}, false},
	{"convert/...", []string{"lint/...", "cmd/..."}, false},
	// The server's validation and placement (packages being split out of
	// daemonset) know no lint machinery; a row for a package that does not
	// exist yet matches nothing.
	{"apivalidation/...", []string{"lint/...", "manifest/...", "daemonset/...", "placement/...", "convert/...", "cmd/..."}, false},
	{"placement/...", []string{"lint/...", "manifest/...", "convert/...", "cmd/..."}, false},
	{"internal/...", []string{"lint/...", "cmd/...", "convert/...", "daemonset/...", "render/..."}, false},
	// The command's code (cmd/internal/cli) and its engines know no command.
	{"cmd/internal/cli", []string{"cmd/daemonlint", "cmd/daemonlint-engines"}, false},
	{"cmd/internal/engine/...", []string{"cmd/daemonlint", "cmd/daemonlint-engines", "cmd/internal/cli"}, false},
	// daemonlint starts without the engines: the command, its code and the
	// light names of the engines link none of them.
	{"cmd/daemonlint", startup, false},
	{"cmd/internal/cli", startup, false},
	{"cmd/internal/engine", startup, false},
	{"render", []string{"render/helm", "render/kustomize", "customresource/...", "cmd/..."}, false},
	{"render/...", []string{"lint/rules/...", "lint/report/...", "cmd/..."}, false},
	{"customresource/...", []string{"lint/...", "manifest/...", "render/...", "cmd/..."}, false},
	// crdcheck joins the engine and the CRD libraries for the command.
	{"crdcheck", []string{"lint/rules/...", "lint/report/...", "render/...", "convert/...", "cmd/..."}, false},
	// The engines stay out of the packages a library user links for lint.
	{"manifest/...", heavy, false},
	{"lint/...", heavy, false},
	{"apivalidation/...", heavy, false},
	{"daemonset/...", heavy, false},
	{"placement/...", heavy, false},
	{"convert/...", heavy, false},
	{"render", heavy, false},
	// Only the command runs other programs (the engines it links may).
	{"...", []string{"std:os/exec"}, true},
}

// command is the code of the commands, which the "internal/..." row does
// not cover: it joins the library's packages.
var command = []string{"cmd/..."}

// exempt are packages that the "..." rows do not cover: the command, and
// programs that are tools of the repository rather than the library.
var exempt = append([]string{"internal/schema/gen", "internal/benchgen", "scripts/...", "bench/..."}, command...)

// requires are imports that must exist, so that a rule above cannot pass
// because a package moved out from under it.
var requires = []struct{ from, imports string }{
	{"lint/rules", "lint"},
	{"lint/rules", "manifest"},
	{"lint", "manifest"},
	{"cmd/daemonlint", "cmd/internal/cli"},
	{"cmd/internal/cli", "cmd/internal/engine"},
	{"cmd/daemonlint-engines", "cmd/internal/engine/full"},
	{"cmd/internal/engine/full", "render/helm"},
	{"cmd/internal/engine/full", "render/kustomize"},
	{"cmd/internal/engine/full", "crdcheck"},
}

type pkg struct {
	ImportPath string
	Deps       []string
	Imports    []string
}

func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps=false", "-json", module+"/...").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string]pkg{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs[strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")] = p
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages; is the module layout as expected?", len(pkgs))
	}
	for _, r := range rules {
		for name, p := range pkgs {
			if !match(r.from, name) || r.from == "..." && matchAny(exempt, name) || r.from == "internal/..." && matchAny(command, name) {
				continue
			}
			deps := p.Deps
			if r.direct {
				deps = p.Imports
			}
			for _, dep := range deps {
				for _, f := range r.forbid {
					if bad(f, dep) {
						t.Errorf("%s imports %s (directly or not); rule: %s must not import %s", name, dep, r.from, f)
					}
				}
			}
		}
	}
	for _, r := range requires {
		p, ok := pkgs[r.from]
		if !ok {
			t.Errorf("package %s is missing", r.from)
			continue
		}
		found := false
		for _, imp := range p.Imports {
			found = found || imp == module+"/"+r.imports
		}
		if !found {
			t.Errorf("%s does not import %s", r.from, r.imports)
		}
	}
}

// bad reports whether dep, an import path, matches forbidden pattern f.
func bad(f, dep string) bool {
	if std, ok := strings.CutPrefix(f, "std:"); ok {
		return dep == std
	}
	if ext, ok := strings.CutPrefix(f, "ext:"); ok {
		return match(ext, dep)
	}
	rel, ok := strings.CutPrefix(dep, module+"/")
	return ok && match(f, rel)
}

// match reports whether name, a path in the module, matches pattern.
func match(pattern, name string) bool {
	if pattern == "..." {
		return true
	}
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return name == base || strings.HasPrefix(name, base+"/")
	}
	ok, _ := path.Match(pattern, name)
	return ok
}

func matchAny(patterns []string, name string) bool {
	for _, p := range patterns {
		if match(p, name) {
			return true
		}
	}
	return false
}

// TestMatch checks the patterns the rules are written in.
func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, name string
		want          bool
	}{
		{"lint", "lint", true},
		{"lint", "lint/rules", false},
		{"lint/...", "lint", true},
		{"lint/...", "lint/rules", true},
		{"lint/...", "linter", false},
		{"...", "anything/at/all", true},
	} {
		if got := match(tc.pattern, tc.name); got != tc.want {
			t.Errorf("match(%q, %q) = %v, want %v", tc.pattern, tc.name, got, tc.want)
		}
	}
}
