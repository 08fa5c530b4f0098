package manifest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// referenceLines returns the offsets where the lines of src start, and
// which lines (1-based) hold bytes outside ASCII, found byte by byte:
// LF, CR, CRLF, NEL, LS and PS end a line.
func referenceLines(src []byte) (starts []int, wide map[int]bool) {
	starts = []int{0}
	wide = map[int]bool{}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		line := len(starts)
		switch {
		case r == '\r' && i+1 < len(src) && src[i+1] == '\n':
			size = 2
			fallthrough
		case r == '\n' || r == '\r':
			starts = append(starts, i+size)
		case r == '\u0085' || r == '\u2028' || r == '\u2029':
			wide[line] = true
			starts = append(starts, i+size)
		case src[i] >= utf8.RuneSelf:
			wide[line] = true
		}
		i += size
	}
	return starts, wide
}

func checkLineTable(t *testing.T, src string) {
	t.Helper()
	f := newFile("x.yaml", []byte(src), false)
	starts, wide := referenceLines([]byte(src))
	if got, want := f.LineCount(), len(starts); got != want {
		t.Fatalf("%q: LineCount() = %d, want %d", src, got, want)
	}
	for i, want := range starts {
		if i == 0 {
			continue // line 1 starts after a byte-order mark
		}
		if got := f.lineStart(i + 1); got != want {
			t.Fatalf("%q: lineStart(%d) = %d, want %d", src, i+1, got, want)
		}
	}
	for line := 1; line <= len(starts); line++ {
		if got, want := f.isWide(line), wide[line]; got != want {
			t.Fatalf("%q: isWide(%d) = %v, want %v", src, line, got, want)
		}
	}
}

// TestLineTable holds newFile's line table, with its fast path for lines
// of ASCII between line feeds, to a byte-by-byte reading.
func TestLineTable(t *testing.T) {
	long := strings.Repeat("abcdefgh", 5)
	for _, src := range []string{
		"",
		"a",
		"a\n",
		"a\nb\n\nc",
		long + "\n" + long + "é\n" + long + "\n",
		"é",
		"x: é\ny: 1\n",
		"a\rb\r\nc\n",
		"a\u0085b\nc",
		"a\u2028b\u2029c\n" + long,
		long + "\n" + long + "\u2028" + long + "\n" + long,
		"\xef\xbb\xbfa: 1\nb: 2\n",
		"a\n\xffb\nc\n",
		strings.Repeat(long+"\n", 100) + "ü" + strings.Repeat("\n"+long, 100),
	} {
		checkLineTable(t, src)
	}
}

func FuzzLineTable(f *testing.F) {
	for _, s := range []string{"a\nb", "é\n\u2028\r\n", "a\u0085b\rc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkLineTable(t, src)
	})
}
