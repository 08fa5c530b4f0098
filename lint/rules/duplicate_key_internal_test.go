package rules

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/daemonlint/daemonlint/internal/benchgen"
	"github.com/daemonlint/daemonlint/internal/testcorpus"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// TestDuplicateKeyShortcut holds the duplicate-key rule, which skips a
// document that decoding read with every key once (Document.KeysUnique),
// to the full walk of every document: on the generated corpus, the shared
// corpus when present, the rule's test data and documents of the typed
// kinds that repeat keys, both give the same findings.
func TestDuplicateKeyShortcut(t *testing.T) {
	g := benchgen.New(7)
	var files []*manifest.File
	for i := range 20 {
		files = append(files, manifest.NewFile(fmt.Sprintf("gen%02d.yaml", i), g.File(50)))
	}
	for i, src := range []string{
		"apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: a\n        image: b\n",
		"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, name: b}\n",
		"apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: a}\ndata:\n  <<: {k: v}\n  k: w\n",
		"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  strategy:\n    rollingUpdate: {maxSurge: 1, maxSurge: 2}\n",
		"apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n  data: {k: v, k: w}\n",
	} {
		files = append(files, manifest.NewFile(fmt.Sprintf("seed%d.yaml", i), []byte(src)))
	}
	dirs := []string{"testdata/duplicate-key"}
	if dir, ok := testcorpus.Find(); ok {
		dirs = append(dirs, dir)
	}
	for _, dir := range dirs {
		for _, f := range testcorpus.Files(t, dir, ".yaml", ".yml", ".json") {
			files = append(files, manifest.NewFile(f.Path, f.Src))
		}
	}
	walkAll := &lint.Rule{
		Name:     DuplicateKey.Name,
		Doc:      DuplicateKey.Doc,
		Severity: DuplicateKey.Severity,
		Run: func(p *lint.Pass) error {
			walkDuplicateKeys(p)
			return nil
		},
	}
	found := 0
	for _, f := range files {
		got, err := lint.Run([]*manifest.File{f}, lint.Options{Rules: []*lint.Rule{DuplicateKey}})
		if err != nil {
			t.Fatal(err)
		}
		want, err := lint.Run([]*manifest.File{f}, lint.Options{Rules: []*lint.Rule{walkAll}})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Diagnostics, want.Diagnostics) {
			t.Errorf("%s: duplicate-key finds\n%v\nthe full walk finds\n%v", f.Name, got.Diagnostics, want.Diagnostics)
		}
		found += len(want.Diagnostics)
	}
	if found < 5 {
		t.Errorf("the files hold %d repeated keys, want at least the 5 of the seeds", found)
	}
}
