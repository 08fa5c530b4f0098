package rules

import (
	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/lint"
)

// HostIPC reports daemon pods with hostIPC: true.
var HostIPC = &lint.Rule{
	Name: "host-ipc",
	Doc: `Daemon pods in the node's IPC namespace

hostIPC: true shares the node's System V IPC objects and POSIX shared memory
with the daemon pods, on every node: they can read and change the shared
memory of other programs on the host. Very few node agents need it (one that
talks to a host process through shared memory). Remove it unless the agent
does.`,
	Bad: `spec:
  template:
    spec:
      hostIPC: true
`,
	Good: `spec:
  template:
    spec:
      hostIPC: false
`,
	Since:    "v0.1.0",
	Severity: lint.Info,
	Kinds:    []string{"DaemonSet"},
	Run:      runHostIPC,
}

func runHostIPC(p *lint.Pass) error {
	return reportFindings(p, daemonset.CheckHostIPC)
}
