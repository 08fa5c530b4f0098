package rules

import (
	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/lint"
)

// HostPath reports writable hostPath mounts of sensitive node paths, and container runtime sockets.
var HostPath = &lint.Rule{
	Name: "host-path",
	Doc: `Writable hostPath mounts of sensitive node paths

A DaemonSet puts its pod on every node, so a hostPath mount gives the
container the same piece of every node's file system. Writable mounts of
/, /etc, /etc/kubernetes, /var/lib/kubelet, the container runtime's state
and sockets, /proc, /sys, /dev and the system directories let anyone who
compromises the container take over the node: the runtime socket
(/var/run/docker.sock, /run/containerd/containerd.sock, crio.sock) starts
privileged containers, /var/lib/kubelet holds every pod's secrets. A mount
of a directory that contains such a path (/var, /run) counts, and so does a
runtime socket mounted readOnly, since connecting to a socket is not
writing to the file system.

CNI, CSI and node-management agents legitimately need some of these (a CSI
node plugin mounts /var/lib/kubelet with Bidirectional propagation), so the
rule is an info: it says what each mount exposes. Other agents should mount
the narrowest subdirectory they use and add readOnly: true to the
volumeMount.`,
	Bad: `containers:
- name: agent
  volumeMounts:
  - {name: etc, mountPath: /host/etc}
volumes:
- name: etc
  hostPath: {path: /etc}
`,
	Good: `containers:
- name: agent
  volumeMounts:
  - {name: etc, mountPath: /host/etc, readOnly: true}
volumes:
- name: etc
  hostPath: {path: /etc}
`,
	Since:    "v0.1.0",
	Severity: lint.Info,
	Kinds:    []string{"DaemonSet"},
	Run:      runHostPath,
}

func runHostPath(p *lint.Pass) error {
	return reportFindings(p, daemonset.CheckHostPaths)
}
