package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/lazyre"
)

// A SyntaxError is a place where a file is not valid YAML.
type SyntaxError struct {
	File string
	// Pos is where the problem is. yaml.v3 reports lines only, and sometimes
	// the line where the construct that failed began; the column is the
	// first character of that line unless a better one is known.
	Pos Position
	// Offset is the byte offset of Pos.
	Offset int
	// Document is the index the failing document would have had.
	Document int
	// Msg is the problem, without a "yaml:" prefix or a line number.
	Msg string
	// TooLarge is set when the document is not bad YAML but larger than
	// MaxDocumentBytes, so it was not read.
	TooLarge bool
}

// MaxDocumentBytes is the largest document, as YAML source, that Parse
// reads. It is enforced while reading, before yaml.v3 holds the document in
// memory, so that a huge scalar or a huge line costs no more than this. It
// is above the API server's limit of 3 MiB for an object as JSON (see
// MaxObjectBytes), which YAML's indentation and comments can exceed.
const MaxDocumentBytes = 8 << 20

// MaxDocumentItems bounds the lines and flow-collection items (line breaks,
// commas and opening brackets) of one document that Parse reads. A node
// tree takes up to 330 bytes of memory for each of them (a line "k: v"
// makes two nodes), some fifty times the source, so this keeps a
// document's tree under 70 MB; real objects, within the API server's
// 3 MiB, stay far below it.
const MaxDocumentItems = 200_000

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Column, e.Msg)
}

// Parse reads every document of f with one yaml.v3 decoder, so that every
// position is absolute in the file. It returns the documents in order; a
// List (any document with a top-level items sequence, as kubectl treats it)
// is followed by one Document per item.
//
// Documents that hold only comments or whitespace are skipped and do not
// count towards Document.Index. A YAML syntax error ends the document it is
// in; Parse reports it and goes on with the next document that starts with a
// "---" line after the error, as kubectl users expect every valid document
// to be checked. So does a document over MaxDocumentBytes or
// MaxDocumentItems, which is not read. All syntax errors are returned, in
// order.
func Parse(f *File) ([]*Document, []*SyntaxError) {
	var (
		docs []*Document
		errs []*SyntaxError
	)
	for p := range ParseSeq(f) {
		docs = append(docs, p.Docs...)
		if p.Err != nil {
			errs = append(errs, p.Err)
		}
	}
	return docs, errs
}

// Parsed is one step of reading a file: a document and its List items, or
// a syntax error.
type Parsed struct {
	// Docs are a document followed by the items of a List; nil with Err.
	Docs []*Document
	// Err is a syntax error, or a document over a limit; nil with Docs.
	Err *SyntaxError
}

// ParseSeq reads the documents of f in order, one at a time, as Parse does:
// a caller that keeps none of them holds one document's node tree at a
// time, however long the file.
func ParseSeq(f *File) iter.Seq[Parsed] {
	return func(yield func(Parsed) bool) {
		src := f.Src
		index := 0
		// The current decoder reads src[base:end]. end is before the end of
		// the file only when a document is read again on its own (see
		// below).
		base, end := 0, len(src)
		for base <= len(src) {
			lineBase := f.Position(base).Line - 1
			in := &limitReader{src: src[base:end], limit: MaxDocumentBytes, maxItems: MaxDocumentItems}
			dec := yaml.NewDecoder(in)
			var failed error
			prevEnd := -1 // where the last document read by dec ends
			for {
				root := new(yaml.Node)
				in.count, in.items = 0, 0
				err := dec.Decode(root)
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					failed = err
					break
				}
				if lineBase > 0 {
					shiftLines(root, lineBase)
				}
				if isEmptyDocument(root) {
					continue
				}
				doc := newDocument(f, root, index)
				prevEnd = f.NodeEnd(root)
				index++
				if !yield(Parsed{Docs: append([]*Document{doc}, doc.items()...)}) {
					return
				}
			}
			if failed == nil {
				if end < len(src) {
					base, end = end, len(src)
					continue
				}
				return
			}
			var serr *SyntaxError
			resume := 0 // where to look for the next document after the error
			if in.exceeded {
				from := f.Position(base).Line
				if prevEnd >= 0 {
					from = f.Position(prevEnd).Line + 1
				}
				from = f.contentLine(from, base+in.pos)
				// yaml.v3 reads a token past the end of a document, and a
				// token (a comment, a scalar) can be large. When reading
				// went past the start of the next document, the document
				// may be small: read it again on its own.
				if next := f.nextDocumentStart(f.lineStart(from)); next >= 0 && next < base+in.pos {
					base, end = f.lineStart(from), next
					continue
				}
				serr = f.tooLarge(from, in.items > in.maxItems)
				resume = base + in.pos - 1
			} else {
				serr = f.syntaxError(failed, base, lineBase)
				resume = serr.Offset
			}
			serr.Document = index
			index++
			if !yield(Parsed{Err: serr}) {
				return
			}
			next := f.nextDocumentStart(resume)
			if next < 0 {
				return
			}
			base, end = next, len(src)
		}
	}
}

// A limitReader is the input of a yaml.v3 decoder: it fails once the
// decoder has read more than limit bytes, or more than maxItems line breaks,
// commas and opening brackets, since count and items were last set to 0,
// which Parse does before each document.
type limitReader struct {
	src             []byte
	pos             int // bytes read
	count, limit    int // bytes read for the current document, and the most
	items, maxItems int // items read for the current document, and the most
	exceeded        bool
}

// errTooLarge is what limitReader gives yaml.v3 when a document is too
// large; Parse reports it through exceeded.
var errTooLarge = errors.New("document too large")

func (r *limitReader) Read(p []byte) (int, error) {
	if r.pos >= len(r.src) {
		return 0, io.EOF
	}
	if r.count >= r.limit || r.items > r.maxItems {
		r.exceeded = true
		return 0, errTooLarge
	}
	n := copy(p[:min(len(p), r.limit-r.count)], r.src[r.pos:])
	chunk := p[:n]
	for _, c := range []byte{'\n', '\r', ',', '[', '{'} {
		r.items += bytes.Count(chunk, []byte{c})
	}
	r.pos += n
	r.count += n
	return n, nil
}

// contentLine returns the first line from line on, starting before stop,
// that holds more than blanks, a comment or a bare "---"; or line.
func (f *File) contentLine(line, stop int) int {
	for l := line; l <= f.LineCount() && f.lineStart(l) < stop; l++ {
		text := bytes.TrimSpace(f.Line(l))
		if len(text) > 0 && text[0] != '#' && string(text) != "---" {
			return l
		}
	}
	return line
}

// tooLarge returns the error for a document over MaxDocumentBytes (or,
// when items is set, MaxDocumentItems) that starts on line.
func (f *File) tooLarge(line int, items bool) *SyntaxError {
	text := f.Line(line)
	off := f.lineStart(line) + len(text) - len(bytes.TrimLeft(text, " \t"))
	msg := fmt.Sprintf("the document is larger than %d MiB of YAML, the most daemonlint reads of one document "+
		"(the API server accepts 3 MiB of JSON); it was not checked", MaxDocumentBytes>>20)
	if items {
		msg = fmt.Sprintf("the document has more than %d lines and list items, the most daemonlint reads of one document; "+
			"it was not checked", MaxDocumentItems)
	}
	return &SyntaxError{File: f.Name, Pos: f.Position(off), Offset: off, TooLarge: true, Msg: msg}
}

// shiftLines adds n to the line of every node under root: a decoder started
// after a syntax error counts lines from its own start.
func shiftLines(root *yaml.Node, n int) {
	root.Line += n
	for _, c := range root.Content {
		shiftLines(c, n)
	}
}

// isEmptyDocument reports whether a decoded document held nothing but
// comments and whitespace: yaml.v3 gives such a document a null scalar with
// no text.
func isEmptyDocument(root *yaml.Node) bool {
	if len(root.Content) == 0 {
		return true
	}
	n := root.Content[0]
	return n.Kind == yaml.ScalarNode && n.Value == "" && n.Tag == "!!null" &&
		n.Style == 0 && n.Anchor == ""
}

// nextDocumentStart returns the offset of the first line after off that
// starts a new document ("---" followed by a blank, a line break or the end
// of the file), or -1.
func (f *File) nextDocumentStart(off int) int {
	line := f.Position(off).Line + 1
	for ; line <= f.nlines; line++ {
		text := f.Line(line)
		if bytes.HasPrefix(text, []byte("---")) &&
			(len(text) == 3 || text[3] == ' ' || text[3] == '\t') {
			return f.lineStart(line)
		}
	}
	return -1
}

// quotedRE finds the quoted name in a yaml.v3 message.
var quotedRE = lazyre.New(`'(.*)'`)

var yamlErrorRE = lazyre.New(`^yaml: (?:line (\d+): )?(.*)$`)

// scannerProblems are the problems yaml.v3's scanner reports. Its parser
// reports the others. The two count the line in the error message
// differently (see syntaxError).
var scannerProblems = []string{
	"block sequence entries are not allowed",
	"could not find expected",
	"did not find expected alphabetic",
	"did not find expected comment or line break",
	"did not find expected digit",
	"did not find expected hexdecimal",
	"did not find expected version",
	"did not find expected whitespace",
	"did not find the expected '>'",
	"exceeded max depth",
	"found a tab character",
	"found an indentation indicator",
	"found character that cannot start",
	"found extremely long",
	"found invalid Unicode",
	"found unexpected document indicator",
	"found unexpected end of stream",
	"found unexpected non-alphabetical",
	"found unknown directive",
	"found unknown escape",
	"mapping keys are not allowed",
	"mapping values are not allowed",
}

// syntaxError turns a yaml.v3 error for the input starting at byte base
// (line lineBase+1) into a SyntaxError with a file-absolute position.
// YAMLError returns err, an error of go.yaml.in/yaml/v3 decoding the whole
// of f's bytes, as a SyntaxError placed in f.
func (f *File) YAMLError(err error) *SyntaxError { return f.syntaxError(err, 0, 0) }

func (f *File) syntaxError(err error, base, lineBase int) *SyntaxError {
	msg := err.Error()
	line := 0
	if m := yamlErrorRE().FindStringSubmatch(msg); m != nil {
		msg = m[2]
		printed, _ := strconv.Atoi(m[1])
		// yaml.v3 prints a 1-based line for scanner errors and a 0-based one
		// for parser errors, and no line at all when it would print 0.
		line = printed
		scanner := false
		for _, p := range scannerProblems {
			if strings.HasPrefix(msg, p) {
				scanner = true
				break
			}
		}
		if !scanner || printed == 0 {
			line++
		}
	}
	off := -1
	switch {
	case strings.HasPrefix(msg, "invalid leading UTF-8 octet"),
		strings.HasPrefix(msg, "incomplete UTF-8 octet"),
		strings.HasPrefix(msg, "invalid trailing UTF-8 octet"),
		strings.HasPrefix(msg, "invalid Unicode character"):
		off = invalidUTF8(f.Src, base)
		msg = "the file is not valid UTF-8 text (" + msg + ")"
	case strings.HasPrefix(msg, "control characters are not allowed"):
		off = controlChar(f.Src, base)
		if off >= 0 {
			msg = fmt.Sprintf("control character %U is not allowed in YAML", f.Src[off])
			if f.Src[off] == 0 {
				msg = "NUL byte: this looks like a binary file, not YAML"
			}
		}
	case strings.HasPrefix(msg, "unknown anchor"):
		if m := quotedRE().FindStringSubmatch(msg); m != nil {
			if i := bytes.Index(f.Src[base:], []byte("*"+m[1])); i >= 0 {
				off = base + i
			}
		}
		msg = strings.Replace(msg, "unknown anchor", "alias to an unknown anchor", 1)
	default:
		if line >= 1 {
			off, msg = f.problemAt(msg, base, line+lineBase)
		}
	}
	if off < 0 {
		if line < 1 {
			line = 1
		}
		line += lineBase
		if line > f.nlines {
			line = f.nlines
		}
		off = f.lineStart(line)
		text := f.Line(line)
		off += len(text) - len(bytes.TrimLeft(text, " \t"))
	}
	return &SyntaxError{File: f.Name, Pos: f.Position(off), Offset: off, Msg: msg}
}

func invalidUTF8(src []byte, from int) int {
	for i := from; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

func controlChar(src []byte, from int) int {
	for i := from; i < len(src); i++ {
		c := src[i]
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			return i
		}
	}
	return -1
}

// maxProblemSearch bounds the bytes that problemAt parses again to find
// where a syntax error is.
const maxProblemSearch = 1 << 20

// problemAt finds where the problem of a yaml.v3 syntax error msg is, for
// the input that starts at byte base, and returns its offset (-1 when it
// cannot tell) and the message to show. yaml.v3's message gives one line,
// that of the construct it was reading (its context mark: the start of
// the enclosing mapping for a misindented key, of the quoted scalar for
// one left open) rather than that of the problem. The problem is where the
// text first fails in the same way: the shortest prefix of the document,
// from reported on, that yaml.v3 refuses with the same message ends there.
// Prefixes are tried by bisection, first over lines, then over the
// characters of the line found.
func (f *File) problemAt(msg string, base, reported int) (int, string) {
	if reported < 1 || reported > f.nlines {
		return -1, msg
	}
	// Parse from the start of the failing document, or the input's.
	start := base
	baseLine := f.Position(base).Line
	for l := reported; l > baseLine; l-- {
		if text := f.Line(l); bytes.HasPrefix(text, []byte("---")) && (len(text) == 3 || text[3] == ' ' || text[3] == '\t') {
			start = f.lineStart(l)
			break
		}
	}
	limit := min(len(f.Src), start+maxProblemSearch)
	if next := f.nextDocumentStart(f.lineStart(reported)); next >= 0 && next < limit {
		limit = f.lineStart(f.Position(next).Line + 1) // with the marker line
	}
	fails := func(end int) bool { return prefixProblem(f.Src[start:min(end, limit)]) == msg }
	lastLine := f.Position(limit).Line
	// Find a line through which the document fails, stepping further each
	// time, so that the work follows the distance from the reported line;
	// then bisect.
	lo, hi := reported, reported
	for step := 1; !fails(f.lineStart(hi + 1)); step *= 2 {
		if hi >= lastLine {
			return -1, msg
		}
		lo, hi = hi+1, min(lastLine, hi+step)
	}
	for lo < hi { // the problem's line is in [lo, hi]
		mid := (lo + hi) / 2
		if fails(f.lineStart(mid + 1)) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	line := lo
	text := f.Line(line)
	lineStart := f.lineStart(line)
	indent := len(text) - len(bytes.TrimLeft(text, " \t"))
	off := lineStart + indent
	// The character at which a prefix that ends within the line fails.
	var ends []int // the end of each character of the line
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRune(text[i:])
		i += size
		ends = append(ends, lineStart+i)
	}
	if k, ok := firstFailing(ends, fails); ok {
		_, size := utf8.DecodeLastRune(f.Src[:ends[k]])
		off = ends[k] - size
	}

	switch {
	case bytes.ContainsRune(text[:indent], '\t') && (strings.Contains(msg, "tab character") || strings.HasPrefix(msg, "found character that cannot start any token")):
		off = lineStart + bytes.IndexByte(text, '\t')
		msg += "; a tab indents this line, and YAML indents with spaces only"
	case strings.HasPrefix(msg, "found unexpected end of stream") && off < len(f.Src) && (f.Src[off] == '"' || f.Src[off] == '\''):
		msg = fmt.Sprintf("the quoted string that starts here is not closed (%s)", msg)
	case strings.HasPrefix(msg, "did not find expected ',' or") || strings.HasPrefix(msg, "did not find expected node content"):
		// An open flow collection: point at its opening bracket, on the
		// problem's line or on the one yaml.v3 names.
		opens := []byte("[{")
		switch {
		case strings.HasSuffix(msg, "']'"):
			opens = []byte("[")
		case strings.HasSuffix(msg, "'}'"):
			opens = []byte("{")
		}
		if i := unclosedBracket(f.Src[start:f.lineEnd(line)], opens); i >= 0 {
			off = start + i
			msg = fmt.Sprintf("the %q opened here is not closed (%s)", f.Src[off], msg)
		}
	case strings.HasPrefix(msg, "mapping values are not allowed") && off < len(f.Src) && f.Src[off] == ':':
		key := bytes.TrimSpace(f.Src[lineStart+indent : off])
		if len(key) > 0 && !bytes.ContainsAny(key, " \t") {
			// "key: value" on a line of its own: a key indented more than
			// the keys above it, read as the rest of the value above.
			off = lineStart + indent
			msg += ": this key is indented more than the keys above it, so it reads as the continuation of the value before it"
		} else {
			msg += "; quote the value if this ':' belongs to it"
		}
	case line > reported && !isScannerProblem(msg):
		ctx := f.Line(reported)
		col := len(ctx) - len(bytes.TrimLeft(ctx, " \t"))
		what := "mapping"
		if strings.Contains(msg, "'-' indicator") {
			what = "list"
		} else {
			for bytes.HasPrefix(ctx[col:], []byte("- ")) {
				col += 2
				for col < len(ctx) && ctx[col] == ' ' {
					col++
				}
			}
		}
		p := f.Position(f.lineStart(reported) + col)
		msg = fmt.Sprintf("%s (while reading the %s that starts at %d:%d)", msg, what, p.Line, p.Column)
	}
	return off, msg
}

// unclosedBracket returns the index in src of the last bracket of opens
// ('[' or '{') that src does not close, or -1. Brackets in quoted scalars
// and comments do not count; a quote counts only where a token can start,
// so that the apostrophe of a plain "it's" does not.
func unclosedBracket(src []byte, opens []byte) int {
	var stack []int
	var quote byte
	for i := 0; i < len(src); i++ {
		c := src[i]
		prev := byte(' ')
		if i > 0 {
			prev = src[i-1]
		}
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case (c == '"' || c == '\'') && bytes.IndexByte([]byte(" \t\n\r[{,:"), prev) >= 0:
			quote = c
		case c == '#' && bytes.IndexByte([]byte(" \t\n\r"), prev) >= 0:
			if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
				i += j
			} else {
				i = len(src)
			}
		case c == '[' || c == '{':
			stack = append(stack, i)
		case (c == ']' || c == '}') && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
	}
	for j := len(stack) - 1; j >= 0; j-- {
		if bytes.IndexByte(opens, src[stack[j]]) >= 0 {
			return stack[j]
		}
	}
	return -1
}

// firstFailing returns the first index of ends for which fails(ends[i]) is
// true, assuming that once true it stays true, and whether there is one.
func firstFailing(ends []int, fails func(int) bool) (int, bool) {
	lo, hi := 0, len(ends)
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(ends[mid]) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo, lo < len(ends) && fails(ends[lo])
}

// prefixProblem returns the message of the first syntax error of the YAML
// stream src, without the "yaml: line N: " prefix, or "".
func prefixProblem(src []byte) string {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if err == nil {
			continue
		}
		if errors.Is(err, io.EOF) {
			return ""
		}
		if m := yamlErrorRE().FindStringSubmatch(err.Error()); m != nil {
			return m[2]
		}
		return err.Error()
	}
}

// isScannerProblem reports whether msg is one of scannerProblems.
func isScannerProblem(msg string) bool {
	for _, p := range scannerProblems {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}
