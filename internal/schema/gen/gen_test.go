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
		{Group: "example.io", Version: "v1beta1", Kind: "Gadget", Resource: "gadgets", Served: false, Def: "io.example.v1beta1.Gadget"},
		{Group: "", Version: "v1", Kind: "Widget", Resource: "widgets", Served: true, File: FileName(out.Raw[widgetFile(t, out)]), Def: "io.k8s.api.core.v1.Widget"},
	}
	if !reflect.DeepEqual(out.Kinds, want) {
		t.Errorf("Kinds = %+v, want %+v (WidgetToken is a subresource and must be left out)", out.Kinds, want)
	}
	if got, want := out.Groups, []string{"", "example.io"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Groups = %q, want %q", got, want)
	}
	if got := len(out.Raw); got != 1 {
		t.Errorf("%d files, want 1 (unserved kinds have none)", got)
	}
}

// widgetFile returns the schema file of the fixture's Widget.
func widgetFile(t *testing.T, out *Output) string {
	t.Helper()
	for _, k := range out.Kinds {
		if k.Kind == "Widget" {
			if k.File == "" {
				t.Fatal("Widget has no schema file")
			}
			return k.File
		}
	}
	t.Fatal("no kind Widget")
	return ""
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := generateFixture(t), generateFixture(t)
	if !reflect.DeepEqual(a.Raw, b.Raw) {
		t.Error("two runs produced different files")
	}
	source := func(out *Output) []byte {
		t.Helper()
		rs := []Release{{Minor: "1.0", Module: "v1.0.0", Output: out}}
		p, err := PackReleases(rs)
		if err != nil {
			t.Fatal(err)
		}
		src, err := GoSource(rs, p, nil, "test")
		if err != nil {
			t.Fatal(err)
		}
		return src
	}
	if !bytes.Equal(source(a), source(b)) {
		t.Error("two runs produced different Go source")
	}
}

func TestGenerateEnabledBeta(t *testing.T) {
	for _, tc := range []struct {
		name       string
		enabled    []GroupVersionResource
		wantServed bool
		wantErr    bool
	}{
		{"beta off by default", nil, false, false},
		{"beta enabled", []GroupVersionResource{{"example.io", "v1beta1", "gadgets"}}, true, false},
		{"unknown resource", []GroupVersionResource{{"example.io", "v1beta1", "gizmos"}}, false, true},
		{"wrong group", []GroupVersionResource{{"other.io", "v1beta1", "gadgets"}}, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Generate(os.DirFS("testdata"), tc.enabled...)
			if (err != nil) != tc.wantErr {
				t.Fatalf("Generate error = %v, want error %t", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			for _, k := range out.Kinds {
				if k.Kind != "Gadget" {
					continue
				}
				if k.Served != tc.wantServed || (k.File != "") != tc.wantServed {
					t.Errorf("Gadget served %t, file %q; want served %t", k.Served, k.File, tc.wantServed)
				}
			}
		})
	}
}

// TestPackRoundTrip packs the fixture as two releases and unpacks every
// schema: each is what Generate made, and definitions are stored once.
func TestPackRoundTrip(t *testing.T) {
	out := generateFixture(t)
	rs := []Release{{Minor: "1.0", Module: "v1.0.0", Output: out}, {Minor: "1.1", Module: "v1.1.0", Output: out}}
	p, err := PackReleases(rs)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(p.Schemas), len(out.Raw)+1; got != want {
		t.Errorf("%d schemas, want %d", got, want)
	}
	seen := map[string]bool{}
	for _, d := range p.Defs {
		key := d.Name + string(p.Blob[d.Start:d.End])
		if seen[key] {
			t.Errorf("definition %s stored twice", d.Name)
		}
		seen[key] = true
	}
	for i, name := range p.Schemas {
		if i == 0 {
			continue
		}
		got, err := p.Unpack(i)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, out.Raw[name]) {
			t.Errorf("schema %s unpacks to\n%s\nwant\n%s", name, got, out.Raw[name])
		}
	}
}

// TestGenerateSchema compares the generated schema with a readable copy in
// testdata/want (go test -update rewrites it).
func TestGenerateSchema(t *testing.T) {
	out := generateFixture(t)
	var got bytes.Buffer
	if err := json.Indent(&got, out.Raw[widgetFile(t, out)], "", "  "); err != nil {
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
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out.Raw[widgetFile(t, out)]))
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
