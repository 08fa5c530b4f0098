package placement

import (
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/component-helpers/scheduling/corev1/nodeaffinity"
)

// TestNodeSelectorReasonsMatchTheController checks that nodeSelectorReasons
// reports exactly the pairs that the controller's matcher, given each pair
// alone, finds unmatched.
func TestNodeSelectorReasonsMatchTheController(t *testing.T) {
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "n", Labels: map[string]string{
		"kubernetes.io/os": "linux", "empty": "", "role": "worker", "bad key!": "x",
	}}}
	tests := []struct {
		name     string
		selector map[string]string
	}{
		{"none", nil},
		{"matching", map[string]string{"kubernetes.io/os": "linux", "role": "worker"}},
		{"other value", map[string]string{"kubernetes.io/os": "windows"}},
		{"missing label", map[string]string{"zone": "a"}},
		{"empty value present", map[string]string{"empty": ""}},
		{"empty value absent", map[string]string{"absent": ""}},
		{"empty value against a value", map[string]string{"role": ""}},
		{"invalid key", map[string]string{"bad key!": "x", "role": "db"}},
		{"invalid value", map[string]string{"role": "not a value!"}},
		{"case", map[string]string{"role": "Worker", "Role": "worker"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range nodeSelectorReasons(tt.selector, node) {
				got = append(got, r.Label)
			}
			var want []string
			for k, v := range tt.selector {
				if ok, _ := nodeaffinity.NewRequiredNodeAffinity(map[string]string{k: v}, nil).Match(node); !ok {
					want = append(want, k)
				}
			}
			slices.Sort(want) // the reasons come in key order
			if !slices.Equal(got, want) {
				t.Errorf("nodeSelectorReasons reports %q, the matcher finds %q unmatched", got, want)
			}
			whole, _ := nodeaffinity.NewRequiredNodeAffinity(tt.selector, nil).Match(node)
			if whole != (len(got) == 0) {
				t.Errorf("the whole selector matches: %v, yet nodeSelectorReasons reports %q", whole, got)
			}
		})
	}
}
