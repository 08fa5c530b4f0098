package rules

import (
	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/lint"
)

// NodeName reports spec.template.spec.nodeName in a DaemonSet.
var NodeName = &lint.Rule{
	Name: "node-name",
	Doc: `spec.template.spec.nodeName pins every daemon pod to one node

Before Kubernetes 1.12 the DaemonSet controller placed its pods itself by
setting nodeName on each one, and some manifests copied that into the
template. Today the controller creates no pod on any node but the one named,
so the DaemonSet runs on a single node (or none, when that node is gone),
and the scheduler is bypassed there. Remove nodeName; choose the nodes with
a nodeSelector or node affinity.`,
	Bad: `spec:
  template:
    spec:
      nodeName: worker-1
`,
	Good: `spec:
  template:
    spec:
      nodeSelector:
        kubernetes.io/os: linux
`,
	Since:    "v0.1.0",
	Severity: lint.Warning,
	Kinds:    []string{"DaemonSet"},
	Run:      runNodeName,
}

func runNodeName(p *lint.Pass) error {
	return reportFindings(p, daemonset.CheckNodeName)
}
