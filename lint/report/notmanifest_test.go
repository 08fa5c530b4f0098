package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/report"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// notManifestResult lints a docker-compose file, a values file, a file
// that mixes a note with an object, and a manifest.
func notManifestResult(t *testing.T) *lint.Result {
	t.Helper()
	files := []*manifest.File{
		manifest.NewFile("docker-compose.yml", []byte("services:\n  web:\n    image: nginx\n")),
		manifest.NewFile("values.yaml", []byte("replicaCount: 1\n")),
		manifest.NewFile("mixed.yaml", []byte("notes: here\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")),
		manifest.NewFile("cm.yaml", []byte("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n")),
	}
	res, err := lint.Run(files, lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestNotManifestSummary checks that every format says how many documents
// and files were not Kubernetes objects.
func TestNotManifestSummary(t *testing.T) {
	res := notManifestResult(t)
	for _, tc := range []struct {
		format string
		want   []string
	}{
		{"text", []string{"4 files, 5 documents (3 not Kubernetes objects): 0 errors, 0 warnings, 0 infos; 2 files are not Kubernetes manifests\n"}},
		{"github", []string{"; 2 files are not Kubernetes manifests\n"}},
		{"sarif", []string{`"properties": {`, `"notManifestFiles": 2`, `"notManifests": 3`}},
		{"junit", []string{`<testsuite name="docker-compose.yml" tests="1" failures="0" errors="0" skipped="1">`,
			`<skipped message="not a Kubernetes object: no rule checks it"></skipped>`,
			`<testsuite name="mixed.yaml" tests="2" failures="0" errors="0" skipped="1">`,
			`<testsuite name="cm.yaml" tests="1" failures="0" errors="0" skipped="0">`}},
	} {
		t.Run(tc.format, func(t *testing.T) {
			rep, err := report.New(tc.format, report.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := rep.Report(&buf, res); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("%s output does not hold %q:\n%s", tc.format, w, buf.String())
				}
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		var buf bytes.Buffer
		if err := (report.JSON{}).Report(&buf, res); err != nil {
			t.Fatal(err)
		}
		var out struct {
			Summary map[string]int `json:"summary"`
		}
		if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"files": 4, "documents": 5, "skipped": 0, "errors": 0, "warnings": 0, "infos": 0, "notManifests": 3, "notManifestFiles": 2}
		for k, v := range want {
			if got, ok := out.Summary[k]; !ok || got != v {
				t.Errorf("summary.%s = %d (present: %v), want %d", k, got, ok, v)
			}
		}
		if len(out.Summary) != len(want) {
			t.Errorf("summary = %v, want the fields %v", out.Summary, want)
		}
	})
}

// TestSummaryOneNotManifest checks the singular.
func TestSummaryOneNotManifest(t *testing.T) {
	res, err := lint.Run([]*manifest.File{manifest.NewFile("mkdocs.yml", []byte("site_name: docs\n"))}, lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := (&report.Text{}).Report(&buf, res); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "1 file, 1 document: 0 errors, 0 warnings, 0 infos; 1 file is not a Kubernetes manifest\n"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
}
