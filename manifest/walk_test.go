package manifest

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkWalk reads the documents of the rules' test data as JSON and as
// values, the two readings walkValue serves.
func BenchmarkWalk(b *testing.B) {
	names, _ := filepath.Glob(filepath.Join("..", "lint", "rules", "testdata", "*", "*.yaml"))
	var docs []*Document
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		ds, _ := Parse(NewFile(name, src))
		for _, d := range ds {
			if d.Node != nil {
				docs = append(docs, d)
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			w := jsonWriter{}
			walkValue(&w, d.Node, 0)
			var t treeBuilder
			walkValue(&t, d.Node, 0)
		}
	}
}
