package registry

import (
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// TestValidateObjectDispatch checks that every judged kind is reached by
// its Go type too, and that other kinds are not judged.
func TestValidateObjectDispatch(t *testing.T) {
	for _, gvk := range JudgedKinds() {
		t.Run(gvk.Kind, func(t *testing.T) {
			obj, ok := New(gvk)
			if !ok {
				t.Fatalf("New(%s) = false", gvk)
			}
			byType, ok := ValidateObject(obj, Options{})
			if !ok {
				t.Fatalf("ValidateObject does not judge %T", obj)
			}
			byKind, _ := Validate(gvk, obj, Options{})
			if got, want := errorLines(byType), errorLines(byKind); len(got) != len(want) {
				t.Errorf("by type: %d errors, by kind: %d", len(got), len(want))
			}
			// An empty object has no name: every kind reports it.
			if len(byType) == 0 {
				t.Errorf("an empty %s has no errors", gvk.Kind)
			}
		})
	}
	if _, ok := ValidateObject(&appsv1.ControllerRevision{}, Options{}); ok {
		t.Error("a ControllerRevision is judged in full, but only its metadata is ported")
	}
	if Judged(schema.GroupVersionKind{Group: "autoscaling", Version: "v2beta2", Kind: "HorizontalPodAutoscaler"}) {
		t.Error("autoscaling/v2beta2 is judged, but a v1.37 server does not serve it")
	}
}

func TestDecodeRejectsUnknownFields(t *testing.T) {
	gvk := schema.GroupVersionKind{Version: "v1", Kind: "ConfigMap"}
	if _, err := Decode(gvk, []byte("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nspec: {}\n")); err == nil {
		t.Error("a ConfigMap with a spec decoded without error")
	}
	if _, err := Decode(schema.GroupVersionKind{Group: "apps", Version: "v1", Kind: "ControllerRevision"}, []byte("{}")); err == nil {
		t.Error("a kind that is not judged decoded without error")
	}
}

func TestValidateWrongType(t *testing.T) {
	gvk := schema.GroupVersionKind{Version: "v1", Kind: "Service"}
	errs, ok := Validate(gvk, &appsv1.DaemonSet{}, Options{})
	if !ok || len(errs) != 1 || errs[0].Type != field.ErrorTypeInternal {
		t.Errorf("got %v, %v; want one internal error", errs, ok)
	}
}
