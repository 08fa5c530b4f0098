package rules

import (
	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/lint"
)

// HostNetworkDNS reports host-network daemon pods whose dnsPolicy does not give them cluster DNS.
var HostNetworkDNS = &lint.Rule{
	Name: "host-network-dns",
	Doc: `hostNetwork pods need dnsPolicy ClusterFirstWithHostNet for cluster DNS

Node agents often run with hostNetwork: true. Such a pod does not get cluster
DNS with the default dnsPolicy, ClusterFirst: on the host network it falls
back to the node's /etc/resolv.conf, so Service names such as
elasticsearch.logging.svc do not resolve, and the agent fails on every node
at once. The rule reports a dnsPolicy written as ClusterFirst (whoever wrote
it expected cluster DNS), and a missing dnsPolicy when a container's
command, args or env name a Service by its cluster DNS name (a name with a
svc label). Many host-network agents, CNI plugins first, use the node's
resolver on purpose, since they must work before cluster DNS does; those are
not reported.

An object exported from a cluster (kubectl get -o yaml: it has a status, or
a metadata.uid, resourceVersion, managedFields or creationTimestamp) carries
every default the API server filled in, dnsPolicy: ClusterFirst among them,
whether or not its author wrote it. There ClusterFirst is read as a missing
dnsPolicy: the rule stays quiet unless a container names a Service, and
then says that the server wrote ClusterFirst and that the fix belongs in the
manifest the object was applied from. Client-side output (kubectl create
--dry-run=client, with creationTimestamp: null and status: {}) is not an
export.

Write dnsPolicy: ClusterFirstWithHostNet when the agent talks to Services by
name, and dnsPolicy: Default when the node's resolver is what it needs.`,
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
	Severity: lint.Warning,
	Kinds:    []string{"DaemonSet"},
	Run:      runHostNetworkDNS,
}

func runHostNetworkDNS(p *lint.Pass) error {
	return reportFindings(p, daemonset.CheckHostNetworkDNS)
}
