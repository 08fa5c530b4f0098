package engine

import (
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

func TestNoDefinitions(t *testing.T) {
	var n NoDefinitions
	var wg sync.WaitGroup
	for _, obj := range []string{
		`{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"a"}}`,
		`{"apiVersion":"monitoring.coreos.com/v1","kind":"ServiceMonitor"}`,
		`{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"b"}}`,
		`{"apiVersion":"stable.example.com/v1"}`,
		`not json`,
	} {
		wg.Go(func() {
			if errs, found := n.CheckCustomResource([]byte(obj)); errs != nil || found {
				t.Errorf("CheckCustomResource(%s) = %v, %v, want nil, false", obj, errs, found)
			}
		})
	}
	wg.Wait()
	if got, want := n.SkippedKinds(), []string{"CronTab.stable.example.com", "ServiceMonitor.monitoring.coreos.com"}; !slices.Equal(got, want) {
		t.Errorf("SkippedKinds() = %q, want %q", got, want)
	}
	if n.Knows("stable.example.com/v1", "CronTab") {
		t.Errorf("Knows(CronTab) = true, want false")
	}
	if err := n.AddPath("crds/"); err == nil {
		t.Errorf("AddPath succeeded, want an error: reading definitions needs the engine")
	}
}

func TestMentionsDefinitions(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n", true},
		{"# a CustomResourceDefinition in a comment still counts\n", true},
		{"apiVersion: apps/v1\nkind: DaemonSet\n", false},
		{"", false},
	} {
		t.Run(tc.src, func(t *testing.T) {
			if got := MentionsDefinitions([]byte(tc.src)); got != tc.want {
				t.Errorf("MentionsDefinitions(%q) = %v, want %v", tc.src, got, tc.want)
			}
		})
	}
}

func TestChartsAndTrees(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Chart.yaml"), []byte("name: c\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		got  bool
		want bool
	}{
		{"IsChartDir(chart)", IsChartDir(dir), true},
		{"IsChartDir(sub)", IsChartDir(filepath.Join(dir, "sub")), false},
		{"IsChartArchive(a.tgz)", IsChartArchive("a-1.0.0.tgz"), true},
		{"IsChartArchive(a.tar.gz)", IsChartArchive("a.tar.gz"), true},
		{"IsChartArchive(a.yaml)", IsChartArchive("a.yaml"), false},
		{"Chart.Has", Chart{Dir: "c", Files: []string{"c/Chart.yaml", "c/templates/a.yaml"}}.Has("c/templates/a.yaml"), true},
		{"Chart.Has(other)", Chart{Dir: "c", Files: []string{"c/Chart.yaml"}}.Has("d/Chart.yaml"), false},
		{"KustomizeTree.Reads", KustomizeTree{Read: []string{"base/ds.yaml", "base/kustomization.yaml"}}.Reads("./base/ds.yaml"), true},
		{"KustomizeTree.Reads(other)", KustomizeTree{Read: []string{"base/ds.yaml"}}.Reads("overlay/ds.yaml"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
			}
		})
	}
}
