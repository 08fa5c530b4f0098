package helm_test

import (
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/render"
	"github.com/daemonlint/daemonlint/render/helm"
)

// lintChart renders chart, lints every output and maps the findings back
// to the chart's files, reported once across renders.
func lintChart(t *testing.T, chart string, opts helm.Options) []render.Finding {
	t.Helper()
	outs, fails := helm.Render(chart, opts)
	var found []render.Finding
	for _, f := range fails {
		found = append(found, render.FailureDiagnostic(f, os.ReadFile))
	}
	files := make([]*manifest.File, len(outs))
	byName := map[string]render.Output{}
	for i, o := range outs {
		// Outputs of different renders share a name; lint them apart.
		name := o.Name + "@" + strings.Join(o.Origin.Values, ",")
		files[i] = manifest.NewFile(name, o.Src)
		byName[name] = o
	}
	res, err := lint.Run(files, lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		f, err := render.MapDiagnostic(d, byName[d.File], os.ReadFile)
		if err != nil {
			t.Fatal(err)
		}
		found = append(found, f)
	}
	return render.Dedupe(found)
}

func TestLintAgentAtTemplateLines(t *testing.T) {
	found := lintChart(t, "testdata/agent", helm.Options{})
	// With its kind misspelled the DaemonSet rules do not read the
	// object: fix the kind (as --fix does, in the template) and lint the
	// chart again for them.
	fixed := copyChart(t, "testdata/agent")
	fixedDS := filepath.Join(fixed, "templates", "daemonset.yaml")
	for _, f := range found {
		if f.Diagnostic.Rule == "kind-spelling" && len(f.Diagnostic.Fixes) > 0 {
			src, err := os.ReadFile(fixedDS)
			if err != nil {
				t.Fatal(err)
			}
			out, err := manifest.ApplyEdits(src, f.Diagnostic.Fixes[0].Edits)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(fixedDS, out, 0o644); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	foundFixed := lintChart(t, fixed, helm.Options{})
	tests := []struct {
		fixed   bool
		name    string
		rule    string
		line    int
		col     int
		message string // a substring
		fix     bool
		renders int
	}{
		{false, "misspelled kind at the template's column 7, with its fix", "kind-spelling", 2, 7, "Daemonset", true, 3},
		{true, "selector at the include that wrote the template labels, with the rendered labels", "selector-mismatch", 15, 9, "app.kubernetes.io/name", false, 3},
		{true, "replicas at its template line", "daemonset-replicas", 8, 3, "from values.yaml: replicas", false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found, ds := found, filepath.Join("testdata", "agent", "templates", "daemonset.yaml")
			if tt.fixed {
				found, ds = foundFixed, fixedDS
			}
			var got []render.Finding
			for _, f := range found {
				if f.Diagnostic.Rule == tt.rule && f.Diagnostic.File == ds {
					got = append(got, f)
				}
			}
			if len(got) == 0 {
				var all []string
				for _, f := range found {
					all = append(all, f.Diagnostic.File+": "+f.Diagnostic.Rule+": "+f.Diagnostic.Message)
				}
				t.Fatalf("no %s finding on %s; got:\n%s", tt.rule, ds, strings.Join(all, "\n"))
			}
			d := got[0].Diagnostic
			if d.Start.Line != tt.line || d.Start.Column != tt.col {
				t.Errorf("position: got %d:%d, want %d:%d", d.Start.Line, d.Start.Column, tt.line, tt.col)
			}
			if !strings.Contains(d.Message, tt.message) {
				t.Errorf("message: got %q, want it to hold %q", d.Message, tt.message)
			}
			if (len(d.Fixes) > 0) != tt.fix {
				t.Errorf("fixes: got %+v, want a fix: %v", d.Fixes, tt.fix)
			}
			if len(got[0].Origins) != tt.renders {
				t.Errorf("renders: got %d (%s), want %d", len(got[0].Origins), got[0].RenderNames(), tt.renders)
			}
		})
	}
	t.Run("the kind fix edits exactly the template's bytes", func(t *testing.T) {
		for _, f := range found {
			if f.Diagnostic.Rule != "kind-spelling" || len(f.Diagnostic.Fixes) == 0 {
				continue
			}
			src, err := os.ReadFile(f.Diagnostic.File)
			if err != nil {
				t.Fatal(err)
			}
			got, err := manifest.ApplyEdits(src, f.Diagnostic.Fixes[0].Edits)
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Replace(string(src), "kind: Daemonset", "kind: DaemonSet", 1)
			if string(got) != want {
				t.Errorf("fixed template:\n%s\nwant:\n%s", got, want)
			}
			return
		}
		t.Fatal("no kind-spelling fix")
	})
	t.Run("no finding is on a file outside the chart's templates", func(t *testing.T) {
		for _, f := range found {
			if !strings.HasPrefix(f.Diagnostic.File, filepath.Join("testdata", "agent", "templates")) {
				t.Errorf("finding on %s: %s", f.Diagnostic.File, f.Diagnostic.Message)
			}
		}
	})
	t.Run("a failed render is one render finding at the line Helm names", func(t *testing.T) {
		found := lintChart(t, "testdata/required", helm.Options{})
		var renders []string
		for _, f := range found {
			if f.Diagnostic.Rule == "render" {
				renders = append(renders, f.Diagnostic.File+":"+strconv.Itoa(f.Diagnostic.Start.Line))
			}
		}
		if want := []string{filepath.Join("testdata", "required", "templates", "pod.yaml") + ":8"}; !slices.Equal(renders, want) {
			t.Errorf("render findings: got %q, want %q", renders, want)
		}
	})
}

// copyChart copies the chart in dir to a new temporary directory.
func copyChart(t *testing.T, dir string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(dir))
	if err := os.CopyFS(dst, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return dst
}
