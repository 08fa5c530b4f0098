package daemonset

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// A sensitivePath is a host path that a writable mount of gives power over
// the node.
type sensitivePath struct {
	path string
	// what is what the path holds, as the object of "gives it …".
	what   string
	socket bool
}

// sensitivePaths are the host paths CheckHostPaths knows. A mount of one of
// them, or of a directory above one of them, is reported.
var sensitivePaths = []sensitivePath{
	{path: "/", what: "the node's whole file system"},
	{path: "/etc", what: "the node's configuration"},
	{path: "/etc/kubernetes", what: "the node's Kubernetes credentials (and a control plane's static pod manifests)"},
	{path: "/root", what: "the root user's home"},
	{path: "/boot", what: "the node's kernel and boot loader"},
	{path: "/usr", what: "the node's programs"},
	{path: "/bin", what: "the node's programs"},
	{path: "/sbin", what: "the node's programs"},
	{path: "/lib", what: "the node's libraries and kernel modules"},
	{path: "/proc", what: "the node's processes"},
	{path: "/sys", what: "the kernel's settings"},
	{path: "/dev", what: "every device of the node"},
	{path: "/var/lib/kubelet", what: "the kubelet's state, with every pod's volumes and secrets"},
	{path: "/var/lib/containerd", what: "the container runtime's images and containers"},
	{path: "/var/lib/docker", what: "the container runtime's images and containers"},
	{path: "/run/containerd/containerd.sock", socket: true},
	{path: "/var/run/containerd/containerd.sock", socket: true},
	{path: "/run/crio/crio.sock", socket: true},
	{path: "/var/run/crio/crio.sock", socket: true},
	{path: "/run/docker.sock", socket: true},
	{path: "/var/run/docker.sock", socket: true},
	{path: "/run/cri-dockerd.sock", socket: true},
	{path: "/var/run/cri-dockerd.sock", socket: true},
}

// sensitive returns what a host path holds when it is, or contains, a
// sensitive path: the most specific match, the socket it contains if any.
func sensitive(hostPath string) (sensitivePath, bool) {
	p := path.Clean(hostPath)
	dir := strings.TrimSuffix(p, "/") + "/"
	var found *sensitivePath
	for i := range sensitivePaths {
		s := &sensitivePaths[i]
		if p != s.path && !strings.HasPrefix(s.path, dir) {
			continue
		}
		// A socket is reached through a directory above it only under
		// /run: /var/run is usually a symbolic link to /run, which a
		// mount of /var does not follow to the host's /run.
		if s.socket && p != s.path && !underRun(p) {
			continue
		}
		// An exact match wins; among directories above sensitive paths,
		// a socket explains best why the mount matters.
		if found == nil || s.path == p || (found.path != p && s.socket && !found.socket) {
			found = s
		}
	}
	if found == nil {
		return sensitivePath{}, false
	}
	return *found, true
}

// underRun reports whether p is /run, /var/run or a directory below them.
func underRun(p string) bool {
	return p == "/run" || strings.HasPrefix(p, "/run/") || p == "/var/run" || strings.HasPrefix(p, "/var/run/")
}

// CheckHostPaths reports containers that mount a sensitive host path
// writable (see sensitivePaths): the path itself or a directory above it,
// through subPath too. A container runtime socket is reported even when
// mounted readOnly, since connecting to a socket is not writing to the file
// system.
func CheckHostPaths(ds *appsv1.DaemonSet) []Finding {
	hostPaths := map[string]string{}
	for _, v := range ds.Spec.Template.Spec.Volumes {
		if v.HostPath != nil && v.HostPath.Path != "" {
			hostPaths[v.Name] = v.HostPath.Path
		}
	}
	var out []Finding
	for _, ref := range containers(ds, true) {
		for j, m := range ref.c.VolumeMounts {
			hp, ok := hostPaths[m.Name]
			if !ok {
				continue
			}
			if m.SubPath != "" {
				hp = path.Join(hp, m.SubPath)
			}
			s, ok := sensitive(hp)
			if !ok || m.ReadOnly && !s.socket {
				continue
			}
			var msg string
			switch {
			case s.socket && s.path == path.Clean(hp):
				msg = fmt.Sprintf("container %q mounts hostPath %q, the container runtime's socket: whoever can talk to it can start a privileged container, so it is root on every node; keep it only for an agent that must manage containers (readOnly does not help: connecting to a socket is not writing a file)",
					ref.c.Name, hp)
			case s.socket:
				msg = fmt.Sprintf("container %q mounts hostPath %q, which holds the container runtime's socket (such as %s): whoever can talk to it can start a privileged container, so it is root on every node, readOnly or not; mount only the file or subdirectory the agent needs",
					ref.c.Name, hp, s.path)
			default:
				shown := fmt.Sprintf("%q", hp)
				if s.path != path.Clean(hp) {
					shown += fmt.Sprintf(" (which holds %s)", s.path)
				}
				msg = fmt.Sprintf("container %q mounts hostPath %s writable: on every node that gives it %s; CNI, CSI and node-management agents may need that, others should add readOnly: true or mount only the subdirectory they use",
					ref.c.Name, shown, s.what)
			}
			out = append(out, Finding{Severity: Info, Field: ref.field("volumeMounts[" + strconv.Itoa(j) + "]"), Message: msg})
		}
	}
	return out
}

// CheckPrivileged reports privileged containers and init containers.
func CheckPrivileged(ds *appsv1.DaemonSet) []Finding {
	var out []Finding
	for _, ref := range containers(ds, true) {
		sc := ref.c.SecurityContext
		if sc == nil || sc.Privileged == nil || !*sc.Privileged {
			continue
		}
		what := "container"
		if ref.init {
			what = "init container"
		}
		out = append(out, Finding{
			Severity: Info,
			Field:    ref.field("securityContext.privileged"),
			Message: fmt.Sprintf("%s %q is privileged: it has every capability and every host device, so on each node it runs on it is as good as root; CNI, CSI and device-plugin agents often need that, other agents should drop it and add only the capabilities they use (securityContext.capabilities.add)",
				what, ref.c.Name),
		})
	}
	return out
}

// CheckHostPID reports hostPID: true.
func CheckHostPID(ds *appsv1.DaemonSet) []Finding {
	if !ds.Spec.Template.Spec.HostPID {
		return nil
	}
	return []Finding{{
		Severity: Info,
		Field:    templatePath.Child("hostPID").String(),
		Message:  "hostPID: true puts the daemon pods in the node's process namespace: they see every process on the node, and as root can signal them and read their memory and files; keep it for agents that watch host processes (monitoring, runtime security), otherwise remove it",
	}}
}

// CheckHostIPC reports hostIPC: true.
func CheckHostIPC(ds *appsv1.DaemonSet) []Finding {
	if !ds.Spec.Template.Spec.HostIPC {
		return nil
	}
	return []Finding{{
		Severity: Info,
		Field:    templatePath.Child("hostIPC").String(),
		Message:  "hostIPC: true shares the node's System V IPC and POSIX shared memory with the daemon pods, so they can read and change other programs' shared memory; keep it only for an agent that talks to a host process that way, otherwise remove it",
	}}
}

// CheckHostNetworkDNS reports a host-network pod template whose dnsPolicy
// is ClusterFirst, the default: on the host network that falls back to the
// node's resolver, so Service names do not resolve. A dnsPolicy written as
// ClusterFirst is reported; a missing one only when a container names a
// Service by its cluster DNS name (in its command, args or env), since node
// agents such as CNI plugins use the node's resolver on purpose.
//
// An object exported from a cluster (kubectl get -o yaml: it has a
// metadata.uid, resourceVersion, managedFields or creationTimestamp, or a
// status) carries every default the API server filled in, dnsPolicy:
// ClusterFirst among them, so there ClusterFirst is read as a missing
// dnsPolicy: reported only when a container names a Service, with a message
// that says the server wrote it.
func CheckHostNetworkDNS(ds *appsv1.DaemonSet) []Finding {
	spec := &ds.Spec.Template.Spec
	if !spec.HostNetwork {
		return nil
	}
	exported := exportedBy(ds)
	switch {
	case spec.DNSPolicy == corev1.DNSClusterFirst && exported == "":
		return []Finding{{
			Severity: Warning,
			Field:    templatePath.Child("dnsPolicy").String(),
			Message:  `dnsPolicy is ClusterFirst, but with hostNetwork: true that falls back to the node's resolv.conf, so Service names (*.svc.cluster.local) do not resolve; write dnsPolicy: ClusterFirstWithHostNet`,
		}}
	case spec.DNSPolicy == corev1.DNSClusterFirst || spec.DNSPolicy == "":
		for _, ref := range containers(ds, true) {
			name, where, ok := serviceName(ref.c)
			if !ok {
				continue
			}
			f := Finding{
				Severity: Warning,
				Field:    templatePath.Child("dnsPolicy").String(),
				Anchor:   templatePath.Child("hostNetwork").String(),
				Message: fmt.Sprintf("hostNetwork: true without a dnsPolicy uses the node's resolv.conf, which cannot resolve %q (in %s of container %q); write dnsPolicy: ClusterFirstWithHostNet",
					name, where, ref.c.Name),
			}
			if spec.DNSPolicy != "" {
				f.Message = fmt.Sprintf("dnsPolicy: ClusterFirst is the API server's default, filled in when the applied manifest had none (this is an exported object: it has %s); with hostNetwork: true it uses the node's resolv.conf, which cannot resolve %q (in %s of container %q); write dnsPolicy: ClusterFirstWithHostNet in the manifest it was applied from",
					exported, name, where, ref.c.Name)
			}
			return []Finding{f}
		}
	}
	return nil
}

// exportedBy returns the first field that shows ds was read back from an
// API server (kubectl get -o yaml), so that its defaults were filled in, or
// "" when none does. Client-side output (kubectl create --dry-run=client)
// writes creationTimestamp: null and status: {}, which decode as zero and
// do not count.
func exportedBy(ds *appsv1.DaemonSet) string {
	st := &ds.Status
	switch {
	case ds.UID != "":
		return "metadata.uid"
	case ds.ResourceVersion != "":
		return "metadata.resourceVersion"
	case len(ds.ManagedFields) > 0:
		return "metadata.managedFields"
	case !ds.CreationTimestamp.IsZero():
		return "metadata.creationTimestamp"
	case st.ObservedGeneration != 0 || st.CurrentNumberScheduled != 0 || st.NumberMisscheduled != 0 ||
		st.DesiredNumberScheduled != 0 || st.NumberReady != 0 || st.UpdatedNumberScheduled != 0 ||
		st.NumberAvailable != 0 || st.NumberUnavailable != 0 || st.CollisionCount != nil || len(st.Conditions) > 0:
		return "status"
	}
	return ""
}

// serviceName returns the first cluster DNS name (a word with a .svc label)
// in a container's command, args or env values, and where it is.
func serviceName(c *corev1.Container) (name, where string, ok bool) {
	find := func(s string) (string, bool) {
		for _, w := range strings.FieldsFunc(s, func(r rune) bool {
			return !(r == '.' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		}) {
			if labels := strings.Split(strings.TrimSuffix(w, "."), "."); len(labels) >= 2 && slices.Contains(labels[1:], "svc") {
				return w, true
			}
		}
		return "", false
	}
	for _, s := range append(slices.Clone(c.Command), c.Args...) {
		if n, ok := find(s); ok {
			return n, "the command", true
		}
	}
	for _, e := range c.Env {
		if n, ok := find(e.Value); ok {
			return n, "env " + e.Name, true
		}
	}
	return "", "", false
}
