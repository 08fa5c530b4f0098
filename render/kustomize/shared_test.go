package kustomize

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/daemonlint/daemonlint/manifest"
)

// sharedRepo returns a directory of the shared slices of real
// repositories: $DAEMONLINT_REPOS/name, or shared/repos/name in the
// nearest folder above the working directory that has one. It skips the
// test when there is none, as internal/testcorpus does for the corpus.
func sharedRepo(t *testing.T, name string) string {
	t.Helper()
	dir := sharedRepoDir()
	if dir == "" {
		t.Skip("the shared repositories are not here; set DAEMONLINT_REPOS to their path to run this test")
	}
	return filepath.Join(dir, name)
}

// sharedRepoDir returns the folder of the shared repositories, or "".
func sharedRepoDir() string {
	if dir := os.Getenv("DAEMONLINT_REPOS"); dir != "" {
		return dir
	}
	dir, err := filepath.Abs(".")
	if err != nil {
		return ""
	}
	for {
		c := filepath.Join(dir, "shared", "repos")
		if info, err := os.Stat(filepath.Join(c, "nfd")); err == nil && info.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// TestNFD builds every leaf overlay of node-feature-discovery's
// deployment/ tree and checks that every built object and its fields map
// to a file that exists.
func TestNFD(t *testing.T) {
	root := filepath.Join(sharedRepo(t, "nfd"), "deployment")
	tree, err := Find(root)
	if err != nil {
		t.Fatal(err)
	}
	var leaves []string
	for _, l := range tree.Leaves {
		rel, _ := filepath.Rel(root, l)
		leaves = append(leaves, rel)
	}
	want := []string{"overlays/default-job", "overlays/master-worker-topologyupdater", "overlays/prometheus",
		"overlays/prune", "overlays/samples/custom-rules", "overlays/topologyupdater"}
	if !slices.Equal(leaves, want) {
		t.Errorf("Leaves = %q, want %q", leaves, want)
	}
	for _, tc := range []struct {
		file string
		want bool
	}{
		{"components/common/env.yaml", true},
		{"components/worker-config/nfd-worker.conf.example", true},
		{"overlays/samples/custom-rules/custom-rules.example.yaml", true},
		{"base/worker-daemonset/worker-daemonset.yaml", true},
		{"overlays/default/kustomization.yaml", true},
		{"nodefeaturerule/samples/nodefeaturerule-cpu.yaml", false},
		{"helm/node-feature-discovery/values.yaml", false},
	} {
		if got := tree.Reads(filepath.Join(root, tc.file)); got != tc.want {
			t.Errorf("Reads(%q) = %v, want %v", tc.file, got, tc.want)
		}
	}

	daemonSets := 0
	for _, leaf := range tree.Leaves {
		t.Run(leaf[len(root)+1:], func(t *testing.T) {
			out := build(t, leaf)
			docs, errs := manifest.Parse(manifest.NewFile(out.Name, out.Src))
			if len(errs) > 0 || len(docs) == 0 {
				t.Fatalf("built stream: %d documents, syntax errors %v", len(docs), errs)
			}
			for _, d := range docs {
				if d.Kind == "DaemonSet" {
					daemonSets++
				}
				spans := []manifest.Span{d.Span()}
				for i := 0; i+1 < len(d.Node.Content); i += 2 {
					spans = append(spans, d.Lookup(d.Node.Content[i].Value).Span)
				}
				for i := range 4 {
					if l := d.Lookup("spec.template.spec.containers[" + string(rune('0'+i)) + "].image"); l.Exact {
						spans = append(spans, l.Span)
					}
				}
				for _, sp := range spans {
					loc := out.Map.Locate(sp.Start, sp.End)
					src, err := os.ReadFile(loc.File)
					if err != nil {
						t.Errorf("%s %s: %v", d.Kind, d.Name, err)
						continue
					}
					if loc.Start < 0 || loc.End > len(src) || loc.End < loc.Start {
						t.Errorf("%s %s: [%d, %d) outside %s", d.Kind, d.Name, loc.Start, loc.End, loc.File)
						continue
					}
					if loc.Exact && !bytes.Equal(src[loc.Start:loc.End], out.Src[sp.Start:sp.End]) {
						t.Errorf("%s %s: Exact, but %q differs from %q", d.Kind, d.Name, src[loc.Start:loc.End], out.Src[sp.Start:sp.End])
					}
				}
				// The object as a whole comes from a resource file, not a
				// kustomization, unless a generator made it.
				loc := out.Map.Locate(d.Span().Start, d.Span().End)
				if base := filepath.Base(loc.File); base == "kustomization.yaml" && d.Kind != "ConfigMap" {
					t.Errorf("%s %s maps to %s, want its resource file", d.Kind, d.Name, loc.File)
				}
			}
		})
	}
	// master-worker-topologyupdater builds the worker's and the topology
	// updater's DaemonSets, samples/custom-rules (through default) the
	// worker's, topologyupdater the topology updater's; default-job builds
	// a Job instead.
	if daemonSets != 4 {
		t.Errorf("built %d DaemonSets over all leaves, want 4", daemonSets)
	}

	// The worker's hostPath volumes come from the common component's JSON
	// patch, and its namespace from the overlay's kustomization.
	out := build(t, filepath.Join(root, "overlays/master-worker-topologyupdater"))
	docs, _ := manifest.Parse(manifest.NewFile(out.Name, out.Src))
	for _, tc := range []struct {
		field, wantFile, wantText string
		wantExact                 bool
	}{
		{"spec.template.spec.volumes[0].hostPath.path", "components/common/worker-mounts.yaml", `path: "/boot"`, false}, // the build drops the quotes,
		{"spec.template.spec.containers[0].env[0].name", "components/common/env.yaml", "name: NODE_NAME", true},
		{"metadata.namespace", "overlays/master-worker-topologyupdater/kustomization.yaml", "namespace: node-feature-discovery", false},
	} {
		var ds *manifest.Document
		for _, d := range docs {
			if d.Kind == "DaemonSet" && d.Name == "nfd-worker" {
				ds = d
			}
		}
		if ds == nil {
			t.Fatalf("no DaemonSet nfd-worker in\n%s", out.Src)
		}
		l := ds.Lookup(tc.field)
		if !l.Exact {
			t.Errorf("%s is not in the built nfd-worker", tc.field)
			continue
		}
		loc := out.Map.Locate(l.Span.Start, l.Span.End)
		src, _ := os.ReadFile(loc.File)
		if want := filepath.Join(root, tc.wantFile); loc.File != want || loc.Exact != tc.wantExact ||
			loc.End > len(src) || string(src[loc.Start:loc.End]) != tc.wantText {
			t.Errorf("Locate(%s) = %s [%d, %d) exact %v, want %q in %s exact %v", tc.field, loc.File, loc.Start, loc.End, loc.Exact, tc.wantText, want, tc.wantExact)
		}
	}
}
