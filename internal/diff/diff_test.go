package diff

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func TestUnified(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new string
		want     string
	}{
		{
			name: "equal",
			old:  "a\nb\n",
			new:  "a\nb\n",
			want: "",
		},
		{
			name: "change and removal",
			old:  "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: x\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: x\n  template: {}\n",
			new:  "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  selector:\n    matchLabels:\n      app: x\n  template: {}\n",
			want: "--- a/x.yaml\n+++ b/x.yaml\n@@ -1,9 +1,8 @@\n apiVersion: apps/v1\n-kind: ReplicaSet\n+kind: DaemonSet\n metadata:\n   name: x\n spec:\n-  replicas: 3\n   selector:\n     matchLabels:\n       app: x\n",
		},
		{
			name: "two hunks",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
			new:  "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n12\n",
			want: "--- a/x.yaml\n+++ b/x.yaml\n@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n@@ -8,5 +8,4 @@\n 8\n 9\n 10\n-11\n 12\n",
		},
		{
			name: "changes six lines apart share a hunk",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
			new:  "1\nTWO\n3\n4\n5\n6\n7\n8\nNINE\n10\n",
			want: "--- a/x.yaml\n+++ b/x.yaml\n@@ -1,10 +1,10 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+NINE\n 10\n",
		},
		{
			name: "no final line break",
			old:  "a\nb",
			new:  "a\nc",
			want: "--- a/x.yaml\n+++ b/x.yaml\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
		},
		{
			name: "insertion into an empty file",
			old:  "",
			new:  "a\n",
			want: "--- a/x.yaml\n+++ b/x.yaml\n@@ -0,0 +1 @@\n+a\n",
		},
		{
			name: "CRLF",
			old:  "a\r\nb\r\n",
			new:  "a\r\n",
			want: "--- a/x.yaml\n+++ b/x.yaml\n@@ -1,2 +1 @@\n a\r\n-b\r\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(Unified("a/x.yaml", "b/x.yaml", []byte(tc.old), []byte(tc.new)))
			if got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// TestUnifiedApplies diffs random edits of random texts and checks that
// applying each diff to the old text gives the new one, and that the diff
// is no longer than removing and adding every differing line.
func TestUnifiedApplies(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		var old []string
		for range r.IntN(40) {
			old = append(old, strconv.Itoa(r.IntN(8))+"\n")
		}
		var new []string
		for _, l := range old {
			switch r.IntN(6) {
			case 0: // drop
			case 1:
				new = append(new, "x"+l)
			case 2:
				new = append(new, l, strconv.Itoa(r.IntN(8))+"\n")
			default:
				new = append(new, l)
			}
		}
		a, b := strings.Join(old, ""), strings.Join(new, "")
		if r.IntN(4) == 0 && len(b) > 0 {
			b = strings.TrimSuffix(b, "\n")
		}
		d := string(Unified("a", "b", []byte(a), []byte(b)))
		got, err := apply(a, d)
		if err != nil {
			t.Fatalf("case %d: %v\nold:\n%q\nnew:\n%q\ndiff:\n%s", i, err, a, b, d)
		}
		if got != b {
			t.Fatalf("case %d: applying the diff gives\n%q\nwant\n%q\ndiff:\n%s", i, got, b, d)
		}
	}
}

// apply applies a unified diff to old, checking each context and removed
// line.
func apply(old, d string) (string, error) {
	if d == "" {
		return old, nil
	}
	oldLines := splitLines([]byte(old))
	lines := strings.SplitAfter(d, "\n")
	var out []string
	pos := 0
	for i := 2; i < len(lines) && lines[i] != ""; {
		var a, b int
		hdr := lines[i]
		if _, err := fmt.Sscanf(hdr, "@@ -%d", &a); err != nil {
			return "", fmt.Errorf("bad hunk header %q", hdr)
		}
		_ = b
		start := a - 1
		if strings.HasPrefix(hdr, fmt.Sprintf("@@ -%d,0 ", a)) {
			start = a
		}
		for pos < start {
			out = append(out, oldLines[pos])
			pos++
		}
		i++
		for i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@") {
			l := lines[i]
			text := l[1:]
			if i+1 < len(lines) && strings.HasPrefix(lines[i+1], "\\ No newline") {
				text = strings.TrimSuffix(text, "\n")
				i++
			}
			switch l[0] {
			case ' ', '-':
				if pos >= len(oldLines) || oldLines[pos] != text {
					return "", fmt.Errorf("line %d: want %q, have %q", pos+1, text, oldLines[min(pos, len(oldLines)-1)])
				}
				if l[0] == ' ' {
					out = append(out, text)
				}
				pos++
			case '+':
				out = append(out, text)
			}
			i++
		}
	}
	out = append(out, oldLines[pos:]...)
	return strings.Join(out, ""), nil
}
