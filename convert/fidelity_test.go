package convert_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/convert"
	"github.com/daemonlint/daemonlint/manifest"
)

// TestByteFidelity converts every golden input again with CRLF line
// endings, and without its final line break: the output must be the golden
// output with the same change, so no edit rewrites a line ending or adds a
// final line break.
func TestByteFidelity(t *testing.T) {
	variants := []struct {
		name   string
		change func([]byte) []byte
	}{
		{"crlf", func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }},
		{"no-final-newline", func(b []byte) []byte { return bytes.TrimSuffix(b, []byte("\n")) }},
		{"bom", func(b []byte) []byte { return append([]byte("\xef\xbb\xbf"), b...) }},
	}
	for _, c := range readGoldenCases(t) {
		in, _ := c.file("in.yaml")
		want, _ := c.file("want.yaml")
		for _, v := range variants {
			name := strings.TrimSuffix(filepath.Base(c.path), ".txtar") + "/" + v.name
			t.Run(name, func(t *testing.T) {
				got, _, _ := convert.Convert(v.change(bytes.Clone(in)), c.opts)
				if w := v.change(bytes.Clone(want)); !bytes.Equal(got, w) {
					t.Errorf("got\n%q\nwant\n%q", got, w)
				}
			})
		}
	}
}

// TestOtherDocumentsUnchanged checks, on every golden case, that each
// document the conversion does not convert comes out byte for byte.
func TestOtherDocumentsUnchanged(t *testing.T) {
	for _, c := range readGoldenCases(t) {
		name := strings.TrimSuffix(filepath.Base(c.path), ".txtar")
		t.Run(name, func(t *testing.T) {
			in, _ := c.file("in.yaml")
			out, _, _ := convert.Convert(in, c.opts)
			converted := convertedDocuments(t, in, c.opts)
			inDocs, _ := manifest.Parse(manifest.NewFile("in.yaml", in))
			outDocs, _ := manifest.Parse(manifest.NewFile("want.yaml", out))
			if len(inDocs) != len(outDocs) {
				t.Fatalf("%d documents in, %d out", len(inDocs), len(outDocs))
			}
			for i, d := range inDocs {
				if converted[docKey{d.Index, d.Item}] || (d.IsList() && len(converted) > 0) {
					continue
				}
				sp, osp := d.Span(), outDocs[i].Span()
				if got, want := out[osp.Start:osp.End], in[sp.Start:sp.End]; !bytes.Equal(got, want) {
					t.Errorf("document %d (%s %q) changed:\n%s\nwant:\n%s", d.Index, d.Kind, d.Name, got, want)
				}
			}
		})
	}
}

// TestCommentedReplicaSet is the acceptance case of a commented ReplicaSet
// with replicas: 3: the kind line changes, the replicas line and the two
// comment lines attached to it go, and nothing else differs.
func TestCommentedReplicaSet(t *testing.T) {
	for _, c := range readGoldenCases(t) {
		if filepath.Base(c.path) != "commented-replicas.txtar" {
			continue
		}
		in, _ := c.file("in.yaml")
		out, _, err := convert.Convert(in, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(in), "\n")
		var want []string
		for i, l := range lines {
			switch i + 1 {
			case 3:
				want = append(want, strings.Replace(l, "kind: ReplicaSet", "kind: DaemonSet", 1))
			case 10, 11, 12: // the comment block and replicas: 3
				if i+1 == 12 && !strings.Contains(l, "replicas: 3") {
					t.Fatalf("line 12 is %q, not replicas", l)
				}
			default:
				want = append(want, l)
			}
		}
		if got := string(out); got != strings.Join(want, "") {
			t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, ""))
		}
		return
	}
	t.Fatal("no commented-replicas case")
}
