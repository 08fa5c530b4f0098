package yamledit_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/yamledit"
	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/manifest"
)

// nodeAt follows a dotted path of mapping keys from the first document's
// object; a numeric element picks a sequence item.
func nodeAt(t *testing.T, doc *manifest.Document, path string) *yaml.Node {
	t.Helper()
	n := doc.Node
	if path == "" {
		return n
	}
	for _, el := range strings.Split(path, ".") {
		n = yamlutil.ResolveAlias(n)
		if n.Kind == yaml.SequenceNode {
			i := int(el[0] - '0')
			n = n.Content[i]
			continue
		}
		_, v := yamlutil.MappingPair(n, el)
		if v == nil {
			t.Fatalf("no %q in %q", el, path)
		}
		n = v
	}
	return n
}

func parseOne(t *testing.T, src string) (*manifest.File, *manifest.Document) {
	t.Helper()
	f := manifest.NewFile("test.yaml", []byte(src))
	docs, errs := manifest.Parse(f)
	if len(errs) > 0 || len(docs) == 0 {
		t.Fatalf("parsing the input: %v", errs)
	}
	return f, docs[0]
}

// checkYAML fails when out is not valid YAML.
func checkYAML(t *testing.T, out []byte) {
	t.Helper()
	var v any
	dec := yaml.NewDecoder(strings.NewReader(string(out)))
	for {
		if err := dec.Decode(&v); err != nil {
			if errors.Is(err, io.EOF) {
				return
			}
			t.Fatalf("output is not valid YAML: %v\n%s", err, out)
		}
	}
}

func TestRemoveEntries(t *testing.T) {
	for _, tc := range []struct {
		name    string
		src     string
		mapping string
		keys    []string
		want    string
	}{
		{
			name:    "adjacent keys",
			src:     "metadata:\n  name: a\n  uid: x\n  resourceVersion: \"1\"\n  generation: 2\n  labels: {}\n",
			mapping: "metadata",
			keys:    []string{"uid", "resourceVersion", "generation"},
			want:    "metadata:\n  name: a\n  labels: {}\n",
		},
		{
			name:    "keys apart with comments",
			src:     "m:\n  # about a\n  a: 1 # a\n  b: 2\n\n  # about c\n  c: 3\n  d: 4\n",
			mapping: "m",
			keys:    []string{"a", "c"},
			want:    "m:\n  b: 2\n\n  d: 4\n",
		},
		{
			name:    "every key of a block mapping",
			src:     "m:\n  a: 1\n\n  b: 2\nn: 1\n",
			mapping: "m",
			keys:    []string{"a", "b"},
			want:    "m:\n\nn: 1\n",
		},
		{
			name:    "last lines without a final line break",
			src:     "m:\n  a: 1\n  b: 2\n  c: 3",
			mapping: "m",
			keys:    []string{"b", "c"},
			want:    "m:\n  a: 1",
		},
		{
			name:    "CRLF",
			src:     "m:\r\n  a: 1\r\n  b: 2\r\n  c: 3\r\n",
			mapping: "m",
			keys:    []string{"a", "b"},
			want:    "m:\r\n  c: 3\r\n",
		},
		{
			name:    "item mapping, first keys",
			src:     "s:\n- a: 1\n  b: 2\n  c: 3\n  d: 4\n",
			mapping: "s.0",
			keys:    []string{"a", "b"},
			want:    "s:\n- c: 3\n  d: 4\n",
		},
		{
			name:    "item mapping, every key",
			src:     "s:\n- a: 1\n  b: 2\n- z: 1\n",
			mapping: "s.0",
			keys:    []string{"a", "b"},
			want:    "s:\n- {}\n- z: 1\n",
		},
		{
			name:    "flow, middle and last",
			src:     "m: {a: 1, b: 2, c: 3, d: 4}\n",
			mapping: "m",
			keys:    []string{"b", "c", "d"},
			want:    "m: {a: 1}\n",
		},
		{
			name:    "flow, first and last",
			src:     "m: {a: 1, b: 2, c: 3}\n",
			mapping: "m",
			keys:    []string{"a", "c"},
			want:    "m: {b: 2}\n",
		},
		{
			name:    "flow, a quote inside a plain scalar",
			src:     "{a: 1, m: {k: 0\"}}\n",
			mapping: "",
			keys:    []string{"m"},
			want:    "{a: 1}\n",
		},
		{
			name:    "flow, every key",
			src:     `{"m": {"a": 1, "b": 2}, "n": 1}`,
			mapping: "m",
			keys:    []string{"a", "b"},
			want:    `{"m": {}, "n": 1}`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, doc := parseOne(t, tc.src)
			m := nodeAt(t, doc, tc.mapping)
			var keys []*yaml.Node
			for _, k := range tc.keys {
				keys = append(keys, yamlutil.MappingKeys(m, k)...)
			}
			out, err := manifest.ApplyEdits(f.Src, yamledit.RemoveEntries(f, m, keys))
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tc.want {
				t.Errorf("got\n%q\nwant\n%q", out, tc.want)
			}
			checkYAML(t, out)
		})
	}
}

func TestRemoveEntryKeepsMissingFinalBreak(t *testing.T) {
	f, doc := parseOne(t, "a: 1\nb: 2")
	k := yamlutil.MappingKeys(doc.Node, "b")[0]
	out, err := manifest.ApplyEdits(f.Src, []manifest.Edit{yamledit.RemoveEntry(f, doc.Node, k)})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), "a: 1"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRemoveItems(t *testing.T) {
	for _, tc := range []struct {
		name  string
		src   string
		seq   string
		items []int
		want  string
		ok    bool
	}{
		{
			name:  "one of two",
			src:   "s:\n# first\n- kind: Deployment\n  name: a\n- kind: Other\n  name: b\n",
			seq:   "s",
			items: []int{0},
			want:  "s:\n- kind: Other\n  name: b\n",
			ok:    true,
		},
		{
			name:  "last two, no final line break",
			src:   "s:\n  - 1\n  - 2\n  - 3",
			seq:   "s",
			items: []int{1, 2},
			want:  "s:\n  - 1",
			ok:    true,
		},
		{
			name:  "every item",
			src:   "s:\n- 1\n- 2\nt: 1\n",
			seq:   "s",
			items: []int{0, 1},
			want:  "s:\nt: 1\n",
			ok:    true,
		},
		{
			name:  "flow",
			src:   "s: [1, 2, 3]\n",
			seq:   "s",
			items: []int{0, 2},
			want:  "s: [2]\n",
			ok:    true,
		},
		{
			name:  "flow, every item",
			src:   "s: [1, 2]\n",
			seq:   "s",
			items: []int{0, 1},
			want:  "s: []\n",
			ok:    true,
		},
		{
			name:  "dash beside another dash",
			src:   "s:\n- - 1\n  - 2\n",
			seq:   "s.0",
			items: []int{0},
			want:  "s:\n- - 1\n  - 2\n",
			ok:    false,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, doc := parseOne(t, tc.src)
			s := nodeAt(t, doc, tc.seq)
			var items []*yaml.Node
			for _, i := range tc.items {
				items = append(items, s.Content[i])
			}
			edits, ok := yamledit.RemoveItems(f, s, items)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			out, err := manifest.ApplyEdits(f.Src, edits)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tc.want {
				t.Errorf("got\n%q\nwant\n%q", out, tc.want)
			}
			checkYAML(t, out)
		})
	}
}

func TestReplaceEmptyScalar(t *testing.T) {
	f, doc := parseOne(t, "kind:\nname: x\n")
	_, v := yamlutil.MappingPair(doc.Node, "kind")
	out, err := manifest.ApplyEdits(f.Src, []manifest.Edit{yamledit.ReplaceScalar(f, v, "DaemonSet")})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), "kind: DaemonSet\nname: x\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
