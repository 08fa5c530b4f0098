package linttest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// recorder is a T that records what Check reports.
type recorder struct {
	errors []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.errors = append(r.errors, "FATAL "+fmt.Sprintf(format, args...))
}

func TestCheck(t *testing.T) {
	src := "a: 1 # want `one` \"two\"\nb: 2\nc: 3 # want `three`\n"
	f := manifest.NewFile("t.yaml", []byte(src))
	diag := func(line int, msg string) lint.Diagnostic {
		off := f.Offset(line, 1)
		return lint.Diagnostic{Span: manifest.Span{Start: off, End: off + 1}, Start: f.Position(off), Message: msg, Rule: "r"}
	}
	for _, tc := range []struct {
		name  string
		diags []lint.Diagnostic
		want  []string // substrings of the reported errors, in order
	}{
		{"all matched", []lint.Diagnostic{diag(1, "one"), diag(1, "two"), diag(3, "three")}, nil},
		{"unexpected", []lint.Diagnostic{diag(1, "one"), diag(1, "two"), diag(2, "surprise"), diag(3, "three")}, []string{"unexpected diagnostic (r): surprise"}},
		{"unmatched", []lint.Diagnostic{diag(1, "one"), diag(3, "three")}, []string{`no diagnostic matched "two"`}},
		{"wrong line", []lint.Diagnostic{diag(1, "one"), diag(1, "two"), diag(1, "three")}, []string{"unexpected diagnostic (r): three", `t.yaml:3: no diagnostic matched "three"`}},
		{"used once", []lint.Diagnostic{diag(1, "one"), diag(1, "one"), diag(1, "two"), diag(3, "three")}, []string{"unexpected diagnostic (r): one"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r recorder
			Check(&r, f, tc.diags)
			if len(r.errors) != len(tc.want) {
				t.Fatalf("Check reported %q, want %d errors", r.errors, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(r.errors[i], w) {
					t.Errorf("error %d = %q, want it to contain %q", i, r.errors[i], w)
				}
			}
		})
	}
}

func TestCheckBadComment(t *testing.T) {
	var r recorder
	Check(&r, manifest.NewFile("t.yaml", []byte("a: 1 # want `(`\n")), nil)
	if len(r.errors) == 0 || !strings.Contains(r.errors[0], "bad regexp") {
		t.Errorf("Check of a bad regexp reported %q", r.errors)
	}
}

// TestRun runs the harness end to end on a directory of its own: a file with
// an expectation and a fix, whose golden file holds the fixed text.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	src := "apiVersion: apps/v1\nkind: Daemonset # want `did you mean \"DaemonSet\"`\n"
	golden := "apiVersion: apps/v1\nkind: DaemonSet # want `did you mean \"DaemonSet\"`\n"
	if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.yaml.golden"), []byte(golden), 0o644); err != nil {
		t.Fatal(err)
	}
	Run(t, dir, rules.KindSpelling)
}
