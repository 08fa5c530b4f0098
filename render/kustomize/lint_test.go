package kustomize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"

	"github.com/daemonlint/daemonlint/lint"
)

// TestLintThroughTheMap lints the built streams of the test repository's
// overlays with the project's rules and maps each finding back: the
// selector mismatch that the labels overlay's patch makes is reported in
// the patch file, at the patched labels' line.
func TestLintThroughTheMap(t *testing.T) {
	for _, tc := range []struct {
		overlay  string
		rule     string
		wantFile string
		wantLine int
		wantNote string
	}{
		{"overlays/labels", "selector-mismatch", "overlays/labels/labels-patch.yaml", 8, "set by the patch"},
	} {
		t.Run(tc.overlay+" "+tc.rule, func(t *testing.T) {
			out := build(t, filepath.Join(repo, tc.overlay))
			res, err := lint.Run([]*manifest.File{manifest.NewFile(out.Name, out.Src)}, lint.Options{Rules: rules.All(), Jobs: 1})
			if err != nil {
				t.Fatal(err)
			}
			found := 0
			for _, d := range res.Diagnostics {
				if d.Rule != tc.rule {
					continue
				}
				found++
				loc := out.Map.Locate(d.Span.Start, d.Span.End)
				src, err := os.ReadFile(loc.File)
				if err != nil {
					t.Fatal(err)
				}
				line := manifest.NewFile(loc.File, src).Position(loc.Start).Line
				if want := filepath.Join(repo, tc.wantFile); loc.File != want || line != tc.wantLine || !strings.Contains(loc.Note, tc.wantNote) {
					t.Errorf("%s (%s) maps to %s:%d (%s), want %s:%d (%s)", d.Message, d.Field, loc.File, line, loc.Note, want, tc.wantLine, tc.wantNote)
				}
			}
			if found != 1 {
				t.Errorf("%d %s findings, want 1", found, tc.rule)
			}
		})
	}
}
