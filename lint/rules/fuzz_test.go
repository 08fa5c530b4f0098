package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/daemonlint/daemonlint/internal/testcorpus"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// addSeeds adds the repository's YAML test inputs and, when it is present,
// the shared corpus as seeds of a fuzz target.
func addSeeds(f *testing.F) {
	var dirs []string
	dirs = append(dirs, "testdata")
	if dir, ok := testcorpus.Find(); ok {
		dirs = append(dirs, dir)
	}
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			switch filepath.Ext(path) {
			case ".yaml", ".yml", ".json", ".golden":
			default:
				return nil
			}
			if src, err := os.ReadFile(path); err == nil && len(src) < 64<<10 {
				f.Add(src)
			}
			return nil
		})
	}
	f.Add([]byte("a: 1\r\nb: [x, 'y']\r\n"))
	f.Add([]byte("\ufeffapiVersion: v1\nkind: List\nitems:\n- {kind: Pod}\n"))
}

// FuzzLint checks that linting never panics or breaks a rule, that
// diagnostics are sorted and inside the file, that fixes do not overlap,
// and that applying them gives a file that still parses.
func FuzzLint(f *testing.F) {
	addSeeds(f)
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
