package lint

import "github.com/daemonlint/daemonlint/daemonset"

// HostNetworkDNS reports host-network daemon pods whose dnsPolicy does not give them cluster DNS.
var HostNetworkDNS = &Rule{
	Name: "host-network-dns",
	Doc: `hostNetwork pods need dnsPolicy ClusterFirstWithHostNet for cluster DNS

Node agents often run with hostNetwork: true. Such a pod does not get cluster
DNS with the default dnsPolicy, ClusterFirst: on the host network it falls
back to the node's /etc/resolv.conf, so Service names such as
elasticsearch.logging.svc do not resolve, and the agent fails on every node
at once. A dnsPolicy written as ClusterFirst is a warning: whoever wrote it
expected cluster DNS.

Write dnsPolicy: ClusterFirstWithHostNet when the agent talks to Services by
name. When the node's resolver is intended, as for a CNI agent that must
work before cluster DNS does, write dnsPolicy: Default to say so; a missing
dnsPolicy is reported as an info.`,
	Bad: `spec:
  template:
    spec:
      hostNetwork: true
      dnsPolicy: ClusterFirst
`,
	Good: `spec:
  template:
    spec:
      hostNetwork: true
      dnsPolicy: ClusterFirstWithHostNet
`,
	Since:    "v0.1.0",
	Severity: Warning,
	Kinds:    []string{"DaemonSet"},
	Run:      runHostNetworkDNS,
}

func runHostNetworkDNS(p *Pass) error {
	return reportFindings(p, daemonset.CheckHostNetworkDNS)
}
