package placement

import (
	"fmt"
	"maps"
	"slices"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	resourcehelper "k8s.io/component-helpers/resource"
)

// DefaultDaemonPodTolerations returns the tolerations the DaemonSet
// controller adds to every daemon pod, in the order it adds them: the
// node.kubernetes.io/not-ready and unreachable NoExecute taints, the
// disk-pressure, memory-pressure, pid-pressure and unschedulable NoSchedule
// taints, and, for a pod on the host network, network-unavailable. They have
// operator Exists and no tolerationSeconds (AddOrUpdateDaemonPodTolerations
// in k8s.io/kubernetes v1.37.2 pkg/controller/daemon/util).
func DefaultDaemonPodTolerations(hostNetwork bool) []corev1.Toleration {
	n := len(daemonPodTolerations) - 1
	if hostNetwork {
		n++
	}
	return slices.Clone(daemonPodTolerations[:n])
}

// daemonPodTolerations are DefaultDaemonPodTolerations(true), the last one
// for the host network only. It is never changed.
var daemonPodTolerations = [...]corev1.Toleration{
	{Key: corev1.TaintNodeNotReady, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute},
	{Key: corev1.TaintNodeUnreachable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute},
	{Key: corev1.TaintNodeDiskPressure, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
	{Key: corev1.TaintNodeMemoryPressure, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
	{Key: corev1.TaintNodePIDPressure, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
	{Key: corev1.TaintNodeUnschedulable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
	{Key: corev1.TaintNodeNetworkUnavailable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
}

// DaemonPodTolerations returns the tolerations of the pods the DaemonSet
// controller creates from a pod template spec: the template's, with each
// default of DefaultDaemonPodTolerations added as
// AddOrUpdateTolerationInPodSpec (k8s.io/kubernetes v1.37.2
// pkg/apis/core/v1/helper) adds it. A template toleration with the same key,
// operator, value and effect as a default is replaced by the default, which
// drops its tolerationSeconds; any other default is appended. spec is not
// modified.
func DaemonPodTolerations(spec *corev1.PodSpec) []corev1.Toleration {
	defaults := daemonPodTolerations[:len(daemonPodTolerations)-1]
	if spec.HostNetwork {
		defaults = daemonPodTolerations[:]
	}
	tolerations := make([]corev1.Toleration, len(spec.Tolerations), len(spec.Tolerations)+len(defaults))
	copy(tolerations, spec.Tolerations)
	for i := range defaults {
		tolerations = addOrUpdateToleration(tolerations, defaults[i])
	}
	return tolerations
}

// addOrUpdateToleration is AddOrUpdateTolerationInPodSpec on a list that it
// may change in place: when an equal toleration is already there the list is
// unchanged; otherwise every toleration that matches (same key, operator,
// value and effect) is replaced by toleration, and when none matches it is
// appended.
func addOrUpdateToleration(tolerations []corev1.Toleration, toleration corev1.Toleration) []corev1.Toleration {
	matched := false
	for i := range tolerations {
		if toleration.MatchToleration(&tolerations[i]) {
			if sameSeconds(toleration.TolerationSeconds, tolerations[i].TolerationSeconds) {
				return tolerations // deep-equal: a match differs only there
			}
			matched = true
		}
	}
	if !matched {
		return append(tolerations, toleration)
	}
	for i := range tolerations {
		if toleration.MatchToleration(&tolerations[i]) {
			tolerations[i] = toleration
		}
	}
	return tolerations
}

// sameSeconds reports whether two tolerationSeconds are equal: both unset,
// or set to the same value.
func sameSeconds(a, b *int64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// daemonPod returns a pod as the controller creates it from the DaemonSet's
// template, with the defaults the API server then gives a Pod that matter
// to the scheduler: requests defaulted from limits, and host ports from
// container ports on the host network (SetDefaults_Pod in k8s.io/kubernetes
// v1.37.2 pkg/apis/core/v1/defaults.go).
func daemonPod(ds *appsv1.DaemonSet) *corev1.Pod {
	// A shallow copy, with new container lists and new request maps and
	// port lists where the defaults change them: the DaemonSet is not
	// written to, and nothing else is copied.
	pod := &corev1.Pod{Spec: ds.Spec.Template.Spec}
	pod.Spec.Containers = defaultContainers(pod.Spec.Containers, pod.Spec.HostNetwork)
	pod.Spec.InitContainers = defaultContainers(pod.Spec.InitContainers, pod.Spec.HostNetwork)
	return pod
}

// defaultContainers returns a copy of list with requests defaulted from
// limits, and host ports from container ports on the host network.
func defaultContainers(list []corev1.Container, hostNetwork bool) []corev1.Container {
	if list == nil {
		return nil
	}
	out := slices.Clone(list)
	for i := range out {
		c := &out[i]
		cloned := false
		for name, limit := range c.Resources.Limits {
			if _, ok := c.Resources.Requests[name]; ok {
				continue
			}
			if !cloned {
				c.Resources.Requests = maps.Clone(c.Resources.Requests)
				if c.Resources.Requests == nil {
					c.Resources.Requests = corev1.ResourceList{}
				}
				cloned = true
			}
			c.Resources.Requests[name] = limit.DeepCopy()
		}
		if !hostNetwork {
			continue
		}
		cloned = false
		for j := range c.Ports {
			if c.Ports[j].HostPort == 0 {
				if !cloned {
					c.Ports = slices.Clone(c.Ports)
					cloned = true
				}
				c.Ports[j].HostPort = c.Ports[j].ContainerPort
			}
		}
	}
	return out
}

// podRequests returns what the scheduler counts as the daemon pod's
// requests: the sum of its containers' requests or the largest init
// container's, whichever is larger, with sidecars, pod-level resources and
// overhead, as component-helpers' resource.PodRequests computes them.
func podRequests(ds *appsv1.DaemonSet) corev1.ResourceList {
	return resourcehelper.PodRequests(daemonPod(ds), resourcehelper.PodResourcesOptions{})
}

// A hostPort is a port a daemon pod binds on its node.
type hostPort struct {
	container string
	port      corev1.ContainerPort
}

// hostPorts returns the host ports of the daemon pod, as the scheduler's
// NodePorts plugin sees them: those of the containers and of the init
// containers that run for the pod's whole life (restartPolicy Always).
func hostPorts(ds *appsv1.DaemonSet) []hostPort {
	pod := daemonPod(ds)
	var out []hostPort
	add := func(c *corev1.Container) {
		for _, p := range c.Ports {
			if p.HostPort > 0 {
				out = append(out, hostPort{container: c.Name, port: p})
			}
		}
	}
	for i := range pod.Spec.InitContainers {
		c := &pod.Spec.InitContainers[i]
		if c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways {
			add(c)
		}
	}
	for i := range pod.Spec.Containers {
		add(&pod.Spec.Containers[i])
	}
	return out
}

// conflicts reports whether two host ports cannot both be bound on one
// node, as the scheduler's HostPortInfo.CheckConflict decides: same
// protocol (TCP when empty) and port, and the same host IP or either one
// binding every address (0.0.0.0 when empty).
func (a hostPort) conflicts(b hostPort) bool {
	return a.port.HostPort == b.port.HostPort &&
		protocol(a.port) == protocol(b.port) &&
		(hostIP(a.port) == hostIP(b.port) || hostIP(a.port) == anyIP || hostIP(b.port) == anyIP)
}

const anyIP = "0.0.0.0"

func protocol(p corev1.ContainerPort) corev1.Protocol {
	if p.Protocol == "" {
		return corev1.ProtocolTCP
	}
	return p.Protocol
}

func hostIP(p corev1.ContainerPort) string {
	if p.HostIP == "" {
		return anyIP
	}
	return p.HostIP
}

// String writes the port as "9100/TCP", with the host IP when one is set.
func (a hostPort) String() string {
	s := fmt.Sprintf("%d/%s", a.port.HostPort, protocol(a.port))
	if ip := hostIP(a.port); ip != anyIP {
		s = ip + ":" + s
	}
	return s
}
