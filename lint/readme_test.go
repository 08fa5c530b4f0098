package lint_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
)

// The README's rule table sits between these markers and is generated from
// the rules' documentation.
const (
	rulesBegin = "<!-- rules:begin -->"
	rulesEnd   = "<!-- rules:end -->"
)

// ruleTable returns the README's rule table: a row per rule, whose first
// cell holds the anchor that each rule's help URI points to.
func ruleTable(rules []*lint.Rule) string {
	var b strings.Builder
	b.WriteString("| Rule | Severity | What it checks | Since |\n| --- | --- | --- | --- |\n")
	for _, r := range rules {
		title := strings.ReplaceAll(r.Title(), "|", `\|`)
		fmt.Fprintf(&b, "| <a id=\"%s\"></a>`%s` | %s | %s | %s |\n", r.Name, r.Name, r.Severity, title, r.Since)
	}
	return b.String()
}

// update rewrites the README's rule table instead of checking it.
var update = flag.Bool("update", false, "rewrite the README's rule table")

// updating reports whether the tests run with -update.
func updating() bool { return *update }

// TestREADMERuleTable fails when the rule table in the README is not the
// one the rules' documentation gives. Regenerate it with
//
//	go test ./lint -run TestREADMERuleTable -update
func TestREADMERuleTable(t *testing.T) {
	path := filepath.Join("..", "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	begin := bytes.Index(readme, []byte(rulesBegin))
	end := bytes.Index(readme, []byte(rulesEnd))
	if begin < 0 || end < begin {
		t.Fatalf("README.md has no %s … %s markers", rulesBegin, rulesEnd)
	}
	begin += len(rulesBegin)
	want := "\n" + ruleTable(rules.All())
	got := string(readme[begin:end])
	if got == want {
		return
	}
	if updating() {
		out := append([]byte(nil), readme[:begin]...)
		out = append(out, want...)
		out = append(out, readme[end:]...)
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the rule table in README.md is stale; regenerate it with go test ./lint -run TestREADMERuleTable -update\ngot:\n%s\nwant:\n%s", got, want)
}
