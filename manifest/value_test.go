package manifest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	sigsyaml "sigs.k8s.io/yaml"

	"github.com/daemonlint/daemonlint/internal/testcorpus"
)

// kubectlJSON converts one YAML document as kubectl does.
func kubectlJSON(t *testing.T, src string) (any, error) {
	t.Helper()
	j, err := sigsyaml.YAMLToJSON([]byte(src))
	if err != nil {
		return nil, err
	}
	return decodeJSON(j)
}

func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// TestJSONMatchesKubectl checks Document.JSON against sigs.k8s.io/yaml,
// which is what kubectl uses, on the YAML 1.1 corner cases.
func TestJSONMatchesKubectl(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
	}{
		{"booleans", "a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: n\ng: true\nh: False\ni: 'yes'\n"},
		{"numbers", "a: 1\nb: -2\nc: 0x1F\nd: 0777\ne: 1_000\nf: 1.5\ng: 1e3\nh: .5\ni: 1.0\nj: 0b101\nk: 18446744073709551615\nl: +12\n"},
		{"quantities and versions", "a: 100m\nb: 64Mi\nc: 1.2.3\nd: 0o17\ne: 1E3\nf: 0xFF\ng: 1_0\nh: 2Gi\ni: -5\nj: 1.0e-3\nk: 0b11\nl: 12:30\nm: 1e\n"},
		{"not numbers", "a: 1.2.3\nb: 12abc\nc: '12'\nd: 0x\ne: -x\nf: 1e\ng: +\n"},
		{"nulls", "a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: 'null'\n"},
		{"timestamps stay strings", "a: 2001-12-14\nb: 2001-12-14T21:59:43.10Z\nc: 2001-12-14 21:59:43.10\n"},
		{"explicit tags", "a: !!str 123\nb: !!int \"7\"\nc: !!float 3\nd: !!bool true\ne: !custom value\n"},
		{"block scalars", "a: |\n  x\n  y\nb: >\n  folded\n  text\nc: |-\n  stripped\n"},
		{"quoted escapes", "a: \"tab\\tnew\\nline \\u00e9 \\\" \\\\\"\nb: 'single ''quote'''\nc: \"\\x41\"\n"},
		{"merge keys", "base: &b\n  x: 1\n  y: 2\nover:\n  <<: *b\n  y: 3\nmulti:\n  <<: [{p: 1}, {p: 2, q: 2}]\n"},
		{"merge precedence", "a: &a {k: a, x: 1}\nb: &b {k: b, y: 2}\nm1: {<<: [*a, *b, *a]}\nm2: {<<: [*b, *a, *b]}\nm3: {k: own, <<: [*a, *b]}\nm4: {<<: [*a, *b], k: own}\n"},
		{"nested merges", "a: &a {k: a, x: 1}\nb: &b {<<: *a, k: b}\nc: &c {<<: [*b, *a], z: 3}\nd: {<<: [*a, *c, *b]}\ne: {<<: *c, x: 9}\n"},
		{"aliases", "a: &a [1, 2]\nb: *a\nc: &s str\nd: *s\n"},
		{"duplicate keys: last wins", "a: 1\nb: 2\na: 3\n"},
		{"non-string keys", "1: one\ntrue: yes\n1.5: x\n0x10: hex\n"},
		{"unicode", "名前: 値\nemoji: 😀\nline: \"\\u2028\"\n"},
		{"nested", "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        ports: [{containerPort: 80}]\n"},
		{"flow", "{a: [1, {b: c}], d: {e: f}}"},
		{"empty collections", "a: {}\nb: []\nc: ''\n"},
		{"control characters", "a: \"\\x01\\x1f\"\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := kubectlJSON(t, tc.src)
			if err != nil {
				t.Fatalf("sigs.k8s.io/yaml: %v", err)
			}
			f := NewFile("t.yaml", []byte(tc.src))
			docs, errs := Parse(f)
			if len(errs) > 0 {
				t.Fatal(errs[0])
			}
			j, err := docs[0].JSON()
			if err != nil {
				t.Fatalf("JSON: %v", err)
			}
			got, err := decodeJSON(j)
			if err != nil {
				t.Fatalf("JSON output does not parse: %v\n%s", err, j)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("JSON = %v\nwant    %v", got, want)
			}
			tree, err := docs[0].Value()
			if err != nil {
				t.Fatalf("Value: %v", err)
			}
			if !reflect.DeepEqual(tree, want) {
				t.Errorf("Value = %v\nwant     %v", tree, want)
			}
		})
	}
}

// TestJSONErrors checks the values kubectl cannot send.
func TestJSONErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"bad explicit int", "a: !!int abc\n", "cannot decode !!str `abc` as a !!int"},
		{"null key", "~: x\n", "null mapping key"},
		{"mapping key", "? {a: 1}\n: x\n", "must be a scalar"},
		{"infinity", "a: .inf\n", "unsupported value"},
		{"bad merge", "a:\n  <<: 1\n", "map merge requires"},
		{"merge of an alias to a sequence", "l: &l [{a: 1}]\nm:\n  <<: *l\n", "map merge requires"},
		{"merge of a sequence holding an alias to a sequence", "l: &l [{a: 1}]\nm:\n  <<: [*l]\n", "map merge requires"},
		{"merge of a sequence holding a scalar", "m:\n  <<: [{a: 1}, 2]\n", "map merge requires"},
		{"bad binary", "a: !!binary '***'\n", "not valid base64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := NewFile("t.yaml", []byte(tc.src))
			docs, errs := Parse(f)
			if len(errs) > 0 {
				t.Fatal(errs[0])
			}
			_, err := docs[0].JSON()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("JSON error = %v, want one containing %q", err, tc.want)
			}
			_, err = docs[0].Value()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Value error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestJSONAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 12; i++ {
		b.WriteString("a" + itoa(i) + ": &a" + itoa(i) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + itoa(i-1))
		}
		b.WriteString("]\n")
	}
	f := NewFile("bomb.yaml", []byte(b.String()))
	docs, errs := Parse(f)
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	_, err := docs[0].JSON()
	if err == nil || !strings.Contains(err.Error(), "3 MiB") {
		t.Fatalf("JSON of an alias bomb: err = %v, want the size limit", err)
	}
	_, err = docs[0].Value()
	if err == nil || !strings.Contains(err.Error(), "3 MiB") {
		t.Fatalf("Value of an alias bomb: err = %v, want the size limit", err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestJSONCorpus compares Document.JSON with sigs.k8s.io/yaml on every
// document of the shared corpus that kubectl can read.
func TestJSONCorpus(t *testing.T) {
	dir := testcorpus.Dir(t)
	n := 0
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f := NewFile(path, src)
		docs, errs := Parse(f)
		if len(errs) > 0 {
			return nil // syntax errors are tested elsewhere
		}
		for _, d := range docs {
			if d.Item >= 0 {
				continue
			}
			sp := d.Span()
			// The document's lines, with the line break after the last
			// one: a block scalar's value ends with it.
			text := string(src[f.lineStart(f.Position(sp.Start).Line):f.lineStart(f.Position(sp.End).Line+1)])
			want, err := kubectlJSON(t, text)
			got, gerr := d.JSON()
			if err != nil {
				if gerr == nil {
					t.Errorf("%s#%d: kubectl fails (%v) but JSON succeeds", path, d.Index, err)
				}
				continue
			}
			if gerr != nil {
				t.Errorf("%s#%d: JSON: %v", path, d.Index, gerr)
				continue
			}
			gv, _ := decodeJSON(got)
			if !reflect.DeepEqual(gv, want) {
				t.Errorf("%s#%d: JSON differs from kubectl's", path, d.Index)
			}
			if tree, err := d.Value(); err != nil || !reflect.DeepEqual(tree, want) {
				t.Errorf("%s#%d: Value differs from kubectl's JSON (%v)", path, d.Index, err)
			}
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d documents agree", n)
}
