package lint_test

import (
	"fmt"

	"github.com/daemonlint/daemonlint/lint"
)

// Lint a manifest held in memory with the built-in rules and print the
// errors (what the API server would reject) with their positions.
func Example() {
	src := []byte(`apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-collector
spec:
  replicas: 3
  selector:
    matchLabels:
      app: log-collector
  template:
    metadata:
      labels:
        app: collector
    spec:
      containers:
      - name: agent
        image: fluent/fluent-bit:3.0
`)
	res := lint.Run([]*lint.File{lint.NewFile("ds.yaml", src)}, lint.Options{Rules: lint.Rules()})
	for _, d := range res.Diagnostics {
		if d.Severity != lint.Error {
			continue // warnings and advice
		}
		fmt.Printf("%s:%d:%d: %s (%s)\n", d.File, d.Start.Line, d.Start.Column, d.Message, d.Rule)
	}
	// Output:
	// ds.yaml:6:3: spec.replicas is not a DaemonSet field: a DaemonSet runs one pod on each eligible node, so it has no replica count (the API server rejects it: unknown field "spec.replicas") (daemonset-replicas)
	// ds.yaml:12:7: spec.template.metadata.labels do not match spec.selector: "app=collector" is not selected by "app=log-collector" (selector-mismatch)
}

// Apply the certain fixes of a run to the source.
func ExampleApplyFixes() {
	src := []byte("apiVersion: apps/v1\nkind: Daemonset\n")
	f := lint.NewFile("ds.yaml", src)
	diags, _ := lint.CheckFile(f, lint.Options{Rules: []*lint.Rule{lint.KindSpelling}})
	fixed, n, err := lint.ApplyFixes(src, diags)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d fix applied:\n%s", n, fixed)
	// Output:
	// 1 fix applied:
	// apiVersion: apps/v1
	// kind: DaemonSet
}
