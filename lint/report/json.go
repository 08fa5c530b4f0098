package report

import (
	"encoding/json"
	"io"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// JSON writes one JSON object: the diagnostics and a summary, as the
// project's documented contract says.
type JSON struct {
	Options Options
}

// JSONDiagnostic is one diagnostic in JSON output.
type JSONDiagnostic struct {
	File      string          `json:"file"`
	Document  int             `json:"document"`
	Line      int             `json:"line"`
	Column    int             `json:"column"`
	EndLine   int             `json:"endLine"`
	EndColumn int             `json:"endColumn"`
	Severity  lint.Severity   `json:"severity"`
	Rule      string          `json:"rule"`
	Field     string          `json:"field"`
	Message   string          `json:"message"`
	Object    manifest.Object `json:"object"`
	Fix       *JSONFix        `json:"fix,omitempty"`
	// Rendered is set on a finding of a rendered object (a chart's
	// template, a kustomization's build): file, line and column are then
	// in the source file, and Rendered says where it was rendered.
	Rendered *JSONRendered `json:"rendered,omitempty"`
}

// JSONRendered says where a finding of a rendered object was made: the
// chart (with its values files) or the kustomization, and the line of the
// rendered stream.
type JSONRendered struct {
	Chart         string   `json:"chart,omitempty"`
	Kustomization string   `json:"kustomization,omitempty"`
	Values        []string `json:"values,omitempty"`
	// Renders names the renders the finding was made in, when several.
	Renders string `json:"renders,omitempty"`
	Line    int    `json:"line"`
}

// JSONFix is a diagnostic's certain fix in JSON output.
type JSONFix struct {
	Description string          `json:"description"`
	Edits       []manifest.Edit `json:"edits"`
}

// JSONOutput is the whole JSON document.
type JSONOutput struct {
	Diagnostics []JSONDiagnostic `json:"diagnostics"`
	Summary     Summary          `json:"summary"`
}

// Report writes res as JSON.
func (j JSON) Report(w io.Writer, res *lint.Result) error {
	out := JSONOutput{Diagnostics: make([]JSONDiagnostic, 0, len(res.Diagnostics)), Summary: summarize(res, j.Options)}
	for _, d := range res.Diagnostics {
		jd := JSONDiagnostic{
			File: d.File, Document: d.Document,
			Line: d.Start.Line, Column: d.Start.Column, EndLine: d.End.Line, EndColumn: d.End.Column,
			Severity: d.Severity, Rule: d.Rule, Field: d.Field, Message: d.Message, Object: d.Object,
		}
		if len(d.Fixes) > 0 {
			jd.Fix = &JSONFix{Description: d.Fixes[0].Message, Edits: d.Fixes[0].Edits}
		}
		if r := d.Rendered; r != nil {
			jd.Rendered = &JSONRendered{Values: r.Values, Renders: r.Renders, Line: r.Line}
			if r.Kind == "chart" {
				jd.Rendered.Chart = r.Root
			} else {
				jd.Rendered.Kustomization = r.Root
			}
		}
		out.Diagnostics = append(out.Diagnostics, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
