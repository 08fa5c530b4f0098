package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/daemonlint/daemonlint/internal/testcorpus"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

func TestRunCountsSkippedDocuments(t *testing.T) {
	src := `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
---
apiVersion: example.com/v1
kind: Widget
---
kind: NoVersion
---
apiVersion: v1
kind: List
items:
- apiVersion: example.com/v1
  kind: Widget
`
	res, err := lint.Run([]*manifest.File{manifest.NewFile("mixed.yaml", []byte(src))}, lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Documents, 5; got != want {
		t.Errorf("Documents = %d, want %d", got, want)
	}
	if got, want := res.Skipped, 2; got != want {
		t.Errorf("Skipped = %d, want %d", got, want)
	}
}

// TestCorpusStrictVerdicts checks the strict-decoding rules against the API
// server's verdicts on the corpus: no finding on any object the server
// accepts, and a finding on every object of a served built-in kind that it
// refuses while decoding (400).
func TestCorpusStrictVerdicts(t *testing.T) {
	dir := testcorpus.Dir(t)
	// daemonset-replicas reports a DaemonSet's spec.replicas in unknown-field's place.
	checked := []*lint.Rule{rules.Schema, rules.UnknownField, rules.FieldType, rules.DaemonSetReplicas}
	type key struct {
		file string
		doc  int
		obj  manifest.Object
	}
	verdicts := readVerdicts(t)
	found := map[key][]lint.Diagnostic{}
	seenFile := map[string]bool{}
	for _, v := range verdicts {
		if seenFile[v.file] {
			continue
		}
		seenFile[v.file] = true
		src, err := os.ReadFile(filepath.Join(dir, v.file))
		if err != nil {
			t.Errorf("corpus file of testdata/corpus/verdicts.tsv: %v", err)
			continue
		}
		diags, _, err := lint.CheckFile(manifest.NewFile(v.file, src), lint.Options{Rules: checked})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diags {
			k := key{d.File, d.Document, manifest.Object{APIVersion: d.Object.APIVersion, Kind: d.Object.Kind, Name: d.Object.Name}}
			found[k] = append(found[k], d)
		}
	}
	var accepted, refused400, caught400, refused422, caught422 int
	for _, v := range verdicts {
		diags := found[key{v.file, v.doc, manifest.Object{APIVersion: v.apiVersion, Kind: v.kind, Name: v.name}}]
		switch {
		case v.state == "valid":
			accepted++
			for _, d := range diags {
				t.Errorf("%s:%d:%d: the API server accepts %s %s %q, but %s reports: %s", d.File, d.Start.Line, d.Start.Column, v.apiVersion, v.kind, v.name, d.Rule, d.Message)
			}
		case v.code == 400 && v.kind != "":
			refused400++
			if len(diags) > 0 {
				caught400++
			} else {
				t.Errorf("%s document %d: the API server refuses %s %s %q while decoding (400), but no rule reports it", v.file, v.doc, v.apiVersion, v.kind, v.name)
			}
		case v.code == 422:
			refused422++
			if len(diags) > 0 {
				caught422++
			}
		}
	}
	t.Logf("corpus: %d accepted objects without a finding; %d of %d refused while decoding (400) and %d of %d refused by validation (422) reported by %s, %s and %s",
		accepted, caught400, refused400, caught422, refused422, rules.Schema.Name, rules.UnknownField.Name, rules.FieldType.Name)
}

// corpusFiles reads every manifest of the corpus.
func corpusFiles(b *testing.B) []*manifest.File {
	b.Helper()
	dir := testcorpus.Dir(b)
	var files []*manifest.File
	for _, f := range testcorpus.Files(b, dir, ".yaml", ".yml", ".json") {
		files = append(files, manifest.NewFile(f.Path, f.Src))
	}
	return files
}

// BenchmarkLintCorpusStrictRules runs schema, unknown-field and field-type
// over the corpus. Schemas are compiled in the first iteration and reused
// after (the internal/schema benchmarks measure compiling).
func BenchmarkLintCorpusStrictRules(b *testing.B) {
	files := corpusFiles(b)
	opts := lint.Options{Rules: []*lint.Rule{rules.Schema, rules.UnknownField, rules.FieldType}}
	for b.Loop() {
		lint.Run(files, opts)
	}
}

// BenchmarkLintCorpusSyntaxOnly is the floor for the benchmark above: the
// same files, parsed, with only the syntax rule.
func BenchmarkLintCorpusSyntaxOnly(b *testing.B) {
	files := corpusFiles(b)
	opts := lint.Options{Rules: []*lint.Rule{rules.Syntax}}
	for b.Loop() {
		lint.Run(files, opts)
	}
}
