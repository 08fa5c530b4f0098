package lint

import (
	"cmp"
	"slices"

	"github.com/daemonlint/daemonlint/manifest"
)

// A Fix is a certain correction: a message and the edits that make it. The
// edits are byte ranges of the original file.
type Fix struct {
	// Message is a capitalised verb phrase ("Remove spec.replicas").
	Message string
	Edits   []manifest.Edit
}

// A Diagnostic is one finding.
type Diagnostic struct {
	// File is the name of the file.
	File string
	// Document is the 0-based index of the document in the file (see
	// Document.Index).
	Document int
	// Object is the object the finding is about; empty for syntax errors.
	Object manifest.Object
	// Span is the byte range the finding is about; Start and End are the
	// same range as lines and columns (End is just past the last character).
	Span       manifest.Span
	Start, End manifest.Position
	// Rule is the name of the rule that reported the finding.
	Rule string
	// Severity is the finding's severity.
	Severity Severity
	// Message says what is wrong and what to write instead.
	Message string
	// Field is the API server's field path of the finding
	// ("spec.template.metadata.labels"), or empty.
	Field string
	// Fixes are certain corrections, best first.
	Fixes []Fix
	// Rendered is set on a finding of an object that was rendered from a
	// Helm chart or built by kustomize before it was linted: File, Span,
	// Start and End are then in the source file a person edits (a
	// template, a resource, a patch), and Rendered says where the finding
	// was made. Nil for plain files.
	Rendered *Rendered
}

// A Rendered says where a finding on a rendered object was made, for
// output: the chart or kustomization, the values files of the render, and
// the line of the rendered stream.
type Rendered struct {
	// Kind is "chart" or "kustomization"; Root its directory.
	Kind, Root string
	// Values are the values files of a chart's render, the chart's own
	// values.yaml first; empty for a kustomization.
	Values []string
	// Renders names the renders a finding was made in when it was made in
	// several ("values.yaml, ci/small-values.yaml"); empty for one.
	Renders string
	// Line is the 1-based line of the rendered stream, and Text that
	// line, without its line break.
	Line int
	Text string
}

// SortDiagnostics sorts diagnostics of one file by position, then rule and
// message.
func SortDiagnostics(diags []Diagnostic) {
	slices.SortStableFunc(diags, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Span.Start, b.Span.Start),
			cmp.Compare(a.Span.End, b.Span.End),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// ApplyFixes applies to f's bytes the first fix of each diagnostic of f,
// in order, and returns the new bytes and how many fixes were applied.
// Diagnostics of other files (another File name) are left out, so that
// diagnostics of a whole Run can be passed as they are; apply them file by
// file. A fix whose edits overlap a fix already taken is skipped (a second
// run picks it up).
func ApplyFixes(f *manifest.File, diags []Diagnostic) ([]byte, int, error) {
	var taken []manifest.Edit
	n := 0
	for _, d := range diags {
		if len(d.Fixes) == 0 || d.File != f.Name {
			continue
		}
		candidate := append(slices.Clone(taken), d.Fixes[0].Edits...)
		if _, err := manifest.SortEdits(candidate, len(f.Src)); err != nil {
			continue
		}
		taken = candidate
		n++
	}
	if n == 0 {
		return f.Src, 0, nil
	}
	out, err := manifest.ApplyEdits(f.Src, taken)
	if err != nil {
		return nil, 0, err
	}
	return out, n, nil
}

// InternalErrorRule is the rule name of diagnostics that report a bug in
// daemonlint: a rule that panicked or returned an error, or the engine
// failing on a file or document.
const InternalErrorRule = "internal-error"

// internalError returns the diagnostic that reports a bug, saying what
// broke; when doc is not nil, it is placed at the start of that document.
func internalError(f *manifest.File, doc *manifest.Document, what string) Diagnostic {
	d := Diagnostic{File: f.Name, Rule: InternalErrorRule, Severity: Error,
		Message: "internal error: " + what + "; please report this bug"}
	if doc != nil {
		start := doc.Span().Start
		d.Document = doc.Index
		d.Object = doc.Object()
		d.Span = manifest.Span{Start: start, End: start}
	}
	return d
}
