package daemonset

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/placement"
)

// SystemNodeCritical is the built-in priority class for pods that must run
// on every node.
const SystemNodeCritical = "system-node-critical"

// CheckPriorityClass reports a pod template without a priorityClassName.
func CheckPriorityClass(ds *appsv1.DaemonSet) []Finding {
	if ds.Spec.Template.Spec.PriorityClassName != "" {
		return nil
	}
	return []Finding{{
		Severity: Info,
		Field:    templatePath.Child("priorityClassName").String(),
		Message: fmt.Sprintf("spec.template.spec.priorityClassName is not set, so daemon pods get priority 0: under memory pressure the kubelet may evict the agent before the workloads it serves, and on a full node the scheduler makes no room for it; a node agent that must keep running uses %q",
			SystemNodeCritical),
	}}
}

// CheckUpdateStrategy reports the OnDelete update strategy, and (as advice)
// a rolling update written with maxUnavailable 1, which replaces one node's
// pod at a time however many nodes there are; the advice suggests maxSurge
// only when the pods bind no host port.
func CheckUpdateStrategy(ds *appsv1.DaemonSet) []Finding {
	s := ds.Spec.UpdateStrategy
	strategy := field.NewPath("spec", "updateStrategy")
	if s.Type == appsv1.OnDeleteDaemonSetStrategyType {
		return []Finding{{
			Severity: Warning,
			Field:    strategy.Child("type").String(),
			Message:  `spec.updateStrategy.type is OnDelete: a changed template never rolls out by itself, and each node keeps the old pod until someone deletes it, so nodes run different versions; use RollingUpdate (the default) unless pods are replaced by hand on purpose`,
		}}
	}
	if s.RollingUpdate == nil || s.RollingUpdate.MaxUnavailable == nil {
		return nil
	}
	if mu := s.RollingUpdate.MaxUnavailable; mu.Type == intstr.Int && mu.IntVal == 1 && isZero(s.RollingUpdate.MaxSurge) {
		msg := `spec.updateStrategy.rollingUpdate.maxUnavailable is 1: a rollout replaces one node's pod at a time, so on a fleet of 300 nodes it is 300 pod restarts in a row; on a large fleet use a percentage such as "10%"`
		// With a host port, a surge pod cannot start beside the old one
		// (see CheckHostPortSurge): maxSurge is no advice there.
		if len(hostPorts(ds)) == 0 {
			msg += ", or maxSurge to start the new pod before the old one stops"
		}
		return []Finding{{
			Severity: Info,
			Field:    strategy.Child("rollingUpdate", "maxUnavailable").String(),
			Message:  msg,
		}}
	}
	return nil
}

// isZero reports whether a maxSurge is absent, 0 or "0%".
func isZero(v *intstr.IntOrString) bool {
	return v == nil || v.Type == intstr.Int && v.IntVal == 0 || v.Type == intstr.String && v.StrVal == "0%"
}

// CheckNodeName reports spec.template.spec.nodeName.
func CheckNodeName(ds *appsv1.DaemonSet) []Finding {
	name := ds.Spec.Template.Spec.NodeName
	if name == "" {
		return nil
	}
	return []Finding{{
		Severity: Warning,
		Field:    templatePath.Child("nodeName").String(),
		Message:  fmt.Sprintf("spec.template.spec.nodeName pins every daemon pod to node %q, so the DaemonSet runs there and nowhere else (the way daemon pods were placed before Kubernetes 1.12); remove it, and choose nodes with nodeSelector or node affinity", name),
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
		out = append(out, Finding{Severity: Warning, Field: templatePath.Child("affinity", "podAntiAffinity").String(), Message: msg + "; remove it"})
	}
	if len(spec.TopologySpreadConstraints) > 0 {
		out = append(out, Finding{
			Severity: Warning,
			Field:    templatePath.Child("topologySpreadConstraints").String(),
			Message:  "topologySpreadConstraints do not spread a DaemonSet: it runs exactly one pod on each eligible node, wherever the nodes are; remove them",
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

// CheckControlPlaneCoverage reports, as advice, a DaemonSet that will not
// run on a kubeadm control-plane node (the built-in
// placement.ControlPlaneNode profile) only because of the node's taint. A
// DaemonSet whose nodeSelector, affinity or nodeName leaves control-plane
// nodes out chose that, and is not reported.
func CheckControlPlaneCoverage(ds *appsv1.DaemonSet) []Finding {
	if ds.Spec.Template.Spec.NodeName != "" {
		return nil // the node-name check says more
	}
	if placement.Runs(ds, &controlPlaneNodes()[0]) {
		return nil // most node agents: no need for the reasons
	}
	v := placement.Decide(ds, &controlPlaneNodes()[0])
	if v.Runs || slices.ContainsFunc(v.Reasons, func(r placement.Reason) bool { return r.Kind != placement.ReasonTaint }) {
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
	return []Finding{{Field: templatePath.Child("tolerations").String(), Message: msg, Severity: Info}}
}

// controlPlaneNodes is the built-in control-plane profile, made once: the
// check runs on every DaemonSet, and placement.Decide does not change
// its node.
var controlPlaneNodes = sync.OnceValue(func() []corev1.Node {
	return []corev1.Node{placement.ControlPlaneNode()}
})
