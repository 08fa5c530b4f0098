package benchgen

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestSameBytes(t *testing.T) {
	tests := []struct {
		name string
		gen  func() []byte
	}{
		{"file", func() []byte { return New(1).File(20) }},
		{"stream", func() []byte { return New(3).Stream(1 << 20) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := tt.gen(), tt.gen()
			if !bytes.Equal(a, b) {
				t.Errorf("two generators with the same seed wrote different bytes")
			}
		})
	}
}

// TestPinnedBytes pins the pre-commit file: the corpus must be the same on
// every machine, so a change to the generator shows up here and in the
// README's composition paragraph together.
func TestPinnedBytes(t *testing.T) {
	got := fmt.Sprintf("%x", sha256.Sum256(New(1).File(20)))
	want := "67d3b592b7260488714029d9229e1db6f36b825ed4bd654e67b91c221a729545"
	if got != want {
		t.Errorf("sha256 of New(1).File(20) = %s, want %s", got, want)
	}
}

func TestDocuments(t *testing.T) {
	g := New(2)
	const n = 5000
	kinds := map[string]int{}
	mistakes := map[Mistake]int{}
	maxDaemonSet, minLines := 0, 1<<30
	for i := 0; i < n; i++ {
		var b bytes.Buffer
		kind, m := g.Document(&b)
		kinds[kind]++
		mistakes[m]++
		var doc struct {
			Kind string `yaml:"kind"`
		}
		dec := yaml.NewDecoder(bytes.NewReader(b.Bytes()))
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("document %d (%s) does not parse: %v\n%s", i, kind, err, b.Bytes())
		}
		if doc.Kind != kind {
			t.Errorf("document %d: kind %q, Document said %q", i, doc.Kind, kind)
		}
		var extra yaml.Node
		if err := dec.Decode(&extra); err == nil {
			t.Errorf("document %d (%s) holds more than one document", i, kind)
		}
		lines := bytes.Count(b.Bytes(), []byte("\n"))
		if kind == "DaemonSet" {
			maxDaemonSet = max(maxDaemonSet, lines)
		}
		minLines = min(minLines, lines)
	}
	share := func(count int) float64 { return float64(count) / n }
	checks := []struct {
		name     string
		got      float64
		min, max float64
	}{
		{"DaemonSet share", share(kinds["DaemonSet"]), 0.27, 0.33},
		{"Deployment share", share(kinds["Deployment"]), 0.22, 0.28},
		{"mistaken share", 1 - share(mistakes[""]), 0.08, 0.12},
		{"largest DaemonSet's lines", float64(maxDaemonSet), 400, 800},
		{"smallest document's lines", float64(minLines), 1, 20},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if c.got < c.min || c.got > c.max {
				t.Errorf("got %v, want between %v and %v", c.got, c.min, c.max)
			}
		})
	}
	for _, k := range []string{"ConfigMap", "Service", "StatefulSet", "ReplicaSet", "Job", "Pod"} {
		if kinds[k] == 0 {
			t.Errorf("no %s among %d documents", k, n)
		}
	}
	for _, m := range []Mistake{SelectorMismatch, BadLabel, UnknownField, WrongType, DaemonSetReplicas} {
		if mistakes[m] == 0 {
			t.Errorf("no document with mistake %s among %d documents", m, n)
		}
	}
}

func TestStreamSize(t *testing.T) {
	for _, size := range []int{1, 10 << 10, 1 << 20} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			got := len(New(3).Stream(size))
			if got < size {
				t.Errorf("Stream(%d) wrote %d bytes, want at least %d", size, got, size)
			}
		})
	}
}

// TestChart checks the chart of Chart: its files, the same bytes from the
// same seed, and no template marker of a document left as an action.
func TestChart(t *testing.T) {
	got, again := New(4).Chart(20), New(4).Chart(20)
	if len(got) != 22 {
		t.Fatalf("Chart(20) wrote %d files, want Chart.yaml, values.yaml and 20 templates", len(got))
	}
	for _, name := range []string{"Chart.yaml", "values.yaml", "templates/00.yaml", "templates/19.yaml"} {
		if _, ok := got[name]; !ok {
			t.Errorf("Chart(20) wrote no %s", name)
		}
	}
	for name, data := range got {
		if !bytes.Equal(data, again[name]) {
			t.Errorf("%s: two generators with the same seed wrote different bytes", name)
		}
		if !strings.HasPrefix(name, "templates/") {
			continue
		}
		first, rest, _ := strings.Cut(string(data), "\n")
		if first != "# release {{ .Release.Name }}" {
			t.Errorf("%s begins with %q, want the release action", name, first)
		}
		if n, escaped := strings.Count(rest, "{{"), strings.Count(rest, `{{ "{{" }}`); n != 2*escaped {
			t.Errorf("%s holds %d template markers, %d of them escaped", name, n, escaped)
		}
	}
}
