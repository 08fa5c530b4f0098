package gen

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestReadLifecycles(t *testing.T) {
	got, err := ReadLifecycles(os.DirFS("testdata/api"), "k8s.io/api@v0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	widget := GroupVersionKind{"widgets.example.io", "v1", "Widget"}
	want := []Lifecycle{
		{GroupVersionKind: widget, Introduced: "1.23", Source: "k8s.io/api@v0.0.1"},
		{GroupVersionKind: GroupVersionKind{"widgets.example.io", "v1beta1", "Gizmo"}, Introduced: "1.21", Deprecated: "1.24", Removed: "1.27", Source: "k8s.io/api@v0.0.1"},
		{GroupVersionKind: GroupVersionKind{"widgets.example.io", "v1beta1", "Widget"}, Introduced: "1.20", Deprecated: "1.23", Removed: "1.26", Replacement: widget, Source: "k8s.io/api@v0.0.1"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadLifecycles =\n%+v\nwant\n%+v (WidgetList left out)", got, want)
	}
}

func TestReadLifecyclesErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, wantErr string
	}{
		{"not constants", "package v1\nfunc (in *W) APILifecycleIntroduced() (major, minor int) { return major(), 2 }\n", "integer constants"},
		{"two statements", "package v1\nfunc (in *W) APILifecycleRemoved() (major, minor int) { x := 1; return x, 2 }\n", "single return statement"},
		{"unknown method", "package v1\nfunc (in *W) APILifecycleFoo() (major, minor int) { return 1, 2 }\n", "unknown method W.APILifecycleFoo"},
		{"bad replacement", "package v1\nfunc (in *W) APILifecycleReplacement() schema.GroupVersionKind { return schema.GroupVersionKind{Flavour: \"x\"} }\n", "unknown field Flavour"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(dir+"/w/v1", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dir+"/w/v1/register.go", []byte("package v1\nconst GroupName = \"w.io\"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dir+"/w/v1/"+lifecycleFile, []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadLifecycles(os.DirFS(dir), "test")
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error = %v, want one with %q", err, tc.wantErr)
			}
		})
	}
}

func TestMergeLifecycles(t *testing.T) {
	a := GroupVersionKind{"g", "v1beta1", "A"}
	b := GroupVersionKind{"g", "v1beta1", "B"}
	c := GroupVersionKind{"g", "v1beta2", "C"}
	older := []Lifecycle{
		{GroupVersionKind: a, Introduced: "1.1", Deprecated: "1.4", Removed: "1.7", Source: "old"},
		{GroupVersionKind: b, Introduced: "1.2", Removed: "1.5", Source: "old"},
	}
	newer := []Lifecycle{
		{GroupVersionKind: c, Introduced: "1.3", Source: "new"},
		{GroupVersionKind: a, Introduced: "1.1", Deprecated: "1.4", Removed: "1.9", Source: "new"},
	}
	got := MergeLifecycles(older, newer)
	want := []Lifecycle{newer[1], older[1], newer[0]}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("MergeLifecycles =\n%+v\nwant\n%+v", got, want)
	}
}

func TestLegacyBetaResources(t *testing.T) {
	src, err := os.ReadFile("testdata/kubernetes/pkg/controlplane/instance.go")
	if err != nil {
		t.Fatal(err)
	}
	var asked []string
	got, err := LegacyBetaResources("instance.go", src, func(importPath string) (string, error) {
		asked = append(asked, importPath)
		return "widgets.example.io", nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []GroupVersionResource{
		{"widgets.example.io", "v1beta1", "widgets"},
		{"widgets.example.io", "v1beta1", "gizmos"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LegacyBetaResources = %+v, want %+v", got, want)
	}
	if wantAsked := []string{"k8s.io/kubernetes/pkg/apis/widgets/v1beta1", "k8s.io/kubernetes/pkg/apis/widgets/v1beta1"}; !reflect.DeepEqual(asked, wantAsked) {
		t.Errorf("groups asked for %q, want %q", asked, wantAsked)
	}

	none, err := LegacyBetaResources("instance.go", []byte("package controlplane\nvar x = 1\n"), nil)
	if err != nil || len(none) != 0 {
		t.Errorf("a source without the list: %v, %v; want none", none, err)
	}
	_, err = LegacyBetaResources("instance.go", []byte("package controlplane\nvar legacyBetaEnabledByDefaultResources = []schema.GroupVersionResource{somewhere.Resource(\"x\")}\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "instance.go:2:") {
		t.Errorf("an element of another shape: error %v, want one at instance.go:2", err)
	}
}

func TestGroupName(t *testing.T) {
	for _, tc := range []struct {
		dir, want string
		wantErr   bool
	}{
		{"widgets/v1beta1", "widgets.example.io", false},
		{"widgets/v1", "widgets.example.io", false},
		{"widgets", "", true},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			got, err := GroupName(os.DirFS("testdata/api"), tc.dir)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("GroupName = %q, %v; want %q, error %t", got, err, tc.want, tc.wantErr)
			}
		})
	}
}
