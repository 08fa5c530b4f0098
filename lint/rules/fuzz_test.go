package rules

import (
	"testing"

	"github.com/daemonlint/daemonlint/internal/testcorpus"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// FuzzLint checks that linting never panics or breaks a rule, that
// diagnostics are sorted and inside the file, that fixes do not overlap,
// and that applying them gives a file that still parses.
func FuzzLint(f *testing.F) {
	testcorpus.AddSeeds(f, "testdata")
	f.Fuzz(func(t *testing.T, src []byte) {
		file := manifest.NewFile("fuzz.yaml", src)
		diags, _, err := lint.CheckFile(file, lint.Options{Rules: All()})
		if err != nil {
			t.Fatal(err)
		}
		for i, d := range diags {
			if d.Rule == lint.InternalErrorRule {
				t.Fatalf("internal error: %s", d.Message)
			}
			if d.Span.Start < 0 || d.Span.End > len(src) || d.Span.End < d.Span.Start {
				t.Fatalf("diagnostic span %v outside the file (%d bytes)", d.Span, len(src))
			}
			if i > 0 && diags[i-1].Span.Start > d.Span.Start {
				t.Fatalf("diagnostics not sorted")
			}
			for _, fix := range d.Fixes {
				if _, err := manifest.SortEdits(fix.Edits, len(src)); err != nil {
					t.Fatalf("fix %q: %v", fix.Message, err)
				}
			}
		}
		_, serrs := manifest.Parse(file)
		fixed, n, err := lint.ApplyFixes(file, diags)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 && len(serrs) == 0 {
			if _, errs := manifest.Parse(manifest.NewFile("fixed.yaml", fixed)); len(errs) > 0 {
				t.Fatalf("the fixed file does not parse: %v\n--- before\n%s\n--- after\n%s", errs[0], src, fixed)
			}
		}
	})
}
