package placement_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/daemonlint/daemonlint/placement"
)

// TestDecideIsPlacementWithoutPendingAndNotes checks that Decide gives, for
// every DaemonSet and node of the test data, Placement's verdict without
// its Pending and Notes.
func TestDecideIsPlacementWithoutPendingAndNotes(t *testing.T) {
	dss, _ := readObjects(t, filepath.Join("testdata", "daemonsets.yaml"))
	_, nodes := readObjects(t, filepath.Join("testdata", "nodes.yaml"))
	if len(dss) == 0 || len(nodes) == 0 {
		t.Fatal("bad test input: no DaemonSets or no nodes")
	}
	for _, ds := range dss {
		t.Run(placement.ObjectName(ds), func(t *testing.T) {
			all := placement.Placement(ds, nodes)
			for i := range nodes {
				want := all[i]
				want.Pending, want.Notes = nil, nil
				got := placement.Decide(ds, &nodes[i])
				if !reflect.DeepEqual(got, want) {
					t.Errorf("node %s: Decide gives %+v, want %+v", nodes[i].Name, got, want)
				}
			}
		})
	}
}
