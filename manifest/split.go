package manifest

import (
	"bytes"
	"errors"
	"io"

	"go.yaml.in/yaml/v3"
)

// A Part is a run of whole documents of a file, cut at lines that start a
// document ("---"), which can be read apart from the rest of the file and
// at the same time as the other parts (see Split).
type Part struct {
	// Span is where the part is in the file: from the start of a line that
	// starts a document (or of the file) to the start of the next part's
	// (or the end of the file).
	Span Span
	// Index is the Document.Index of the part's first document.
	Index int
	// Docs is how many documents the part holds that are more than
	// comments and blanks.
	Docs int
	// lines is the number of lines before the part.
	lines int
}

// Split cuts f into parts of about size bytes for reading in parallel, at
// lines that start a document, and counts the documents of each from the
// lines alone. It returns false, and nothing, when f cannot be cut with
// certainty: a line break other than a line feed (the line numbers would
// have to count them as yaml.v3 does) or a directive line (%YAML, %TAG),
// which belongs to the document after it.
//
// Part.Parse checks what the lines promised; when a part holds anything
// that a cut could read otherwise than ParseSeq (a syntax error, a
// document over a limit, a scalar document, a document more or fewer than
// counted), it says so, and the file must be read with ParseSeq instead.
func Split(f *File, size int) ([]Part, bool) {
	src := f.Src
	if bytes.IndexByte(src, '\r') >= 0 || bytes.Contains(src, []byte("\u0085")) ||
		bytes.Contains(src, []byte("\u2028")) || bytes.Contains(src, []byte("\u2029")) ||
		bytes.HasPrefix(src, []byte("%")) || bytes.HasPrefix(src, []byte("\xef\xbb\xbf%")) ||
		bytes.Contains(src, []byte("\n%")) {
		return nil, false
	}
	var parts []Part
	cur := Part{}
	lines := 0 // lines before cur
	for off := 0; off < len(src); {
		next := nextMarker(src, off)
		if hasContent(src[off:next]) {
			cur.Docs++
		}
		if next < len(src) && next-cur.Span.Start >= size {
			cur.Span.End = next
			parts = append(parts, cur)
			lines += bytes.Count(src[cur.Span.Start:next], []byte("\n"))
			cur = Part{Span: Span{Start: next}, Index: cur.Index + cur.Docs, lines: lines}
		}
		off = next
	}
	cur.Span.End = len(src)
	return append(parts, cur), true
}

// nextMarker returns the offset of the first line after the one at off
// that starts a document ("---" and a blank or the line's end), or the
// end of src.
func nextMarker(src []byte, off int) int {
	for {
		i := bytes.Index(src[off:], []byte("\n---"))
		if i < 0 {
			return len(src)
		}
		off += i + 1
		if after := off + 3; after == len(src) || src[after] == ' ' || src[after] == '\t' || src[after] == '\n' {
			return off
		}
	}
}

// hasContent reports whether doc, whole lines from one document marker (or
// the start of the file) to the next, holds a line of more than blanks, a
// comment or markers.
func hasContent(doc []byte) bool {
	doc = bytes.TrimPrefix(doc, []byte("\xef\xbb\xbf"))
	for len(doc) > 0 {
		line, rest, _ := bytes.Cut(doc, []byte("\n"))
		doc = rest
		if r, ok := markerLine(line, "---"); ok {
			line = r
		} else if _, ok := markerLine(line, "..."); ok {
			continue
		}
		if t := bytes.TrimLeft(line, " \t"); len(t) > 0 && t[0] != '#' {
			return true
		}
	}
	return false
}

// markerLine reports whether line starts with the document marker m ("---"
// or "...") followed by a blank or the end of the line, and returns the
// rest of the line.
func markerLine(line []byte, m string) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(line, []byte(m))
	if !ok || len(rest) > 0 && rest[0] != ' ' && rest[0] != '\t' {
		return nil, false
	}
	return rest, true
}

// errUnsure stops Part.Parse where a part is not what Split counted.
var errUnsure = errors.New("the part is not what its lines promised")

// Parse reads the documents of p as ParseSeq reads them, calling yield
// with each document and its List items, in order, until yield returns
// false. It returns false when the part is not certainly read as ParseSeq
// would read it (see Split): then the documents already yielded must be
// set aside and f read with ParseSeq.
func (p Part) Parse(f *File, yield func([]*Document) bool) bool {
	in := &limitReader{src: f.Src[p.Span.Start:p.Span.End], limit: MaxDocumentBytes, maxItems: MaxDocumentItems}
	dec := yaml.NewDecoder(in)
	index := p.Index
	for {
		root := new(yaml.Node)
		in.count, in.items = 0, 0
		err := dec.Decode(root)
		if errors.Is(err, io.EOF) {
			return index == p.Index+p.Docs
		}
		if err != nil || in.exceeded {
			return false
		}
		if isEmptyDocument(root) {
			continue
		}
		if index == p.Index+p.Docs || root.Content[0].Kind == yaml.ScalarNode || root.Content[0].Kind == yaml.AliasNode {
			return false
		}
		if p.lines > 0 {
			shiftLines(root, p.lines)
		}
		doc := newDocument(f, root, index)
		index++
		if !yield(append([]*Document{doc}, doc.items()...)) {
			return true
		}
	}
}
