package rules_test

import (
	"github.com/daemonlint/daemonlint/lint/rules"

	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/linttest"
)

func TestRulesValidate(t *testing.T) {
	if err := lint.CheckRules(rules.All()); err != nil {
		t.Fatal(err)
	}
}

func TestValidateRejects(t *testing.T) {
	run := func(*lint.Pass) error { return nil }
	for _, tc := range []struct {
		name  string
		rules []*lint.Rule
	}{
		{"not kebab-case", []*lint.Rule{{Name: "Kind_Spelling", Doc: "Title", Severity: lint.Error, Run: run}}},
		{"duplicate", []*lint.Rule{{Name: "a", Doc: "A", Severity: lint.Error, Run: run}, {Name: "a", Doc: "A", Severity: lint.Error, Run: run}}},
		{"no title", []*lint.Rule{{Name: "a", Doc: "", Severity: lint.Error, Run: run}}},
		{"no blank after title", []*lint.Rule{{Name: "a", Doc: "Title\nmore", Severity: lint.Error, Run: run}}},
		{"no severity", []*lint.Rule{{Name: "a", Doc: "Title", Run: run}}},
		{"no run", []*lint.Rule{{Name: "a", Doc: "Title", Severity: lint.Error}}},
		{"nil", []*lint.Rule{nil}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := lint.CheckRules(tc.rules); err == nil {
				t.Error("Validate accepted an invalid rule list")
			}
		})
	}
}

func TestKindSpelling(t *testing.T) {
	linttest.Run(t, "testdata/kind-spelling", rules.KindSpelling)
}

func TestDaemonSetReplicas(t *testing.T) {
	linttest.Run(t, "testdata/daemonset-replicas", rules.DaemonSetReplicas)
}

func TestSelectorMismatch(t *testing.T) {
	linttest.Run(t, "testdata/selector-mismatch", rules.SelectorMismatch)
}

func TestDuplicateKey(t *testing.T) {
	linttest.Run(t, "testdata/duplicate-key", rules.DuplicateKey)
}

func TestSyntax(t *testing.T) {
	linttest.Run(t, "testdata/syntax", rules.Syntax)
}

func TestIgnoreDirective(t *testing.T) {
	linttest.RunOptions(t, "testdata/ignore-directive", lint.Options{
		Rules: []*lint.Rule{rules.IgnoreDirective, rules.KindSpelling, rules.DuplicateKey},
	})
}
