package rules

import (
	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/lint"
)

// Resources reports daemon containers without a CPU request, a memory request or a memory limit.
var Resources = &lint.Rule{
	Name: "resources",
	Doc: `Daemon containers need CPU and memory requests and a memory limit

A DaemonSet runs one copy of its pod on every node, so its cost is
multiplied by the size of the fleet and taken from every node's other
workloads. Without requests the scheduler does not reserve anything for the
agent, so nodes are overcommitted from the start and the agent is among the
first to be evicted when memory runs short; without a memory limit a leak in
the agent can starve every node at once. A request defaulted from a limit
and pod-level resources count; sidecar init containers are checked too, and
pause containers are not. A container that lacks only the memory limit is
an info: some agents, networking above all, go without one on purpose so
that they are never OOM-killed.

Set resources.requests.cpu and resources.requests.memory to what the agent
uses on a busy node, and resources.limits.memory above its peak.`,
	Bad: `containers:
- name: fluentd
  image: fluentd:v1.17
`,
	Good: `containers:
- name: fluentd
  image: fluentd:v1.17
  resources:
    requests: {cpu: 100m, memory: 200Mi}
    limits: {memory: 400Mi}
`,
	Since:    "v0.1.0",
	Severity: lint.Warning,
	Kinds:    []string{"DaemonSet"},
	Run:      runResources,
}

func runResources(p *lint.Pass) error {
	return reportFindings(p, daemonset.CheckResources)
}
