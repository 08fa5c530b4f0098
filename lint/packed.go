package lint

import (
	"sync"

	"github.com/daemonlint/daemonlint/manifest"
)

// A packedDiagnostic is a Diagnostic kept while the rest of its file is
// checked, without a pointer: its texts are indexes into the file's
// findingTable. A large file's findings are most of what a run keeps in
// memory, and the garbage collector does not look into a slice of
// these, however many findings it holds.
type packedDiagnostic struct {
	span                     manifest.Span
	start, end               manifest.Position
	document                 int
	severity                 Severity
	file, rule, message      uint32
	field                    uint32
	apiVersion, kind, ns, nm uint32
	// extra is 1 + the index of the finding's fixes and rendering in
	// findingTable.extras, or 0 when it has neither.
	extra uint32
}

// A findingTable holds the texts of the packed findings of one file, each
// once, and their fixes and renderings. The documents of a file may be
// checked at the same time: its methods lock it.
type findingTable struct {
	mu     sync.Mutex
	index  map[string]uint32
	texts  []string
	extras []findingExtra
}

// findingExtra is what a packed finding keeps that is not text.
type findingExtra struct {
	fixes    []Fix
	rendered *Rendered
}

// text returns the index of s in t; the caller holds t.mu.
func (t *findingTable) text(s string) uint32 {
	if i, ok := t.index[s]; ok {
		return i
	}
	if t.index == nil {
		t.index = map[string]uint32{}
	}
	i := uint32(len(t.texts))
	t.index[s] = i
	t.texts = append(t.texts, s)
	return i
}

// pack returns d packed into t.
func (t *findingTable) pack(d Diagnostic) packedDiagnostic {
	t.mu.Lock()
	defer t.mu.Unlock()
	p := packedDiagnostic{
		span: d.Span, start: d.Start, end: d.End, document: d.Document, severity: d.Severity,
		file: t.text(d.File), rule: t.text(d.Rule), message: t.text(d.Message), field: t.text(d.Field),
		apiVersion: t.text(d.Object.APIVersion), kind: t.text(d.Object.Kind),
		ns: t.text(d.Object.Namespace), nm: t.text(d.Object.Name),
	}
	if d.Fixes != nil || d.Rendered != nil {
		t.extras = append(t.extras, findingExtra{d.Fixes, d.Rendered})
		p.extra = uint32(len(t.extras))
	}
	return p
}

// unpack returns the Diagnostic that p was packed from. It is called once
// the file's documents are all checked, and does not lock t.
func (t *findingTable) unpack(p packedDiagnostic) Diagnostic {
	d := Diagnostic{
		File: t.texts[p.file], Document: p.document,
		Object: manifest.Object{APIVersion: t.texts[p.apiVersion], Kind: t.texts[p.kind], Namespace: t.texts[p.ns], Name: t.texts[p.nm]},
		Span:   p.span, Start: p.start, End: p.end,
		Rule: t.texts[p.rule], Severity: p.severity, Message: t.texts[p.message], Field: t.texts[p.field],
	}
	if p.extra > 0 {
		e := t.extras[p.extra-1]
		d.Fixes, d.Rendered = e.fixes, e.rendered
	}
	return d
}
