package rules

import (
	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/lint"
)

// Privileged reports privileged daemon containers.
var Privileged = &lint.Rule{
	Name: "privileged",
	Doc: `Privileged daemon containers

securityContext.privileged: true gives a container every Linux capability
and every device of the host, with no seccomp or AppArmor confinement: on
each node the DaemonSet runs on, the container is as good as root. Network
(CNI), storage (CSI) and device-plugin agents often need that, to program
the kernel or mount volumes for other pods, so the rule is an info that
names each such container.

An agent that does not need it should drop privileged and add only the
capabilities it uses in securityContext.capabilities.add (NET_ADMIN for
network setup, SYS_ADMIN for mounts, SYS_PTRACE to inspect processes).`,
	Bad: `containers:
- name: agent
  securityContext:
    privileged: true
`,
	Good: `containers:
- name: agent
  securityContext:
    capabilities:
      add: [NET_ADMIN]
`,
	Since:    "v0.1.0",
	Severity: lint.Info,
	Kinds:    []string{"DaemonSet"},
	Run:      runPrivileged,
}

func runPrivileged(p *lint.Pass) error {
	return reportFindings(p, daemonset.CheckPrivileged)
}
