package rules

import (
	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/lint"
)

// Probes reports daemon containers that declare ports but have no readiness probe.
var Probes = &lint.Rule{
	Name: "probes",
	Doc: `Containers that serve ports need a readiness probe

A DaemonSet's rolling update moves to the next node once the new pod is
available, and without a readiness probe a pod is ready as soon as its
containers start. A version that starts but does not serve is then rolled
out to every node, and Services send traffic to daemon pods before they
listen. The rule looks only at containers that declare ports, since an
agent that serves nothing has nothing to probe, and leaves alone those with
a liveness or startup probe: a new version that fails it keeps restarting,
is not available, and stops the rollout as well.

Add a readinessProbe on one of the container's ports (an HTTP health
endpoint, or a TCP check), and consider spec.minReadySeconds.`,
	Bad: `containers:
- name: node-exporter
  ports:
  - containerPort: 9100
`,
	Good: `containers:
- name: node-exporter
  ports:
  - containerPort: 9100
  readinessProbe:
    httpGet: {path: /, port: 9100}
`,
	Since:    "v0.1.0",
	Severity: lint.Warning,
	Kinds:    []string{"DaemonSet"},
	Run:      runProbes,
}

func runProbes(p *lint.Pass) error {
	return reportFindings(p, daemonset.CheckProbes)
}
