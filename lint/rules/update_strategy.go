package rules

import (
	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/lint"
)

// UpdateStrategy reports the OnDelete update strategy, and a rolling update one node at a time.
var UpdateStrategy = &lint.Rule{
	Name: "update-strategy",
	Doc: `Updates should roll out, and at a pace that suits the fleet

With spec.updateStrategy.type OnDelete, a changed pod template never reaches
the nodes by itself: each node keeps its old pod until someone deletes it,
so a fleet quietly runs a mix of versions (a warning). RollingUpdate, the
default, replaces the pods node by node.

A rolling update written with maxUnavailable: 1 (and no maxSurge) replaces
one node's pod at a time: on a large fleet a rollout takes hours. That is
reported as an info, because on a small cluster it is the safe choice. A
percentage such as "10%" scales with the number of nodes; maxSurge starts
the new pod before stopping the old one, for agents that must not have a
gap.`,
	Bad: `spec:
  updateStrategy:
    type: OnDelete
`,
	Good: `spec:
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 10%
`,
	Since:    "v0.1.0",
	Severity: lint.Warning,
	Kinds:    []string{"DaemonSet"},
	Run:      runUpdateStrategy,
}

func runUpdateStrategy(p *lint.Pass) error {
	return reportFindings(p, daemonset.CheckUpdateStrategy)
}
