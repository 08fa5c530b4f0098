package placement_test

import (
	"fmt"
	"testing"

	appsv1 "k8s.io/api/apps/v1"

	"github.com/daemonlint/daemonlint/internal/benchgen"
	"github.com/daemonlint/daemonlint/internal/testcorpus"
	"github.com/daemonlint/daemonlint/manifest"
	"github.com/daemonlint/daemonlint/placement"
)

// TestRunsIsPlacements holds Runs to the Runs of Placement on the built-in
// nodes, for the DaemonSets of the generated corpus, of placement's test
// data and of the shared corpus when it is here.
func TestRunsIsPlacements(t *testing.T) {
	var dss []*appsv1.DaemonSet
	add := func(name string, src []byte) {
		docs, _ := manifest.Parse(manifest.NewFile(name, src))
		for _, d := range docs {
			if ds := d.DaemonSet(); ds != nil {
				dss = append(dss, ds)
			}
		}
	}
	g := benchgen.New(9)
	for i := range 10 {
		add(fmt.Sprintf("gen%d.yaml", i), g.File(100))
	}
	dirs := []string{"testdata"}
	if dir, ok := testcorpus.Find(); ok {
		dirs = append(dirs, dir)
	}
	for _, dir := range dirs {
		for _, f := range testcorpus.Files(t, dir) {
			add(f.Path, f.Src)
		}
	}
	nodes := placement.DefaultNodes()
	runs, not := 0, 0
	for _, ds := range dss {
		for i, v := range placement.Placement(ds, nodes) {
			if got := placement.Runs(ds, &nodes[i]); got != v.Runs {
				t.Errorf("%s on %s: Runs = %v, Placement says %v", placement.ObjectName(ds), v.Node, got, v.Runs)
			}
			if v.Runs {
				runs++
			} else {
				not++
			}
		}
	}
	if runs == 0 || not == 0 {
		t.Errorf("%d verdicts that run and %d that do not: the DaemonSets should give both", runs, not)
	}
}
