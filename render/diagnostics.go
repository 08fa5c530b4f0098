package render

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/manifest"

	"github.com/daemonlint/daemonlint/lint"
)

// A Finding is a diagnostic of a rendered stream mapped back to the source
// file a person edits, with where it was rendered.
type Finding struct {
	// Diagnostic is the finding in the source file: its File, Span,
	// Start and End are the source's; its fixes are kept only when every
	// edit lands on literal source text (see Location.Exact).
	Diagnostic lint.Diagnostic
	// Output is the Name of the rendered stream the finding was made on.
	Output string
	// Rendered is where the finding starts in the rendered stream, and
	// RenderedLine that line's text (without its line break), for output
	// that shows it beside the source line when they differ.
	Rendered     manifest.Position
	RenderedLine string
	// Advice holds the messages of the fixes that were dropped because
	// they would edit text the source does not hold literally (a value
	// from values.yaml, a line an include wrote): output may offer them as
	// text, with the location's note saying where to make the change.
	Advice []string
	// Origins are the renders the finding was made in: one, or several
	// after Dedupe.
	Origins []Origin
}

// ReadFunc reads a source file that a SourceMap names.
type ReadFunc func(file string) ([]byte, error)

// MapDiagnostic maps d, a finding on out's rendered stream (out.Src), back
// through out.Map to the source file that produced its first byte. The
// location's note, when there is one, is appended to the message
// ("… (from values.yaml: replicas)"). A fix is kept, with its edits moved
// to source offsets, only when every edit maps exactly into that same
// file; otherwise it is dropped, and the message still says where the
// text came from. read is called with the source file's name; an error
// from it is returned, wrapped.
func MapDiagnostic(d lint.Diagnostic, out Output, read ReadFunc) (Finding, error) {
	rf := manifest.NewFile(out.Name, out.Src)
	fd := Finding{Output: out.Name, Rendered: rf.Position(d.Span.Start), Origins: []Origin{out.Origin}}
	fd.RenderedLine = strings.TrimRight(string(rf.Line(fd.Rendered.Line)), "\r\n")
	loc := out.Map.Locate(d.Span.Start, d.Span.End)
	if v, ok := actionValue(rf, d, out.Map, loc); ok {
		loc = v
	}
	src, err := read(loc.File)
	if err != nil {
		return fd, fmt.Errorf("reading %s: %w", loc.File, err)
	}
	start, end := clamp(loc.Start, len(src)), clamp(loc.End, len(src))
	if end < start {
		end = start
	}
	sf := manifest.NewFile(loc.File, src)
	m := d
	m.File = loc.File
	m.Span = manifest.Span{Start: start, End: end}
	m.Start, m.End = sf.Position(start), sf.Position(end)
	if loc.Note != "" {
		m.Message += " (" + loc.Note + ")"
	}
	m.Fixes = nil
	for _, fix := range d.Fixes {
		if f, ok := mapFix(fix, out.Map, loc.File, len(src)); ok {
			m.Fixes = append(m.Fixes, f)
		} else {
			fd.Advice = append(fd.Advice, fix.Message)
		}
	}
	fd.Diagnostic = m
	return fd, nil
}

// actionValue returns where the value of d's field came from when the
// finding sits on a key written literally in the source (labels:) whose
// value, a mapping or a sequence on the lines below, an action wrote
// ({{ include "x.labels" . | nindent 8 }}, toYaml): that action's line is
// where a person changes what the finding is about. It reports false
// otherwise.
func actionValue(rf *manifest.File, d lint.Diagnostic, sm SourceMap, at Location) (Location, bool) {
	if d.Field == "" {
		return Location{}, false
	}
	docs, _ := manifest.Parse(rf)
	for _, doc := range docs {
		if sp := doc.Span(); d.Span.Start < sp.Start || d.Span.Start > sp.End {
			continue
		}
		l := doc.Lookup(d.Field)
		if !l.Exact || l.Key == nil || l.Node == nil || rf.NodeStart(l.Key) != d.Span.Start {
			return Location{}, false
		}
		if k := sm.Locate(rf.NodeStart(l.Key), rf.NodeEnd(l.Key)); !k.Exact || k.File != at.File {
			return Location{}, false // the key itself is not literal text
		}
		if l.Node.Kind != yaml.MappingNode && l.Node.Kind != yaml.SequenceNode || l.Node.Style&yaml.FlowStyle != 0 {
			return Location{}, false
		}
		start := rf.NodeStart(l.Node)
		v := sm.Locate(start, start)
		if v.Exact || v.File != at.File {
			return Location{}, false
		}
		return v, true
	}
	return Location{}, false
}

func clamp(n, size int) int {
	return max(0, min(n, size))
}

// mapFix moves fix's edits onto file's bytes, or reports false when one
// of them does not land exactly on literal text of file.
func mapFix(fix lint.Fix, sm SourceMap, file string, size int) (lint.Fix, bool) {
	out := lint.Fix{Message: fix.Message, Edits: make([]manifest.Edit, 0, len(fix.Edits))}
	for _, e := range fix.Edits {
		l := sm.Locate(e.Start, e.End)
		if !l.Exact || l.File != file || l.End-l.Start != e.End-e.Start || l.End > size {
			return lint.Fix{}, false
		}
		out.Edits = append(out.Edits, manifest.Edit{Start: l.Start, End: l.End, NewText: e.NewText})
	}
	return out, true
}

// FailureDiagnostic turns a failed render into one error finding of rule
// "render" at the line the engine named (the whole line), or at the start
// of the file when it named none. The engine's message, which may span
// lines, is joined into one line.
func FailureDiagnostic(f Failure, read ReadFunc) Finding {
	d := lint.Diagnostic{
		File:     f.File,
		Rule:     "render",
		Severity: lint.Error,
		Message:  strings.Join(strings.Fields(f.Message), " "),
	}
	if src, err := read(f.File); err == nil && f.Line > 0 {
		sf := manifest.NewFile(f.File, src)
		start := sf.Offset(f.Line, 1)
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		d.Span = manifest.Span{Start: start, End: end}
		d.Start, d.End = sf.Position(start), sf.Position(end)
	} else {
		d.Start, d.End = manifest.Position{Line: max(f.Line, 1), Column: 1}, manifest.Position{Line: max(f.Line, 1), Column: 1}
	}
	return Finding{Diagnostic: d, Output: f.File, Origins: []Origin{f.Origin}}
}

// Dedupe reports a finding made the same way in several renders once: the
// findings equal in file, span, rule, severity, field and message become
// the first of them, with the Origins of all. The order of first
// appearance is kept.
func Dedupe(fs []Finding) []Finding {
	type key struct {
		file, rule, field, msg string
		span                   manifest.Span
		sev                    lint.Severity
	}
	seen := map[key]int{}
	var out []Finding
	for _, f := range fs {
		d := f.Diagnostic
		k := key{d.File, d.Rule, d.Field, d.Message, d.Span, d.Severity}
		if i, ok := seen[k]; ok {
			for _, o := range f.Origins {
				if !slices.ContainsFunc(out[i].Origins, func(x Origin) bool { return sameOrigin(x, o) }) {
					out[i].Origins = append(out[i].Origins, o)
				}
			}
			continue
		}
		seen[k] = len(out)
		f.Origins = slices.Clone(f.Origins)
		out = append(out, f)
	}
	return out
}

func sameOrigin(a, b Origin) bool {
	return a.Kind == b.Kind && a.Root == b.Root && slices.Equal(a.Values, b.Values)
}

// RenderNames names the renders of a finding for people:
// "values.yaml, ci/small-values.yaml" for a chart finding made with the
// chart's values and with one ci values file; "" for one render.
func (f Finding) RenderNames() string {
	if len(f.Origins) < 2 {
		return ""
	}
	var names []string
	for _, o := range f.Origins {
		if len(o.Values) == 0 {
			names = append(names, o.Root)
			continue
		}
		names = append(names, o.Values[len(o.Values)-1])
	}
	return strings.Join(names, ", ")
}
