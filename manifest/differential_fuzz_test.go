package manifest

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	sigsyaml "sigs.k8s.io/yaml"

	"github.com/daemonlint/daemonlint/internal/testcorpus"
)

// FuzzJSONMatchesSigsYAML checks daemonlint's YAML 1.1 reading against
// the one kubectl uses: for a file of one document, Document.JSON must
// give the JSON that sigs.k8s.io/yaml's YAMLToJSON gives for the same
// bytes (compared as decoded JSON values), and refuse what it refuses.
//
// Deliberate differences, which the target does not count:
//   - Streams of several documents are not compared: kubectl splits them
//     on "---" lines before YAMLToJSON, and yaml.v2's Unmarshal reads only
//     the first document, so the bytes of one document are not a stream's.
//   - Files that yaml.v3 (daemonlint's parser) cannot parse are not
//     compared: syntax errors are reported on their own, with yaml.v3's
//     positions, and yaml.v2's parser accepts some text that is not YAML.
//   - An empty document: kubectl skips it, daemonlint reports it.
//   - daemonlint refuses an object over MaxObjectBytes as JSON or deeper
//     than MaxDepth (the API server refuses it too), where yaml.v2 has
//     its own, different, limits on alias expansion and nesting.
func FuzzJSONMatchesSigsYAML(f *testing.F) {
	testcorpus.AddSeeds(f, filepath.Join("..", "lint", "rules", "testdata"))
	for _, dir := range []string{
		filepath.Join("testdata", "fuzz", "FuzzParse"),
		filepath.Join("..", "lint", "rules", "testdata", "fuzz", "FuzzLint"),
		filepath.Join("..", "convert", "testdata", "fuzz", "FuzzConvert"),
	} {
		for _, src := range fuzzCorpus(dir) {
			f.Add(src)
		}
	}
	f.Add([]byte("a: &l [{x: 1}]\nb:\n  <<: *l\n"))
	f.Add([]byte("a: &m {x: 1}\nb:\n  <<: [*m, {y: 2}]\n  x: 3\n"))
	f.Add([]byte("on: yes\n1.5: off\n0777: ~\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 64<<10 {
			return
		}
		file := NewFile("fuzz.yaml", src)
		docs, errs := Parse(file)
		if len(errs) > 0 {
			return
		}
		var top []*Document
		for _, d := range docs {
			if d.Item < 0 {
				top = append(top, d)
			}
		}
		if len(top) != 1 || top[0].Node == nil || severalDocuments(src) {
			return
		}
		got, gotErr := top[0].JSON()
		if gotErr != nil && (strings.Contains(gotErr.Error(), "larger than") || strings.Contains(gotErr.Error(), "nests deeper")) {
			return
		}
		want, wantErr := sigsyaml.YAMLToJSON(src)
		if wantErr != nil && strings.Contains(wantErr.Error(), "excessive aliasing") {
			return
		}
		switch {
		case gotErr != nil && wantErr != nil:
			return
		case gotErr != nil:
			t.Fatalf("daemonlint refuses what sigs.k8s.io/yaml accepts: %v\nsigs.k8s.io/yaml: %s", gotErr, want)
		case wantErr != nil:
			t.Fatalf("daemonlint accepts what sigs.k8s.io/yaml refuses: %v\ndaemonlint: %s", wantErr, got)
		}
		g, err := decodeJSON(got)
		if err != nil {
			t.Fatalf("daemonlint's JSON does not parse: %v\n%s", err, got)
		}
		w, err := decodeJSON(want)
		if err != nil {
			t.Fatalf("sigs.k8s.io/yaml's JSON does not parse: %v\n%s", err, want)
		}
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("JSON differs\ndaemonlint:       %s\nsigs.k8s.io/yaml: %s", got, want)
		}
	})
}

// documentMarker is a line that starts or ends a document.
var documentMarker = regexp.MustCompile(`(?m)^(?:---|\.\.\.)(?:[ \t\r\n]|$)`)

// severalDocuments reports whether src may be a stream of several
// documents, empty ones included: it has a document marker other than a
// --- on its first line.
func severalDocuments(src []byte) bool {
	for _, m := range documentMarker.FindAllIndex(src, -1) {
		if m[0] > 0 || src[0] == '.' {
			return true
		}
	}
	return false
}

// fuzzCorpus reads the []byte inputs of a go test fuzz corpus directory
// (files in the "go test fuzz v1" format).
func fuzzCorpus(dir string) [][]byte {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out [][]byte
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		lines := strings.Split(string(b), "\n")
		if len(lines) < 2 || lines[0] != "go test fuzz v1" {
			continue
		}
		arg, ok := strings.CutPrefix(strings.TrimSpace(lines[1]), "[]byte(")
		if !ok || !strings.HasSuffix(arg, ")") {
			continue
		}
		if s, err := strconv.Unquote(strings.TrimSuffix(arg, ")")); err == nil {
			out = append(out, []byte(s))
		}
	}
	return out
}
