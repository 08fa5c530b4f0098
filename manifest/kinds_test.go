package manifest

import "testing"

func TestSuggestKind(t *testing.T) {
	for _, tc := range []struct {
		kind, apiVersion, want string
	}{
		{"ReplicaSet", "apps/v1", "ReplicaSet"},
		{"Replicaset", "apps/v1", "ReplicaSet"},
		{"ReplicaSets", "extensions/v1beta1", "ReplicaSet"},
		{"replicaset", "", "ReplicaSet"},
		{"Deployments", "apps/v1", "Deployment"},
		{"DaemonSet", "apps/v1", "DaemonSet"},
		{"Widget", "apps/v1", ""},
		{"", "apps/v1", ""},
	} {
		t.Run(tc.kind+"/"+tc.apiVersion, func(t *testing.T) {
			if got := SuggestKind(tc.kind, tc.apiVersion); got != tc.want {
				t.Errorf("SuggestKind(%q, %q) = %q, want %q", tc.kind, tc.apiVersion, got, tc.want)
			}
		})
	}
}
