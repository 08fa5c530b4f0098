package manifest

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/benchgen"
	"github.com/daemonlint/daemonlint/internal/testcorpus"
)

// sameNodes reports where trees a and b differ, or "": every field but
// the comments, which nothing reads and which a cut may attach to another
// node.
func sameNodes(a, b *yaml.Node, path string) string {
	if a == nil || b == nil {
		if a != b {
			return path + ": one node is nil"
		}
		return ""
	}
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor ||
		a.Line != b.Line || a.Column != b.Column || len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s: %+v and %+v", path, *a, *b)
	}
	if (a.Alias == nil) != (b.Alias == nil) || a.Alias != nil && (a.Alias.Line != b.Alias.Line || a.Alias.Column != b.Alias.Column) {
		return path + ": the aliases differ"
	}
	for i := range a.Content {
		if d := sameNodes(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkSplit reads src cut into parts of size bytes and whole with Parse,
// and fails when the parts all claim to be read as Parse reads them but
// the documents differ. It reports whether the parts were read.
func checkSplit(t *testing.T, src []byte, size int) bool {
	t.Helper()
	f := NewFile("in.yaml", src)
	parts, ok := Split(f, size)
	if !ok {
		return false
	}
	var got []*Document
	for i, p := range parts {
		if i > 0 && (p.Span.Start != parts[i-1].Span.End || p.Index != parts[i-1].Index+parts[i-1].Docs) {
			t.Fatalf("part %d (%+v) does not follow part %d (%+v)", i, p, i-1, parts[i-1])
		}
		if !p.Parse(f, func(docs []*Document) bool { got = append(got, docs...); return true }) {
			return false
		}
	}
	if len(parts) == 0 || parts[0].Span.Start != 0 || parts[len(parts)-1].Span.End != len(src) {
		t.Fatalf("the parts %+v do not cover the file's %d bytes", parts, len(src))
	}
	want, errs := Parse(f)
	if len(errs) > 0 {
		t.Fatalf("the parts were read, but Parse finds %v\n%s", errs[0], src)
	}
	if len(got) != len(want) {
		t.Fatalf("the parts hold %d documents, Parse finds %d\n%s", len(got), len(want), src)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Index != w.Index || g.Item != w.Item || g.APIVersion != w.APIVersion || g.Kind != w.Kind ||
			g.Name != w.Name || g.Namespace != w.Namespace || (g.List == nil) != (w.List == nil) {
			t.Fatalf("document %d: the parts give %+v, Parse %+v", i, g, w)
		}
		if d := sameNodes(g.Root, w.Root, ""); d != "" {
			t.Fatalf("document %d: the trees differ at %s\n%s", i, d, src)
		}
	}
	return true
}

var splitSeeds = []string{
	"a: 1\n---\nb: 2\n",
	"\xef\xbb\xbfa: 1\n---\nb: 2\n--- # c\n# only a comment\n---\nc: [1,\n  2]\n",
	"---\n---\n...\n---\nkind: List\nitems:\n- {kind: A}\n- kind: B\n",
	"a: |\n  text\n---\nb: >\n  folded\n\n  more\n",
	"a: 1\n...\n---\nb: 2\n...\n",
	"a: 1\n...\nb: 2\n",                   // two documents, one marker: the count differs
	"--- |\n  a root scalar\n---\nb: 1\n", // a scalar document
	"a: \"x\n---\n y\"\n",                 // a marker inside a quoted scalar
	"a: [1,\n---\n2]\n",
	"%YAML 1.1\n---\na: 1\n",
	"a: &x {k: v}\n---\nb: *x\n", // an alias to the document before
	"a: 1\r\n---\r\nb: 2\r\n",
	"- 1\n- 2\n---\n- 3\n",
	"a:\n  b: c\n---\n\tbad: tab\n",
	"a: 1\n---\nb: 2\n---\n",
	"a: 1\n--- \n\n---\t\nb: 2",
	"a: 1\n----\nb: 2\n---x\nc: 3\n",
}

// TestSplit holds the parallel reading of a file's parts to Parse: cut
// at every document (the smallest parts) and at the size lint uses, the
// generated corpus, the shared corpus when present, and the seeds read
// alike, or the parts say that they cannot be read apart.
func TestSplit(t *testing.T) {
	read := 0
	for _, s := range splitSeeds {
		if checkSplit(t, []byte(s), 1) {
			read++
		}
	}
	if read < 8 || read == len(splitSeeds) {
		t.Errorf("%d of %d seeds were read in parts; the seeds should hold both kinds", read, len(splitSeeds))
	}
	g := benchgen.New(3)
	for range 5 {
		src := g.File(200)
		for _, size := range []int{1, 4 << 10, 256 << 10} {
			if !checkSplit(t, src, size) {
				t.Errorf("a generated file was not read in parts of %d bytes", size)
			}
		}
	}
	if dir, ok := testcorpus.Find(); ok {
		for _, f := range testcorpus.Files(t, dir) {
			t.Run(f.Path, func(t *testing.T) { checkSplit(t, f.Src, 1) })
		}
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range splitSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if strings.Count(src, "\n") > 2000 {
			return
		}
		checkSplit(t, []byte(src), 1)
	})
}
