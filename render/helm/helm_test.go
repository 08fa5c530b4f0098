package helm

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"

	"helm.sh/helm/v4/pkg/chart/v2/loader"

	"github.com/daemonlint/daemonlint/render"
)

func TestRenderAgent(t *testing.T) {
	const chart = "testdata/agent"
	outs, fails := Render(chart, Options{})
	if len(fails) != 0 {
		t.Fatalf("failures: %+v", fails)
	}
	t.Run("three renders: values.yaml and each ci values file", func(t *testing.T) {
		var got []string
		for _, o := range outs {
			if strings.HasSuffix(o.Name, "/daemonset.yaml") {
				got = append(got, strings.Join(o.Origin.Values, ","))
			}
		}
		want := []string{"values.yaml", "values.yaml,ci/ports-values.yaml", "values.yaml,ci/small-values.yaml"}
		if !slices.Equal(got, want) {
			t.Errorf("renders: got %q, want %q", got, want)
		}
	})
	t.Run("outputs are per template file; NOTES.txt and partials are not", func(t *testing.T) {
		var got []string
		for _, o := range outs {
			if len(o.Origin.Values) == 1 {
				got = append(got, o.Name)
			}
			if o.Origin.Kind != "chart" || o.Origin.Root != chart {
				t.Errorf("%s: origin %+v", o.Name, o.Origin)
			}
		}
		want := []string{"testdata/agent/templates/daemonset.yaml", "testdata/agent/templates/tests/test-connection.yaml"}
		if !slices.Equal(got, want) {
			t.Errorf("outputs: got %q, want %q", got, want)
		}
	})

	ds := renderByFile(t, chart, Options{}, "values.yaml")["templates/daemonset.yaml"]
	file := filepath.Join(chart, "templates", "daemonset.yaml")
	tests := []struct {
		name   string
		needle string
		nth    int
		line   int
		col    int
		exact  bool
		note   string
	}{
		{"misspelled kind is exact at column 7", "Daemonset", 0, 2, 7, true, ""},
		{"selector labels from include", "app.kubernetes.io/name: agent\n", 0, 11, 0, false, `include "agent.selectorLabels", defined at templates/_helpers.tpl:5`},
		{"template labels from include", "helm.sh/chart: agent-0.1.0", 1, 15, 0, false, `include "agent.labels", defined at templates/_helpers.tpl:10`},
		{"replicas key is literal", "replicas", 0, 8, 3, true, ""},
		{"literal text in a range is not exact", "protocol: TCP", 0, 24, 0, false, "in the range at line 21"},
		{"replicas value from values", "2", 0, 8, 0, false, "from values.yaml: replicas"},
		{"replicas line", "replicas: 2", 0, 8, 0, false, "from values.yaml: replicas"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := findNth(t, ds.Src, tt.needle, tt.nth)
			if tt.needle == "2" {
				start = findNth(t, ds.Src, "replicas: 2", 0) + len("replicas: ")
			}
			loc := ds.Map.Locate(start, start+len(strings.TrimSuffix(tt.needle, "\n")))
			if loc.File != file {
				t.Fatalf("file: got %q, want %q", loc.File, file)
			}
			line, col := lineCol(t, loc.File, loc.Start)
			if line != tt.line {
				t.Errorf("line: got %d, want %d", line, tt.line)
			}
			if loc.Exact != tt.exact {
				t.Errorf("exact: got %v, want %v", loc.Exact, tt.exact)
			}
			if tt.exact && col != tt.col {
				t.Errorf("column: got %d, want %d", col, tt.col)
			}
			if tt.exact && loc.End-loc.Start != len(tt.needle) {
				t.Errorf("exact range: got [%d, %d), want %d bytes", loc.Start, loc.End, len(tt.needle))
			}
			if !strings.Contains(loc.Note, tt.note) {
				t.Errorf("note: got %q, want it to hold %q", loc.Note, tt.note)
			}
		})
	}
	t.Run("the note names the ci values file that set the key", func(t *testing.T) {
		o := renderByFile(t, chart, Options{}, "ci/small-values.yaml")["templates/daemonset.yaml"]
		start := findNth(t, o.Src, "replicas: 1", 0)
		loc := o.Map.Locate(start, start+len("replicas: 1"))
		if want := "from ci/small-values.yaml: replicas"; loc.Note != want {
			t.Errorf("note: got %q, want %q", loc.Note, want)
		}
	})
}

func TestRenderOptions(t *testing.T) {
	const chart = "testdata/agent"
	tests := []struct {
		name   string
		opts   Options
		values []string
		want   string // in the rendered DaemonSet
		note   string // the note at "replicas: "
	}{
		{"set", Options{Set: []string{"replicas=5"}}, []string{"values.yaml"}, "replicas: 5", "from --set: replicas"},
		{"values file", Options{ValuesFiles: []string{"testdata/agent/ci/small-values.yaml"}}, []string{"values.yaml", "ci/small-values.yaml"}, "replicas: 1", "from ci/small-values.yaml: replicas"},
		{"values file then set", Options{ValuesFiles: []string{"testdata/agent/ci/small-values.yaml"}, Set: []string{"image.tag=2.0"}}, []string{"values.yaml", "ci/small-values.yaml"}, `agent:2.0"`, "from ci/small-values.yaml: replicas"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, fails := Render(chart, tt.opts)
			if len(fails) != 0 {
				t.Fatalf("failures: %+v", fails)
			}
			var ds *render.Output
			for i, o := range outs {
				if strings.HasSuffix(o.Name, "/daemonset.yaml") {
					if ds != nil {
						t.Fatal("more than one render")
					}
					ds = &outs[i]
				}
			}
			if ds == nil {
				t.Fatal("no DaemonSet output")
			}
			if !slices.Equal(ds.Origin.Values, tt.values) {
				t.Errorf("values: got %q, want %q", ds.Origin.Values, tt.values)
			}
			if !strings.Contains(string(ds.Src), tt.want) {
				t.Fatalf("rendered output does not hold %q:\n%s", tt.want, ds.Src)
			}
			start := findNth(t, ds.Src, "replicas: ", 0)
			if loc := ds.Map.Locate(start, start+len("replicas: x")); loc.Note != tt.note {
				t.Errorf("note: got %q, want %q", loc.Note, tt.note)
			}
		})
	}
}

func TestRenderNamespaceAndCapabilities(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Chart.yaml", "apiVersion: v2\nname: caps\nversion: 0.1.0\nkubeVersion: \">=1.30.0-0\"\n")
	write(t, dir, "templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\ndata:\n  kube: {{ .Capabilities.KubeVersion.Version | quote }}\n  install: {{ .Release.IsInstall | quote }}\n")
	tests := []struct {
		name string
		opts Options
		want string
		fail string
	}{
		{"defaults", Options{}, "name: release-name\n  namespace: default\ndata:\n  kube: \"v1.37.2\"\n  install: \"true\"\n", ""},
		{"given", Options{Namespace: "kube-system", KubeVersion: "1.31.4"}, "namespace: kube-system\ndata:\n  kube: \"v1.31.4\"", ""},
		{"incompatible kubeVersion", Options{KubeVersion: "1.29.0"}, "", "chart requires kubeVersion: >=1.30.0-0 which is incompatible with Kubernetes v1.29.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, fails := Render(dir, tt.opts)
			if tt.fail != "" {
				if len(fails) != 1 || fails[0].Message != tt.fail || fails[0].File != filepath.Join(dir, "Chart.yaml") {
					t.Fatalf("failures: got %+v, want one at Chart.yaml: %q", fails, tt.fail)
				}
				return
			}
			if len(fails) != 0 || len(outs) != 1 {
				t.Fatalf("got %d outputs and failures %+v", len(outs), fails)
			}
			if !strings.Contains(string(outs[0].Src), tt.want) {
				t.Errorf("rendered:\n%s\nwant it to hold:\n%s", outs[0].Src, tt.want)
			}
		})
	}
}

func TestRenderFailures(t *testing.T) {
	tests := []struct {
		name    string
		chart   string
		opts    Options
		file    string
		line    int
		message string
		outputs int // of the renders that did not fail
	}{
		{"required", "testdata/required", Options{}, "testdata/required/templates/pod.yaml", 8, "image is required", 0},
		{"parse error", "testdata/badparse", Options{}, "testdata/badparse/templates/cm.yaml", 6, `function "nosuchfunc" not defined`, 0},
		{"values file that fails the schema; values.yaml renders", "testdata/schema", Options{}, "testdata/schema/ci/bad-values.yaml", 1, "at '/replicas': got string, want integer", 1},
		{"the values file that sets the failing key, not the last", "testdata/schema", Options{ValuesFiles: []string{"testdata/schema/ci/bad-values.yaml", "testdata/schema/extra.yaml"}}, "testdata/schema/ci/bad-values.yaml", 1, "at '/replicas': got string, want integer", 0},
		{"set that fails the schema", "testdata/schema", Options{Set: []string{"replicas=x"}}, "testdata/schema/values.yaml", 1, "at '/replicas': got string, want integer", 0},
		{"missing values file", "testdata/agent", Options{ValuesFiles: []string{"testdata/agent/nope.yaml"}}, "testdata/agent/nope.yaml", 0, "reading values", 0},
		{"values file that is not YAML", "testdata/agent", Options{ValuesFiles: []string{"testdata/bad-values.yaml"}}, "testdata/bad-values.yaml", 2, "parsing values", 0},
		{"bad --set", "testdata/agent", Options{Set: []string{"a[x]=1"}}, "testdata/agent", 0, "parsing --set", 0},
		{"not a chart", "testdata", Options{}, "testdata/Chart.yaml", 0, "loading chart", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, fails := Render(tt.chart, tt.opts)
			if len(fails) != 1 {
				t.Fatalf("failures: got %+v, want 1", fails)
			}
			f := fails[0]
			if f.File != tt.file || f.Line != tt.line {
				t.Errorf("at: got %s:%d, want %s:%d", f.File, f.Line, tt.file, tt.line)
			}
			if !strings.Contains(f.Message, tt.message) {
				t.Errorf("message: got %q, want it to hold %q", f.Message, tt.message)
			}
			if len(outs) != tt.outputs {
				t.Errorf("outputs: got %d, want %d", len(outs), tt.outputs)
			}
		})
	}
}

func TestRenderArchive(t *testing.T) {
	ch, err := loader.Load("testdata/agent")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tgz, err := chartutil.Save(ch, dir)
	if err != nil {
		t.Fatal(err)
	}
	if !IsChartArchive(tgz) {
		t.Errorf("IsChartArchive(%q) = false", tgz)
	}
	outs, fails := Render(tgz, Options{})
	if len(fails) != 0 {
		t.Fatalf("failures: %+v", fails)
	}
	if len(outs) != 2 {
		t.Fatalf("outputs: got %d, want 2 (a packaged chart has no ci/ renders)", len(outs))
	}
	start := findNth(t, outs[0].Src, "Daemonset", 0)
	loc := outs[0].Map.Locate(start, start+len("Daemonset"))
	if loc.File != tgz || loc.Exact || loc.Note != "in the packaged chart, templates/daemonset.yaml:2" {
		t.Errorf("location in a packaged chart: got %+v, want the archive, not exact, naming the template", loc)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{
		"charts/agent/Chart.yaml", "charts/agent/values.yaml", "charts/agent/values.schema.json",
		"charts/agent/ci/a-values.yaml", "charts/agent/templates/ds.yaml", "charts/agent/.helmignore",
		"charts/agent/charts/sub/Chart.yaml", "charts/agent/charts/lib-1.0.0.tgz",
		"deploy/ds.yaml", "vendor/x/Chart.yaml", ".github/y/Chart.yaml", "node_modules/z/Chart.yaml",
		"other/Chart.yaml", "other/templates/a.yaml",
	} {
		write(t, root, f, "x: 1\n")
	}
	charts, err := Find(root)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range charts {
		rel, _ := filepath.Rel(root, c.Dir)
		got = append(got, rel)
	}
	if want := []string{"charts/agent", "other"}; !slices.Equal(got, want) {
		t.Fatalf("charts: got %q, want %q", got, want)
	}
	var files []string
	for _, f := range charts[0].Files {
		rel, _ := filepath.Rel(charts[0].Dir, f)
		files = append(files, filepath.ToSlash(rel))
	}
	want := []string{".helmignore", "Chart.yaml", "charts/lib-1.0.0.tgz", "charts/sub/Chart.yaml", "ci/a-values.yaml", "templates/ds.yaml", "values.schema.json", "values.yaml"}
	if !slices.Equal(files, want) {
		t.Errorf("files: got %q, want %q", files, want)
	}
	if !charts[0].Has(filepath.Join(root, "charts/agent/templates/ds.yaml")) || charts[0].Has(filepath.Join(root, "deploy/ds.yaml")) {
		t.Error("Chart.Has is wrong")
	}
	if !IsChartDir(filepath.Join(root, "other")) || IsChartDir(filepath.Join(root, "deploy")) {
		t.Error("IsChartDir is wrong")
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRenderCRDs(t *testing.T) {
	const chart = "testdata/idioms"
	const crd = "testdata/idioms/crds/widgets.yaml"
	tests := []struct {
		name string
		opts Options
		want int
	}{
		{"crds are outputs", Options{}, 1},
		{"SkipCRDs leaves them out", Options{SkipCRDs: true}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, fails := Render(chart, tt.opts)
			if len(fails) != 0 {
				t.Fatal(fails)
			}
			var got []render.Output
			for _, o := range outs {
				if o.Name == crd {
					got = append(got, o)
				}
			}
			if len(got) != tt.want {
				t.Fatalf("crd outputs: got %d, want %d", len(got), tt.want)
			}
			if tt.want == 0 {
				return
			}
			src, _ := os.ReadFile(crd)
			if string(got[0].Src) != string(src) {
				t.Error("crd output is not the file's bytes")
			}
			start := strings.Index(string(src), "Widget")
			if loc := got[0].Map.Locate(start, start+6); loc != (render.Location{File: crd, Start: start, End: start + 6, Exact: true}) {
				t.Errorf("location: got %+v", loc)
			}
		})
	}
}

func TestRenderSubcharts(t *testing.T) {
	const chart = "testdata/parent"
	outs := renderByFile(t, chart, Options{}, "values.yaml")
	var names []string
	for k := range outs {
		names = append(names, k)
	}
	slices.Sort(names)
	if want := []string{"charts/child/templates/svc.yaml", "templates/cm.yaml"}; !slices.Equal(names, want) {
		t.Fatalf("outputs: got %q, want %q (a library chart renders nothing of its own)", names, want)
	}
	tests := []struct {
		name, template, needle, file string
		line                         int
		exact                        bool
		note                         string
	}{
		{"subchart literal", "charts/child/templates/svc.yaml", "kind: Service", "testdata/parent/charts/child/templates/svc.yaml", 2, true, ""},
		{"subchart value set by the parent", "charts/child/templates/svc.yaml", "port: 8080", "testdata/parent/charts/child/templates/svc.yaml", 7, false, "from values.yaml: child.port"},
		{"subchart value of its own", "charts/child/templates/svc.yaml", "name: child-svc", "testdata/parent/charts/child/templates/svc.yaml", 4, false, "from values.yaml of child: name"},
		{"include from a library chart", "templates/cm.yaml", "app.kubernetes.io/part-of: parent", "testdata/parent/templates/cm.yaml", 6, false, `include "lib.labels", defined at charts/lib/templates/_labels.tpl:1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := outs[tt.template]
			start := findNth(t, o.Src, tt.needle, 0)
			loc := o.Map.Locate(start, start+len(tt.needle))
			if loc.File != tt.file {
				t.Fatalf("file: got %q, want %q", loc.File, tt.file)
			}
			if line, _ := lineCol(t, loc.File, loc.Start); line != tt.line || loc.Exact != tt.exact {
				t.Errorf("got line %d exact %v, want line %d exact %v", line, loc.Exact, tt.line, tt.exact)
			}
			if !strings.Contains(loc.Note, tt.note) {
				t.Errorf("note: got %q, want it to hold %q", loc.Note, tt.note)
			}
		})
	}
}
