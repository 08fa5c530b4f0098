package kustomize_test

import (
	"fmt"
	"os"

	"github.com/daemonlint/daemonlint/manifest"

	"github.com/daemonlint/daemonlint/render/kustomize"
)

// Find the overlays to build in a repository, build one, and find the
// line that wrote each of a few fields of the built DaemonSet.
func Example() {
	tree, err := kustomize.Find("testdata/repo")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("leaves:", tree.Leaves)
	fmt.Println("patch read by an overlay:", tree.Reads("testdata/repo/overlays/prod/agent-patch.yaml"))

	outs, fails := kustomize.Build("testdata/repo/overlays/prod", kustomize.Options{})
	for _, f := range fails {
		fmt.Printf("%s:%d: %s\n", f.File, f.Line, f.Message)
	}
	for _, out := range outs {
		docs, _ := manifest.Parse(manifest.NewFile(out.Name, out.Src))
		for _, d := range docs {
			if d.Kind != "DaemonSet" {
				continue
			}
			for _, field := range []string{"metadata.name", "spec.template.spec.containers[0].image", "spec.selector"} {
				l := d.Lookup(field)
				loc := out.Map.Locate(l.Span.Start, l.Span.End)
				src, err := os.ReadFile(loc.File)
				if err != nil {
					fmt.Println(err)
					return
				}
				line := manifest.NewFile(loc.File, src).Position(loc.Start).Line
				fmt.Printf("%s: %s:%d exact=%v", field, loc.File, line, loc.Exact)
				if loc.Note != "" {
					fmt.Printf(" (%s)", loc.Note)
				}
				fmt.Println()
			}
		}
	}
	// Output:
	// leaves: [testdata/repo/broken testdata/repo/overlays/labels testdata/repo/overlays/prod]
	// patch read by an overlay: true
	// metadata.name: testdata/repo/overlays/prod/kustomization.yaml:4 exact=false (namePrefix in testdata/repo/overlays/prod/kustomization.yaml)
	// spec.template.spec.containers[0].image: testdata/repo/overlays/prod/kustomization.yaml:17 exact=false (images in testdata/repo/overlays/prod/kustomization.yaml)
	// spec.selector: testdata/repo/base/daemonset.yaml:8 exact=true
}
