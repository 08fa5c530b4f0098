package placement

import (
	"fmt"
	"slices"
	"strings"

	"github.com/go-logr/logr"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation/field"
	corev1helpers "k8s.io/component-helpers/scheduling/corev1"
	"k8s.io/component-helpers/scheduling/corev1/nodeaffinity"
)

// The placement logic follows the DaemonSet controller in k8s.io/kubernetes
// v1.37.2 pkg/controller/daemon: NodeShouldRunDaemonPod and its helpers
// nodeShouldRunDaemonPod and predicates (daemon_controller.go), and
// AddOrUpdateDaemonPodTolerations (util/daemonset_util.go). The matching
// itself is done by k8s.io/component-helpers, as the controller does.

// comparisonOperators is the TaintTolerationComparisonOperators feature
// gate, which lets tolerations use Lt and Gt. It is alpha and off by default
// in Kubernetes 1.37, so such tolerations tolerate nothing.
const comparisonOperators = false

// logger is given to the component-helpers functions, which log only when a
// comparison operator meets a non-numeric value; a library must not print.
var logger = logr.Discard()

// A ReasonKind says what a Reason is about.
type ReasonKind string

// Why the DaemonSet controller creates no pod on a node, in the order the
// controller checks them.
const (
	// ReasonNodeName: spec.template.spec.nodeName names another node.
	ReasonNodeName ReasonKind = "node-name"
	// ReasonNodeSelector: a nodeSelector label is missing from the node or
	// has another value there.
	ReasonNodeSelector ReasonKind = "node-selector"
	// ReasonNodeAffinity: a term of the required node affinity does not
	// match the node (terms are ORed, so every term is reported).
	ReasonNodeAffinity ReasonKind = "node-affinity"
	// ReasonTaint: the node has a NoSchedule or NoExecute taint that the
	// daemon pods do not tolerate.
	ReasonTaint ReasonKind = "taint"
)

// Why a daemon pod that the controller creates may stay Pending: the
// controller leaves these checks to the scheduler.
const (
	// ReasonHostPort: another DaemonSet that runs on the node uses the
	// same host port.
	ReasonHostPort ReasonKind = "host-port"
	// ReasonResources: the pod requests more of a resource than the node
	// can allocate at all.
	ReasonResources ReasonKind = "resources"
)

// Notes on a node where the daemon pod runs.
const (
	// ReasonTolerated: a NoSchedule or NoExecute taint is tolerated.
	ReasonTolerated ReasonKind = "tolerated-taint"
	// ReasonCordoned: the node is cordoned, which daemon pods ignore.
	ReasonCordoned ReasonKind = "cordoned"
	// ReasonPreferNoSchedule: a PreferNoSchedule taint, which the
	// controller ignores.
	ReasonPreferNoSchedule ReasonKind = "prefer-no-schedule"
)

// A Reason is one fact about a DaemonSet on a node: why no pod is created
// there, why the pod may stay Pending, or a note on why it does run. The
// fields besides Kind, Node and Message are set when they apply.
type Reason struct {
	Kind ReasonKind `json:"kind"`
	// Node is the node's name.
	Node string `json:"node"`

	// PinnedTo is the node spec.template.spec.nodeName names (node-name).
	PinnedTo string `json:"pinnedTo,omitempty"`

	// Label and Value are a nodeSelector pair; NodeValue is the node's
	// value of that label, nil when the node does not have it
	// (node-selector).
	Label     string  `json:"label,omitempty"`
	Value     string  `json:"value,omitempty"`
	NodeValue *string `json:"nodeValue,omitempty"`

	// TermIndex and Term are the required node affinity term that does not
	// match (nil Term: the affinity has no terms at all); Unmatched are the
	// requirements of the term the node fails, and TermError says why the
	// term cannot be parsed, which the controller takes as no match
	// (node-affinity).
	TermIndex *int                             `json:"termIndex,omitempty"`
	Term      *corev1.NodeSelectorTerm         `json:"term,omitempty"`
	Unmatched []corev1.NodeSelectorRequirement `json:"unmatched,omitempty"`
	TermError string                           `json:"termError,omitempty"`

	// Taint is the taint (taint, tolerated-taint, prefer-no-schedule);
	// Toleration is the toleration that tolerates it and DefaultToleration
	// reports that the controller adds it to every daemon pod
	// (tolerated-taint).
	Taint             *corev1.Taint      `json:"taint,omitempty"`
	Toleration        *corev1.Toleration `json:"toleration,omitempty"`
	DefaultToleration bool               `json:"defaultToleration,omitempty"`

	// Port is the host port, Container the container that declares it, and
	// Other the namespace/name of the other DaemonSet that uses it
	// (host-port).
	Port      *corev1.ContainerPort `json:"port,omitempty"`
	Container string                `json:"container,omitempty"`
	Other     string                `json:"other,omitempty"`

	// Resource is what the pod requests more of than the node's
	// allocatable (resources).
	Resource    corev1.ResourceName `json:"resource,omitempty"`
	Request     *resource.Quantity  `json:"request,omitempty"`
	Allocatable *resource.Quantity  `json:"allocatable,omitempty"`

	// Message says it in words, naming the node's side of the story.
	Message string `json:"message"`
}

// A NodeVerdict says whether the DaemonSet controller creates a daemon pod
// on a node and why.
type NodeVerdict struct {
	// Node is the node's name.
	Node string `json:"node"`
	// Runs reports whether the controller creates a daemon pod there (the
	// controller's shouldRun).
	Runs bool `json:"runs"`
	// KeepsRunning reports whether a daemon pod already on the node is left
	// running: by the controller (its shouldContinueRunning, true when only
	// NoSchedule taints keep new pods off) and by the taint manager, which
	// evicts a pod whose NoExecute tolerations have tolerationSeconds.
	KeepsRunning bool `json:"keepsRunning"`
	// EvictedEverySeconds is set where the controller creates a pod that
	// the taint manager then evicts: the node has a NoExecute taint that
	// the pod tolerates for this many seconds only (the shortest
	// tolerationSeconds of the tolerations used, 0 for at once). The
	// controller creates a new pod after each eviction, so the pod is
	// evicted and created again, forever.
	EvictedEverySeconds *int64 `json:"evictedEverySeconds,omitempty"`
	// Reasons are every reason the controller creates no pod, in the order
	// it checks them; empty when Runs.
	Reasons []Reason `json:"reasons,omitempty"`
	// Pending are reasons the pod the controller creates may stay Pending:
	// checks the controller leaves to the scheduler.
	Pending []Reason `json:"pending,omitempty"`
	// Notes explain why the pod runs where a newcomer might not expect it:
	// tolerated taints, a cordoned node, ignored PreferNoSchedule taints.
	Notes []Reason `json:"notes,omitempty"`
}

// Placement returns, for each node, whether the DaemonSet controller
// creates a daemon pod there and, if not, every reason. It follows the
// controller's NodeShouldRunDaemonPod exactly: spec.template.spec.nodeName,
// nodeSelector and required node affinity (through component-helpers'
// nodeaffinity), and NoSchedule and NoExecute taints against the
// template's tolerations plus those the controller adds to every daemon
// pod (see DaemonPodTolerations). PreferNoSchedule taints are ignored, and
// cordoned nodes still get a pod. Where the pod is created, Pending lists
// what the scheduler may still refuse: requests larger than the node's
// allocatable. Host ports shared with other DaemonSets are checked by
// PlaceAll.
func Placement(ds *appsv1.DaemonSet, nodes []corev1.Node) []NodeVerdict {
	p := newPlacer(ds)
	out := make([]NodeVerdict, len(nodes))
	for i := range nodes {
		out[i] = p.verdict(&nodes[i])
	}
	return out
}

// Runs reports whether the DaemonSet controller creates a daemon pod of ds
// on node: the Runs of its Placement there, without the reasons, the
// scheduler's checks and the notes that Placement spells out, for a caller
// that only needs the answer (and, when it is no, asks Placement why).
func Runs(ds *appsv1.DaemonSet, node *corev1.Node) bool {
	spec := &ds.Spec.Template.Spec
	return controllerRuns(spec, nodeaffinity.NewRequiredNodeAffinity(spec.NodeSelector, spec.Affinity), DaemonPodTolerations(spec), node)
}

// controllerRuns is the controller's decision (nodeShouldRunDaemonPod and
// its predicates): the node name, the required node affinity (a parse
// error counts as no match) and the NoSchedule and NoExecute taints.
func controllerRuns(spec *corev1.PodSpec, affinity nodeaffinity.RequiredNodeAffinity, tolerations []corev1.Toleration, node *corev1.Node) bool {
	if spec.NodeName != "" && spec.NodeName != node.Name {
		return false
	}
	if fits, _ := affinity.Match(node); !fits {
		return false
	}
	return tolerates(tolerations, node)
}

// tolerates reports whether the tolerations tolerate every NoSchedule and
// NoExecute taint of the node.
func tolerates(tolerations []corev1.Toleration, node *corev1.Node) bool {
	_, untolerated := corev1helpers.FindMatchingUntoleratedTaint(logger, node.Spec.Taints, tolerations, noScheduleOrNoExecute, comparisonOperators)
	return !untolerated
}

// PlaceAll returns the Placement of each DaemonSet on the nodes, adding to
// each node's Pending the host ports that two DaemonSets running there both
// use: the scheduler places only one of them.
func PlaceAll(dss []*appsv1.DaemonSet, nodes []corev1.Node) [][]NodeVerdict {
	out := make([][]NodeVerdict, len(dss))
	ports := make([][]hostPort, len(dss))
	for i, ds := range dss {
		out[i] = Placement(ds, nodes)
		ports[i] = hostPorts(ds)
	}
	for n := range nodes {
		for i := range dss {
			if len(ports[i]) == 0 || !out[i][n].Runs {
				continue
			}
			for j := range dss {
				if j == i || len(ports[j]) == 0 || !out[j][n].Runs {
					continue
				}
				for _, a := range ports[i] {
					for _, b := range ports[j] {
						if !a.conflicts(b) {
							continue
						}
						other := ObjectName(dss[j])
						port := a.port
						out[i][n].Pending = append(out[i][n].Pending, Reason{
							Kind:      ReasonHostPort,
							Node:      nodes[n].Name,
							Port:      &port,
							Container: a.container,
							Other:     other,
							Message:   fmt.Sprintf("host port %s of container %q is also used by DaemonSet %s", a, a.container, other),
						})
					}
				}
			}
		}
	}
	return out
}

// ObjectName returns how placement messages name a DaemonSet:
// namespace/name, or the name alone when the manifest sets no namespace.
func ObjectName(ds *appsv1.DaemonSet) string {
	if ds.Namespace == "" {
		return ds.Name
	}
	return ds.Namespace + "/" + ds.Name
}

// A placer holds what the controller computes once per DaemonSet.
type placer struct {
	ds          *appsv1.DaemonSet
	tolerations []corev1.Toleration
	affinity    nodeaffinity.RequiredNodeAffinity
	// requests are the pod's requests (podRequests), computed when a node
	// first needs them: only nodes with allocatable resources where the
	// pod runs do.
	requests    corev1.ResourceList
	hasRequests bool
}

func newPlacer(ds *appsv1.DaemonSet) *placer {
	spec := &ds.Spec.Template.Spec
	return &placer{
		ds:          ds,
		tolerations: DaemonPodTolerations(spec),
		affinity:    nodeaffinity.NewRequiredNodeAffinity(spec.NodeSelector, spec.Affinity),
	}
}

// podRequests returns the pod's requests, computing them once.
func (p *placer) podRequests() corev1.ResourceList {
	if !p.hasRequests {
		p.requests, p.hasRequests = podRequests(p.ds), true
	}
	return p.requests
}

// Decide returns the DaemonSet controller's verdict on one node, as
// Placement does, but without Pending and Notes: what a check needs that
// only asks whether the pods run there, and why not.
func Decide(ds *appsv1.DaemonSet, node *corev1.Node) NodeVerdict {
	return newPlacer(ds).decide(node)
}

// verdict is nodeShouldRunDaemonPod, with the reasons spelled out.
func (p *placer) verdict(node *corev1.Node) NodeVerdict {
	v := p.decide(node)
	if v.Runs {
		v.Pending = p.resourceReasons(node)
		v.Notes = p.notes(node)
	}
	return v
}

// decide is verdict without Pending and Notes.
func (p *placer) decide(node *corev1.Node) NodeVerdict {
	v := NodeVerdict{Node: node.Name}
	spec := &p.ds.Spec.Template.Spec

	// The controller's decision, exactly as nodeShouldRunDaemonPod and
	// predicates make it; parse errors of the affinity count as no match.
	nameFits := spec.NodeName == "" || spec.NodeName == node.Name
	affinityFits, _ := p.affinity.Match(node)
	switch {
	case !nameFits || !affinityFits:
		v.Runs, v.KeepsRunning = false, false
	case !tolerates(p.tolerations, node):
		_, untoleratedNoExecute := corev1helpers.FindMatchingUntoleratedTaint(logger, node.Spec.Taints, p.tolerations, noExecute, comparisonOperators)
		v.Runs, v.KeepsRunning = false, !untoleratedNoExecute
	default:
		v.Runs, v.KeepsRunning = true, true
	}
	if after, ok := p.evictedAfter(node); ok && v.KeepsRunning {
		v.KeepsRunning = false
		if v.Runs {
			v.EvictedEverySeconds = &after
		}
	}

	// Every reason, not only the first.
	if !nameFits {
		v.Reasons = append(v.Reasons, Reason{
			Kind:     ReasonNodeName,
			Node:     node.Name,
			PinnedTo: spec.NodeName,
			Message:  fmt.Sprintf("spec.template.spec.nodeName pins every pod to node %q", spec.NodeName),
		})
	}
	if !affinityFits {
		// Where the whole matches, so does every pair of it.
		v.Reasons = append(v.Reasons, nodeSelectorReasons(spec.NodeSelector, node)...)
	}
	v.Reasons = append(v.Reasons, nodeAffinityReasons(spec.Affinity, node)...)
	v.Reasons = append(v.Reasons, p.taintReasons(node)...)
	return v
}

func noScheduleOrNoExecute(t *corev1.Taint) bool {
	return t.Effect == corev1.TaintEffectNoSchedule || t.Effect == corev1.TaintEffectNoExecute
}

func noExecute(t *corev1.Taint) bool { return t.Effect == corev1.TaintEffectNoExecute }

// evictedAfter returns the seconds after which the taint manager evicts a
// daemon pod from the node, and false when it leaves the pod there (or
// evicts it at once because a NoExecute taint is not tolerated, which
// verdict already says). It follows the taint manager of k8s.io/kubernetes
// v1.37.2 (pkg/controller/tainteviction): for each NoExecute taint the
// first toleration that tolerates it (GetMatchingTolerations), then the
// shortest tolerationSeconds among them, 0 for any at or below 0
// (getMinTolerationTime).
func (p *placer) evictedAfter(node *corev1.Node) (int64, bool) {
	var after int64
	found := false
	for i := range node.Spec.Taints {
		t := &node.Spec.Taints[i]
		if !noExecute(t) {
			continue
		}
		k := slices.IndexFunc(p.tolerations, func(tol corev1.Toleration) bool {
			return tol.ToleratesTaint(logger, t, comparisonOperators)
		})
		if k < 0 {
			return 0, false
		}
		if s := p.tolerations[k].TolerationSeconds; s != nil && (!found || max(*s, 0) < after) {
			after, found = max(*s, 0), true
		}
	}
	return after, found
}

// EvictionPhrase says how often a pod evicted after seconds is evicted:
// "every 60 s", or "as soon as it starts" for 0.
func EvictionPhrase(seconds int64) string {
	if seconds <= 0 {
		return "as soon as it starts"
	}
	return fmt.Sprintf("every %d s", seconds)
}

// nodeSelectorReasons returns a reason for each nodeSelector pair the node
// does not have, in key order.
func nodeSelectorReasons(selector map[string]string, node *corev1.Node) []Reason {
	// The controller matches the map as a label selector of one Equals
	// requirement per pair (labels.SelectorFromSet, unvalidated): a pair
	// matches when the node has the label with that very value.
	keys := make([]string, 0, len(selector))
	for k := range selector {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out []Reason
	for _, k := range keys {
		if got, has := node.Labels[k]; has && got == selector[k] {
			continue
		}
		r := Reason{Kind: ReasonNodeSelector, Node: node.Name, Label: k, Value: selector[k]}
		if got, has := node.Labels[k]; has {
			r.NodeValue = &got
			r.Message = fmt.Sprintf("nodeSelector %s=%s: the node has %s=%s", k, selector[k], k, got)
		} else {
			r.Message = fmt.Sprintf("nodeSelector %s=%s: the node has no %s label", k, selector[k], k)
		}
		out = append(out, r)
	}
	return out
}

// nodeAffinityReasons returns, when the required node affinity does not
// match the node, a reason for each of its terms (they are ORed, so each
// one fails).
func nodeAffinityReasons(affinity *corev1.Affinity, node *corev1.Node) []Reason {
	if affinity == nil || affinity.NodeAffinity == nil || affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution == nil {
		return nil
	}
	required := affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution
	if ok, _ := corev1helpers.MatchNodeSelectorTerms(node, required); ok {
		return nil
	}
	if len(required.NodeSelectorTerms) == 0 {
		return []Reason{{
			Kind:    ReasonNodeAffinity,
			Node:    node.Name,
			Message: "required node affinity has no nodeSelectorTerms, which matches no node",
		}}
	}
	var out []Reason
	for i := range required.NodeSelectorTerms {
		term := &required.NodeSelectorTerms[i]
		r := Reason{Kind: ReasonNodeAffinity, Node: node.Name, TermIndex: &i, Term: term}
		if len(term.MatchExpressions)+len(term.MatchFields) == 0 {
			r.Message = fmt.Sprintf("required node affinity term %d is empty, which matches no node", i)
			out = append(out, r)
			continue
		}
		if err := termParseError(term, i); err != nil {
			r.TermError = err.Error()
			r.Message = fmt.Sprintf("required node affinity term %d (%s) cannot be evaluated, so the controller takes it as no match: %v", i, FormatTerm(term), err)
			out = append(out, r)
			continue
		}
		var why []string
		for _, req := range term.MatchExpressions {
			if !matchesOne(node, corev1.NodeSelectorTerm{MatchExpressions: []corev1.NodeSelectorRequirement{req}}) {
				r.Unmatched = append(r.Unmatched, req)
				why = append(why, fmt.Sprintf("%s (%s)", formatRequirement(req), labelState(node, req.Key)))
			}
		}
		for _, req := range term.MatchFields {
			if !matchesOne(node, corev1.NodeSelectorTerm{MatchFields: []corev1.NodeSelectorRequirement{req}}) {
				r.Unmatched = append(r.Unmatched, req)
				why = append(why, fmt.Sprintf("%s (the node is %q)", formatRequirement(req), node.Name))
			}
		}
		r.Message = fmt.Sprintf("required node affinity term %d (%s) not matched: %s", i, FormatTerm(term), strings.Join(why, ", "))
		out = append(out, r)
	}
	return out
}

// termParseError returns the error that parsing term, at index i of the
// required node affinity, gives, with its field path.
func termParseError(term *corev1.NodeSelectorTerm, i int) error {
	// Empty terms are skipped but keep their index, so the term lands at
	// index i of the path.
	terms := make([]corev1.NodeSelectorTerm, i+1)
	terms[i] = *term
	_, err := nodeaffinity.NewNodeSelector(&corev1.NodeSelector{NodeSelectorTerms: terms}, affinityPath)
	return err
}

var affinityPath = field.WithPath(field.NewPath("spec", "template", "spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution"))

// matchesOne reports whether a term matches the node, as the controller
// evaluates terms.
func matchesOne(node *corev1.Node, term corev1.NodeSelectorTerm) bool {
	ok, _ := corev1helpers.MatchNodeSelectorTerms(node, &corev1.NodeSelector{NodeSelectorTerms: []corev1.NodeSelectorTerm{term}})
	return ok
}

// labelState describes the node's label key.
func labelState(node *corev1.Node, key string) string {
	if v, ok := node.Labels[key]; ok {
		return fmt.Sprintf("the node has %s=%s", key, v)
	}
	return fmt.Sprintf("the node has no %s label", key)
}

// FormatTerm writes a node selector term as its requirements, joined with
// ", ": "kubernetes.io/os In [linux], metadata.name NotIn [cp-1]".
func FormatTerm(term *corev1.NodeSelectorTerm) string {
	var parts []string
	for _, r := range term.MatchExpressions {
		parts = append(parts, formatRequirement(r))
	}
	for _, r := range term.MatchFields {
		parts = append(parts, formatRequirement(r))
	}
	return strings.Join(parts, ", ")
}

func formatRequirement(r corev1.NodeSelectorRequirement) string {
	switch r.Operator {
	case corev1.NodeSelectorOpExists, corev1.NodeSelectorOpDoesNotExist:
		if len(r.Values) == 0 {
			return fmt.Sprintf("%s %s", r.Key, r.Operator)
		}
	case corev1.NodeSelectorOpGt, corev1.NodeSelectorOpLt:
		if len(r.Values) == 1 {
			return fmt.Sprintf("%s %s %s", r.Key, r.Operator, r.Values[0])
		}
	}
	return fmt.Sprintf("%s %s [%s]", r.Key, r.Operator, strings.Join(r.Values, ", "))
}

// taintReasons returns a reason for every NoSchedule and NoExecute taint of
// the node that the daemon pods do not tolerate.
func (p *placer) taintReasons(node *corev1.Node) []Reason {
	var out []Reason
	for i := range node.Spec.Taints {
		t := node.Spec.Taints[i]
		if !noScheduleOrNoExecute(&t) || corev1helpers.TolerationsTolerateTaint(logger, p.tolerations, &t, comparisonOperators) {
			continue
		}
		out = append(out, Reason{Kind: ReasonTaint, Node: node.Name, Taint: &t, Message: fmt.Sprintf("the node has the taint %s, which the pods do not tolerate", t.ToString())})
	}
	return out
}

// notes explains the taints a running pod tolerates, a cordoned node, and
// ignored PreferNoSchedule taints.
func (p *placer) notes(node *corev1.Node) []Reason {
	var out []Reason
	if node.Spec.Unschedulable {
		out = append(out, Reason{
			Kind:    ReasonCordoned,
			Node:    node.Name,
			Message: "cordoned, yet daemon pods still run: the controller ignores spec.unschedulable and tolerates node.kubernetes.io/unschedulable",
		})
	}
	// The template's tolerations, as the pod has them: the controller
	// replaces those equal to its defaults in place, without their
	// tolerationSeconds.
	template := p.tolerations[:len(p.ds.Spec.Template.Spec.Tolerations)]
	for i := range node.Spec.Taints {
		t := node.Spec.Taints[i]
		if t.Effect == corev1.TaintEffectPreferNoSchedule {
			if !corev1helpers.TolerationsTolerateTaint(logger, p.tolerations, &t, comparisonOperators) {
				out = append(out, Reason{
					Kind:    ReasonPreferNoSchedule,
					Node:    node.Name,
					Taint:   &t,
					Message: fmt.Sprintf("taint %s is ignored by the DaemonSet controller", t.ToString()),
				})
			}
			continue
		}
		if node.Spec.Unschedulable && t.Key == corev1.TaintNodeUnschedulable {
			continue // said by the cordoned note
		}
		r := Reason{Kind: ReasonTolerated, Node: node.Name, Taint: &t}
		if k := slices.IndexFunc(template, func(tol corev1.Toleration) bool {
			return tol.ToleratesTaint(logger, &t, comparisonOperators)
		}); k >= 0 {
			tol := template[k]
			r.Toleration = &tol
			r.Message = toleratedMessage(&t, &tol, k)
		} else {
			k := slices.IndexFunc(p.tolerations, func(tol corev1.Toleration) bool {
				return tol.ToleratesTaint(logger, &t, comparisonOperators)
			})
			if k < 0 {
				continue // untolerated: the pod does not run, so no notes
			}
			tol := p.tolerations[k]
			r.Toleration, r.DefaultToleration = &tol, true
			r.Message = fmt.Sprintf("tolerates %s, as every daemon pod does", t.ToString())
		}
		out = append(out, r)
	}
	return out
}

// toleratedMessage says that the template's toleration k tolerates the
// taint t: what a keyless toleration tolerates (every taint, or every taint
// of its effect), and for how long when it has tolerationSeconds.
func toleratedMessage(t *corev1.Taint, tol *corev1.Toleration, k int) string {
	msg := "tolerates " + t.ToString()
	var has []string
	if tol.Key == "" {
		if tol.Effect == "" {
			has = append(has, "operator Exists and no key, which tolerates every taint")
		} else {
			has = append(has, fmt.Sprintf("operator Exists and no key but effect %s, which tolerates every %s taint only", tol.Effect, tol.Effect))
		}
	}
	evicted := t.Effect == corev1.TaintEffectNoExecute && tol.TolerationSeconds != nil
	if evicted {
		seconds := max(*tol.TolerationSeconds, 0)
		msg += fmt.Sprintf(" for %d s only", seconds)
		has = append(has, fmt.Sprintf("tolerationSeconds: %d", *tol.TolerationSeconds))
	}
	if len(has) > 0 {
		msg += fmt.Sprintf(" (tolerations[%d] has %s)", k, strings.Join(has, ", and "))
	}
	if evicted {
		msg += ": then the taint manager evicts the pod and the DaemonSet controller creates a new one, again and again; remove tolerationSeconds to keep the pod on such nodes"
	}
	return msg
}

// resourceReasons returns a reason for each resource the pod requests more
// of than the node can allocate at all. Nodes without status.allocatable
// are not checked; a node that lists allocatable resources has none of an
// extended resource it does not list.
func (p *placer) resourceReasons(node *corev1.Node) []Reason {
	alloc := node.Status.Allocatable
	if len(alloc) == 0 {
		return nil
	}
	requests := p.podRequests()
	names := make([]string, 0, len(requests))
	for name := range requests {
		names = append(names, string(name))
	}
	slices.Sort(names)
	var out []Reason
	for _, n := range names {
		name := corev1.ResourceName(n)
		req := requests[name]
		if req.IsZero() {
			continue
		}
		have, ok := alloc[name]
		if !ok {
			switch name {
			case corev1.ResourceCPU, corev1.ResourceMemory, corev1.ResourceEphemeralStorage:
				continue // not reported, so unknown
			}
		}
		if req.Cmp(have) <= 0 {
			continue
		}
		r := Reason{Kind: ReasonResources, Node: node.Name, Resource: name, Request: &req, Allocatable: &have}
		if ok {
			r.Message = fmt.Sprintf("requests %s %s, more than the node's allocatable %s", name, req.String(), have.String())
		} else {
			r.Message = fmt.Sprintf("requests %s %s, which the node does not have", name, req.String())
		}
		out = append(out, r)
	}
	return out
}
