package mutate

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
    ports: [{containerPort: 80}]
    stdin: true
`

// TestMutations checks the single mutations of a small Pod: each changes
// the value its name says, keeps the others, and leaves apiVersion and
// kind alone; the pairs come after their first single.
func TestMutations(t *testing.T) {
	muts, err := Mutations([]byte(manifest))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]map[string]any{}
	for _, m := range muts {
		var v map[string]any
		if err := json.Unmarshal(m.Doc, &v); err != nil {
			t.Fatalf("%s: %v", m.Name, err)
		}
		if v["apiVersion"] != "v1" || v["kind"] != "Pod" {
			t.Errorf("%s: apiVersion %v, kind %v; want them unchanged", m.Name, v["apiVersion"], v["kind"])
		}
		byName[m.Name] = v
	}
	container := func(v map[string]any) map[string]any {
		return v["spec"].(map[string]any)["containers"].([]any)[0].(map[string]any)
	}
	tests := []struct {
		name  string
		check func(v map[string]any) bool
	}{
		{`metadata.name="Bad_Value"`, func(v map[string]any) bool { return v["metadata"].(map[string]any)["name"] == "Bad_Value" }},
		{`spec.containers[0].ports[0].containerPort=-1`, func(v map[string]any) bool {
			return container(v)["ports"].([]any)[0].(map[string]any)["containerPort"] == float64(-1) && container(v)["image"] == "nginx"
		}},
		{`spec.containers[0].stdin=false`, func(v map[string]any) bool { return container(v)["stdin"] == false }},
		{`spec.containers[0].image removed`, func(v map[string]any) bool {
			_, ok := container(v)["image"]
			return !ok && container(v)["name"] == "web"
		}},
		{`spec removed`, func(v map[string]any) bool { _, ok := v["spec"]; return !ok }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := byName[tt.name]
			if !ok {
				t.Fatalf("no mutation %q", tt.name)
			}
			if !tt.check(v) {
				t.Errorf("got %v", v)
			}
		})
	}
	pairs := 0
	for _, m := range muts {
		if strings.Contains(m.Name, " & ") {
			pairs++
		}
	}
	if pairs == 0 {
		t.Error("no pairs of mutations")
	}
	again, _ := Mutations([]byte(manifest))
	if !reflect.DeepEqual(again, muts) {
		t.Error("the mutations differ from one call to the next")
	}
}

// TestMutationsBadInput checks that a manifest that is not YAML is an
// error, not a panic.
func TestMutationsBadInput(t *testing.T) {
	if _, err := Mutations([]byte("a: [b")); err == nil {
		t.Error("got no error for broken YAML")
	}
}
