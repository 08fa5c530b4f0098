package cli

import (
	"github.com/daemonlint/daemonlint/manifest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint"
)

// TestFixRoundsBounded runs --fix with a rule whose fix always brings out
// the same finding again: the command stops after maxFixRounds rounds, says
// so, and reports what is left.
func TestFixRoundsBounded(t *testing.T) {
	grow := &lint.Rule{
		Name:     "grow",
		Doc:      "A rule whose fix never ends\n\nEvery document gets one more comment line.",
		Since:    "v0.1.0",
		Severity: lint.Warning,
		Run: func(p *lint.Pass) error {
			p.Report(lint.Diagnostic{
				Span:    manifest.Span{Start: 0, End: 1},
				Message: "one more comment is wanted",
				Fixes:   []lint.Fix{{Message: "Add a comment", Edits: []manifest.Edit{{Start: 0, End: 0, NewText: "# more\n"}}}},
			})
			return nil
		},
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "cm.yaml")
	putFile(t, path, []byte("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"))
	code, out := runWithEnv(&env{dir: dir, rules: []*lint.Rule{grow}}, "lint", "--fix", path)
	if code != exitOK {
		t.Errorf("exit code = %d, want %d (the finding left is a warning)\n%s", code, exitOK, out)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(got), "# more\n"); n != maxFixRounds {
		t.Errorf("the file got %d comments, want %d (one a round):\n%s", n, maxFixRounds, got)
	}
	for _, want := range []string{
		"stopped fixing after 10 rounds",
		"fixed 10 problems in " + path,
		"one more comment is wanted",
		"1 file, 1 document: 0 errors, 1 warning, 0 infos",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the output does not say %q:\n%s", want, out)
		}
	}
}
