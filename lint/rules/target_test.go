package rules_test

import (
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// TestUnknownFieldForRelease checks that a field the Go types know but the
// target release does not is reported once, by unknown-field, beside a
// misspelled field, and not at all for a release that has it.
func TestUnknownFieldForRelease(t *testing.T) {
	const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      resources:
        limits: {cpu: "1"}
      containers:
      - name: agent
        image: agent:1.0
        imagePullPolice: Always
`
	for _, tc := range []struct {
		version string
		want    []string // messages, in order
	}{
		{"1.30", []string{
			`unknown field "spec.template.spec.resources": Kubernetes 1.30 does not have this field (1.32 adds it)`,
			`unknown field "spec.template.spec.containers[0].imagePullPolice"; did you mean "imagePullPolicy"?`,
		}},
		{"1.25", []string{
			`unknown field "spec.template.spec.resources": Kubernetes 1.25 does not have this field (1.32 adds it)`,
			`unknown field "spec.template.spec.containers[0].imagePullPolice"; did you mean "imagePullPolicy"?`,
		}},
		{"1.37", []string{
			`unknown field "spec.template.spec.containers[0].imagePullPolice"; did you mean "imagePullPolicy"?`,
		}},
	} {
		t.Run(tc.version, func(t *testing.T) {
			res, err := lint.Run([]*manifest.File{manifest.NewFile("ds.yaml", []byte(ds))}, lint.Options{
				Rules:    []*lint.Rule{rules.UnknownField, rules.Schema, rules.APIVersion},
				Settings: lint.Settings{KubernetesVersion: tc.version},
			})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range res.Diagnostics {
				got = append(got, d.Message)
				if d.Rule != rules.UnknownField.Name {
					t.Errorf("finding of %s: %s, want only unknown-field's", d.Rule, d.Message)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("finding %d = %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}
