// Package linttest tests lint rules on YAML files that carry their
// expectations inline, as golang.org/x/tools/go/analysis/analysistest does
// for Go.
//
// A comment of the form
//
//	# want "regexp" "regexp"…
//
// on a line says that diagnostics must start on that line, one for each
// regular expression, whose messages match it. Every diagnostic must be
// expected and every expectation met. When a file has a sibling named
// <file>.golden, the first fix of every diagnostic is applied (as
// daemonlint lint --fix does) and the result must equal the golden file;
// run the tests with -update to rewrite golden files.
package linttest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	unified "github.com/daemonlint/daemonlint/internal/diff"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

var update = flag.Bool("update", false, "rewrite .golden files with the fixed output")

// Run checks rules on every *.yaml and *.yml file in dir (not recursively)
// and compares each file's diagnostics with its inline expectations.
func Run(t *testing.T, dir string, rules ...*lint.Rule) {
	t.Helper()
	RunOptions(t, dir, lint.Options{Rules: rules})
}

// RunOptions is Run with explicit lint options.
func RunOptions(t *testing.T, dir string, opts lint.Options) {
	t.Helper()
	var names []string
	for _, pattern := range []string{"*.yaml", "*.yml"} {
		m, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, m...)
	}
	if len(names) == 0 {
		t.Fatalf("no test files in %s", dir)
	}
	slices.Sort(names)
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f := manifest.NewFile(name, src)
			diags, _, err := lint.CheckFile(f, opts)
			if err != nil {
				t.Fatal(err)
			}
			Check(t, f, diags)
			golden := name + ".golden"
			hasFix := slices.ContainsFunc(diags, func(d lint.Diagnostic) bool { return len(d.Fixes) > 0 })
			if _, err := os.Stat(golden); err == nil || *update && hasFix {
				checkGolden(t, f, diags, golden)
			}
		})
	}
}

// T is the part of *testing.T that Check uses.
type T interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// An expectation is one regexp of a "# want" comment.
type expectation struct {
	line int
	re   *regexp.Regexp
	used bool
}

var wantRE = regexp.MustCompile(`#\s*want\s+(.*)$`)

// Expectations returns the "# want" expectations of a file, by line.
func expectations(t T, f *manifest.File) []*expectation {
	t.Helper()
	var out []*expectation
	for line := 1; line <= f.LineCount(); line++ {
		m := wantRE.FindSubmatch(f.Line(line))
		if m == nil {
			continue
		}
		rest := strings.TrimSpace(string(m[1]))
		for rest != "" {
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				t.Fatalf("%s:%d: bad # want comment: %v", f.Name, line, err)
			}
			s, _ := strconv.Unquote(q)
			re, err := regexp.Compile(s)
			if err != nil {
				t.Fatalf("%s:%d: bad regexp in # want comment: %v", f.Name, line, err)
			}
			out = append(out, &expectation{line: line, re: re})
			rest = strings.TrimSpace(rest[len(q):])
		}
	}
	return out
}

// Check compares diagnostics with the file's inline expectations.
func Check(t T, f *manifest.File, diags []lint.Diagnostic) {
	t.Helper()
	want := expectations(t, f)
	for _, d := range diags {
		if d.Span.Start < 0 || d.Span.End > len(f.Src) || d.Span.End < d.Span.Start {
			t.Errorf("%s:%d:%d: diagnostic span [%d, %d) is outside the file", f.Name, d.Start.Line, d.Start.Column, d.Span.Start, d.Span.End)
		}
		found := false
		for _, w := range want {
			if !w.used && w.line == d.Start.Line && w.re.MatchString(d.Message) {
				w.used, found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s:%d:%d: unexpected diagnostic (%s): %s", f.Name, d.Start.Line, d.Start.Column, d.Rule, d.Message)
		}
	}
	for _, w := range want {
		if !w.used {
			t.Errorf("%s:%d: no diagnostic matched %q", f.Name, w.line, w.re)
		}
	}
}

func checkGolden(t *testing.T, f *manifest.File, diags []lint.Diagnostic, golden string) {
	t.Helper()
	got, _, err := lint.ApplyFixes(f, diags)
	if err != nil {
		t.Fatalf("applying fixes: %v", err)
	}
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("fixed %s differs from %s:\n%s", f.Name, golden, string(unified.Unified(golden, f.Name+" fixed", want, got)))
	}
}
