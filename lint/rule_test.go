package lint_test

import (
	"testing"

	"github.com/daemonlint/daemonlint/lint"
)

func TestCheckRulesRejects(t *testing.T) {
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
				t.Error("CheckRules accepted an invalid rule list")
			}
		})
	}
}
