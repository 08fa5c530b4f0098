package manifest

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// TestOffset checks that yaml.v3's line and character column of every
// scalar land on the scalar's first byte.
func TestOffset(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
	}{
		{"ascii", "a: 1\nbb: two\n"},
		{"multi-byte before the node", "ä: é\nkey: 日本語\nx: [ü, ß]\n"},
		{"emoji", "s: \"😀😀\"\nt: after 😀\n"},
		{"tabs", "a:\t1\nb: [\t2,\t3]\n"},
		{"crlf", "a: 1\r\nb:\r\n  c: é\r\n"},
		{"lone cr", "a: 1\rb: 2\r"},
		{"bom", "\ufeffa: 1\nb: 2\n"},
		{"bom and multi-byte", "\ufeffé: ü\n"},
		{"nel and line separator", "a: 1\u0085b: 2\u2028c: 3\n"},
		{"multi-document", "a: 1\n---\nb: é\n---\n# c\nc: [1, 2]\n"},
		{"no final newline", "a: b"},
		{"flow", "{a: 1, \"b\": 'two', c: [x, y]}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := NewFile("t.yaml", []byte(tc.src))
			dec := yaml.NewDecoder(strings.NewReader(tc.src))
			for {
				var root yaml.Node
				err := dec.Decode(&root)
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				walk(&root, func(n *yaml.Node) {
					if n.Kind != yaml.ScalarNode || n.Value == "" {
						return
					}
					off := f.Offset(n.Line, n.Column)
					rest := string(f.Src[off:])
					first := n.Value[:len(string([]rune(n.Value)[0]))]
					switch {
					case n.Style&yaml.DoubleQuotedStyle != 0:
						first = `"` + first
					case n.Style&yaml.SingleQuotedStyle != 0:
						first = `'` + first
					}
					if !strings.HasPrefix(rest, first) {
						t.Errorf("node %q at %d:%d: offset %d points at %q", n.Value, n.Line, n.Column, off, rest[:min(len(rest), 10)])
					}
					if got := f.Position(off); got != (Position{n.Line, n.Column}) {
						t.Errorf("Position(%d) = %v, want %d:%d", off, got, n.Line, n.Column)
					}
				})
			}
		})
	}
}

func walk(n *yaml.Node, fn func(*yaml.Node)) {
	fn(n)
	for _, c := range n.Content {
		walk(c, fn)
	}
}

func TestOffsetClamps(t *testing.T) {
	f := NewFile("t.yaml", []byte("ab\ncd"))
	for _, tc := range []struct {
		line, col, want int
	}{
		{1, 1, 0},
		{1, 3, 2},
		{1, 99, 2}, // past the end of the line: the line's end
		{2, 2, 4},
		{3, 1, 5}, // past the last line: the end of the file
		{0, 1, 0},
	} {
		if got := f.Offset(tc.line, tc.col); got != tc.want {
			t.Errorf("Offset(%d, %d) = %d, want %d", tc.line, tc.col, got, tc.want)
		}
	}
	if got := f.Position(-5); got != (Position{1, 1}) {
		t.Errorf("Position(-5) = %v", got)
	}
	if got := f.Position(100); got != (Position{2, 3}) {
		t.Errorf("Position(100) = %v", got)
	}
}

func TestLines(t *testing.T) {
	f := NewFile("t.yaml", []byte("a\r\nb\rc\nd"))
	for i, want := range []string{"a", "b", "c", "d"} {
		if got := string(f.Line(i + 1)); got != want {
			t.Errorf("Line(%d) = %q, want %q", i+1, got, want)
		}
	}
	if f.Line(5) != nil || f.Line(0) != nil {
		t.Error("Line out of range is not nil")
	}
	if f.LineCount() != 4 {
		t.Errorf("LineCount = %d, want 4", f.LineCount())
	}
}

// TestNodeEnd checks the end of every kind of node against the text the
// node must span.
func TestNodeEnd(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		path string // field path of the node, resolved on the first document
		want string // the text of NodeSpan
	}{
		{"plain", "a: hello world # c\n", "a", "hello world"},
		{"plain multi-line", "a: hello\n  world\nb: 1\n", "a", "hello\n  world"},
		{"double-quoted", `a: "x \" y" # c` + "\n", "a", `"x \" y"`},
		{"double-quoted multi-line", "a: \"x\n  y\"\nb: 1\n", "a", "\"x\n  y\""},
		{"single-quoted", "a: 'it''s' # c\n", "a", "'it''s'"},
		{"literal", "a: |\n  one\n  two\n\nb: 1\n", "a", "|\n  one\n  two"},
		{"folded keep", "a: >+\n  one\n\n", "a", ">+\n  one"},
		{"anchor and tag", "a: &x !!str v\nb: *x\n", "a", "&x !!str v"},
		{"alias", "a: &x v\nb: *x # c\n", "b", "*x"},
		{"flow mapping", "a: {b: [1, 2], c: '}'} # c\n", "a", "{b: [1, 2], c: '}'}"},
		{"flow sequence with comment", "a: [1, # one\n  2]\n", "a", "[1, # one\n  2]"},
		{"block mapping", "a:\n  b: 1\n  c:\n    d: x\ne: 2\n", "a", "b: 1\n  c:\n    d: x"},
		{"block sequence", "a:\n- 1\n- [2]\nb: 1\n", "a", "- 1\n- [2]"},
		{"crlf", "a:\r\n  b: é\r\n", "a", "b: é"},
		{"multi-byte plain", "a: 日本 語\n", "a", "日本 語"},
		{"empty value", "a:\nb: 1\n", "a", ""},
		{"json", `{"a": {"b": "c"}}`, "a", `{"b": "c"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := NewFile("t.yaml", []byte(tc.src))
			docs, errs := Parse(f)
			if len(errs) > 0 {
				t.Fatal(errs[0])
			}
			loc := docs[0].Lookup(tc.path)
			if !loc.Exact {
				t.Fatalf("Lookup(%q) not found", tc.path)
			}
			sp := f.NodeSpan(loc.Node)
			if got := string(f.Src[sp.Start:sp.End]); got != tc.want {
				t.Errorf("span of %q = %q, want %q", tc.path, got, tc.want)
			}
		})
	}
}

func TestDocumentEnd(t *testing.T) {
	src := "a: 1\nb: [2, 3]\n---\nc: d\n"
	f := NewFile("t.yaml", []byte(src))
	docs, _ := Parse(f)
	if got := string(f.Src[docs[0].Span().Start:docs[0].Span().End]); got != "a: 1\nb: [2, 3]" {
		t.Errorf("document 0 spans %q", got)
	}
	if got := f.NodeEnd(docs[1].Root); got != len(src)-1 {
		t.Errorf("document node ends at %d, want %d", got, len(src)-1)
	}
	if !bytes.Equal(f.Src[f.NodeStart(docs[1].Node):f.NodeEnd(docs[1].Node)], []byte("c: d")) {
		t.Error("document 1 span is wrong")
	}
}

// TestLongWideLine checks Offset and Position on a long line of multi-byte
// characters, where they use the line's rune index, against counting from
// the line's start.
func TestLongWideLine(t *testing.T) {
	line := strings.Repeat("aé😀 ", 500) // 1, 2, 4 and 1 bytes a character
	src := "first: line\n" + line + "\nlast: line\n"
	f := NewFile("wide.yaml", []byte(src))
	start := len("first: line\n")
	col := 1
	for off := start; off <= start+len(line); {
		if got := f.Offset(2, col); got != off {
			t.Fatalf("Offset(2, %d) = %d, want %d", col, got, off)
		}
		if got, want := f.Position(off), (Position{Line: 2, Column: col}); got != want {
			t.Fatalf("Position(%d) = %v, want %v", off, got, want)
		}
		if off == start+len(line) {
			break
		}
		_, size := utf8.DecodeRuneInString(src[off:])
		off += size
		col++
	}
	if got, want := f.Offset(2, col+100), start+len(line); got != want {
		t.Errorf("Offset past the end of the line = %d, want %d", got, want)
	}
}
