package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/daemonlint/daemonlint/internal/plural"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// Text writes one finding per paragraph, as compilers do:
//
//	examples/replicaset.yaml:2:7: error: kind "Replicaset" is not a Kubernetes kind; did you mean "ReplicaSet"? (kind-spelling)
//	    2 | kind: Replicaset
//	      |       ^^^^^^^^^^
//	      = Fix available: Change the kind to ReplicaSet
//
// and a summary line at the end.
type Text struct {
	Options Options
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiGreen  = "\x1b[32m"
)

func (t *Text) paint(code, s string) string {
	if !t.Options.Color {
		return s
	}
	return code + s + ansiReset
}

// Report writes res as text.
func (t *Text) Report(w io.Writer, res *lint.Result) error {
	bw := bufio.NewWriter(w)
	// Findings come sorted by file: look a file up once for its findings.
	var last *manifest.File
	source := func(name string) *manifest.File {
		if last == nil || last.Name != name {
			last = sourceOf(res, t.Options, name)
		}
		return last
	}
	var buf []byte
	for _, d := range res.Diagnostics {
		sev := d.Severity.String()
		switch d.Severity {
		case lint.Error:
			sev = t.paint(ansiRed+ansiBold, sev)
		case lint.Warning:
			sev = t.paint(ansiYellow+ansiBold, sev)
		default:
			sev = t.paint(ansiBlue+ansiBold, sev)
		}
		// Thousands of findings: written without fmt.
		buf = buf[:0]
		if t.Options.Color {
			buf = append(buf, ansiBold...)
		}
		buf = append(buf, d.File...)
		buf = append(buf, ':')
		buf = strconv.AppendInt(buf, int64(d.Start.Line), 10)
		buf = append(buf, ':')
		buf = strconv.AppendInt(buf, int64(d.Start.Column), 10)
		if t.Options.Color {
			buf = append(buf, ansiReset...)
		}
		buf = append(append(append(append(append(append(buf, ": "...), sev...), ": "...), d.Message...), " ("...), d.Rule...)
		buf = append(buf, ")\n"...)
		if f := source(d.File); f != nil {
			buf = t.excerpt(buf, f, d)
		}
		bw.Write(buf)
		if r := d.Rendered; r != nil && r.Line > 0 {
			if f := source(d.File); f == nil || strings.TrimRight(string(f.Line(d.Start.Line)), "\r\n") != r.Text {
				fmt.Fprintf(bw, "      = rendered line %d: %s\n", r.Line, r.Text)
			}
		}
		if len(d.Fixes) > 0 {
			hint := ""
			if t.Options.FixHint != "" {
				hint = " (" + t.Options.FixHint + ")"
			}
			fmt.Fprintf(bw, "      = %s %s%s\n", t.paint(ansiGreen, "Fix available:"), d.Fixes[0].Message, hint)
		}
	}
	fmt.Fprintln(bw, summaryLine(summarize(res, t.Options)))
	return bw.Flush()
}

// summaryLine says what a result holds: "1 file, 2 documents: 1 error, 0
// warnings, 0 infos", how many documents were custom resources that no
// rule could judge, and how many documents and files were not Kubernetes
// objects at all.
func summaryLine(s Summary) string {
	docs := plural.Count(s.Documents, "document")
	var notes []string
	if s.Skipped > 0 {
		notes = append(notes, fmt.Sprintf("%d skipped: custom resources", s.Skipped))
	}
	// The documents that are not objects are counted when they are more
	// than the files that hold nothing else, which are said apart.
	if n := s.NotManifests; n > s.NotManifestFiles {
		if n == 1 {
			notes = append(notes, "1 not a Kubernetes object")
		} else {
			notes = append(notes, fmt.Sprintf("%d not Kubernetes objects", n))
		}
	}
	if len(notes) > 0 {
		docs += " (" + strings.Join(notes, ", ") + ")"
	}
	var inputs []string
	if s.Charts > 0 {
		inputs = append(inputs, fmt.Sprintf("%s (%s)", plural.Count(s.Charts, "chart"), plural.Count(s.Renders, "render")))
	}
	if s.Kustomizations > 0 {
		inputs = append(inputs, plural.Count(s.Kustomizations, "kustomization"))
	}
	if s.Files > 0 || len(inputs) == 0 {
		inputs = append(inputs, plural.Count(s.Files, "file"))
	}
	line := fmt.Sprintf("%s, %s: %s, %s, %s",
		strings.Join(inputs, ", "), docs,
		plural.Count(s.Errors, "error"), plural.Count(s.Warnings, "warning"), plural.Count(s.Infos, "info"))
	if s.NotManifestFiles == 1 {
		line += "; 1 file is not a Kubernetes manifest"
	} else if s.NotManifestFiles > 1 {
		line += fmt.Sprintf("; %d files are not Kubernetes manifests", s.NotManifestFiles)
	}
	return line
}

// excerpt appends to buf the diagnostic's first line with a caret under
// its span.
func (t *Text) excerpt(buf []byte, f *manifest.File, d lint.Diagnostic) []byte {
	text := f.Line(d.Start.Line)
	if text == nil || !utf8.Valid(text) || len(text) > 500 {
		return buf
	}
	start := len(buf)
	buf = strconv.AppendInt(buf, int64(d.Start.Line), 10)
	if n := len(buf) - start; n < 5 { // the line number, right-aligned in 5
		buf = append(buf, "     "[:5-n]...)
		copy(buf[start+5-n:], buf[start:start+n])
		copy(buf[start:start+5-n], "     ")
	}
	gutter := len(buf) - start
	buf = append(append(append(buf, " | "...), text...), '\n')
	for range gutter {
		buf = append(buf, ' ')
	}
	buf = append(buf, " | "...)
	col := 1
	for _, r := range string(text) {
		if col >= d.Start.Column {
			break
		}
		if r == '\t' {
			buf = append(buf, '\t')
		} else {
			buf = append(buf, ' ')
		}
		col++
	}
	width := 1
	if d.End.Line == d.Start.Line && d.End.Column > d.Start.Column {
		width = d.End.Column - d.Start.Column
	} else if d.End.Line > d.Start.Line {
		width = max(1, utf8.RuneCount(text)-d.Start.Column+1)
	}
	if t.Options.Color {
		buf = append(buf, ansiGreen+ansiBold...)
	}
	for range width {
		buf = append(buf, '^')
	}
	if t.Options.Color {
		buf = append(buf, ansiReset...)
	}
	return append(buf, '\n')
}
