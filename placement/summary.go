package placement

import (
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/daemonlint/daemonlint/internal/plural"
)

// Summary says in one line where a DaemonSet runs, grouping the nodes it
// does not run on by cause:
//
//	runs on 7 of 9 nodes; not on cp-1, cp-2: untolerated taint node-role.kubernetes.io/control-plane:NoSchedule
//
// followed by the nodes where the pods run but are evicted again and again
// (see NodeVerdict.EvictedEverySeconds), and, when the scheduler may refuse
// some pods, by the nodes where a pod may stay Pending.
func Summary(verdicts []NodeVerdict) string {
	if len(verdicts) == 0 {
		return "no nodes to run on"
	}
	runs := 0
	for _, v := range verdicts {
		if v.Runs {
			runs++
		}
	}
	var b strings.Builder
	switch {
	case runs == len(verdicts):
		fmt.Fprintf(&b, "runs on all %d %s", runs, plural.Word(runs, "node"))
	case runs == 0:
		fmt.Fprintf(&b, "runs on none of the %d %s", len(verdicts), plural.Word(len(verdicts), "node"))
	default:
		fmt.Fprintf(&b, "runs on %d of %d nodes", runs, len(verdicts))
	}
	for _, g := range groupByCause(verdicts, func(v NodeVerdict) []Reason {
		if v.Runs {
			return nil
		}
		return v.Reasons
	}) {
		fmt.Fprintf(&b, "; not on %s: %s", strings.Join(g.nodes, ", "), g.cause)
	}
	for _, g := range evictionGroups(verdicts) {
		fmt.Fprintf(&b, "; evicted %s and created again on %s: %s", EvictionPhrase(g.seconds), strings.Join(g.nodes, ", "), g.cause)
	}
	for _, g := range groupByCause(verdicts, func(v NodeVerdict) []Reason { return v.Pending }) {
		fmt.Fprintf(&b, "; may stay Pending on %s: %s", strings.Join(g.nodes, ", "), g.cause)
	}
	return b.String()
}

// An evictionGroup is the nodes where the pods are evicted after the same
// seconds for the same taints.
type evictionGroup struct {
	seconds int64
	causeGroup
}

// evictionGroups groups the nodes where the pods run but are evicted by
// their EvictedEverySeconds and the taints they tolerate for a while only,
// in the order they first appear.
func evictionGroups(verdicts []NodeVerdict) []evictionGroup {
	var groups []evictionGroup
	for _, v := range verdicts {
		if v.EvictedEverySeconds == nil {
			continue
		}
		var causes []string
		for _, r := range v.Notes {
			if r.Kind == ReasonTolerated && r.Toleration != nil && r.Toleration.TolerationSeconds != nil && r.Taint.Effect == corev1.TaintEffectNoExecute {
				causes = append(causes, fmt.Sprintf("taint %s tolerated for %d s only", r.Taint.ToString(), max(*r.Toleration.TolerationSeconds, 0)))
			}
		}
		cause := strings.Join(causes, ", ")
		if i := slices.IndexFunc(groups, func(g evictionGroup) bool { return g.seconds == *v.EvictedEverySeconds && g.cause == cause }); i >= 0 {
			groups[i].nodes = append(groups[i].nodes, v.Node)
		} else {
			groups = append(groups, evictionGroup{seconds: *v.EvictedEverySeconds, causeGroup: causeGroup{cause: cause, nodes: []string{v.Node}}})
		}
	}
	return groups
}

// A causeGroup is the nodes that share one cause.
type causeGroup struct {
	cause string
	nodes []string
}

// groupByCause groups nodes by the causes of the reasons pick returns, in
// the order the causes first appear.
func groupByCause(verdicts []NodeVerdict, pick func(NodeVerdict) []Reason) []causeGroup {
	var groups []causeGroup
	for _, v := range verdicts {
		reasons := pick(v)
		if len(reasons) == 0 {
			continue
		}
		var causes []string
		for _, r := range reasons {
			if c := r.Cause(); !slices.Contains(causes, c) {
				causes = append(causes, c)
			}
		}
		cause := strings.Join(causes, ", ")
		if i := slices.IndexFunc(groups, func(g causeGroup) bool { return g.cause == cause }); i >= 0 {
			groups[i].nodes = append(groups[i].nodes, v.Node)
		} else {
			groups = append(groups, causeGroup{cause: cause, nodes: []string{v.Node}})
		}
	}
	return groups
}

// Cause says what a reason is about without the node's side of it, so that
// nodes can be grouped by it: "untolerated taint nvidia.com/gpu:NoSchedule",
// "nodeSelector needs kubernetes.io/os=linux".
func (r Reason) Cause() string {
	switch r.Kind {
	case ReasonNodeName:
		return fmt.Sprintf("nodeName pins the pods to %s", r.PinnedTo)
	case ReasonNodeSelector:
		return fmt.Sprintf("nodeSelector needs %s=%s", r.Label, r.Value)
	case ReasonNodeAffinity:
		return "required node affinity not matched"
	case ReasonTaint:
		return "untolerated taint " + r.Taint.ToString()
	case ReasonHostPort:
		return fmt.Sprintf("host port %s also used by %s", hostPort{port: *r.Port}, r.Other)
	case ReasonResources:
		return fmt.Sprintf("requests more %s than allocatable", r.Resource)
	}
	return r.Message
}
