package lint_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/daemonlint/daemonlint/internal/benchgen"
	"github.com/daemonlint/daemonlint/internal/testcorpus"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// TestRunParts holds Run, which reads a large file in parts on every core,
// to CheckFile, which reads it as one, document after document: the same
// findings, in the same order, and the same count of documents, also where
// a part cannot be read apart (a syntax error) and where ignore directives
// and Lists span the file.
func TestRunParts(t *testing.T) {
	g := benchgen.New(11)
	plain := g.File(800)
	if len(plain) < 1<<20 {
		t.Fatalf("the generated file has %d bytes, too few for several parts", len(plain))
	}
	var corpus bytes.Buffer
	if dir, ok := testcorpus.Find(); ok {
		for _, f := range testcorpus.Files(t, dir, ".yaml") {
			if src := f.Src; !bytes.Contains(src, []byte("\r")) && !bytes.HasPrefix(src, []byte("%")) && !bytes.Contains(src, []byte("{{")) {
				corpus.WriteString("---\n")
				corpus.Write(src)
				corpus.WriteString("\n")
			}
		}
	}
	half := len(plain) / 2
	cut := half + bytes.Index(plain[half:], []byte("\n---\n")) + 1
	for _, tc := range []struct {
		name string
		src  []byte
	}{
		{"generated", plain},
		{"a syntax error in the middle", append(append(append([]byte{}, plain[:cut]...), "---\nkey: [unclosed\n"...), plain[cut:]...)},
		{"ignore directives", append([]byte("# daemonlint:ignore-file resources\n"), plain...)},
		{"a List", append(append([]byte{}, plain...), "---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: Daemonset\n  metadata: {name: a}\n"...)},
		{"the shared corpus", corpus.Bytes()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.src) == 0 {
				t.Skip("the shared corpus is not here")
			}
			f := manifest.NewFile("big.yaml", tc.src)
			opts := lint.Options{Rules: rules.All()}
			want, docs, err := lint.CheckFile(f, opts)
			if err != nil {
				t.Fatal(err)
			}
			res, err := lint.Run([]*manifest.File{f}, opts)
			if err != nil {
				t.Fatal(err)
			}
			if res.Documents != docs {
				t.Errorf("Run counts %d documents, CheckFile %d", res.Documents, docs)
			}
			if len(want) < 10 {
				t.Errorf("CheckFile finds %d findings; the file should hold more", len(want))
			}
			if !reflect.DeepEqual(res.Diagnostics, want) {
				n := min(len(res.Diagnostics), len(want))
				for i := range n {
					if !reflect.DeepEqual(res.Diagnostics[i], want[i]) {
						t.Fatalf("finding %d of %d/%d: Run gives\n%+v\nCheckFile\n%+v", i, len(res.Diagnostics), len(want), res.Diagnostics[i], want[i])
					}
				}
				t.Fatalf("Run gives %d findings, CheckFile %d", len(res.Diagnostics), len(want))
			}
		})
	}
}
