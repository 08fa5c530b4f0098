package rules

import (
	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/lint"
)

// HostPID reports daemon pods with hostPID: true.
var HostPID = &lint.Rule{
	Name: "host-pid",
	Doc: `Daemon pods in the node's process namespace

hostPID: true lets the daemon pods see every process of their node; as root
they can signal those processes and read their memory, environment and
files through /proc. Agents that watch host processes (process monitoring,
runtime security such as Falco) need it; for anything else it only widens
what a compromised container can reach on every node. Remove it unless the
agent needs to see host processes.`,
	Bad: `spec:
  template:
    spec:
      hostPID: true
`,
	Good: `spec:
  template:
    spec:
      hostPID: false
`,
	Since:    "v0.1.0",
	Severity: lint.Info,
	Kinds:    []string{"DaemonSet"},
	Run:      runHostPID,
}

func runHostPID(p *lint.Pass) error {
	return reportFindings(p, daemonset.CheckHostPID)
}
