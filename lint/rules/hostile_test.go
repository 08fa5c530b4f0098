package rules

import (
	"math/rand"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// TestHostileInputs checks that inputs meant to break a YAML reader end in
// a diagnostic, not a panic or a hang.
func TestHostileInputs(t *testing.T) {
	bomb := "apiVersion: v1\nkind: ConfigMap\ndata:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
	for i := 1; i < 12; i++ {
		refs := strings.TrimSuffix(strings.Repeat("*a"+strconv.Itoa(i-1)+", ", 10), ", ")
		bomb += "  a" + strconv.Itoa(i) + ": &a" + strconv.Itoa(i) + " [" + refs + "]\n"
	}
	// A merge bomb: each level merges the one before ten times.
	mergeBomb := "a0: &a0 {x: 1}\n"
	for i := 1; i < 10; i++ {
		refs := strings.TrimSuffix(strings.Repeat("*a"+strconv.Itoa(i-1)+", ", 10), ", ")
		mergeBomb += "a" + strconv.Itoa(i) + ": &a" + strconv.Itoa(i) + " {<<: [" + refs + "]}\n"
	}
	mergeBomb += "<<: *a9\nkind: ConfigMap\n"
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
		{"merge bomb", mergeBomb, "missing-type", "apiVersion is not set"},
		{"deep flow sequence", strings.Repeat("[", 100000), "syntax", "max depth"},
		{"deep flow mapping", strings.Repeat("{a: ", 100000), "syntax", "max depth"},
		{"deep block sequence", strings.Repeat("- ", 100000) + "x\n", "syntax", "max depth"},
		{"scalar document", "hello\n", "", ""},
		{"tabs", "apiVersion: v1\n\tkind: Pod\n", "syntax", "tab character"},
		{"huge scalar", "apiVersion: v1\nkind: ConfigMap\ndata:\n  big: " + strings.Repeat("x", 64<<20) + "\n", "syntax", "larger than 8 MiB"},
		{"long line", "{data: [" + strings.Repeat("word, ", 10<<20/6) + "]}\n", "syntax", "more than 200000 lines and list items"},
		// Every quoted scalar's position on one long line of multi-byte
		// characters (found because of the directive): quadratic without
		// the line's rune index.
		{"long multi-byte line", "# daemonlint:ignore field-type a list, on purpose\n{apiVersion: v1, kind: ConfigMap, data: {a: [" +
			strings.Repeat(`"é", `, 100000) + "]}}\n", "", ""},
		{"a key repeated 190 000 times", "apiVersion: v1\nkind: ConfigMap\ndata:\n" + strings.Repeat("  a: x\n", 190_000),
			"duplicate-key", "189899 more findings of duplicate-key in this document"},
		{"many lines", strings.Repeat("k: v\n", 300_000), "syntax", "more than 200000 lines"},
		{"invalid UTF-8 in a key", "apiVersion: v1\nkind: ConfigMap\ndata:\n  k\xff: v\n", "syntax", "not valid UTF-8"},
		{"invalid UTF-8 in a value", "apiVersion: v1\nkind: ConfigMap\ndata:\n  k: v\xfe\n", "syntax", "not valid UTF-8"},
		{"sequence document", "- a\n- b\n", "", ""},
		{"null document", "null\n", "", ""},
		{"numeric kind", "apiVersion: v1\nkind: 1\n", "missing-type", "kind must be a string"},
		{"boolean kind", "apiVersion: v1\nkind: yes\n", "missing-type", "kind must be a string"},
		{"list kind", "apiVersion: v1\nkind: [Pod]\n", "missing-type", "kind must be a string"},
		{"empty documents", strings.Repeat("---\n", 100000), "", ""},
		{"crlf", "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: x\r\n", "", ""},
		{"cr only", "apiVersion: v1\rkind: ConfigMap\rmetadata:\r  name: x\r", "", ""},
		{"byte-order mark in the middle", "apiVersion: v1\nkind: ConfigMap\n\ufeffmetadata:\n  name: x\n", "syntax", "byte-order mark"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := manifest.NewFile(tc.name+".yaml", []byte(tc.src))
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			diags, _, err := lint.CheckFile(f, lint.Options{Rules: All()})
			if err != nil {
				t.Fatal(err)
			}
			runtime.ReadMemStats(&after)
			// What CheckFile allocates in all, which bounds the memory it
			// uses at once, is bounded by the limits, not by the input: a
			// huge scalar is not read past MaxDocumentBytes. The bound is
			// three quarters of the 256 MB a hostile input may take.
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d bytes in, %d bytes allocated", len(tc.src), alloc)
			if limit := uint64(192 << 20); alloc > limit {
				t.Errorf("CheckFile allocated %d bytes, more than %d", alloc, limit)
			}
			found := false
			for _, d := range diags {
				if d.Rule == lint.InternalErrorRule {
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
