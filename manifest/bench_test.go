package manifest_test

import (
	"fmt"
	"testing"

	"github.com/daemonlint/daemonlint/internal/benchgen"
	"github.com/daemonlint/daemonlint/manifest"
)

// benchFiles is a slice of the benchmark corpus of bench/gen.go, the same
// 40 files of 50 documents as lint/rules' BenchmarkLint, so that the
// stages' numbers add up.
func benchFiles() []*manifest.File {
	g := benchgen.New(2)
	files := make([]*manifest.File, 40)
	for i := range files {
		files[i] = manifest.NewFile(fmt.Sprintf("%03d.yaml", i), g.File(50))
	}
	return files
}

func benchBytes(files []*manifest.File) int64 {
	var n int64
	for _, f := range files {
		n += int64(len(f.Src))
	}
	return n
}

// parseAll reads every document of files, failing b on a syntax error:
// the generated corpus has none.
func parseAll(b *testing.B, files []*manifest.File) []*manifest.Document {
	var docs []*manifest.Document
	for _, f := range files {
		ds, errs := manifest.Parse(f)
		if len(errs) > 0 {
			b.Fatalf("%s: %v", f.Name, errs[0])
		}
		docs = append(docs, ds...)
	}
	return docs
}

// BenchmarkParse measures the parse stage: the node trees of the
// generated corpus, with positions.
func BenchmarkParse(b *testing.B) {
	files := benchFiles()
	b.SetBytes(benchBytes(files))
	for b.Loop() {
		for _, f := range files {
			manifest.Parse(f)
		}
	}
}

// benchmarkDocuments measures stage on freshly parsed documents of the
// generated corpus (the stages cache their results in the Document), with
// the parse left out of the time.
func benchmarkDocuments(b *testing.B, stage func(*testing.B, *manifest.Document)) {
	files := benchFiles()
	b.SetBytes(benchBytes(files))
	n := 0
	for b.Loop() {
		b.StopTimer()
		docs := parseAll(b, files)
		b.StartTimer()
		for _, d := range docs {
			stage(b, d)
		}
		n = len(docs)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkJSON measures the JSON that kubectl would send, built from the
// node trees.
func BenchmarkJSON(b *testing.B) {
	benchmarkDocuments(b, func(b *testing.B, d *manifest.Document) {
		if _, err := d.JSON(); err != nil {
			b.Fatalf("document %d: %v", d.Index, err)
		}
	})
}

// BenchmarkValue measures the documents as Go values (what schema rules
// read), built from the node trees.
func BenchmarkValue(b *testing.B) {
	benchmarkDocuments(b, func(b *testing.B, d *manifest.Document) {
		if _, err := d.Value(); err != nil {
			b.Fatalf("document %d: %v", d.Index, err)
		}
	})
}

// BenchmarkDecode measures the decode stage: the JSON and the typed
// objects decoded from it as the API server decodes them. Some of the
// generated documents carry a mistake that is a decoding error (a string
// where a number belongs); those are decoded as far as they go, as in a
// lint.
func BenchmarkDecode(b *testing.B) {
	benchmarkDocuments(b, func(b *testing.B, d *manifest.Document) {
		if obj, _, _ := d.Decode(); obj == nil && manifest.Typed(d.APIVersion, d.Kind) {
			b.Fatalf("document %d: %s %s not decoded", d.Index, d.APIVersion, d.Kind)
		}
	})
}
