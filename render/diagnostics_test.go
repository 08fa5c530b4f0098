package render

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/manifest"

	"github.com/daemonlint/daemonlint/lint"
)

// prefixMap is the source map of a stream made of a generated first line
// followed by the source file's bytes unchanged: the first line maps, not
// exactly, to the start of the source, the rest exactly, shifted.
type prefixMap struct {
	file   string
	prefix int
}

func (m prefixMap) Locate(start, end int) Location {
	if start < m.prefix {
		return Location{File: m.file, Note: "from values.yaml: header"}
	}
	return Location{File: m.file, Start: start - m.prefix, End: end - m.prefix, Exact: end >= start}
}

func TestMapDiagnostic(t *testing.T) {
	const source = "apiVersion: apps/v1\nkind: Daemonset\n"
	const header = "# generated: ü\n"
	out := Output{
		Name:   "chart/templates/ds.yaml",
		Src:    []byte(header + source),
		Map:    prefixMap{file: "chart/templates/ds.yaml", prefix: len(header)},
		Origin: Origin{Kind: "chart", Root: "chart", Values: []string{"values.yaml"}},
	}
	read := func(f string) ([]byte, error) {
		if f != "chart/templates/ds.yaml" {
			return nil, fs.ErrNotExist
		}
		return []byte(source), nil
	}
	kind := len(header) + strings.Index(source, "Daemonset")
	tests := []struct {
		name      string
		d         lint.Diagnostic
		wantSpan  manifest.Span
		wantStart manifest.Position
		wantMsg   string
		wantFixes int
		advice    []string
		rendered  manifest.Position
	}{
		{
			name: "exact span keeps its fix, shifted",
			d: lint.Diagnostic{File: out.Name, Span: manifest.Span{Start: kind, End: kind + 9}, Rule: "kind-spelling", Message: "bad kind",
				Fixes: []lint.Fix{{Message: "Write DaemonSet", Edits: []manifest.Edit{{Start: kind, End: kind + 9, NewText: "DaemonSet"}}}}},
			wantSpan:  manifest.Span{Start: 26, End: 35},
			wantStart: manifest.Position{Line: 2, Column: 7},
			wantMsg:   "bad kind",
			wantFixes: 1,
			rendered:  manifest.Position{Line: 3, Column: 7},
		},
		{
			name: "generated span drops its fix and gains the note",
			d: lint.Diagnostic{File: out.Name, Span: manifest.Span{Start: 2, End: 11}, Rule: "r", Message: "bad header",
				Fixes: []lint.Fix{{Message: "Fix it", Edits: []manifest.Edit{{Start: 2, End: 11, NewText: "x"}}}}},
			wantSpan:  manifest.Span{},
			wantStart: manifest.Position{Line: 1, Column: 1},
			wantMsg:   "bad header (from values.yaml: header)",
			advice:    []string{"Fix it"},
			rendered:  manifest.Position{Line: 1, Column: 3},
		},
		{
			name: "a fix with one edit in generated text is dropped",
			d: lint.Diagnostic{File: out.Name, Span: manifest.Span{Start: kind, End: kind + 9}, Rule: "r", Message: "m",
				Fixes: []lint.Fix{{Message: "Fix both", Edits: []manifest.Edit{{Start: kind, End: kind + 9, NewText: "DaemonSet"}, {Start: 0, End: 1, NewText: ""}}}}},
			wantSpan:  manifest.Span{Start: 26, End: 35},
			wantStart: manifest.Position{Line: 2, Column: 7},
			wantMsg:   "m",
			advice:    []string{"Fix both"},
			rendered:  manifest.Position{Line: 3, Column: 7},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MapDiagnostic(tt.d, out, read)
			if err != nil {
				t.Fatal(err)
			}
			d := got.Diagnostic
			if d.File != "chart/templates/ds.yaml" || d.Span != tt.wantSpan || d.Start != tt.wantStart {
				t.Errorf("at: got %s %v %v, want %v %v", d.File, d.Span, d.Start, tt.wantSpan, tt.wantStart)
			}
			if d.Message != tt.wantMsg {
				t.Errorf("message: got %q, want %q", d.Message, tt.wantMsg)
			}
			if len(d.Fixes) != tt.wantFixes {
				t.Fatalf("fixes: got %+v, want %d", d.Fixes, tt.wantFixes)
			}
			if !slices.Equal(got.Advice, tt.advice) {
				t.Errorf("advice: got %q, want %q", got.Advice, tt.advice)
			}
			if got.Rendered != tt.rendered {
				t.Errorf("rendered: got %v, want %v", got.Rendered, tt.rendered)
			}
			if want := strings.Split(string(out.Src), "\n")[tt.rendered.Line-1]; got.RenderedLine != want {
				t.Errorf("rendered line: got %q, want %q", got.RenderedLine, want)
			}
			if tt.wantFixes > 0 {
				fixed, err := manifest.ApplyEdits([]byte(source), d.Fixes[0].Edits)
				if err != nil {
					t.Fatal(err)
				}
				if want := strings.Replace(source, "Daemonset", "DaemonSet", 1); string(fixed) != want {
					t.Errorf("fixed source: got %q, want %q", fixed, want)
				}
			}
		})
	}
	t.Run("an unreadable source is an error", func(t *testing.T) {
		bad := out
		bad.Map = prefixMap{file: "gone.yaml"}
		_, err := MapDiagnostic(lint.Diagnostic{}, bad, read)
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("got %v, want a not-exist error", err)
		}
	})
}

func TestDedupe(t *testing.T) {
	o := func(v string) Origin { return Origin{Kind: "chart", Root: "c", Values: []string{"values.yaml", v}} }
	d := func(msg string, start int) lint.Diagnostic {
		return lint.Diagnostic{File: "c/templates/ds.yaml", Span: manifest.Span{Start: start, End: start + 1}, Rule: "r", Message: msg}
	}
	in := []Finding{
		{Diagnostic: d("a", 1), Origins: []Origin{o("values.yaml")}},
		{Diagnostic: d("b", 5), Origins: []Origin{o("values.yaml")}},
		{Diagnostic: d("a", 1), Origins: []Origin{o("ci/x-values.yaml")}},
		{Diagnostic: d("a", 1), Origins: []Origin{o("ci/x-values.yaml")}},
		{Diagnostic: d("a", 2), Origins: []Origin{o("ci/y-values.yaml")}},
	}
	got := Dedupe(in)
	var summary []string
	for _, f := range got {
		summary = append(summary, f.Diagnostic.Message+"@"+f.RenderNames())
	}
	want := []string{"a@values.yaml, ci/x-values.yaml", "b@", "a@"}
	if !slices.Equal(summary, want) {
		t.Errorf("got %q, want %q", summary, want)
	}
	if len(in[0].Origins) != 1 {
		t.Error("Dedupe changed its input")
	}
}

func TestFailureDiagnostic(t *testing.T) {
	src := "a: 1\n{{ fail \"no\" }}\n"
	read := func(string) ([]byte, error) { return []byte(src), nil }
	got := FailureDiagnostic(Failure{File: "t.yaml", Line: 2, Message: "execution error at (x:2:3):\n  no\n"}, read).Diagnostic
	if got.Rule != "render" || got.Severity != lint.Error || got.Message != "execution error at (x:2:3): no" {
		t.Errorf("got %+v", got)
	}
	if got.Start != (manifest.Position{Line: 2, Column: 1}) || got.Span != (manifest.Span{Start: 5, End: 20}) {
		t.Errorf("at: got %v %v, want 2:1 [5, 20)", got.Start, got.Span)
	}
}
