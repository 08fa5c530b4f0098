package rules

import (
	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/lint"
)

// ControlPlaneCoverage reports a DaemonSet that a kubeadm control-plane node's taint alone keeps off the control plane.
var ControlPlaneCoverage = &lint.Rule{
	Name: "control-plane-coverage",
	Doc: `The DaemonSet will not run on control-plane nodes

kubeadm (and most installers) taint control-plane nodes with
node-role.kubernetes.io/control-plane:NoSchedule, and a daemon pod gets no
toleration for it by default. A DaemonSet without one silently skips the
control plane: the classic surprise is a log collector, monitoring agent or
network agent that never ran there, noticed only when the logs or metrics of
the API server's nodes were missing. The rule places the DaemonSet on a
kubeadm control-plane node profile, exactly as the DaemonSet controller
would, and reports it only when the taint alone keeps it off: a nodeSelector
or node affinity that leaves the control plane out is a choice. It also
notices a toleration for node-role.kubernetes.io/master, the taint kubeadm
stopped setting in v1.25.

It is an info because leaving the control plane alone is often right. When
it is not, add the toleration
{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
to spec.template.spec.tolerations. daemonlint placement shows every node the
DaemonSet does and does not run on.`,
	Bad: `kind: DaemonSet
spec:
  template:
    spec:
      containers:
      - name: fluentd
        image: fluentd:v1.17
`,
	Good: `kind: DaemonSet
spec:
  template:
    spec:
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      containers:
      - name: fluentd
        image: fluentd:v1.17
`,
	Since:    "v0.1.0",
	Severity: lint.Info,
	Kinds:    []string{"DaemonSet"},
	Run:      runControlPlaneCoverage,
}

func runControlPlaneCoverage(p *lint.Pass) error {
	return reportFindings(p, daemonset.CheckControlPlaneCoverage)
}
