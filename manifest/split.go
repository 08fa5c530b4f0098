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
		bytes.Contains(src, []byte("\u2028")) || bytes.Contains(src, []byte("\u2029")) {
		return nil, false
	}
	var parts []Part
	cur := Part{Span: Span{Start: 0}}
	content := false // the current document has a line of content
	line := 0        // lines before off
	for off := 0; off < len(src); line++ {
		end := bytes.IndexByte(src[off:], '\n')
		next := len(src)
		if end >= 0 {
			end += off
			next = end + 1
		} else {
			end = len(src)
		}
		text := src[off:end]
		if line == 0 {
			text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf"))
		}
		if len(text) > 0 && text[0] == '%' {
			return nil, false
		}
		if rest, ok := markerLine(text, "---"); ok {
			if content {
				cur.Docs++
			}
			content = false
			if off-cur.Span.Start >= size {
				cur.Span.End = off
				parts = append(parts, cur)
				cur = Part{Span: Span{Start: off}, Index: cur.Index + cur.Docs, lines: line}
			}
			text = rest
		} else if _, ok := markerLine(text, "..."); ok {
			text = nil
		}
		if t := bytes.TrimLeft(text, " \t"); len(t) > 0 && t[0] != '#' {
			content = true
		}
		off = next
	}
	if content {
		cur.Docs++
	}
	cur.Span.End = len(src)
	return append(parts, cur), true
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
