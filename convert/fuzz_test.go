package convert_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/daemonlint/daemonlint/convert"
	"github.com/daemonlint/daemonlint/manifest"
	"golang.org/x/tools/txtar"
)

// FuzzConvert converts arbitrary input: it must not panic, each
// document's edits must lie within the file and not overlap, when the
// input is valid YAML so is the output, and converting the output again
// changes nothing.
func FuzzConvert(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(goldenDir, "*.txtar"))
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range a.Files {
			if file.Name == "in.yaml" {
				f.Add(file.Data)
			}
		}
	}
	f.Add([]byte("kind: ReplicaSet\napiVersion: apps/v1\nspec: [1]\n"))
	f.Add([]byte("apiVersion: apps/v1\nkind: Deployment\nspec:\n  <<: {replicas: 1}\n  template: {metadata: {labels: {a: b}}}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		opts := convert.Options{File: "fuzz.yaml"}
		out, _, convErr := convert.Convert(src, opts)
		file := manifest.NewFile("fuzz.yaml", src)
		docs, serrs := manifest.Parse(file)
		for _, d := range docs {
			edits, _, err := convert.Edits(d, opts)
			if err != nil {
				continue
			}
			if _, err := manifest.SortEdits(edits, len(src)); err != nil {
				t.Fatalf("document %d: %v", d.Index, err)
			}
		}
		if len(serrs) > 0 {
			return
		}
		if _, outErrs := manifest.Parse(manifest.NewFile("out.yaml", out)); len(outErrs) > 0 {
			t.Fatalf("the input parses but the output does not: %v\ninput:\n%s\noutput:\n%s", outErrs[0], src, out)
		}
		if convErr == nil {
			if again, _, _ := convert.Convert(out, opts); !bytes.Equal(again, out) {
				t.Fatalf("converting the output again changes it\ninput:\n%s\noutput:\n%s\nagain:\n%s", src, out, again)
			}
		}
	})
}
