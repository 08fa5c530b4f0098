package manifest

import (
	"strings"
	"testing"
)

func TestParseDocuments(t *testing.T) {
	src := `# leading comment
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: first
  namespace: ns
---
# only a comment
---
apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: item0
- {apiVersion: v1, kind: Service, metadata: {name: item1}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: third
`
	f := NewFile("t.yaml", []byte(src))
	docs, errs := Parse(f)
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	type doc struct {
		index, item int
		kind, name  string
		line        int
	}
	var got []doc
	for _, d := range docs {
		got = append(got, doc{d.Index, d.Item, d.Kind, d.Name, f.Position(d.Span().Start).Line})
	}
	want := []doc{
		{0, -1, "ConfigMap", "first", 3},
		{1, -1, "List", "", 11},
		{1, 0, "DaemonSet", "item0", 14},
		{1, 1, "Service", "item1", 18},
		{2, -1, "DaemonSet", "third", 20},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d documents %v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("document %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if docs[0].Namespace != "ns" || docs[0].APIVersion != "v1" {
		t.Errorf("header = %q %q", docs[0].APIVersion, docs[0].Namespace)
	}
	if !docs[1].IsList() || docs[2].IsList() || docs[2].List != docs[1] {
		t.Error("List structure is wrong")
	}
	if g, v := docs[2].GroupVersion(); g != "apps" || v != "v1" {
		t.Errorf("GroupVersion = %q %q", g, v)
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "\n\n", "# just a comment\n", "---\n---\n# c\n---\n", "\ufeff"} {
		docs, errs := Parse(NewFile("t.yaml", []byte(src)))
		if len(docs) != 0 || len(errs) != 0 {
			t.Errorf("Parse(%q) = %d documents, %d errors; want none", src, len(docs), len(errs))
		}
	}
}

func TestParseSyntaxErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		src      string
		line     int
		msg      string
		docsLeft int // documents parsed around the error
	}{
		{"flow not closed", "a: 1\n---\nb: [1, 2\n---\nc: 3\n", 3, "did not find expected ',' or ']'", 2},
		{"mapping values", "a: 1\nb: 2\nc: 3\n  d: 4\n", 4, "mapping values are not allowed", 0},
		{"bad indentation", "a:\n  b: 1\n c: 2\n", 3, "did not find expected key", 0},
		{"tab", "a: 1\n\tb: 2\n", 2, "found a tab character", 0},
		{"invalid utf-8", "a: 1\nb: \xff\n", 2, "not valid UTF-8", 0},
		{"nul byte", "a: 1\nb: \x00\n", 2, "NUL byte", 0},
		{"unknown anchor", "a: 1\nb: *nope\n", 2, "alias to an unknown anchor", 0},
		{"first line", "a: b: c\n", 1, "mapping values are not allowed", 0},
		{"unterminated quote", "a: 1\nb: \"abc\n", 2, "found unexpected end of stream", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := NewFile("t.yaml", []byte(tc.src))
			docs, errs := Parse(f)
			if len(errs) != 1 {
				t.Fatalf("got %d syntax errors, want 1", len(errs))
			}
			e := errs[0]
			if e.Pos.Line != tc.line || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("error = %d: %q, want line %d with %q", e.Pos.Line, e.Msg, tc.line, tc.msg)
			}
			if f.Position(e.Offset) != e.Pos {
				t.Errorf("Offset %d is at %v, not %v", e.Offset, f.Position(e.Offset), e.Pos)
			}
			if len(docs) != tc.docsLeft {
				t.Errorf("%d documents parsed, want %d", len(docs), tc.docsLeft)
			}
			if !strings.HasPrefix(e.Error(), "t.yaml:") {
				t.Errorf("Error() = %q", e.Error())
			}
		})
	}
}

func TestParseDeepNesting(t *testing.T) {
	for _, src := range []string{strings.Repeat("[", 100000), strings.Repeat("a:\n", 1) + strings.Repeat("- ", 100000) + "x\n"} {
		docs, errs := Parse(NewFile("deep.yaml", []byte(src)))
		if len(errs) == 0 {
			// A deep block sequence may parse; it must then still convert
			// within the limits.
			for _, d := range docs {
				d.JSON()
			}
			continue
		}
		if !strings.Contains(errs[0].Msg, "depth") && !strings.Contains(errs[0].Msg, "expected") {
			t.Errorf("error = %q", errs[0].Msg)
		}
	}
}

func TestLookup(t *testing.T) {
	src := `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: x
  labels:
    app: x
  annotations:
    controller.kubernetes.io/pod-deletion-cost: "1"
spec:
  template:
    spec:
      containers:
      - name: a
      - name: b
        ports:
        - containerPort: 80
data:
  a: x
  "true": quoted-but-earlier
  on: yes
  0x1F: hex
  Off: last
`
	f := NewFile("t.yaml", []byte(src))
	docs, _ := Parse(f)
	d := docs[0]
	for _, tc := range []struct {
		path  string
		found string
		exact bool
		line  int
		text  string // start of the span's text
	}{
		{"spec.template.spec.containers[1].name", "spec.template.spec.containers[1].name", true, 14, "name: b"},
		{"metadata.labels[app]", "metadata.labels[app]", true, 6, "app: x"},
		{"metadata.annotations[controller.kubernetes.io/pod-deletion-cost]", "metadata.annotations[controller.kubernetes.io/pod-deletion-cost]", true, 8, "controller.kubernetes.io"},
		{"spec.selector", "spec", false, 9, "spec:"},
		{"spec.template.spec.containers[1].ports[0].containerPort", "spec.template.spec.containers[1].ports[0].containerPort", true, 16, "containerPort: 80"},
		{"spec.template.spec.containers[5].name", "spec.template.spec.containers", false, 12, "containers:"},
		{"spec.template.spec.containers[0].volumeMounts.subPath", "spec.template.spec.containers[0]", false, 13, "name: a"},
		{"", "", true, 1, "apiVersion"},
		// Keys as kubectl sends them: on is "true", 0x1F is "31"; the last
		// of keys that send the same name counts.
		{"data[true]", "data[true]", true, 20, "on: yes"},
		{"data[31]", "data[31]", true, 21, "0x1F: hex"},
		{"data[false]", "data[false]", true, 22, "Off: last"},
		// A key written as the path spells it is found too.
		{"data[on]", "data[on]", true, 20, "on: yes"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			loc := d.Lookup(tc.path)
			if loc.Found != tc.found || loc.Exact != tc.exact {
				t.Errorf("Lookup(%q) found %q exact=%v, want %q exact=%v", tc.path, loc.Found, loc.Exact, tc.found, tc.exact)
			}
			if got := f.Position(loc.Span.Start).Line; got != tc.line {
				t.Errorf("Lookup(%q) is on line %d, want %d", tc.path, got, tc.line)
			}
			if got := string(f.Src[loc.Span.Start:loc.Span.End]); !strings.HasPrefix(got, tc.text) {
				t.Errorf("Lookup(%q) spans %q, want it to start with %q", tc.path, got, tc.text)
			}
		})
	}
}

func TestParsePath(t *testing.T) {
	got := ParsePath("spec.template.annotations[a.b/c].x[3][k]")
	want := []PathElement{
		{Name: "spec", Index: -1}, {Name: "template", Index: -1}, {Name: "annotations", Index: -1},
		{Name: "a.b/c", Index: -1, Bracketed: true}, {Name: "x", Index: -1},
		{Name: "3", Index: 3, Bracketed: true}, {Name: "k", Index: -1, Bracketed: true},
	}
	if len(got) != len(want) {
		t.Fatalf("ParsePath = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("element %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
