package lint

import (
	"math/rand"
	"strings"
	"testing"
)

// TestHostileInputs checks that inputs meant to break a YAML reader end in
// a diagnostic, not a panic or a hang.
func TestHostileInputs(t *testing.T) {
	bomb := "apiVersion: v1\nkind: ConfigMap\ndata:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
	for i := 1; i < 12; i++ {
		refs := strings.TrimSuffix(strings.Repeat("*a"+itoa(i-1)+", ", 10), ", ")
		bomb += "  a" + itoa(i) + ": &a" + itoa(i) + " [" + refs + "]\n"
	}
	binary := make([]byte, 4096)
	rand.New(rand.NewSource(1)).Read(binary)
	for _, tc := range []struct {
		name string
		src  string
		rule string // the rule that must report, or "" for none
		msg  string
	}{
		{"empty", "", "", ""},
		{"comment only", "# nothing here\n---\n# or here\n", "", ""},
		{"binary", string(binary), "syntax", "not valid UTF-8"},
		{"nul bytes", "apiVersion: v1\x00\x00\n", "syntax", "NUL byte"},
		{"alias bomb", bomb, "syntax", "3 MiB"},
		{"deep flow sequence", strings.Repeat("[", 100000), "syntax", "max depth"},
		{"deep flow mapping", strings.Repeat("{a: ", 100000), "syntax", "max depth"},
		{"deep block sequence", strings.Repeat("- ", 100000) + "x\n", "syntax", "max depth"},
		{"scalar document", "hello\n", "syntax", "not a Kubernetes object"},
		{"tabs", "apiVersion: v1\n\tkind: Pod\n", "syntax", "tab character"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := NewFile(tc.name+".yaml", []byte(tc.src))
			diags, _ := CheckFile(f, Options{Rules: Rules()})
			found := false
			for _, d := range diags {
				if d.Rule == InternalErrorRule {
					t.Errorf("internal error: %s", d.Message)
				}
				if d.Rule == tc.rule && strings.Contains(d.Message, tc.msg) {
					found = true
				}
				if d.Span.Start < 0 || d.Span.End > len(f.Src) {
					t.Errorf("span %v is outside the file", d.Span)
				}
			}
			if tc.rule == "" && len(diags) > 0 {
				t.Errorf("unexpected diagnostics: %v", diags)
			}
			if tc.rule != "" && !found {
				t.Errorf("no %s diagnostic containing %q in %v", tc.rule, tc.msg, diags)
			}
		})
	}
}
