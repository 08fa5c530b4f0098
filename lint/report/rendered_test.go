package report_test

import (
	"encoding/json"
	"github.com/daemonlint/daemonlint/manifest"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/report"
)

// renderedResult is a result with one finding on a chart's template, as
// daemonlint lint makes it: the file and position are the template's, the
// template is a source (not a linted file), and the rendered line differs.
func renderedResult() (*lint.Result, report.Options) {
	tmpl := manifest.NewFile("charts/agent/templates/ds.yaml", []byte("spec:\n  replicas: {{ .Values.replicas }}\n"))
	d := lint.Diagnostic{
		File: tmpl.Name, Span: manifest.Span{Start: 8, End: 40}, Start: tmpl.Position(8), End: tmpl.Position(40),
		Rule: "daemonset-replicas", Severity: lint.Error, Field: "spec.replicas", Message: "replicas is not a field of a DaemonSet",
		Rendered: &lint.Rendered{Kind: "chart", Root: "charts/agent", Values: []string{"values.yaml"}, Line: 9, Text: "  replicas: 2"},
	}
	res := &lint.Result{Diagnostics: []lint.Diagnostic{d}, Documents: 3}
	return res, report.Options{Sources: []*manifest.File{tmpl}, Built: report.Built{Charts: 1, Renders: 3}}
}

func TestTextRendered(t *testing.T) {
	res, opts := renderedResult()
	got := string(write(t, "text", opts, res))
	want := `charts/agent/templates/ds.yaml:2:3: error: replicas is not a field of a DaemonSet (daemonset-replicas)
    2 |   replicas: {{ .Values.replicas }}
      |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
      = rendered line 9:   replicas: 2
1 chart (3 renders), 3 documents: 1 error, 0 warnings, 0 infos
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestJSONRendered(t *testing.T) {
	res, opts := renderedResult()
	var out report.JSONOutput
	if err := json.Unmarshal(write(t, "json", opts, res), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Diagnostics) != 1 {
		t.Fatalf("got %d diagnostics, want 1", len(out.Diagnostics))
	}
	r := out.Diagnostics[0].Rendered
	if r == nil || r.Chart != "charts/agent" || r.Kustomization != "" || strings.Join(r.Values, ",") != "values.yaml" || r.Line != 9 {
		t.Errorf("rendered = %+v, want chart charts/agent, values [values.yaml], line 9", r)
	}
	if got, want := out.Summary, (report.Summary{Charts: 1, Renders: 3, Documents: 3, Errors: 1}); got != want {
		t.Errorf("summary = %+v, want %+v", got, want)
	}
}

func TestGitHubRendered(t *testing.T) {
	res, opts := renderedResult()
	got := string(write(t, "github", opts, res))
	if !strings.Contains(got, "file=charts/agent/templates/ds.yaml,line=2,") {
		t.Errorf("got %q, want an annotation at the template's line 2", got)
	}
}

func TestJUnitRendered(t *testing.T) {
	res, opts := renderedResult()
	got := string(write(t, "junit", opts, res))
	for _, want := range []string{
		`<testsuites name="daemonlint" tests="1" failures="1" errors="0">`,
		`<testsuite name="charts/agent/templates/ds.yaml" tests="1" failures="1"`,
		`file="charts/agent/templates/ds.yaml"`,
		`2:3: replicas is not a field of a DaemonSet (daemonset-replicas)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("got\n%s\nwant it to contain %q", got, want)
		}
	}
}
