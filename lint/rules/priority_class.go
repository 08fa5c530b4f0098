package rules

import (
	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/lint"
)

// PriorityClass reports a DaemonSet without a priorityClassName.
var PriorityClass = &lint.Rule{
	Name: "priority-class",
	Doc: `Node agents should set a priorityClassName

Without spec.template.spec.priorityClassName, daemon pods have the default
priority 0: when a node runs out of memory the kubelet may evict the agent
before the workloads it serves, and when a node is full the scheduler does
not preempt anything to make room for the daemon pod, which then stays
Pending on that node. Agents the node cannot do without (networking,
storage, log shipping, device plugins) use the built-in
"system-node-critical" class, the highest a pod can have; a cluster may
define its own classes for less critical agents.`,
	Bad: `spec:
  template:
    spec:
      containers: …
`,
	Good: `spec:
  template:
    spec:
      priorityClassName: system-node-critical
      containers: …
`,
	Since:    "v0.1.0",
	Severity: lint.Info,
	Kinds:    []string{"DaemonSet"},
	Run:      runPriorityClass,
}

func runPriorityClass(p *lint.Pass) error {
	return reportFindings(p, daemonset.CheckPriorityClass)
}
