package manifest

import (
	"slices"
	"testing"
)

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

// TestGroupsOfKindTable checks the table GroupsOfKind reads against a
// search of every group, for every kind, list kind and a few that are
// not kinds.
func TestGroupsOfKindTable(t *testing.T) {
	kinds := []string{"", "List", "Lists", "Deployments", "daemonset", "NoSuchKind", "DaemonSetListList"}
	for _, ks := range builtinKinds {
		for _, k := range ks {
			kinds = append(kinds, k, k+"List")
		}
	}
	for _, k := range kinds {
		if got, want := GroupsOfKind(k), groupsOfKind(k); !slices.Equal(got, want) {
			t.Errorf("GroupsOfKind(%q) = %q, want %q", k, got, want)
		}
	}
	if got := GroupsOfKind("DaemonSet"); len(got) == 0 {
		t.Errorf("GroupsOfKind(%q) is empty", "DaemonSet")
	}
}
