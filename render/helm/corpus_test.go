package helm

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/render"
)

// sharedRepos returns the shared folder of real repositories with charts,
// found as internal/testcorpus finds the corpus: $DAEMONLINT_REPOS, or a
// shared/repos folder above the working directory. It skips the test when
// there is none.
func sharedRepos(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv("DAEMONLINT_REPOS"); dir != "" {
		return dir
	}
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		c := filepath.Join(dir, "shared", "repos")
		if fi, err := os.Stat(c); err == nil && fi.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("the shared repositories are not here; set DAEMONLINT_REPOS to run this test")
		}
		dir = parent
	}
}

func TestRealCharts(t *testing.T) {
	repos := sharedRepos(t)
	nvidia := "nvidia-device-plugin/deployments/helm/nvidia-device-plugin"
	tests := []struct {
		name     string
		chart    string
		opts     Options
		objects  int      // rendered objects of the first render (as SOURCES.md counts them, test hooks and CRDs added)
		kinds    []string // kinds that must be among them
		failFile string   // a render that fails there
		failLine int
	}{
		{"fluent-bit", "fluent-bit/charts/fluent-bit", Options{}, 7, []string{"DaemonSet", "ConfigMap", "Service", "Pod"}, "", 0},
		{"node-exporter", "node-exporter/charts/prometheus-node-exporter", Options{}, 3, []string{"DaemonSet", "Service", "ServiceAccount"}, "", 0},
		{"nvidia in default fails by design", nvidia, Options{}, 0, nil, nvidia + "/templates/validation.yml", 19},
		{"nvidia in its namespace", nvidia, Options{Namespace: "nvidia"}, 5, []string{"DaemonSet", "ServiceAccount"}, "", 0},
		{"nvidia with its packaged nfd subchart", nvidia, Options{Namespace: "nvidia", Set: []string{"gfd.enabled=true"}}, -1, []string{"DaemonSet", "Deployment"}, "", 0},
		{"nfd", "nfd/deployment/helm/node-feature-discovery", Options{}, 21, []string{"DaemonSet", "Deployment", "ConfigMap"}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(repos, tt.chart)
			outs, fails := Render(dir, tt.opts)
			if tt.failFile != "" {
				if len(fails) != 1 || fails[0].File != filepath.Join(repos, tt.failFile) || fails[0].Line != tt.failLine {
					t.Fatalf("failures: got %+v, want one at %s:%d", fails, tt.failFile, tt.failLine)
				}
				if !strings.Contains(fails[0].Message, "Running in the 'default' namespace is not recommended") {
					t.Errorf("message: %q", fails[0].Message)
				}
				return
			}
			if len(fails) != 0 {
				t.Fatalf("failures: %+v", fails)
			}
			kinds := map[string]int{}
			first := 0
			for _, o := range outs {
				checkMap(t, o)
				dec := yaml.NewDecoder(strings.NewReader(string(o.Src)))
				for {
					var obj struct {
						Kind string `yaml:"kind"`
					}
					if err := dec.Decode(&obj); err != nil {
						if err.Error() != "EOF" {
							t.Errorf("%s: rendered YAML does not parse: %v", o.Name, err)
						}
						break
					}
					if obj.Kind != "" {
						kinds[obj.Kind]++
						if len(o.Origin.Values) == 1 {
							first++
						}
					}
				}
				// Each object's kind line maps into the template that
				// holds it, exactly or at an action.
				for off := 0; ; {
					k := strings.Index(string(o.Src[off:]), "\nkind: ")
					if k < 0 {
						break
					}
					start := off + k + 1
					loc := o.Map.Locate(start, start+len("kind"))
					if !strings.HasPrefix(loc.File, dir) {
						t.Errorf("%s: kind at %d maps to %s, outside the chart", o.Name, start, loc.File)
					}
					off = start
				}
			}
			if tt.objects >= 0 && first != tt.objects {
				t.Errorf("objects of the first render: got %d, want %d (%v)", first, tt.objects, kinds)
			}
			t.Logf("%d objects of the first render: %v", first, kinds)
			// Lint the outputs and map every finding back: each lands on
			// a line of a file of the chart. The API server accepts every
			// object of these renders (the oracle's verdict on the
			// default render, as SOURCES.md records), so no finding may be
			// an error.
			files := make([]*manifest.File, len(outs))
			for i, o := range outs {
				files[i] = manifest.NewFile(strconv.Itoa(i), o.Src)
			}
			res, err := lint.Run(files, lint.Options{Rules: rules.All()})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Diagnostics {
				i, _ := strconv.Atoi(d.File)
				f, err := render.MapDiagnostic(d, outs[i], os.ReadFile)
				if err != nil {
					t.Fatal(err)
				}
				md := f.Diagnostic
				src, _ := os.ReadFile(md.File)
				if !strings.HasPrefix(md.File, dir) || md.Start.Line < 1 || md.Start.Line > bytes.Count(src, []byte("\n"))+1 {
					t.Errorf("%s: finding mapped to %s:%d", outs[i].Name, md.File, md.Start.Line)
				}
				if d.Severity == lint.Error {
					t.Errorf("%s:%d: error on an object the API server accepts: %s (%s)", md.File, md.Start.Line, md.Message, md.Rule)
				}
			}
			for _, k := range tt.kinds {
				if kinds[k] == 0 {
					t.Errorf("no %s rendered; got %v", k, kinds)
				}
			}
		})
	}
}
