package manifest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSparseLineTable checks that a file with a sparse line table answers
// every line and position question as one with the full table does.
func TestSparseLineTable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var long strings.Builder
	for i := range 3000 {
		switch r.IntN(5) {
		case 0: // an empty line
		case 1:
			fmt.Fprintf(&long, "  name: café-%d ü", i)
		default:
			long.WriteString(strings.Repeat("x", r.IntN(90)))
		}
		long.WriteByte('\n')
	}
	inputs := map[string]string{
		"empty":              "",
		"one line":           "kind: Pod",
		"trailing line feed": "a: 1\nb: 2\n",
		"byte-order mark":    "\xef\xbb\xbfa: 1\nb: 2\n",
		"fewer than a step":  "a\nb\nc\n",
		"exactly a step":     strings.Repeat("line\n", sparseStep),
		"many lines":         long.String(),
		"no final line feed": strings.TrimSuffix(long.String(), "\n"),
	}
	for name, src := range inputs {
		t.Run(name, func(t *testing.T) {
			dense := newFile("f.yaml", []byte(src), false)
			sparse := newFile("f.yaml", []byte(src), true)
			if got, want := sparse.LineCount(), dense.LineCount(); got != want {
				t.Fatalf("LineCount() = %d, want %d", got, want)
			}
			for line := 0; line <= dense.LineCount()+1; line++ {
				if got, want := sparse.LineStart(line), dense.LineStart(line); got != want {
					t.Errorf("LineStart(%d) = %d, want %d", line, got, want)
				}
				if got, want := sparse.LineEnd(line), dense.LineEnd(line); got != want {
					t.Errorf("LineEnd(%d) = %d, want %d", line, got, want)
				}
				if got, want := string(sparse.Line(line)), string(dense.Line(line)); got != want {
					t.Errorf("Line(%d) = %q, want %q", line, got, want)
				}
				for _, col := range []int{1, 3, 40, 200} {
					if got, want := sparse.Offset(line, col), dense.Offset(line, col); got != want {
						t.Errorf("Offset(%d, %d) = %d, want %d", line, col, got, want)
					}
				}
			}
			for off := -1; off <= len(src)+1; off++ {
				if got, want := sparse.Position(off), dense.Position(off); got != want {
					t.Fatalf("Position(%d) = %v, want %v", off, got, want)
				}
			}
		})
	}
}

// TestNewFileSparse checks which files get a sparse line table: large ones
// that break lines with LF alone.
func TestNewFileSparse(t *testing.T) {
	big := strings.Repeat("key: value\n", sparseMin/10)
	tests := []struct {
		name string
		src  string
		want bool
	}{
		{"small", "a: 1\n", false},
		{"large, line feeds", big, true},
		{"large, a CR LF", big + "a: 1\r\n", false},
		{"large, a lone CR", "a: 1\r" + big, false},
		{"large, a NEL", big + "a: \u0085", false},
		{"large, an LS", big + "a: \u2028", false},
		{"large, a PS", big + "a: \u2029", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewFile("f.yaml", []byte(tt.src)).sparse; got != tt.want {
				t.Errorf("sparse = %v, want %v", got, tt.want)
			}
		})
	}
}
