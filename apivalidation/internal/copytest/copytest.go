// Package copytest gathers the objects that the tests of defaulting's
// copies check: the workloads' *WithDefaults copy only what defaulting and
// validation write, and those tests hold each copy to a deep copy on as
// many real and odd objects as can be had.
package copytest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/daemonlint/daemonlint/internal/benchgen"
	"github.com/daemonlint/daemonlint/internal/mutate"
	"github.com/daemonlint/daemonlint/internal/testcorpus"
	"github.com/daemonlint/daemonlint/manifest"
)

// Objects gives keep every object that decodes from: the hand-made
// documents handMade, the benchmark's generated corpus (ten files of 100
// documents), the API server mutations of each of bases (files of the
// directory mutations, testdata/apiserver-mutations), and the shared
// corpus's files when it is here. An object's name is its file's and its
// place there ("gen3.yaml#12/-1"); keep reports whether it kept the
// object. Objects returns how many of handMade's it kept, for the caller
// to check that its hand-made cases are there.
func Objects(t testing.TB, handMade, mutations string, bases []string, keep func(name string, obj any) bool) (handMadeKept int) {
	t.Helper()
	add := func(name string, src []byte) (kept int) {
		docs, _ := manifest.Parse(manifest.NewFile(name, src))
		for _, d := range docs {
			if obj, _, err := d.Decode(); err == nil && keep(fmt.Sprintf("%s#%d/%d", name, d.Index, d.Item), obj) {
				kept++
			}
		}
		return kept
	}
	handMadeKept = add("every-default.yaml", []byte(handMade))
	g := benchgen.New(5)
	for i := range 10 {
		add(fmt.Sprintf("gen%d.yaml", i), g.File(100))
	}
	for _, base := range bases {
		src, err := os.ReadFile(filepath.Join(mutations, base+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		muts, err := mutate.Mutations(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range muts {
			add(base+" "+m.Name, m.Doc)
		}
	}
	if dir, ok := testcorpus.Find(); ok {
		for _, f := range testcorpus.Files(t, dir) {
			add(f.Path, f.Src)
		}
	}
	return handMadeKept
}
