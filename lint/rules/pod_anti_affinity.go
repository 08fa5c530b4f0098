package rules

import (
	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/lint"
)

// PodAntiAffinity reports pod anti-affinity and topology spread constraints in a DaemonSet.
var PodAntiAffinity = &lint.Rule{
	Name: "pod-anti-affinity",
	Doc: `Pod anti-affinity and topology spread mean nothing to a DaemonSet

A DaemonSet runs exactly one pod on each eligible node, so pod
anti-affinity and topology spread constraints, which spread the replicas of
a Deployment, change nothing about where daemon pods go; usually they were
copied from a Deployment. Worse, a required anti-affinity term that selects
the DaemonSet's own pods on the hostname topology keeps the new pod of a
rolling update with maxSurge from starting next to the old one. Remove them;
choose nodes with a nodeSelector, node affinity and tolerations.`,
	Bad: `spec:
  template:
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector: {matchLabels: {app: agent}}
            topologyKey: kubernetes.io/hostname
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
	Run:      runPodAntiAffinity,
}

func runPodAntiAffinity(p *lint.Pass) error {
	return reportFindings(p, daemonset.CheckPodAntiAffinity)
}
