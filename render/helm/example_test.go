package helm_test

import (
	"bytes"
	"fmt"
	"os"

	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/render"
	"github.com/daemonlint/daemonlint/render/helm"
)

// Render a chart with its values.yaml and each ci/*-values.yaml, and find
// where a rendered span came from: the misspelled kind is literal template
// text, so its location is exact and a fix on it becomes an edit of the
// template.
func ExampleRender() {
	outs, fails := helm.Render("testdata/agent", helm.Options{})
	fmt.Println(len(outs), "outputs,", len(fails), "failures")
	ds := outs[0]
	fmt.Println(ds.Name, ds.Origin.Values)

	start := bytes.Index(ds.Src, []byte("Daemonset"))
	loc := ds.Map.Locate(start, start+len("Daemonset"))
	src, _ := os.ReadFile(loc.File)
	pos := manifest.NewFile(loc.File, src).Position(loc.Start)
	fmt.Printf("%s:%d:%d exact=%v %q\n", loc.File, pos.Line, pos.Column, loc.Exact, src[loc.Start:loc.End])

	start = bytes.Index(ds.Src, []byte("replicas: 2"))
	loc = ds.Map.Locate(start, start+len("replicas: 2"))
	pos = manifest.NewFile(loc.File, src).Position(loc.Start)
	fmt.Printf("%s:%d:%d exact=%v (%s)\n", loc.File, pos.Line, pos.Column, loc.Exact, loc.Note)
	// Output:
	// 6 outputs, 0 failures
	// testdata/agent/templates/daemonset.yaml [values.yaml]
	// testdata/agent/templates/daemonset.yaml:2:7 exact=true "Daemonset"
	// testdata/agent/templates/daemonset.yaml:8:3 exact=false (from values.yaml: replicas)
}

// Lint a rendered chart and print each finding at its template line, once
// for all the renders it appears in.
func ExampleMapDiagnostic() {
	outs, _ := helm.Render("testdata/agent", helm.Options{})
	var files []*manifest.File
	byName := map[string]render.Output{}
	for i, o := range outs {
		name := fmt.Sprint(o.Name, "#", i)
		files = append(files, manifest.NewFile(name, o.Src))
		byName[name] = o
	}
	var found []render.Finding
	res, err := lint.Run(files, lint.Options{Rules: rules.All()})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range res.Diagnostics {
		f, err := render.MapDiagnostic(d, byName[d.File], os.ReadFile)
		if err != nil {
			fmt.Println(err)
			return
		}
		found = append(found, f)
	}
	for _, f := range render.Dedupe(found) {
		d := f.Diagnostic
		fmt.Printf("%s:%d:%d: %s (%s) [rendered line %d; %s]\n", d.File, d.Start.Line, d.Start.Column, d.Message, d.Rule, f.Rendered.Line, f.RenderNames())
	}
	// Output:
	// testdata/agent/templates/daemonset.yaml:2:7: kind "Daemonset" is not a Kubernetes kind; did you mean "DaemonSet"? (kind-spelling) [rendered line 2; values.yaml, ci/ports-values.yaml, ci/small-values.yaml]
}
