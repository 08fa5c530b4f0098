package daemonset

import (
	"testing"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// TestContainerRefField checks that a container's field paths, written as
// strings, are those field.Path prints.
func TestContainerRefField(t *testing.T) {
	for _, tc := range []struct {
		ref  containerRef
		name string
		want *field.Path
	}{
		{containerRef{index: 0}, "resources", field.NewPath("spec", "template", "spec", "containers").Index(0).Child("resources")},
		{containerRef{index: 12, init: true}, "image", field.NewPath("spec", "template", "spec", "initContainers").Index(12).Child("image")},
		{containerRef{index: 3}, "securityContext.privileged", field.NewPath("spec", "template", "spec", "containers").Index(3).Child("securityContext", "privileged")},
		{containerRef{index: 1, init: true}, "volumeMounts[7]", field.NewPath("spec", "template", "spec", "initContainers").Index(1).Child("volumeMounts").Index(7)},
	} {
		if got := tc.ref.field(tc.name); got != tc.want.String() {
			t.Errorf("field(%q) of %+v = %q, want %q", tc.name, tc.ref, got, tc.want.String())
		}
	}
}
