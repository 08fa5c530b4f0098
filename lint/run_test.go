package lint_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// TestRunWithoutRules checks that a zero Options is an error, not a run
// that silently checks nothing.
func TestRunWithoutRules(t *testing.T) {
	f := manifest.NewFile("a.yaml", []byte("apiVersion: apps/v1\nkind: Daemonset\n"))
	if res, err := lint.Run([]*manifest.File{f}, lint.Options{}); !errors.Is(err, lint.ErrNoRules) || res != nil {
		t.Errorf("Run with no rules = %v, %v; want nil, ErrNoRules", res, err)
	}
	if _, _, err := lint.CheckFile(f, lint.Options{}); !errors.Is(err, lint.ErrNoRules) {
		t.Errorf("CheckFile with no rules: error %v, want ErrNoRules", err)
	}
	bad := &lint.Rule{Name: "Not_Kebab", Doc: "Title", Severity: lint.Error, Run: func(*lint.Pass) error { return nil }}
	if _, err := lint.Run([]*manifest.File{f}, lint.Options{Rules: []*lint.Rule{bad}}); err == nil {
		t.Error("Run accepted an invalid rule")
	}
}

// TestApplyFixesPerFile lints two files in one run and applies the whole
// run's diagnostics to each: only that file's fixes may land in it.
func TestApplyFixesPerFile(t *testing.T) {
	a := manifest.NewFile("a.yaml", []byte("apiVersion: apps/v1\nkind: Daemonset\nmetadata: {name: a}\n"))
	b := manifest.NewFile("b.yaml", []byte("apiVersion: v1\nkind: Configmap\nmetadata:\n  name: b\n"))
	res, err := lint.Run([]*manifest.File{a, b}, lint.Options{Rules: []*lint.Rule{rules.KindSpelling}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		f    *manifest.File
		want string
	}{
		{a, "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\n"},
		{b, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n"},
	} {
		t.Run(tc.f.Name, func(t *testing.T) {
			got, n, err := lint.ApplyFixes(tc.f, res.Diagnostics)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want || n != 1 {
				t.Errorf("ApplyFixes(%s) = %q, %d fixes; want %q, 1 fix", tc.f.Name, got, n, tc.want)
			}
		})
	}
}

// TestPassEnabled checks that a rule sees which rules run with it.
func TestPassEnabled(t *testing.T) {
	var got map[string]bool
	probe := &lint.Rule{Name: "probe", Doc: "Probe", Severity: lint.Info, Run: func(p *lint.Pass) error {
		got = map[string]bool{"probe": p.Enabled("probe"), "other": p.Enabled("other"), "off": p.Enabled("off")}
		return nil
	}}
	other := &lint.Rule{Name: "other", Doc: "Other", Severity: lint.Info, Run: func(*lint.Pass) error { return nil }}
	off := &lint.Rule{Name: "off", Doc: "Off", Severity: lint.Info, Run: func(*lint.Pass) error { return nil }}
	f := manifest.NewFile("a.yaml", []byte("apiVersion: v1\nkind: ConfigMap\n"))
	if _, _, err := lint.CheckFile(f, lint.Options{Rules: []*lint.Rule{probe, other}, Disabled: []*lint.Rule{off}}); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"probe": true, "other": true, "off": false}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("Enabled(%q) = %v, want %v", name, got[name], w)
		}
	}
}

// TestPassSaturated checks that a rule learns when its further findings in
// a document are only counted, and that the count still covers them.
func TestPassSaturated(t *testing.T) {
	var saturatedAt []int
	many := &lint.Rule{Name: "many", Doc: "Many", Severity: lint.Warning, Run: func(p *lint.Pass) error {
		saturatedAt = nil
		for i := range lint.MaxFindingsPerRule + 50 {
			if p.Saturated() {
				saturatedAt = append(saturatedAt, i)
				p.Report(lint.Diagnostic{Span: manifest.Span{Start: 0, End: 1}})
				continue
			}
			p.Report(lint.Diagnostic{Span: manifest.Span{Start: 0, End: 1}, Message: "a finding"})
		}
		return nil
	}}
	f := manifest.NewFile("a.yaml", []byte("apiVersion: v1\nkind: ConfigMap\n"))
	diags, _, err := lint.CheckFile(f, lint.Options{Rules: []*lint.Rule{many}})
	if err != nil {
		t.Fatal(err)
	}
	if len(saturatedAt) != 50 || saturatedAt[0] != lint.MaxFindingsPerRule {
		t.Errorf("Saturated from finding %v (%d times), want from %d (50 times)", saturatedAt[:min(1, len(saturatedAt))], len(saturatedAt), lint.MaxFindingsPerRule)
	}
	if got, want := len(diags), lint.MaxFindingsPerRule+1; got != want {
		t.Fatalf("got %d diagnostics, want %d", got, want)
	}
	counted := false
	for _, d := range diags {
		counted = counted || strings.HasPrefix(d.Message, "50 more findings of many")
	}
	if !counted {
		t.Error("no diagnostic counts the 50 findings left out")
	}
}
