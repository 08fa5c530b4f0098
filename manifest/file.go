package manifest

import (
	"bytes"
	"encoding/binary"
	"sort"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// A File is one input: its name, its bytes and a table of where each line
// starts. It is the only place that turns the line and character column that
// yaml.v3 reports into a byte offset, and back.
type File struct {
	// Name is the path the file was read from, or "-" for standard input.
	Name string
	// Src holds the file's bytes exactly as read.
	Src []byte

	// lines[i] is the byte offset where line i+1 starts. Lines break where
	// yaml.v3 breaks them: at LF, CR LF, a lone CR, NEL, LS and PS. Four
	// bytes a line keep the table small beside a large file (see NewFile).
	// In a sparse file, lines holds only the start of every sparseStep-th
	// line (lines[k] is where line k*sparseStep+1 starts), and the others
	// are found from there (see lineOffset).
	lines  []uint32
	nlines int
	sparse bool
	// bom is the length of a UTF-8 byte-order mark at the start of Src,
	// which yaml.v3 skips without counting it as a column.
	bom int
	// wide is a bit set of the lines (1-based) that hold bytes outside
	// ASCII; on the others a character column is a byte count, so Offset
	// and Position take constant time however long the line is.
	wide []uint64
	// runes indexes long lines outside ASCII (see runeIndex), by line.
	runes sync.Map
}

// runeStep is the number of characters between two entries of a line's
// rune index.
const runeStep = 64

// runeIndex returns, for a line outside ASCII longer than a few steps, the
// byte offset (from the line's start) of every runeStep-th character, so
// that Offset and Position on a long line do not count from its start each
// time; nil for a short line. It is built once, from any goroutine.
func (f *File) runeIndex(line int) []int {
	start, end := f.lineStart(line), f.lineEnd(line)
	if end-start <= 4*runeStep {
		return nil
	}
	if v, ok := f.runes.Load(line); ok {
		return v.([]int)
	}
	var idx []int
	n := 0
	for off := start; off < end; n++ {
		if n%runeStep == 0 {
			idx = append(idx, off-start)
		}
		_, size := utf8.DecodeRune(f.Src[off:end])
		off += size
	}
	v, _ := f.runes.LoadOrStore(line, idx)
	return v.([]int)
}

// NewFile returns a File for src, named name. It does not copy src; the
// caller must not modify it afterwards. src must be shorter than 4 GiB;
// the longest input daemonlint reads is 1 GiB.
func NewFile(name string, src []byte) *File {
	return newFile(name, src, len(src) >= sparseMin && onlyLineFeeds(src))
}

// newFile is NewFile with a sparse line table or not; sparse needs a file
// that breaks lines with LF alone.
func newFile(name string, src []byte, sparse bool) *File {
	f := &File{Name: name, Src: src, sparse: sparse}
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		f.bom = 3
	}
	// Counting line feeds first sizes the table exactly for most files (a
	// file with lone CRs makes it grow). A large file that breaks lines
	// with LF alone keeps one entry in sparseStep: its table would
	// otherwise be a sixth of its size, for the whole run.
	n := 1 + bytes.Count(src, []byte("\n"))
	if f.sparse {
		n = n/sparseStep + 1
	}
	f.lines = append(make([]uint32, 0, n), 0)
	f.nlines = 1
	i := 0
	if bytes.IndexByte(src, '\r') < 0 {
		// Without carriage returns, a line that is all ASCII ends at its
		// line feed: find it with IndexByte and look at the line a word
		// at a time. A line with other bytes (perhaps NEL, LS or PS, which
		// also break lines) goes to the loop below, from its start. Most
		// files are ASCII throughout, which one look tells.
		allASCII := isASCII(src)
		for i < len(src) {
			end := bytes.IndexByte(src[i:], '\n')
			if end < 0 {
				end = len(src)
			} else {
				end += i
			}
			if !allASCII && !isASCII(src[i:end]) {
				break
			}
			if end == len(src) {
				return f
			}
			i = end + 1
			f.endLine(i, true)
		}
	}
	ascii := true // the current line is all ASCII so far
	for ; i < len(src); i++ {
		c := src[i]
		if c >= 0x80 {
			ascii = false
		} else if c != '\n' && c != '\r' {
			continue
		}
		switch c {
		case '\n':
			f.endLine(i+1, ascii)
			ascii = true
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			f.endLine(i+1, ascii)
			ascii = true
		case 0xC2: // NEL is C2 85
			if i+1 < len(src) && src[i+1] == 0x85 {
				i++
				f.endLine(i+1, false)
				ascii = true
			}
		case 0xE2: // LS is E2 80 A8, PS is E2 80 A9
			if i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9) {
				i += 2
				f.endLine(i+1, false)
				ascii = true
			}
		}
	}
	if !ascii {
		f.markWide(f.nlines)
	}
	return f
}

// isASCII reports whether b holds only ASCII bytes.
func isASCII(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// sparseMin is the size from which a file that breaks lines with LF alone
// keeps a sparse line table, and sparseStep the lines between two of its
// entries: finding a line costs at most sparseStep-1 searches for a line
// feed, which a large file's position lookups can afford.
const (
	sparseMin  = 8 << 20
	sparseStep = 16
)

// onlyLineFeeds reports whether src breaks lines with LF alone: no CR, NEL,
// LS or PS.
func onlyLineFeeds(src []byte) bool {
	return bytes.IndexByte(src, '\r') < 0 && !bytes.Contains(src, []byte("\u0085")) &&
		!bytes.Contains(src, []byte("\u2028")) && !bytes.Contains(src, []byte("\u2029"))
}

// endLine records that the line being scanned ends and the next one starts
// at off; ascii says whether the line held only ASCII bytes.
func (f *File) endLine(off int, ascii bool) {
	if !ascii {
		f.markWide(f.nlines)
	}
	if !f.sparse || f.nlines%sparseStep == 0 {
		f.lines = append(f.lines, uint32(off))
	}
	f.nlines++
}

// lineOffset returns the byte offset where line i+1 starts (0 <= i <
// nlines).
func (f *File) lineOffset(i int) int {
	if !f.sparse {
		return int(f.lines[i])
	}
	off := int(f.lines[i/sparseStep])
	for j := i % sparseStep; j > 0; j-- {
		off += bytes.IndexByte(f.Src[off:], '\n') + 1
	}
	return off
}

// lineOf returns the line (1-based) that holds offset, which is within
// the file.
func (f *File) lineOf(offset int) int {
	if !f.sparse {
		return sort.Search(len(f.lines), func(i int) bool { return int(f.lines[i]) > offset })
	}
	k := sort.Search(len(f.lines), func(i int) bool { return int(f.lines[i]) > offset }) - 1
	line, off := k*sparseStep+1, int(f.lines[k])
	for line < f.nlines {
		next := bytes.IndexByte(f.Src[off:], '\n')
		if next < 0 || off+next+1 > offset {
			break
		}
		off += next + 1
		line++
	}
	return line
}

// markWide records that line (1-based) holds bytes outside ASCII, where a
// character column is not a byte count.
func (f *File) markWide(line int) {
	if f.wide == nil {
		f.wide = make([]uint64, 0, cap(f.lines)/64+1)
	}
	for len(f.wide) <= line/64 {
		f.wide = append(f.wide, 0)
	}
	f.wide[line/64] |= 1 << (line % 64)
}

// isWide reports whether line (1-based) holds bytes outside ASCII.
func (f *File) isWide(line int) bool {
	return line/64 < len(f.wide) && f.wide[line/64]&(1<<(line%64)) != 0
}

// A Position is a place in a file as people count it: a 1-based line and a
// 1-based column counted in characters (not bytes).
type Position struct {
	Line   int
	Column int
}

// A Span is a half-open range [Start, End) of byte offsets in a file.
type Span struct {
	Start, End int
}

// Len returns the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// LineCount returns the number of lines in the file. A file that ends with a
// line break has an empty last line, which counts.
func (f *File) LineCount() int { return f.nlines }

// lineStart returns the offset of the first byte of line (1-based), clamped
// to the file.
// LineStart returns the offset of the first byte of line (1-based), after
// a byte-order mark on line 1; a line before the first is the file's start
// and one after the last its end.
func (f *File) LineStart(line int) int { return f.lineStart(line) }

// LineEnd returns the offset just past the last byte of line (1-based),
// before its line break.
func (f *File) LineEnd(line int) int { return f.lineEnd(line) }

func (f *File) lineStart(line int) int {
	switch {
	case line < 1:
		return 0
	case line > f.nlines:
		return len(f.Src)
	case line == 1:
		return f.bom
	}
	return f.lineOffset(line - 1)
}

// lineEnd returns the offset just past the last byte of line (1-based)
// before its line break.
func (f *File) lineEnd(line int) int {
	if line < 1 {
		line = 1
	}
	if line >= f.nlines {
		return len(f.Src)
	}
	end := f.lineOffset(line) // start of the next line
	// Step back over the line break.
	switch {
	case end >= 2 && f.Src[end-2] == '\r' && f.Src[end-1] == '\n':
		return end - 2
	case end >= 1 && (f.Src[end-1] == '\n' || f.Src[end-1] == '\r'):
		return end - 1
	case end >= 2 && f.Src[end-2] == 0xC2:
		return end - 2
	default:
		return end - 3
	}
}

// Line returns the text of line (1-based) without its line break, or nil
// when the file has no such line.
func (f *File) Line(line int) []byte {
	if line < 1 || line > f.nlines {
		return nil
	}
	return f.Src[f.lineStart(line):f.lineEnd(line)]
}

// Offset turns a yaml.v3 position (1-based line, 1-based column counted in
// characters) into a byte offset in Src. A column past the end of its line
// gives the offset of the line's end. A byte-order mark at the start of the
// file is not counted as a column, as yaml.v3 does not count it.
func (f *File) Offset(line, column int) int {
	if line > f.nlines {
		return len(f.Src)
	}
	off := f.lineStart(line)
	end := f.lineEnd(line)
	if !f.isWide(line) {
		return min(off+max(column-1, 0), end)
	}
	c := 1
	if idx := f.runeIndex(line); idx != nil && column > 1 {
		k := min((column-1)/runeStep, len(idx)-1)
		off += idx[k]
		c += k * runeStep
	}
	for ; c < column && off < end; c++ {
		_, size := utf8.DecodeRune(f.Src[off:end])
		off += size
	}
	return off
}

// Position turns a byte offset into a line and character column. Offsets
// outside the file are clamped to it.
func (f *File) Position(offset int) Position {
	if offset < 0 {
		offset = 0
	}
	if offset > len(f.Src) {
		offset = len(f.Src)
	}
	line := f.lineOf(offset)
	start := f.lineStart(line)
	if offset < start { // inside the byte-order mark
		offset = start
	}
	if !f.isWide(line) {
		return Position{Line: line, Column: 1 + offset - start}
	}
	if idx := f.runeIndex(line); idx != nil {
		k := sort.SearchInts(idx, offset-start+1) - 1 // the last entry at or before offset
		from := start + idx[k]
		return Position{Line: line, Column: 1 + k*runeStep + utf8.RuneCount(f.Src[from:offset])}
	}
	return Position{Line: line, Column: 1 + utf8.RuneCount(f.Src[start:offset])}
}

// NodeStart returns the byte offset where n starts. For a node with an
// anchor or a tag, that is where the anchor or tag starts, as yaml.v3
// reports it.
func (f *File) NodeStart(n *yaml.Node) int {
	return f.Offset(n.Line, n.Column)
}

// NodeSpan returns the byte span of n, from NodeStart to NodeEnd.
func (f *File) NodeSpan(n *yaml.Node) Span {
	return Span{f.NodeStart(n), f.NodeEnd(n)}
}

// NodeEnd returns the byte offset just past the last character of n. yaml.v3
// does not record where a node ends, so it is computed from the source: the
// closing quote of a quoted scalar, the last character of a plain scalar's
// value, the last content line of a block scalar, the closing bracket of a
// flow collection, and the end of the last child of a block collection.
// Comments after a node are not part of it.
func (f *File) NodeEnd(n *yaml.Node) int {
	start := f.NodeStart(n)
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return start
		}
		return f.NodeEnd(n.Content[len(n.Content)-1])
	case yaml.AliasNode:
		return f.skipProperties(start) + 1 + len(n.Value)
	case yaml.MappingNode, yaml.SequenceNode:
		if n.Style&yaml.FlowStyle != 0 {
			return f.flowEnd(f.skipProperties(start))
		}
		if len(n.Content) == 0 {
			return f.skipProperties(start)
		}
		return f.NodeEnd(n.Content[len(n.Content)-1])
	case yaml.ScalarNode:
		return f.scalarEnd(n, f.skipProperties(start))
	}
	return start
}

// skipProperties steps over an anchor (&a) and a tag (!t) and the blanks
// after them, which yaml.v3 counts as part of the node.
func (f *File) skipProperties(off int) int {
	src := f.Src
	for off < len(src) && (src[off] == '&' || src[off] == '!') {
		if src[off] == '!' && off+1 < len(src) && src[off+1] == '<' { // verbatim tag !<...>
			for off < len(src) && src[off] != '>' {
				off++
			}
			off++
		} else {
			for off < len(src) && !isBlankOrBreak(src[off]) {
				off++
			}
		}
		for off < len(src) && isBlankOrBreak(src[off]) {
			off++
		}
	}
	return off
}

func isBlankOrBreak(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// flowEnd returns the offset just past the bracket that closes the flow
// collection whose opening bracket is at off.
func (f *File) flowEnd(off int) int {
	src := f.Src
	depth := 0
	for i := off; i < len(src); i++ {
		switch c := src[i]; c {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '"':
			if i > 0 && isFlowQuoteStart(src[i-1]) {
				i = f.doubleQuotedEnd(i) - 1
			}
		case '\'':
			if i > 0 && isFlowQuoteStart(src[i-1]) {
				i = f.singleQuotedEnd(i) - 1
			}
		case '#':
			if i > 0 && (src[i-1] == ' ' || src[i-1] == '\t') {
				for i < len(src) && src[i] != '\n' && src[i] != '\r' {
					i++
				}
			}
		}
	}
	return len(src)
}

// isFlowQuoteStart reports whether a quote after c opens a quoted scalar
// (rather than being part of a plain one such as don't).
func isFlowQuoteStart(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '[', '{', ',', ':', '?', '-':
		return true
	}
	return false
}

// doubleQuotedEnd returns the offset just past the closing quote of the
// double-quoted scalar whose opening quote is at off.
func (f *File) doubleQuotedEnd(off int) int {
	src := f.Src
	for i := off + 1; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(src)
}

// singleQuotedEnd returns the offset just past the closing quote of the
// single-quoted scalar whose opening quote is at off (” is an escaped quote).
func (f *File) singleQuotedEnd(off int) int {
	src := f.Src
	for i := off + 1; i < len(src); i++ {
		if src[i] == '\'' {
			if i+1 < len(src) && src[i+1] == '\'' {
				i++
				continue
			}
			return i + 1
		}
	}
	return len(src)
}

func (f *File) scalarEnd(n *yaml.Node, off int) int {
	src := f.Src
	if off >= len(src) {
		return len(src)
	}
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0 && src[off] == '"':
		return f.doubleQuotedEnd(off)
	case n.Style&yaml.SingleQuotedStyle != 0 && src[off] == '\'':
		return f.singleQuotedEnd(off)
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && (src[off] == '|' || src[off] == '>'):
		return f.blockScalarEnd(off)
	}
	return f.plainEnd(n.Value, off)
}

// plainEnd walks the source from off along a plain scalar's value, letting
// any run of blanks and line breaks in the source stand for a folded space,
// and returns the offset after its last character.
func (f *File) plainEnd(value string, off int) int {
	src := f.Src
	i := off
	for j := 0; j < len(value); {
		if i >= len(src) {
			return len(src)
		}
		switch {
		case src[i] == value[j]:
			i++
			j++
		case isBlankOrBreak(src[i]):
			i++ // folded line break or indentation
		case value[j] == ' ' || value[j] == '\n':
			j++
		default:
			// The source does not spell the value as expected (for instance
			// an escape we do not model): stop at the end of the line.
			for i < len(src) && src[i] != '\n' && src[i] != '\r' {
				i++
			}
			return i
		}
	}
	return i
}

// blockScalarEnd returns the end of the last content line of the literal or
// folded block scalar whose indicator (| or >) is at off.
func (f *File) blockScalarEnd(off int) int {
	indLine := f.Position(off).Line
	end := f.lineEnd(indLine)
	// The parent's indentation is the indentation of the indicator's line;
	// content lines are indented more than that, or are blank.
	parent := indentOf(f.Line(indLine))
	contentIndent := -1
	for line := indLine + 1; line <= f.nlines; line++ {
		text := f.Line(line)
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		ind := indentOf(text)
		if contentIndent < 0 {
			if ind <= parent {
				break
			}
			contentIndent = ind
		} else if ind < contentIndent {
			break
		}
		end = f.lineEnd(line)
	}
	return end
}

func indentOf(line []byte) int {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	return n
}

// ScalarSpan returns the span of a scalar's text, quotes included, without
// its anchor or tag.
func (f *File) ScalarSpan(n *yaml.Node) Span {
	start := f.skipProperties(f.NodeStart(n))
	return Span{start, f.NodeEnd(n)}
}
