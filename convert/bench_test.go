package convert_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/daemonlint/daemonlint/internal/testcorpus"

	"github.com/daemonlint/daemonlint/convert"
	"golang.org/x/tools/txtar"
)

// BenchmarkConvertCorpus converts every file of the shared corpus, most of
// which hold nothing to convert, as `daemonlint convert DIR` would.
func BenchmarkConvertCorpus(b *testing.B) {
	root := testcorpus.Dir(b)
	var srcs [][]byte
	size := 0
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".yaml", ".yml", ".json":
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			srcs = append(srcs, src)
			size += len(src)
		}
		return nil
	})
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, src := range srcs {
			convert.Convert(src, convert.Options{File: "bench.yaml"})
		}
	}
}

// BenchmarkConvertLiveReplicaSet converts one ReplicaSet as kubectl get
// prints it.
func BenchmarkConvertLiveReplicaSet(b *testing.B) {
	a, err := txtar.ParseFile(filepath.Join(goldenDir, "live-replicaset.txtar"))
	if err != nil {
		b.Fatal(err)
	}
	src := a.Files[0].Data
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		convert.Convert(src, convert.Options{File: "bench.yaml"})
	}
}
