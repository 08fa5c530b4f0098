package helm

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/render"
)

// renderByFile renders chart with opts and returns its outputs by the
// template's path in the chart, for the render whose values files end with
// lastValues ("values.yaml" for the chart's own).
func renderByFile(t *testing.T, chart string, opts Options, lastValues string) map[string]render.Output {
	t.Helper()
	outs, fails := Render(chart, opts)
	for _, f := range fails {
		t.Fatalf("render failed: %s:%d: %s", f.File, f.Line, f.Message)
	}
	m := map[string]render.Output{}
	for _, o := range outs {
		if v := o.Origin.Values; v[len(v)-1] != lastValues {
			continue
		}
		rel := strings.TrimPrefix(o.Name, filepath.ToSlash(chart)+"/")
		if _, dup := m[rel]; dup {
			t.Fatalf("two outputs for %s in one render", rel)
		}
		m[rel] = o
	}
	return m
}

// findNth returns the offset of the n-th (0-based) occurrence of needle.
func findNth(t *testing.T, src []byte, needle string, n int) int {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		k := bytes.Index(src[off:], []byte(needle))
		if k < 0 {
			t.Fatalf("%q (occurrence %d) not in rendered output:\n%s", needle, n, src)
		}
		if i == n {
			return off + k
		}
		off += k + len(needle)
	}
}

// lineCol returns the 1-based line and byte column of off in file.
func lineCol(t *testing.T, file string, off int) (int, int) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if off > len(src) {
		t.Fatalf("offset %d past the end of %s (%d bytes)", off, file, len(src))
	}
	ls := bytes.LastIndexByte(src[:off], '\n') + 1
	return bytes.Count(src[:off], []byte("\n")) + 1, off - ls + 1
}

func TestSourceMapIdioms(t *testing.T) {
	const chart = "testdata/idioms"
	outs := renderByFile(t, chart, Options{}, "values.yaml")
	tests := []struct {
		name     string
		template string
		needle   string
		nth      int
		line     int
		col      int // checked when exact
		exact    bool
		note     string // a substring of the note; "" means no note
	}{
		{"literal line", "templates/include.yaml", "kind: ConfigMap", 0, 2, 1, true, ""},
		{"literal value", "templates/include.yaml", "value", 0, 8, 8, true, ""},
		{"include nindent", "templates/include.yaml", "app: web", 0, 6, 0, false, `include "idioms.labels"`},
		{"second line of an include", "templates/include.yaml", "chart: idioms", 0, 6, 0, false, `include "idioms.labels"`},
		{"literal after an include", "templates/include.yaml", "data:", 1, 7, 1, true, ""},
		{"toYaml nindent", "templates/toyaml.yaml", "cpu: 100m", 0, 10, 0, false, "from values.yaml: resources"},
		{"literal before toYaml", "templates/toyaml.yaml", "resources:", 0, 9, 7, true, ""},
		{"with block", "templates/with.yaml", "team: infra", 0, 7, 0, false, "from values.yaml: labels"},
		{"literal inside with", "templates/with.yaml", "labels:", 0, 6, 3, true, ""},
		{"if true", "templates/with.yaml", `enabled: "yes"`, 0, 11, 3, true, ""},
		{"after an if that renders nothing", "templates/with.yaml", `last: "1"`, 0, 16, 3, true, ""},
		{"range first iteration", "templates/range.yaml", `"a.example.com"`, 0, 7, 0, false, "from values.yaml: hosts"},
		{"range later iteration", "templates/range.yaml", `"b.example.com"`, 0, 7, 0, false, "repeated by the range at line 6"},
		{"literal after range", "templates/range.yaml", `after: "1"`, 0, 9, 3, true, ""},
		{"mixed line, its literal part", "templates/trim.yaml", "name:", 0, 5, 3, true, ""},
		{"mixed line, its value", "templates/trim.yaml", "web-trim", 0, 5, 0, false, ""},
		{"trimmed line", "templates/trim.yaml", "apiVersion: v1", 0, 2, 1, true, ""},
		{"right-trimmed action", "templates/trim.yaml", "spaced", 0, 7, 0, false, ""},
		{"literal after an action on a line", "templates/trim.yaml", "# a comment", 0, 8, 29, true, ""},
		{"value inside quotes", "templates/trim.yaml", `"web"`, 0, 8, 0, false, "from values.yaml: name"},
		{"tpl", "templates/tpl.yaml", "color: web", 0, 6, 0, false, "from values.yaml: extra"},
		{"first document", "templates/multi.yaml", "name: first", 0, 4, 3, true, ""},
		{"document inside if", "templates/multi.yaml", "name: second", 0, 10, 3, true, ""},
		{"document separator", "templates/multi.yaml", "---", 1, 12, 1, true, ""},
		{"last document", "templates/multi.yaml", "name: third", 0, 16, 3, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, ok := outs[tt.template]
			if !ok {
				t.Fatalf("no output for %s", tt.template)
			}
			start := findNth(t, o.Src, tt.needle, tt.nth)
			loc := o.Map.Locate(start, start+len(tt.needle))
			want := filepath.Join(chart, tt.template)
			if loc.File != want {
				t.Fatalf("file: got %q, want %q", loc.File, want)
			}
			line, col := lineCol(t, loc.File, loc.Start)
			if line != tt.line {
				t.Errorf("line: got %d, want %d", line, tt.line)
			}
			if loc.Exact != tt.exact {
				t.Errorf("exact: got %v, want %v", loc.Exact, tt.exact)
			}
			if tt.exact {
				if col != tt.col {
					t.Errorf("column: got %d, want %d", col, tt.col)
				}
				src, _ := os.ReadFile(loc.File)
				if got := string(src[loc.Start:loc.End]); got != tt.needle {
					t.Errorf("exact bytes: got %q, want %q", got, tt.needle)
				}
			}
			if tt.note != "" && !strings.Contains(loc.Note, tt.note) {
				t.Errorf("note: got %q, want it to hold %q", loc.Note, tt.note)
			}
			if tt.exact && loc.Note != "" {
				t.Errorf("note on an exact span: %q", loc.Note)
			}
		})
	}
	t.Run("a template that renders to nothing has no output", func(t *testing.T) {
		if o, ok := outs["templates/empty.yaml"]; ok {
			t.Errorf("got an output for templates/empty.yaml: %q", o.Src)
		}
	})
	t.Run("partials are not outputs", func(t *testing.T) {
		if _, ok := outs["templates/_helpers.tpl"]; ok {
			t.Error("got an output for templates/_helpers.tpl")
		}
	})
}

// TestSourceMapEveryByte checks that every rendered byte maps into the
// template file's bytes, and that every Exact span holds the same bytes.
func TestSourceMapEveryByte(t *testing.T) {
	for _, chart := range []string{"testdata/idioms", "testdata/agent"} {
		outs, _ := Render(chart, Options{})
		for _, o := range outs {
			checkMap(t, o)
		}
	}
}

func checkMap(t *testing.T, o render.Output) {
	t.Helper()
	cache := map[string][]byte{}
	read := func(f string) []byte {
		if b, ok := cache[f]; ok {
			return b
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("%s: source map names %s: %v", o.Name, f, err)
		}
		cache[f] = b
		return b
	}
	starts := lineStarts(o.Src)
	for i, st := range starts {
		end := len(o.Src)
		if i+1 < len(starts) {
			end = starts[i+1] - 1
		}
		for _, span := range [][2]int{{st, end}, {st, min(st+1, end)}} {
			loc := o.Map.Locate(span[0], span[1])
			src := read(loc.File)
			if loc.Start < 0 || loc.End < loc.Start || loc.End > len(src) {
				t.Fatalf("%s line %d: location [%d, %d) outside %s (%d bytes)", o.Name, i+1, loc.Start, loc.End, loc.File, len(src))
			}
			if loc.Exact && !bytes.Equal(src[loc.Start:loc.End], o.Src[span[0]:span[1]]) {
				t.Errorf("%s line %d: exact location holds %q, rendered %q", o.Name, i+1, src[loc.Start:loc.End], o.Src[span[0]:span[1]])
			}
		}
	}
}

// TestSourceMapHostile builds maps of odd templates and outputs directly
// and checks that every span locates inside the template, exact only on
// equal bytes.
func TestSourceMapHostile(t *testing.T) {
	tests := []struct {
		name, tpl, out string
	}{
		{"unterminated action", "a: 1\nb: {{ .Values.x\n", "a: 1\n"},
		{"unterminated string in action", "a: {{ \"x }}\nb: 2\n", "a: x\nb: 2\n"},
		{"comment holding braces", "{{/* {{ }} */}}\na: 1\n", "\na: 1\n"},
		{"crlf", "a: 1\r\nb: {{ .Values.b }}\r\n", "a: 1\r\nb: 2\r\n"},
		{"byte-order mark", "\ufeffa: 1\n", "\ufeffa: 1\n"},
		{"output unrelated to template", "{{ .Values.all }}", "x: 1\ny: 2\nz: 3"},
		{"empty output", "{{- if false }}a{{ end }}", ""},
		{"empty template", "", "a: 1\n"},
		{"only trim markers", "{{- -}}{{-  -}}\n", "\n"},
		{"multi-byte text", "name: ünïcödé\nv: {{ .x }}ü\n", "name: ünïcödé\nv: 1ü\n"},
		{"no trailing newline", "a: 1\nb: 2", "a: 1\nb: 2"},
		{"action at end of file", "a: {{", "a: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTemplateMap(tplSource{file: "t.yaml", data: []byte(tt.tpl)}, []byte(tt.out), nil)
			for s := 0; s <= len(tt.out); s++ {
				for e := s; e <= len(tt.out) && e <= s+8; e++ {
					loc := m.Locate(s, e)
					if loc.File != "t.yaml" || loc.Start < 0 || loc.End < loc.Start || loc.End > len(tt.tpl) {
						t.Fatalf("Locate(%d, %d) = %+v, outside the template (%d bytes)", s, e, loc, len(tt.tpl))
					}
					if loc.Exact && tt.tpl[loc.Start:loc.End] != tt.out[s:e] {
						t.Fatalf("Locate(%d, %d) exact on %q, rendered %q", s, e, tt.tpl[loc.Start:loc.End], tt.out[s:e])
					}
				}
			}
			// Out-of-range spans are clamped, not a panic.
			_ = m.Locate(-5, len(tt.out)+10)
			_ = m.Locate(len(tt.out)+3, 1)
		})
	}
}

// TestTemplateMapAlignment checks the alignment on its own, on template
// and output pairs written out by hand.
func TestTemplateMapAlignment(t *testing.T) {
	tests := []struct {
		name, tpl, out, needle string
		nth                    int
		line                   int
		exact                  bool
		note                   string // a substring of the note, when set
	}{
		{"last line with its newline", "a: 1\nb: {{ .x }}\nc: 3\n", "a: 1\nb: 2\nc: 3\n", "c: 3", 0, 3, true, ""},
		{"last line without newline", "a: 1\nc: 3", "a: 1\nc: 3", "c: 3", 0, 2, true, ""},
		{"literal line preferred to a line with an action that fits too",
			"x:\n{{- if .a }}\n  path: /\n{{- end }}\n{{- range .m }}\n  path: {{ .p }}\n{{- end }}\n",
			"x:\n  path: /\n", "path: /", 0, 3, true, ""},
		{"span running from literal text into a skipped block", "a: 1\n{{- if .x }}\nb: 2\n{{- end }}\nc: 3\n", "a: 1\nc: 3\n", "a: 1\nc: 3", 0, 1, false, ""},
		{"span over contiguous literal lines", "a: 1\nb: 2\n", "a: 1\nb: 2\n", "a: 1\nb: 2", 0, 1, true, ""},
		{"generated line between literal lines", "a: 1\n{{ .x }}\nc: 3\n", "a: 1\nb: 2\nc: 3\n", "b: 2", 0, 2, false, ""},
		{"a key no values file sets", "a: {{ .Values.nope | default 3 }}\n", "a: 3\n", "3", 0, 1, false, "from .Values.nope, which no values file sets"},
		{"define blocks in a template are not matched", "{{- define \"x\" }}\nc: 3\n{{- end }}\na: 1\n{{ include \"x\" . }}\n", "a: 1\n\nc: 3\n", "c: 3", 0, 5, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTemplateMap(tplSource{file: "t.yaml", data: []byte(tt.tpl)}, []byte(tt.out), nil)
			start := findNth(t, []byte(tt.out), tt.needle, tt.nth)
			loc := m.Locate(start, start+len(tt.needle))
			line := strings.Count(tt.tpl[:loc.Start], "\n") + 1
			if line != tt.line || loc.Exact != tt.exact {
				t.Errorf("got line %d exact %v, want line %d exact %v (%+v)", line, loc.Exact, tt.line, tt.exact, loc)
			}
			if !strings.Contains(loc.Note, tt.note) {
				t.Errorf("note: got %q, want it to hold %q", loc.Note, tt.note)
			}
		})
	}
}
