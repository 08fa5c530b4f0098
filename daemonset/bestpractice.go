package daemonset

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// A Finding is one best-practice finding about a DaemonSet: something the
// API server accepts that a node agent should do differently, or should do
// knowingly.
type Finding struct {
	// Field is the API server's field path the finding is about; the field
	// may be absent from the manifest (a missing priorityClassName).
	Field string
	// Anchor is where to place the finding when Field is not written in
	// the manifest, or empty for Field's nearest written parent.
	Anchor string
	// Message says what is wrong, why it matters for a DaemonSet, and what
	// to write instead.
	Message string
	// Advice reports that the finding is advice (info) rather than a likely
	// mistake, where a check gives both.
	Advice bool
}

var (
	templatePath = field.NewPath("spec", "template", "spec")
)

// A containerRef is a container of a pod spec, with its field path and
// whether it is an init container.
type containerRef struct {
	c    *corev1.Container
	path *field.Path
	init bool
}

// containers returns the template's containers, then its init containers
// when withInit is set, each with its field path.
func containers(ds *appsv1.DaemonSet, withInit bool) []containerRef {
	spec := &ds.Spec.Template.Spec
	var out []containerRef
	for i := range spec.Containers {
		out = append(out, containerRef{&spec.Containers[i], templatePath.Child("containers").Index(i), false})
	}
	if withInit {
		for i := range spec.InitContainers {
			out = append(out, containerRef{&spec.InitContainers[i], templatePath.Child("initContainers").Index(i), true})
		}
	}
	return out
}

// isSidecar reports whether an init container runs for the pod's whole life.
func isSidecar(c *corev1.Container) bool {
	return c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways
}

// CheckResources reports containers (and sidecar init containers) without
// a CPU request, a memory request or a memory limit. A request defaulted
// from a limit, and pod-level resources, count as set; pause containers,
// which use next to nothing, are not reported. A container that lacks only
// the memory limit is reported as advice: some node agents (networking
// above all) go without one on purpose, so that they are never OOM-killed.
func CheckResources(ds *appsv1.DaemonSet) []Finding {
	pod := ds.Spec.Template.Spec.Resources
	var out []Finding
	for _, ref := range containers(ds, true) {
		if ref.init && !isSidecar(ref.c) {
			continue // runs to completion before the agent starts
		}
		if isPauseImage(ref.c.Image) {
			continue
		}
		has := func(name corev1.ResourceName, limitOnly bool) bool {
			for _, r := range []*corev1.ResourceRequirements{&ref.c.Resources, pod} {
				if r == nil {
					continue
				}
				if _, ok := r.Limits[name]; ok {
					return true
				}
				if _, ok := r.Requests[name]; ok && !limitOnly {
					return true
				}
			}
			return false
		}
		var missing, fields []string
		if !has(corev1.ResourceCPU, false) {
			missing, fields = append(missing, "cpu request"), append(fields, "resources.requests.cpu")
		}
		if !has(corev1.ResourceMemory, false) {
			missing, fields = append(missing, "memory request"), append(fields, "resources.requests.memory")
		}
		noLimit := !has(corev1.ResourceMemory, true)
		if noLimit {
			missing, fields = append(missing, "memory limit"), append(fields, "resources.limits.memory")
		}
		path := ref.path.Child("resources").String()
		switch {
		case len(missing) == 0:
		case len(missing) == 1 && noLimit:
			out = append(out, Finding{
				Field:   path,
				Message: fmt.Sprintf("container %q has no memory limit: a memory leak in a daemon pod grows on every node at once; set resources.limits.memory, unless the agent must never be OOM-killed (some networking agents go without a limit on purpose)", ref.c.Name),
				Advice:  true,
			})
		default:
			out = append(out, Finding{
				Field: path,
				Message: fmt.Sprintf("container %q has no %s: a DaemonSet runs a copy on every node, and the scheduler reserves nothing for what it does not request, on any of them; set %s",
					ref.c.Name, joinWords(missing, "or"), joinWords(fields, "and")),
			})
		}
	}
	return out
}

// isPauseImage reports whether an image is a pause image, which a pod
// runs only to hold its place.
func isPauseImage(image string) bool {
	name, _, _ := strings.Cut(image, "@")
	name = name[strings.LastIndex(name, "/")+1:]
	name, _, _ = strings.Cut(name, ":")
	return name == "pause"
}

// joinWords joins words as a list in a sentence, with conj ("and", "or")
// before the last: "a", "a or b", "a, b or c".
func joinWords(words []string, conj string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

// SystemNodeCritical is the built-in priority class for pods that must run
// on every node.
const SystemNodeCritical = "system-node-critical"

// CheckPriorityClass reports a pod template without a priorityClassName.
func CheckPriorityClass(ds *appsv1.DaemonSet) []Finding {
	if ds.Spec.Template.Spec.PriorityClassName != "" {
		return nil
	}
	return []Finding{{
		Field: templatePath.Child("priorityClassName").String(),
		Message: fmt.Sprintf("spec.template.spec.priorityClassName is not set, so daemon pods get priority 0: under memory pressure the kubelet may evict the agent before the workloads it serves, and on a full node the scheduler makes no room for it; a node agent that must keep running uses %q",
			SystemNodeCritical),
	}}
}

// CheckUpdateStrategy reports the OnDelete update strategy, and (as advice)
// a rolling update written with maxUnavailable 1, which replaces one node's
// pod at a time however many nodes there are.
func CheckUpdateStrategy(ds *appsv1.DaemonSet) []Finding {
	s := ds.Spec.UpdateStrategy
	strategy := field.NewPath("spec", "updateStrategy")
	if s.Type == appsv1.OnDeleteDaemonSetStrategyType {
		return []Finding{{
			Field:   strategy.Child("type").String(),
			Message: `spec.updateStrategy.type is OnDelete: a changed template never rolls out by itself, and each node keeps the old pod until someone deletes it, so nodes run different versions; use RollingUpdate (the default) unless pods are replaced by hand on purpose`,
		}}
	}
	if s.RollingUpdate == nil || s.RollingUpdate.MaxUnavailable == nil {
		return nil
	}
	if mu := s.RollingUpdate.MaxUnavailable; mu.Type == intstr.Int && mu.IntVal == 1 && isZero(s.RollingUpdate.MaxSurge) {
		return []Finding{{
			Field:   strategy.Child("rollingUpdate", "maxUnavailable").String(),
			Message: `spec.updateStrategy.rollingUpdate.maxUnavailable is 1: a rollout replaces one node's pod at a time, so on a fleet of 300 nodes it is 300 pod restarts in a row; on a large fleet use a percentage such as "10%", or maxSurge to start the new pod before the old one stops`,
			Advice:  true,
		}}
	}
	return nil
}

// isZero reports whether a maxSurge is absent, 0 or "0%".
func isZero(v *intstr.IntOrString) bool {
	return v == nil || v.Type == intstr.Int && v.IntVal == 0 || v.Type == intstr.String && v.StrVal == "0%"
}

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
	var found *sensitivePath
	for i := range sensitivePaths {
		s := &sensitivePaths[i]
		if p != s.path && !strings.HasPrefix(s.path, strings.TrimSuffix(p, "/")+"/") {
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
	for _, run := range []string{"/run", "/var/run"} {
		if p == run || strings.HasPrefix(p, run+"/") {
			return true
		}
	}
	return false
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
			out = append(out, Finding{Field: ref.path.Child("volumeMounts").Index(j).String(), Message: msg})
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
			Field: ref.path.Child("securityContext", "privileged").String(),
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
		Field:   templatePath.Child("hostPID").String(),
		Message: "hostPID: true puts the daemon pods in the node's process namespace: they see every process on the node, and as root can signal them and read their memory and files; keep it for agents that watch host processes (monitoring, runtime security), otherwise remove it",
	}}
}

// CheckHostIPC reports hostIPC: true.
func CheckHostIPC(ds *appsv1.DaemonSet) []Finding {
	if !ds.Spec.Template.Spec.HostIPC {
		return nil
	}
	return []Finding{{
		Field:   templatePath.Child("hostIPC").String(),
		Message: "hostIPC: true shares the node's System V IPC and POSIX shared memory with the daemon pods, so they can read and change other programs' shared memory; keep it only for an agent that talks to a host process that way, otherwise remove it",
	}}
}

// CheckHostNetworkDNS reports a host-network pod template whose dnsPolicy
// is ClusterFirst, the default: on the host network that falls back to the
// node's resolver, so Service names do not resolve. A dnsPolicy written as
// ClusterFirst is reported; a missing one only when a container names a
// Service by its cluster DNS name (in its command, args or env), since node
// agents such as CNI plugins use the node's resolver on purpose.
func CheckHostNetworkDNS(ds *appsv1.DaemonSet) []Finding {
	spec := &ds.Spec.Template.Spec
	if !spec.HostNetwork {
		return nil
	}
	switch spec.DNSPolicy {
	case corev1.DNSClusterFirst:
		return []Finding{{
			Field:   templatePath.Child("dnsPolicy").String(),
			Message: `dnsPolicy is ClusterFirst, but with hostNetwork: true that falls back to the node's resolv.conf, so Service names (*.svc.cluster.local) do not resolve; write dnsPolicy: ClusterFirstWithHostNet`,
		}}
	case "":
		for _, ref := range containers(ds, true) {
			if name, where, ok := serviceName(ref.c); ok {
				return []Finding{{
					Field:  templatePath.Child("dnsPolicy").String(),
					Anchor: templatePath.Child("hostNetwork").String(),
					Message: fmt.Sprintf("hostNetwork: true without a dnsPolicy uses the node's resolv.conf, which cannot resolve %q (in %s of container %q); write dnsPolicy: ClusterFirstWithHostNet",
						name, where, ref.c.Name),
				}}
			}
		}
	}
	return nil
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

// CheckNodeName reports spec.template.spec.nodeName.
func CheckNodeName(ds *appsv1.DaemonSet) []Finding {
	name := ds.Spec.Template.Spec.NodeName
	if name == "" {
		return nil
	}
	return []Finding{{
		Field:   templatePath.Child("nodeName").String(),
		Message: fmt.Sprintf("spec.template.spec.nodeName pins every daemon pod to node %q, so the DaemonSet runs there and nowhere else (the way daemon pods were placed before Kubernetes 1.12); remove it, and choose nodes with nodeSelector or node affinity", name),
	}}
}

// CheckPodAntiAffinity reports pod anti-affinity and topology spread
// constraints, which mean nothing for one pod per node.
func CheckPodAntiAffinity(ds *appsv1.DaemonSet) []Finding {
	spec := &ds.Spec.Template.Spec
	var out []Finding
	if a := spec.Affinity; a != nil && a.PodAntiAffinity != nil &&
		len(a.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution)+len(a.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution) > 0 {
		msg := "pod anti-affinity does not spread a DaemonSet: it already runs exactly one pod on each eligible node"
		if len(a.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution) > 0 {
			msg += ", and a required term that matches its own pods keeps the new pod of a rolling update with maxSurge Pending next to the old one"
		}
		out = append(out, Finding{Field: templatePath.Child("affinity", "podAntiAffinity").String(), Message: msg + "; remove it"})
	}
	if len(spec.TopologySpreadConstraints) > 0 {
		out = append(out, Finding{
			Field:   templatePath.Child("topologySpreadConstraints").String(),
			Message: "topologySpreadConstraints do not spread a DaemonSet: it runs exactly one pod on each eligible node, wherever the nodes are; remove them",
		})
	}
	return out
}

// ImageTag returns the tag of an image reference and whether it names a
// digest: "fluentd:v1.17" gives ("v1.17", false), "fluentd" gives
// ("", false), "fluentd@sha256:…" gives ("", true).
func ImageTag(image string) (tag string, digest bool) {
	name, _, digest := strings.Cut(image, "@")
	last := name[strings.LastIndex(name, "/")+1:]
	if i := strings.LastIndex(last, ":"); i >= 0 {
		tag = last[i+1:]
	}
	return tag, digest
}

// CheckImageTags reports container images without a tag or with the tag
// latest, and no digest.
func CheckImageTags(ds *appsv1.DaemonSet) []Finding {
	var out []Finding
	for _, ref := range containers(ds, true) {
		image := strings.TrimSpace(ref.c.Image)
		if image == "" {
			continue
		}
		tag, digest := ImageTag(image)
		if digest || (tag != "" && tag != "latest") {
			continue
		}
		what := "has no tag, so it means :latest"
		if tag == "latest" {
			what = "uses the tag latest"
		}
		out = append(out, Finding{
			Field: ref.path.Child("image").String(),
			Message: fmt.Sprintf("image %q of container %q %s: each node pulls whatever latest is when it starts the pod, so nodes that join later run a newer version than the rest and no rollout is ever recorded; pin a version tag or a digest",
				image, ref.c.Name, what),
		})
	}
	return out
}

// CheckProbes reports containers that declare ports but have no readiness
// probe. A container with a liveness or startup probe is not reported: when
// the new version fails that probe, the restarting pod is unavailable and
// the rolling update stops too.
func CheckProbes(ds *appsv1.DaemonSet) []Finding {
	var out []Finding
	for _, ref := range containers(ds, false) {
		if len(ref.c.Ports) == 0 || ref.c.ReadinessProbe != nil || ref.c.LivenessProbe != nil || ref.c.StartupProbe != nil {
			continue
		}
		out = append(out, Finding{
			Field: ref.path.Child("readinessProbe").String(),
			Message: fmt.Sprintf("container %q declares ports but has no probe: it counts as ready as soon as it starts, so a rolling update moves on to the next node even when the new version does not serve, and Services send it traffic too early; add a readinessProbe on one of its ports",
				ref.c.Name),
		})
	}
	return out
}

// controlPlaneTaintKey and legacyMasterTaintKey are the taints kubeadm puts
// on control-plane nodes: the first since v1.24 (alone since v1.25), the
// second before v1.25.
const (
	controlPlaneTaintKey = "node-role.kubernetes.io/control-plane"
	legacyMasterTaintKey = "node-role.kubernetes.io/master"
)

// CheckControlPlaneCoverage reports a DaemonSet that will not run on a
// kubeadm control-plane node (the built-in ControlPlaneNode profile) only
// because of the node's taint. A DaemonSet whose nodeSelector, affinity or
// nodeName leaves control-plane nodes out chose that, and is not reported.
func CheckControlPlaneCoverage(ds *appsv1.DaemonSet) []Finding {
	if ds.Spec.Template.Spec.NodeName != "" {
		return nil // the node-name check says more
	}
	v := Placement(ds, controlPlaneNodes())[0]
	if v.Runs || slices.ContainsFunc(v.Reasons, func(r Reason) bool { return r.Kind != ReasonTaint }) {
		return nil
	}
	var taints []string
	for _, r := range v.Reasons {
		taints = append(taints, r.Taint.ToString())
	}
	msg := fmt.Sprintf("this DaemonSet will not run on control-plane nodes, whose %s taint it does not tolerate", strings.Join(taints, ", "))
	if slices.ContainsFunc(ds.Spec.Template.Spec.Tolerations, func(t corev1.Toleration) bool { return t.Key == legacyMasterTaintKey }) {
		msg += fmt.Sprintf(" (it tolerates %s, which kubeadm stopped setting in v1.25)", legacyMasterTaintKey)
	}
	msg += fmt.Sprintf("; often that is intended, but if the agent belongs there too (log collection, monitoring, networking), add the toleration {key: %s, operator: Exists, effect: NoSchedule}", controlPlaneTaintKey)
	return []Finding{{Field: templatePath.Child("tolerations").String(), Message: msg, Advice: true}}
}

// controlPlaneNodes is the built-in control-plane profile, made once: the
// check runs on every DaemonSet, and Placement does not change its nodes.
var controlPlaneNodes = sync.OnceValue(func() []corev1.Node {
	return []corev1.Node{ControlPlaneNode()}
})
