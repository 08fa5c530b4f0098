package report

import (
	"encoding/json"
	"io"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// JSON writes one JSON object: the diagnostics and a summary, as the
// project's documented contract says.
type JSON struct{}

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
func (JSON) Report(w io.Writer, res *lint.Result) error {
	out := JSONOutput{Diagnostics: make([]JSONDiagnostic, 0, len(res.Diagnostics)), Summary: Summarize(res)}
	for _, d := range res.Diagnostics {
		jd := JSONDiagnostic{
			File: d.File, Document: d.Document,
			Line: d.Start.Line, Column: d.Start.Column, EndLine: d.End.Line, EndColumn: d.End.Column,
			Severity: d.Severity, Rule: d.Rule, Field: d.Field, Message: d.Message, Object: d.Object,
		}
		if len(d.Fixes) > 0 {
			jd.Fix = &JSONFix{Description: d.Fixes[0].Message, Edits: d.Fixes[0].Edits}
		}
		out.Diagnostics = append(out.Diagnostics, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
