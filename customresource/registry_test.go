package customresource

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/yaml"
)

// finding is what a test expects of one field.Error: its path and a part
// of its text.
type finding struct {
	field    string
	contains string
}

// check compares errs with want, in order.
func check(t *testing.T, errs field.ErrorList, want []finding) {
	t.Helper()
	var got []string
	for _, e := range errs {
		got = append(got, e.Field+" | "+e.Error())
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%s", len(errs), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		if errs[i].Field != w.field || !strings.Contains(errs[i].Error(), w.contains) {
			t.Errorf("error %d: got %q, want field %q containing %q", i, got[i], w.field, w.contains)
		}
	}
}

// crontabRegistry returns a registry that holds testdata/crontab-crd.yaml.
func crontabRegistry(t *testing.T) *Registry {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "crontab-crd.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	r := NewRegistry()
	if errs := r.AddCRDManifest(data, "testdata/crontab-crd.yaml:1"); len(errs) > 0 {
		t.Fatalf("AddCRDManifest: %v", errs)
	}
	return r
}

// validateYAML runs ValidateJSON on a YAML custom resource.
func validateYAML(t *testing.T, r *Registry, doc string) (field.ErrorList, bool) {
	t.Helper()
	data, err := yaml.YAMLToJSON([]byte(doc))
	if err != nil {
		t.Fatalf("bad test input: %v", err)
	}
	return r.ValidateJSON(data)
}

func TestValidate(t *testing.T) {
	const head = "apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: my-cron\n"
	tests := []struct {
		name string
		doc  string
		want []finding
	}{{
		name: "valid",
		doc:  head + "spec:\n  cronSpec: '*/5 * * * *'\n  image: my-image\n  policy: Allow\n  replicas: 2\n  maxReplicas: 3\n",
	}, {
		name: "valid with defaults for replicas and maxReplicas",
		doc:  head + "spec:\n  cronSpec: '*/5 * * * *'\n",
	}, {
		name: "preserved subtree keeps unknown fields",
		doc:  head + "spec:\n  cronSpec: '* * * * *'\n  extra:\n    anything: goes\n    nested: {deep: [1, 2]}\n",
	}, {
		name: "a null spec is dropped, as the server drops nulls the schema does not allow",
		doc:  head + "spec: null\n",
	}, {
		name: "pattern",
		doc:  head + "spec:\n  cronSpec: every minute\n",
		want: []finding{{"spec.cronSpec", `should match '^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$'`}},
	}, {
		name: "enum",
		doc:  head + "spec:\n  cronSpec: '* * * * *'\n  policy: Sometimes\n",
		want: []finding{
			{"spec.policy", `Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"`},
			{"", "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"},
		},
	}, {
		name: "integer field given a string",
		doc:  head + "spec:\n  cronSpec: '* * * * *'\n  replicas: lots\n",
		want: []finding{
			{"spec.replicas", `Invalid value: "string": spec.replicas in body must be of type integer: "string"`},
			{"", "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"},
		},
	}, {
		name: "minimum",
		doc:  head + "spec:\n  cronSpec: '* * * * *'\n  replicas: -1\n",
		want: []finding{{"spec.replicas", "should be greater than or equal to 0"}},
	}, {
		name: "required field",
		doc:  head + "spec:\n  image: my-image\n",
		want: []finding{
			{"spec.cronSpec", "Required value"},
			{"", "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"},
		},
	}, {
		name: "CEL rule",
		doc:  head + "spec:\n  cronSpec: '* * * * *'\n  replicas: 5\n  maxReplicas: 3\n",
		want: []finding{{"spec", "replicas must not exceed maxReplicas (rule of CustomResourceDefinition crontabs.stable.example.com (testdata/crontab-crd.yaml:1))"}},
	}, {
		name: "CEL rule sees defaults",
		doc:  head + "spec:\n  cronSpec: '* * * * *'\n  replicas: 11\n",
		want: []finding{{"spec", "replicas must not exceed maxReplicas"}},
	}, {
		name: "unknown fields",
		doc:  head + "  colour: red\nspec:\n  cronSpec: '* * * * *'\n  image: my-image\n  imagePullPolicy: Always\nstatus:\n  ok: true\n",
		want: []finding{
			{"metadata.colour", `unknown field "metadata.colour"`},
			{"spec.imagePullPolicy", `unknown field "spec.imagePullPolicy"`},
			{"status", `unknown field "status"`},
		},
	}, {
		name: "metadata name",
		doc:  "apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: My_Cron\nspec:\n  cronSpec: '* * * * *'\n",
		want: []finding{{"metadata.name", `Invalid value: "My_Cron": a lowercase RFC 1123 subdomain`}},
	}, {
		name: "metadata without a name",
		doc:  "apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  labels: {a: b}\nspec:\n  cronSpec: '* * * * *'\n",
		want: []finding{
			{"metadata.name", "Required value: name or generateName is required"},
			{"", "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"},
		},
	}, {
		name: "generateName is enough",
		doc:  "apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  generateName: cron-\nspec:\n  cronSpec: '* * * * *'\n",
	}, {
		name: "unserved version",
		doc:  "apiVersion: stable.example.com/v1beta1\nkind: CronTab\nmetadata:\n  name: a\n",
		want: []finding{{"apiVersion", `does not serve this version of CronTab: write "stable.example.com/v1"`}},
	}, {
		name: "unknown version",
		doc:  "apiVersion: stable.example.com/v2\nkind: CronTab\nmetadata:\n  name: a\n",
		want: []finding{{"apiVersion", `Unsupported value: "stable.example.com/v2"`}},
	}}
	r := crontabRegistry(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs, found := validateYAML(t, r, tt.doc)
			if !found {
				t.Fatal("found = false, want true")
			}
			check(t, errs, tt.want)
		})
	}
}

func TestValidateNotFound(t *testing.T) {
	r := crontabRegistry(t)
	for _, doc := range []string{
		"apiVersion: other.example.com/v1\nkind: CronTab\nmetadata: {name: a}\n",
		"apiVersion: stable.example.com/v1\nkind: AtJob\nmetadata: {name: a}\n",
		"kind: CronTab\n",
	} {
		t.Run(doc, func(t *testing.T) {
			errs, found := validateYAML(t, r, doc)
			if found || len(errs) > 0 {
				t.Errorf("got found %v, errors %v; want not found and no errors", found, errs)
			}
		})
	}
}

func TestValidateMapDoesNotModify(t *testing.T) {
	r := crontabRegistry(t)
	obj := map[string]any{
		"apiVersion": "stable.example.com/v1",
		"kind":       "CronTab",
		"metadata":   map[string]any{"name": "a"},
		"spec":       map[string]any{"cronSpec": "* * * * *", "replicas": float64(2), "bogus": true},
	}
	errs, found := r.Validate(obj)
	if !found {
		t.Fatal("found = false, want true")
	}
	check(t, errs, []finding{{"spec.bogus", `unknown field "spec.bogus"`}})
	spec := obj["spec"].(map[string]any)
	if _, ok := spec["bogus"]; !ok {
		t.Error("Validate pruned the caller's object")
	}
	if _, ok := spec["maxReplicas"]; ok {
		t.Error("Validate defaulted the caller's object")
	}
}

func TestAddCRD(t *testing.T) {
	const head = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n"
	tests := []struct {
		name string
		doc  string
		want []finding
	}{{
		name: "valid",
		doc:  head + "    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec: {type: object, properties: {size: {type: integer}}}\n",
	}, {
		name: "the status is the server's to set, as on create",
		doc:  head + "    schema:\n      openAPIV3Schema: {type: object}\nstatus:\n  acceptedNames: {kind: \"\", plural: \"\"}\n  conditions: []\n  storedVersions: [v0]\n",
	}, {
		name: "type missing in a structural schema",
		doc:  head + "    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            properties:\n              size: {type: integer}\n",
		want: []finding{{"spec.versions[0].schema.openAPIV3Schema.properties[spec].type", "Required value: must not be empty for specified object fields"}},
	}, {
		name: "the second of two versions with different schemas",
		doc:  head + "    schema:\n      openAPIV3Schema: {type: object}\n  - name: v2\n    served: true\n    storage: false\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            properties:\n              size: {type: integer}\n",
		want: []finding{{"spec.versions[1].schema.openAPIV3Schema.properties[spec].type", "Required value: must not be empty for specified object fields"}},
	}, {
		name: "CEL rule that does not compile",
		doc:  head + "    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            x-kubernetes-validations:\n            - rule: self.size >\n            properties:\n              size: {type: integer}\n",
		want: []finding{{"spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule", "compilation failed"}},
	}, {
		name: "CEL rule on a field the schema does not have",
		doc:  head + "    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            x-kubernetes-validations:\n            - rule: self.count > 0\n            properties:\n              size: {type: integer}\n",
		want: []finding{{"spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule", "undefined field 'count'"}},
	}, {
		name: "name not plural.group",
		doc:  strings.Replace(head, "name: widgets.example.com", "name: widget.example.com", 1) + "    schema:\n      openAPIV3Schema: {type: object}\n",
		want: []finding{{"metadata.name", `must be spec.names.plural+"."+spec.group`}},
	}, {
		name: "no schema",
		doc:  head,
		want: []finding{{"spec.versions[0].schema.openAPIV3Schema", "Required value"}},
	}, {
		name: "not a CRD",
		doc:  "apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\n",
		want: []finding{{"apiVersion", `Unsupported value: "apiextensions.k8s.io/v1beta1"`}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRegistry()
			check(t, r.AddCRDManifest([]byte(tt.doc), "widgets.yaml:1"), tt.want)
		})
	}
}

// TestInvalidCRDKind checks that the custom resources of a CRD that the
// server would refuse are reported, not skipped.
func TestInvalidCRDKind(t *testing.T) {
	r := NewRegistry()
	crd := "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec: {properties: {size: {type: integer}}}\n"
	if errs := r.AddCRDManifest([]byte(crd), "widgets.yaml:1"); len(errs) == 0 {
		t.Fatal("AddCRDManifest gave no errors for a schema that is not structural")
	}
	errs, found := validateYAML(t, r, "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: a}\n")
	if !found {
		t.Fatal("found = false, want true")
	}
	check(t, errs, []finding{{"kind", "CustomResourceDefinition widgets.example.com (widgets.yaml:1) defines this kind but is itself invalid"}})
}

func TestManifestPath(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"spec.validation.openAPIV3Schema.properties[spec].type", "spec.versions[0].schema.openAPIV3Schema.properties[spec].type"},
		{"spec.validation", "spec.versions[0].schema"},
		{"spec.subresources.scale.specReplicasPath", "spec.versions[0].subresources.scale.specReplicasPath"},
		{"spec.additionalPrinterColumns[1].type", "spec.versions[0].additionalPrinterColumns[1].type"},
		{"spec.validationX", "spec.validationX"},
		{"spec.versions[1].schema.openAPIV3Schema", "spec.versions[1].schema.openAPIV3Schema"},
		{"metadata.name", "metadata.name"},
	} {
		if got := manifestPath(tt.in); got != tt.want {
			t.Errorf("manifestPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParsePath(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"spec", "spec"},
		{"spec.foo", "spec.foo"},
		{"spec.items[0].name", "spec.items[0].name"},
		{"spec.items[0][1]", "spec.items[0][1]"},
		{"metadata.colour", "metadata.colour"},
	} {
		if got := parsePath(tt.in).String(); got != tt.want {
			t.Errorf("parsePath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func Example() {
	reg := NewRegistry()
	crd := []byte(`apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  names: {kind: CronTab, plural: crontabs}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            x-kubernetes-validations:
            - rule: self.replicas <= self.maxReplicas
            properties:
              replicas: {type: integer}
              maxReplicas: {type: integer}
`)
	if errs := reg.AddCRDManifest(crd, "crontab.yaml:1"); len(errs) > 0 {
		fmt.Println(errs)
		return
	}
	cr := []byte(`{"apiVersion": "stable.example.com/v1", "kind": "CronTab",
	  "metadata": {"name": "my-cron"},
	  "spec": {"replicas": 5, "maxReplicas": 3, "colour": "red"}}`)
	errs, found := reg.ValidateJSON(cr)
	fmt.Println("found:", found)
	for _, e := range errs {
		fmt.Println(e)
	}
	// Output:
	// found: true
	// spec.colour: Not found: unknown field "spec.colour"
	// spec: Invalid value: failed rule: self.replicas <= self.maxReplicas (rule of CustomResourceDefinition crontabs.stable.example.com (crontab.yaml:1))
}

func TestCatalog(t *testing.T) {
	const head = "apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: my-cron\n"
	r := NewRegistry()
	n, err := r.AddCatalogDir(filepath.Join("testdata", "catalog"))
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("AddCatalogDir found %d schemas, want 1", n)
	}
	schemaFile := filepath.Join("testdata", "catalog", "stable.example.com", "crontab_v1.json")
	tests := []struct {
		name string
		doc  string
		want []finding
	}{{
		name: "valid",
		doc:  head + "spec:\n  cronSpec: '* * * * *'\n  replicas: 3\n  hosts: [a, b]\n",
	}, {
		name: "integer field given a string",
		doc:  head + "spec:\n  cronSpec: '* * * * *'\n  replicas: lots\n",
		want: []finding{{"spec.replicas", "got string, want integer (catalog schema " + schemaFile + ")"}},
	}, {
		name: "required, enum and unknown field",
		doc:  head + "spec:\n  policy: Sometimes\n  colour: red\n",
		want: []finding{
			{"spec.colour", `unknown field "spec.colour"`},
			{"spec.cronSpec", "Required value: required by the catalog schema"},
			{"spec.policy", "value must be one of 'Allow', 'Forbid', 'Replace'"},
		},
	}, {
		name: "list item",
		doc:  head + "spec:\n  cronSpec: '* * * * *'\n  hosts: [a, toolong]\n",
		want: []finding{{"spec.hosts[1]", "maxLength"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs, found := validateYAML(t, r, tt.doc)
			if !found {
				t.Fatal("found = false, want true")
			}
			check(t, errs, tt.want)
		})
	}

	// A CRD at hand wins over the catalog.
	crdReg := crontabRegistry(t)
	if _, err := crdReg.AddCatalogDir(filepath.Join("testdata", "catalog")); err != nil {
		t.Fatal(err)
	}
	errs, _ := validateYAML(t, crdReg, head+"spec:\n  cronSpec: '* * * * *'\n  replicas: 5\n  maxReplicas: 3\n")
	check(t, errs, []finding{{"spec", "replicas must not exceed maxReplicas"}})

	// Another version of the kind is not in the catalog.
	if _, found := validateYAML(t, r, "apiVersion: stable.example.com/v2\nkind: CronTab\nmetadata: {name: a}\n"); found {
		t.Error("found = true for a version the catalog does not have")
	}
}

// TestHostile checks that odd custom resources and CRDs give errors, not
// panics.
func TestHostile(t *testing.T) {
	r := crontabRegistry(t)
	for _, doc := range []string{
		`{"apiVersion": "stable.example.com/v1", "kind": "CronTab", "metadata": "x"}`,
		`{"apiVersion": "stable.example.com/v1", "kind": "CronTab", "metadata": {"name": 5, "labels": []}}`,
		`{"apiVersion": "stable.example.com/v1", "kind": "CronTab", "metadata": {"name": "a"}, "spec": "x"}`,
		`{"apiVersion": "stable.example.com/v1", "kind": "CronTab", "metadata": {"name": "a"}, "spec": {"cronSpec": "* * * * *", "replicas": 1.5, "maxReplicas": 1e300}}`,
		`{"apiVersion": "stable.example.com/v1", "kind": "CronTab", "metadata": {"name": "a"}, "spec": {"cronSpec": "* * * * *", "extra": [[[[[[[[[]]]]]]]]]}}`,
		`{"apiVersion": "stable.example.com/v1", "kind": "CronTab", "metadata": {"name": "a"}, "spec": []}`,
	} {
		t.Run(doc, func(t *testing.T) {
			errs, found := r.ValidateJSON([]byte(doc))
			if !found || len(errs) == 0 {
				t.Errorf("got found %v, %d errors; want found and errors", found, len(errs))
			}
		})
	}
	for _, doc := range []string{`[]`, `null`, `{"apiVersion": 5}`, `1e400`, `{`} {
		t.Run(doc, func(t *testing.T) {
			if _, found := r.ValidateJSON([]byte(doc)); found {
				t.Error("found = true, want false")
			}
		})
	}
	for _, doc := range []string{
		"kind: CustomResourceDefinition\n",
		"apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  names: {kind: A}\n",
		"apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  group: a.b\n  names: {kind: A, plural: as}\n  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {x-kubernetes-validations: [{rule: 'self.x'}]}}}]\n",
		"apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec: [1]\n",
		"- a\n- b\n",
	} {
		t.Run(doc, func(t *testing.T) {
			if errs := NewRegistry().AddCRDManifest([]byte(doc), "x.yaml:1"); len(errs) == 0 {
				t.Error("no errors")
			}
		})
	}
}

// TestConcurrentValidate runs Validate from many goroutines, as a linter
// that checks files concurrently does; run it with -race.
func TestConcurrentValidate(t *testing.T) {
	r := crontabRegistry(t)
	if _, err := r.AddCatalogDir(filepath.Join("testdata", "catalog")); err != nil {
		t.Fatal(err)
	}
	docs := [][]byte{
		[]byte(`{"apiVersion": "stable.example.com/v1", "kind": "CronTab", "metadata": {"name": "a"}, "spec": {"cronSpec": "* * * * *", "replicas": 5, "maxReplicas": 3}}`),
		[]byte(`{"apiVersion": "stable.example.com/v1", "kind": "CronTab", "metadata": {"name": "a"}, "spec": {"cronSpec": "bad", "policy": "x"}}`),
	}
	want := make([]int, len(docs))
	for i, d := range docs {
		errs, _ := r.ValidateJSON(d)
		want[i] = len(errs)
	}
	done := make(chan string)
	for g := range 8 {
		go func() {
			var msg string
			for i := range 20 {
				d := docs[(g+i)%len(docs)]
				if errs, _ := r.ValidateJSON(d); len(errs) != want[(g+i)%len(docs)] {
					msg = fmt.Sprintf("goroutine %d: got %d errors, want %d", g, len(errs), want[(g+i)%len(docs)])
				}
			}
			done <- msg
		}()
	}
	for range 8 {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
}

func BenchmarkAddCRD(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "crontab-crd.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if errs := NewRegistry().AddCRDManifest(data, "crontab-crd.yaml"); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "crontab-crd.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	r := NewRegistry()
	if errs := r.AddCRDManifest(data, "crontab-crd.yaml"); len(errs) > 0 {
		b.Fatal(errs)
	}
	cr := []byte(`{"apiVersion": "stable.example.com/v1", "kind": "CronTab", "metadata": {"name": "a"}, "spec": {"cronSpec": "* * * * *", "replicas": 2, "maxReplicas": 3}}`)
	for b.Loop() {
		if errs, _ := r.ValidateJSON(cr); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

func ExampleRegistry_AddCRDManifest() {
	reg := NewRegistry()
	crd := []byte(`apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Global
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            properties:
              size: {type: integer}
`)
	for _, e := range reg.AddCRDManifest(crd, "widget.yaml:1") {
		fmt.Printf("%s: %s\n", e.Field, e.Type)
	}
	// Output:
	// spec.scope: Unsupported value
	// spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value
}

func TestSubresources(t *testing.T) {
	const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: scalers.example.com
spec:
  group: example.com
  names: {kind: Scaler, plural: scalers}
  scope: Cluster
  versions:
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
      scale:
        specReplicasPath: .spec.replicas
        statusReplicasPath: .status.replicas
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              replicas: {type: integer}
          status:
            type: object
            properties:
              replicas: {type: integer, minimum: 0}
`
	r := NewRegistry()
	if errs := r.AddCRDManifest([]byte(crd), "scaler.yaml:1"); len(errs) > 0 {
		t.Fatal(errs)
	}
	const head = "apiVersion: example.com/v1\nkind: Scaler\nmetadata:\n  name: a\n"
	tests := []struct {
		name string
		doc  string
		want []finding
	}{{
		name: "valid",
		doc:  head + "spec:\n  replicas: 3\n",
	}, {
		name: "scale spec replicas below zero",
		doc:  head + "spec:\n  replicas: -1\n",
		want: []finding{{"spec.replicas", "Invalid value: -1: should be a non-negative integer"}},
	}, {
		name: "status is dropped on create",
		doc:  head + "spec:\n  replicas: 1\nstatus:\n  replicas: -5\n",
	}, {
		name: "a namespace on a cluster-scoped object is dropped",
		doc:  "apiVersion: example.com/v1\nkind: Scaler\nmetadata:\n  name: a\n  namespace: x\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs, found := validateYAML(t, r, tt.doc)
			if !found {
				t.Fatal("found = false, want true")
			}
			check(t, errs, tt.want)
		})
	}
}
