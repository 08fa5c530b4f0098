package lint_test

import (
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
)

// TestParseConfigReportsEverything checks that a configuration with
// several problems gives all of them: those of the first document with a
// second document, and a Config that still names its rules, so that
// unknown rule names can be reported along with bad values.
func TestParseConfigReportsEverything(t *testing.T) {
	for _, tc := range []struct {
		name      string
		src       string
		wantParse string
		wantRules string
	}{
		{
			name:      "a bad value and an unknown rule",
			src:       "rules:\n  resources: {severity: fatal}\n  duplicat-key: {}\n",
			wantParse: `c.yaml:2:25: rules.resources.severity must be error, warning or info, not "fatal"`,
			wantRules: `c.yaml:3:3: unknown rule "duplicat-key" in rules; did you mean "duplicate-key"?`,
		},
		{
			name: "two documents, the first with an unknown key",
			src:  "rulez: {}\n---\nrules: {}\n",
			wantParse: "c.yaml:1:1: unknown key \"rulez\" (known: rules, ignore, cluster, kubernetesVersion)\n" +
				"c.yaml:2:1: a configuration file holds one YAML document, not several",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := lint.ParseConfig("c.yaml", []byte(tc.src))
			if err == nil || err.Error() != tc.wantParse {
				t.Errorf("ParseConfig error = %v, want %s", err, tc.wantParse)
			}
			if c == nil {
				t.Fatal("ParseConfig returned no Config with its errors")
			}
			_, err = c.Options(rules.All())
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.wantRules {
				t.Errorf("Options error = %q, want %q", got, tc.wantRules)
			}
		})
	}
}
