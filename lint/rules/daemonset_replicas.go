package rules

import (
	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/yamledit"
	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// DaemonSetReplicas reports spec.replicas in a DaemonSet.
var DaemonSetReplicas = &lint.Rule{
	Name: "daemonset-replicas",
	Doc: `A DaemonSet has no replicas

A DaemonSet runs exactly one pod on each eligible node, so the number of its
pods follows the nodes, not a count. spec.replicas is not a DaemonSet field
and the API server rejects it (strict decoding error: unknown field
"spec.replicas"). It usually appears when a Deployment or ReplicaSet was
turned into a DaemonSet by changing only its kind.

The fix removes the line, its comment and the comment block directly above
it. To choose which nodes run the pod, use a nodeSelector, node affinity and
tolerations instead.`,
	Bad: `kind: DaemonSet
spec:
  replicas: 3
`,
	Good: `kind: DaemonSet
spec:
  selector: …
`,
	Since:    "v0.1.0",
	Severity: lint.Error,
	Kinds:    []string{"DaemonSet"},
	Run:      runDaemonSetReplicas,
}

func runDaemonSetReplicas(p *lint.Pass) error {
	spec := yamlutil.ResolveAlias(p.Doc.Field("spec"))
	if spec == nil || spec.Kind != yaml.MappingNode {
		return nil
	}
	// Every repeated replicas key is reported: removing only the last would
	// let an earlier one take its place.
	for i := 0; i+1 < len(spec.Content); i += 2 {
		k := spec.Content[i]
		if k.Kind != yaml.ScalarNode || k.Value != "replicas" {
			continue
		}
		p.Report(lint.Diagnostic{
			Span:    manifest.Span{Start: p.File.NodeStart(k), End: p.File.NodeEnd(spec.Content[i+1])},
			Field:   "spec.replicas",
			Message: `unknown field "spec.replicas": replicas is a field of ReplicaSet and Deployment specs, not of a DaemonSet's; a DaemonSet runs one pod on each eligible node, so it has no replica count`,
			Fixes:   []lint.Fix{{Message: "Remove spec.replicas", Edits: []manifest.Edit{yamledit.RemoveEntry(p.File, spec, k)}}},
		})
	}
	return nil
}
