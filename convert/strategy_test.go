package convert_test

import (
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
	"testing"

	"github.com/daemonlint/daemonlint/convert"
	"github.com/daemonlint/daemonlint/lint"
)

// TestRecreateLintsClean converts a Deployment with the Recreate strategy:
// daemonlint's own rules, update-strategy among them, find nothing to say
// about the DaemonSet's update strategy.
func TestRecreateLintsClean(t *testing.T) {
	src := []byte(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: csi-node
spec:
  strategy:
    type: Recreate
  selector:
    matchLabels: {app: csi-node}
  template:
    metadata:
      labels: {app: csi-node}
    spec:
      containers:
      - name: driver
        image: example.com/csi:1.0
`)
	out, _, err := convert.Convert(src, convert.Options{File: "in.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	diags, _, err := lint.CheckFile(manifest.NewFile("out.yaml", out), lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		if d.Field == "spec.updateStrategy.type" || d.Rule == "update-strategy" || d.Severity == lint.Error {
			t.Errorf("the converted Deployment gets %s:%d:%d: %s: %s (%s)\n%s", d.File, d.Start.Line, d.Start.Column, d.Severity, d.Message, d.Rule, out)
		}
	}
}
