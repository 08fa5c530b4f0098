package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

const multiDoc = `apiVersion: v1
kind: ConfigMap
metadata:
  name: one
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: two
---
apiVersion: apps/v1
kind: Daemonset
metadata:
  name: log-collector
`

func lintString(t *testing.T, name, src string) *lint.Result {
	t.Helper()
	res, err := lint.Run([]*manifest.File{manifest.NewFile(name, []byte(src))}, lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestJSONContract checks every field of the JSON contract in DESIGN.md.
func TestJSONContract(t *testing.T) {
	res := lintString(t, "ds.yaml", multiDoc)
	var buf bytes.Buffer
	if err := (JSON{}).Report(&buf, res); err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	diags := out["diagnostics"].([]any)
	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics, want 1:\n%s", len(diags), buf.String())
	}
	d := diags[0].(map[string]any)
	want := map[string]any{
		"file": "ds.yaml", "document": 2.0, "line": 12.0, "column": 7.0, "endLine": 12.0, "endColumn": 16.0,
		"severity": "error", "rule": "kind-spelling", "field": "kind",
	}
	for k, v := range want {
		if d[k] != v {
			t.Errorf("%s = %v, want %v", k, d[k], v)
		}
	}
	if msg, _ := d["message"].(string); !strings.Contains(msg, `did you mean "DaemonSet"`) {
		t.Errorf("message = %q", msg)
	}
	obj := d["object"].(map[string]any)
	for k, v := range map[string]any{"apiVersion": "apps/v1", "kind": "Daemonset", "namespace": "", "name": "log-collector"} {
		if obj[k] != v {
			t.Errorf("object.%s = %v, want %v", k, obj[k], v)
		}
	}
	fix := d["fix"].(map[string]any)
	if fix["description"] != "Change the kind to DaemonSet" {
		t.Errorf("fix.description = %v", fix["description"])
	}
	edits := fix["edits"].([]any)
	e := edits[0].(map[string]any)
	start := int(e["start"].(float64))
	if multiDoc[start:int(e["end"].(float64))] != "Daemonset" || e["newText"] != "DaemonSet" {
		t.Errorf("edit = %v", e)
	}
	sum := out["summary"].(map[string]any)
	for k, v := range map[string]any{"files": 1.0, "documents": 3.0, "errors": 1.0, "warnings": 0.0, "infos": 0.0} {
		if sum[k] != v {
			t.Errorf("summary.%s = %v, want %v", k, sum[k], v)
		}
	}
}

func TestText(t *testing.T) {
	res := lintString(t, "ds.yaml", multiDoc)
	var buf bytes.Buffer
	if err := (&Text{Options: Options{FixHint: "run with --fix to apply"}}).Report(&buf, res); err != nil {
		t.Fatal(err)
	}
	want := `ds.yaml:12:7: error: kind "Daemonset" is not a Kubernetes kind; did you mean "DaemonSet"? (kind-spelling)
   12 | kind: Daemonset
      |       ^^^^^^^^^
      = Fix available: Change the kind to DaemonSet (run with --fix to apply)
1 file, 3 documents: 1 error, 0 warnings, 0 infos
`
	if got := buf.String(); got != want {
		t.Errorf("text output:\n%s\nwant:\n%s", got, want)
	}
	buf.Reset()
	(&Text{Options: Options{Color: true}}).Report(&buf, res)
	if !strings.Contains(buf.String(), "\x1b[31m") {
		t.Error("colour output has no red")
	}
}

// TestJSONListItem checks that a finding in an item of a List points inside
// the List, carries the List's document index, and names the item.
func TestJSONListItem(t *testing.T) {
	src := `apiVersion: v1
kind: ConfigMap
metadata:
  name: first
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: fine
- apiVersion: apps/v1
  kind: Deamonset
  metadata:
    name: agent
`
	res := lintString(t, "list.yaml", src)
	var buf bytes.Buffer
	if err := (JSON{}).Report(&buf, res); err != nil {
		t.Fatal(err)
	}
	var out JSONOutput
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Diagnostics) != 1 {
		t.Fatalf("got %d diagnostics, want 1:\n%s", len(out.Diagnostics), buf.String())
	}
	d := out.Diagnostics[0]
	if d.Document != 1 || d.Line != 14 || d.Column != 9 || d.Object.Name != "agent" || d.Object.Kind != "Deamonset" {
		t.Errorf("diagnostic = document %d at %d:%d on %+v, want document 1 at 14:9 on the item", d.Document, d.Line, d.Column, d.Object)
	}
}
