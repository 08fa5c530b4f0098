package rules_test

import (
	"fmt"
	"testing"

	"github.com/daemonlint/daemonlint/internal/benchgen"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// generatedFiles is a slice of the benchmark corpus of bench/gen.go: 40
// files of 50 documents, a fifth of its 10 000 documents, so that one
// iteration stays short.
func generatedFiles() []*manifest.File {
	g := benchgen.New(2)
	files := make([]*manifest.File, 40)
	for i := range files {
		files[i] = manifest.NewFile(fmt.Sprintf("%03d.yaml", i), g.File(50))
	}
	return files
}

func bytesOf(files []*manifest.File) int64 {
	var n int64
	for _, f := range files {
		n += int64(len(f.Src))
	}
	return n
}

func benchmarkParse(b *testing.B, files []*manifest.File) {
	b.SetBytes(bytesOf(files))
	for b.Loop() {
		for _, f := range files {
			manifest.Parse(f)
		}
	}
}

func benchmarkLint(b *testing.B, files []*manifest.File) {
	b.SetBytes(bytesOf(files))
	opts := lint.Options{Rules: rules.All()}
	docs := 0
	for b.Loop() {
		res, err := lint.Run(files, opts)
		if err != nil {
			b.Fatal(err)
		}
		docs = res.Documents
	}
	b.ReportMetric(float64(docs)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkParse reads the documents of the generated corpus, on one core.
func BenchmarkParse(b *testing.B) { benchmarkParse(b, generatedFiles()) }

// BenchmarkParseCorpus reads the documents of the shared corpus.
func BenchmarkParseCorpus(b *testing.B) { benchmarkParse(b, corpusFiles(b)) }

// BenchmarkLint runs every rule over the generated corpus, on all cores.
func BenchmarkLint(b *testing.B) { benchmarkLint(b, generatedFiles()) }

// BenchmarkLintCorpus runs every rule over the shared corpus.
func BenchmarkLintCorpus(b *testing.B) { benchmarkLint(b, corpusFiles(b)) }

// BenchmarkLintStream runs every rule over one file of 2 000 documents,
// where only the documents of one file can run concurrently.
func BenchmarkLintStream(b *testing.B) {
	benchmarkLint(b, []*manifest.File{manifest.NewFile("stream.yaml", benchgen.New(3).File(2000))})
}
