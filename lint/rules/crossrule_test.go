package rules_test

import (
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// without returns rules.All() without the rules named, and the rules
// left out, as a configuration that turns them off gives them.
func without(names ...string) lint.Options {
	var opts lint.Options
	for _, r := range rules.All() {
		off := false
		for _, n := range names {
			off = off || r.Name == n
		}
		if off {
			opts.Disabled = append(opts.Disabled, r)
		} else {
			opts.Rules = append(opts.Rules, r)
		}
	}
	return opts
}

// TestSelectorErrorsWithoutSelectorMismatch checks that a selector the API
// server rejects is an error whichever of selector-mismatch and validation
// reports it.
func TestSelectorErrorsWithoutSelectorMismatch(t *testing.T) {
	for _, tc := range []struct {
		name     string
		opts     lint.Options
		wantRule string
	}{
		{"all rules", without(), rules.SelectorMismatch.Name},
		{"selector-mismatch off", without(rules.SelectorMismatch.Name), rules.Validation.Name},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// selector-mismatch's Bad example: a DaemonSet whose selector
			// does not select its template's labels.
			src, err := exampleObject(rules.SelectorMismatch, rules.SelectorMismatch.Bad)
			if err != nil {
				t.Fatal(err)
			}
			diags, _, err := lint.CheckFile(manifest.NewFile("ds.yaml", src), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range diags {
				if d.Severity == lint.Error && d.Field == "spec.template.metadata.labels" {
					got = append(got, d.Rule)
				}
			}
			if len(got) != 1 || got[0] != tc.wantRule {
				t.Errorf("errors at spec.template.metadata.labels from rules %q, want one from %q (all: %+v)", got, tc.wantRule, diags)
			}
		})
	}
}

// TestTemplateWithoutSyntax checks that an unrendered template is reported,
// as an error under lint.TemplateRule, whether the syntax rule runs or not.
func TestTemplateWithoutSyntax(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
	}{
		{"parses", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Release.Name }}\n"},
		{"does not parse", "apiVersion: apps/v1\nkind: DaemonSet\n{{- if .Values.enabled }}\nmetadata:\n  name: x\n{{- end }}\n"},
	} {
		for _, opts := range []lint.Options{without(), without(rules.Syntax.Name)} {
			t.Run(tc.name, func(t *testing.T) {
				diags, _, err := lint.CheckFile(manifest.NewFile("chart.yaml", []byte(tc.src)), opts)
				if err != nil {
					t.Fatal(err)
				}
				if len(diags) != 1 || diags[0].Rule != lint.TemplateRule || diags[0].Severity != lint.Error || diags[0].Start.Line != 3 && diags[0].Start.Line != 4 {
					t.Errorf("got %+v, want one error of %s on the template's line", diags, lint.TemplateRule)
				}
			})
		}
	}
}
