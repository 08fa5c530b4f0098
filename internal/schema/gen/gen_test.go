package gen

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite testdata/want with the generated schemas")

func generateFixture(t *testing.T) *Output {
	t.Helper()
	out, err := Generate(os.DirFS("testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGenerateKinds(t *testing.T) {
	out := generateFixture(t)
	want := []Kind{
		{Group: "example.io", Version: "v1beta1", Kind: "Gadget", Served: false, Def: "io.example.v1beta1.Gadget"},
		{Group: "", Version: "v1", Kind: "Widget", Served: true, File: "core.v1.Widget.json.gz", Def: "io.k8s.api.core.v1.Widget"},
	}
	if !reflect.DeepEqual(out.Kinds, want) {
		t.Errorf("Kinds = %+v, want %+v (WidgetToken is a subresource and must be left out)", out.Kinds, want)
	}
	if got, want := out.Groups, []string{"", "example.io"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Groups = %q, want %q", got, want)
	}
	if got := len(out.Files); got != 1 {
		t.Errorf("%d files, want 1 (unserved kinds have none)", got)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := generateFixture(t), generateFixture(t)
	if !reflect.DeepEqual(a.Files, b.Files) {
		t.Error("two runs produced different files")
	}
	sa, err := a.GoSource("v0.0.0", "test")
	if err != nil {
		t.Fatal(err)
	}
	sb, _ := b.GoSource("v0.0.0", "test")
	if !bytes.Equal(sa, sb) {
		t.Error("two runs produced different Go source")
	}
}

// TestGenerateSchema compares the generated schema with a readable copy in
// testdata/want (go test -update rewrites it).
func TestGenerateSchema(t *testing.T) {
	out := generateFixture(t)
	var got bytes.Buffer
	if err := json.Indent(&got, out.Raw["core.v1.Widget.json.gz"], "", "  "); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "want", "core.v1.Widget.json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("generated schema differs from %s; got:\n%s", golden, got.String())
	}
}

// TestGeneratedSchemaStrictness checks what the generated schema accepts
// and refuses: what the API server's strict decoding does.
func TestGeneratedSchemaStrictness(t *testing.T) {
	out := generateFixture(t)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out.Raw["core.v1.Widget.json.gz"]))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const url = "file:///widget.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, spec string
		ok         bool
	}{
		{"minimal", `{"size": 1}`, true},
		{"nulls anywhere", `{"size": 1, "count": null, "port": null, "tags": [null], "limits": {"cpu": null}}`, true},
		{"missing required", `{"count": 1}`, false},
		{"unknown field", `{"size": 1, "colour": "blue"}`, false},
		{"field names are case-sensitive", `{"Size": 1}`, false},
		{"int32 range", `{"size": 3000000000}`, false},
		{"not an integer", `{"size": 1.5}`, false},
		{"string for an integer", `{"size": "1"}`, false},
		{"int-or-string integer", `{"size": 1, "port": 8080}`, true},
		{"int-or-string string", `{"size": 1, "port": "http"}`, true},
		{"int-or-string float", `{"size": 1, "port": 1.5}`, false},
		{"quantity string", `{"size": 1, "limits": {"cpu": "500m"}}`, true},
		{"quantity number", `{"size": 1, "limits": {"cpu": 1.5}}`, true},
		{"quantity boolean", `{"size": 1, "limits": {"cpu": true}}`, false},
		{"raw extension holds anything", `{"size": 1, "raw": [1, "two", {"three": 3}]}`, true},
		{"preserve-unknown-fields holds anything", `{"size": 1, "free": {"any": {"thing": 1}}}`, true},
		{"empty struct takes no field", `{"size": 1, "empty": {"x": 1}}`, false},
		{"empty struct", `{"size": 1, "empty": {}}`, true},
		{"enums are left to validation", `{"size": 1, "mode": "C"}`, true},
		{"list items typed", `{"size": 1, "tags": [1]}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(`{"apiVersion": "v1", "kind": "Widget", "metadata": {"name": "w", "labels": {"a": "b"}}, "spec": ` + tc.spec + `}`))
			if err != nil {
				t.Fatal(err)
			}
			err = sch.Validate(inst)
			if got := err == nil; got != tc.ok {
				t.Errorf("valid = %t, want %t (%v)", got, tc.ok, err)
			}
		})
	}
}
