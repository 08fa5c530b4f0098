package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// decodeInstance reads JSON the way manifest.Document.Value builds it.
func decodeInstance(t *testing.T, doc string) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader([]byte(doc)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// problemText writes a Problem as one short line for comparisons.
func problemText(p Problem) string {
	switch p.Kind {
	case UnknownField:
		return "unknown " + p.FieldPath()
	case MissingField:
		return "missing " + p.FieldPath()
	}
	switch p.Detail {
	case "base64":
		return "base64 " + p.Path
	case "range":
		return fmt.Sprintf("range %s > %s", p.Path, p.Max.RatString())
	}
	return fmt.Sprintf("type %s: want %s, got %s", p.Path, strings.Join(p.Want, "|"), p.Got)
}

func TestCheck(t *testing.T) {
	all := CheckOptions{Unknown: true, Required: true, Types: true}
	for _, tc := range []struct {
		name, release, apiVersion, kind, doc string
		opts                                 CheckOptions
		want                                 []string
	}{
		{
			name: "clean service", release: "1.37", apiVersion: "v1", kind: "Service", opts: all,
			doc: `{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "labels": {"app": "web"}},
				"spec": {"ports": [{"port": 80, "targetPort": "http"}], "selector": {"app": "web"}}}`,
		},
		{
			name: "service with every kind of problem", release: "1.37", apiVersion: "v1", kind: "Service", opts: all,
			doc: `{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "labels": {"tier": 1}},
				"spec": {"selectr": {}, "ports": [{"port": "80"}, {"name": "m", "targetPort": 1.5}, {"port": 3000000000}]}}`,
			want: []string{
				"type metadata.labels[tier]: want string, got number",
				"type spec.ports[0].port: want integer, got string",
				"type spec.ports[1].targetPort: want integer|string, got number",
				"missing spec.ports[1].port",
				"range spec.ports[2].port > 2147483647",
				"unknown spec.selectr",
			},
		},
		{
			name: "only what is asked for", release: "1.37", apiVersion: "v1", kind: "Service", opts: CheckOptions{Required: true},
			doc:  `{"spec": {"selectr": {}, "ports": [{"name": "m", "targetPort": 1.5}]}}`,
			want: []string{"missing spec.ports[0].port"},
		},
		{
			name: "secret data is base64", release: "1.37", apiVersion: "v1", kind: "Secret", opts: all,
			doc:  `{"data": {"ok": "aGVsbG8=", "bad": "not base64!"}}`,
			want: []string{"base64 data[bad]"},
		},
		{
			name: "null is anything", release: "1.37", apiVersion: "v1", kind: "ConfigMap", opts: all,
			doc: `{"metadata": null, "data": {"a": null}}`,
		},
		{
			name: "pod-level resources before 1.32", release: "1.30", apiVersion: "apps/v1", kind: "DaemonSet", opts: CheckOptions{Unknown: true},
			doc:  `{"spec": {"template": {"spec": {"resources": {"limits": {"cpu": "1"}}, "containers": [{"name": "a"}]}}}}`,
			want: []string{"unknown spec.template.spec.resources"},
		},
		{
			name: "pod-level resources in 1.37", release: "1.37", apiVersion: "apps/v1", kind: "DaemonSet", opts: CheckOptions{Unknown: true},
			doc: `{"spec": {"template": {"spec": {"resources": {"limits": {"cpu": "1"}}, "containers": [{"name": "a"}]}}}}`,
		},
		{
			name: "any JSON where the definition says so", release: "1.37", apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", opts: all,
			doc: `{"spec": {"group": "g", "scope": "Namespaced", "names": {"kind": "W", "plural": "ws"},
				"versions": [{"name": "v1", "served": true, "storage": true, "schema": {"openAPIV3Schema": {"type": "object",
					"properties": {"a": {"default": {"anything": [1, "x"]}}}}}}]}}`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := ForVersion(tc.release)
			if err != nil {
				t.Fatal(err)
			}
			problems, ok, err := v.Check(tc.apiVersion, tc.kind, decodeInstance(t, tc.doc), tc.opts)
			if err != nil || !ok {
				t.Fatalf("Check = %t, %v", ok, err)
			}
			var got []string
			for _, p := range problems {
				got = append(got, problemText(p))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestCheckUnknownFieldKnown(t *testing.T) {
	problems, _, err := defaultVersion().Check("v1", "Service", decodeInstance(t, `{"spec": {"selectr": {}}}`), CheckOptions{Unknown: true})
	if err != nil || len(problems) != 1 {
		t.Fatalf("Check = %v, %v", problems, err)
	}
	known := strings.Join(problems[0].Known, " ")
	if !strings.Contains(known, "selector") || !strings.Contains(known, "ports") {
		t.Errorf("Known = %s, want the properties of a ServiceSpec", known)
	}
}

func TestCheckUnserved(t *testing.T) {
	for _, tc := range []struct{ apiVersion, kind string }{
		{"v1", "Servic"},
		{"batch/v1beta1", "CronJob"},
		{"example.com/v1", "Widget"},
	} {
		t.Run(tc.apiVersion+"/"+tc.kind, func(t *testing.T) {
			problems, ok, err := defaultVersion().Check(tc.apiVersion, tc.kind, map[string]any{"bogus": 1}, CheckOptions{Unknown: true})
			if ok || err != nil || problems != nil {
				t.Errorf("Check = %v, %t, %v; want nothing, false, nil", problems, ok, err)
			}
		})
	}
}

// TestEveryDefinitionParses parses the definitions of every served kind of
// every release.
func TestEveryDefinitionParses(t *testing.T) {
	for _, name := range Versions() {
		v, _ := ForVersion(name)
		for _, k := range v.Kinds() {
			if !k.Served {
				continue
			}
			if _, ok, err := v.Check(k.APIVersion(), k.Kind, map[string]any{}, CheckOptions{Unknown: true, Required: true, Types: true}); !ok || err != nil {
				t.Errorf("%s: Check(%s, %s) = %t, %v", name, k.APIVersion(), k.Kind, ok, err)
			}
		}
	}
}
