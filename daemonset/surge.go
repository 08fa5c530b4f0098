package daemonset

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// CheckHostPortSurge reports a rolling update with maxSurge above 0 (an
// integer or a percentage, which the controller rounds up) in a DaemonSet
// whose pods bind a host port: the surge pod is created on a node while the
// old one still runs there, the scheduler cannot place it beside the old
// pod that holds the port, and the controller waits for it before it
// deletes the old pod, so the rollout hangs at the first node. The host
// ports are those the scheduler's NodePorts plugin sees: of the containers
// and of the init containers that run for the pod's whole life, with
// containerPort as the host port on the host network, as the API server
// defaults it. A maxSurge that is not a valid value is left to validation.
//
// The API server accepts maxSurge above 0 only with maxUnavailable: 0
// written; other combinations are reported here too (validation rejects
// them as well), since the hang is what the surge itself causes. The
// finding is placed at maxSurge; its message says to use maxUnavailable
// instead, and how, given what maxUnavailable is: replace maxSurge with
// maxUnavailable: 1 when maxUnavailable is absent, remove maxSurge and set
// maxUnavailable to 1 when it is 0, remove maxSurge otherwise.
func CheckHostPortSurge(ds *appsv1.DaemonSet) []Finding {
	s := ds.Spec.UpdateStrategy
	if s.Type != "" && s.Type != appsv1.RollingUpdateDaemonSetStrategyType || s.RollingUpdate == nil {
		return nil
	}
	surge := s.RollingUpdate.MaxSurge
	if !positive(surge) {
		return nil
	}
	ports := hostPorts(ds)
	if len(ports) == 0 {
		return nil
	}
	p := ports[0]
	port := fmt.Sprintf("%d/%s", p.port.HostPort, p.port.Protocol)
	if p.port.Protocol == "" {
		port = fmt.Sprintf("%d/%s", p.port.HostPort, corev1.ProtocolTCP)
	}
	if p.port.HostIP != "" && p.port.HostIP != "0.0.0.0" {
		port = p.port.HostIP + ":" + port
	}
	if p.defaulted {
		port += " (hostNetwork: true makes its containerPort a host port)"
	}

	var fix string
	switch mu := s.RollingUpdate.MaxUnavailable; {
	case mu == nil:
		fix = "replace maxSurge with maxUnavailable: 1"
	case isZero(mu):
		fix = `remove maxSurge and set maxUnavailable to 1 (or a percentage such as "10%" on a large fleet)`
	default:
		fix = fmt.Sprintf("remove maxSurge, and maxUnavailable: %s paces the rollout", intOrStringText(mu))
	}
	return []Finding{{
		Severity: Warning,
		Field:    field.NewPath("spec", "updateStrategy", "rollingUpdate", "maxSurge").String(),
		Message: fmt.Sprintf("spec.updateStrategy.rollingUpdate.maxSurge is %s, but container %q binds host port %s: the surge pod can never be scheduled on a node while the old pod there holds the port, so the rollout hangs at the first node with the new pod Pending; use maxUnavailable instead: %s",
			intOrStringText(surge), p.container, port, fix),
	}}
}

// positive reports whether a maxSurge is above 0: a positive integer, or a
// percentage above 0%, which the controller rounds up to at least one pod.
// Anything else, invalid values included, is not.
func positive(v *intstr.IntOrString) bool {
	if v == nil {
		return false
	}
	if v.Type == intstr.Int {
		return v.IntVal > 0
	}
	n, err := intstr.GetScaledValueFromIntOrPercent(v, 100, true)
	return err == nil && n > 0
}

// intOrStringText writes an int-or-string value as a manifest shows it: 1,
// or "25%".
func intOrStringText(v *intstr.IntOrString) string {
	if v.Type == intstr.Int {
		return fmt.Sprint(v.IntVal)
	}
	return fmt.Sprintf("%q", v.StrVal)
}

// A boundPort is a host port a daemon pod binds, with its container and
// whether the API server makes it one (hostNetwork, no hostPort written).
type boundPort struct {
	container string
	port      corev1.ContainerPort
	defaulted bool
}

// hostPorts returns the host ports of the daemon pods as the scheduler's
// NodePorts plugin sees them: of the sidecar init containers
// (restartPolicy Always), then of the containers; on the host network a
// containerPort without a hostPort is one, as the API server defaults it.
func hostPorts(ds *appsv1.DaemonSet) []boundPort {
	spec := &ds.Spec.Template.Spec
	var out []boundPort
	add := func(c *corev1.Container) {
		for _, p := range c.Ports {
			switch {
			case p.HostPort > 0:
				out = append(out, boundPort{container: c.Name, port: p})
			case spec.HostNetwork && p.HostPort == 0 && p.ContainerPort > 0:
				p.HostPort = p.ContainerPort
				out = append(out, boundPort{container: c.Name, port: p, defaulted: true})
			}
		}
	}
	for i := range spec.InitContainers {
		if isSidecar(&spec.InitContainers[i]) {
			add(&spec.InitContainers[i])
		}
	}
	for i := range spec.Containers {
		add(&spec.Containers[i])
	}
	return out
}
