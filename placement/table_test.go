package placement_test

import (
	"slices"
	"testing"

	"github.com/daemonlint/daemonlint/placement"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
)

func TestDaemonPodTolerations(t *testing.T) {
	defaults := func(hostNetwork bool) []string {
		var out []string
		for _, tol := range placement.DefaultDaemonPodTolerations(hostNetwork) {
			out = append(out, tol.Key+":"+string(tol.Effect))
		}
		return out
	}
	if got, want := defaults(false), []string{
		"node.kubernetes.io/not-ready:NoExecute",
		"node.kubernetes.io/unreachable:NoExecute",
		"node.kubernetes.io/disk-pressure:NoSchedule",
		"node.kubernetes.io/memory-pressure:NoSchedule",
		"node.kubernetes.io/pid-pressure:NoSchedule",
		"node.kubernetes.io/unschedulable:NoSchedule",
	}; !slices.Equal(got, want) {
		t.Errorf("DefaultDaemonPodTolerations(false) = %v, want %v", got, want)
	}
	if got := defaults(true); len(got) != 7 || got[6] != "node.kubernetes.io/network-unavailable:NoSchedule" {
		t.Errorf("DefaultDaemonPodTolerations(true) = %v, want network-unavailable last", got)
	}

	for _, tc := range []struct {
		name     string
		template []corev1.Toleration
		// wantLen is the number of tolerations, wantFirst the first one.
		wantLen   int
		wantFirst corev1.Toleration
	}{
		{
			name:      "defaults appended after the template's",
			template:  []corev1.Toleration{{Key: "gpu", Operator: corev1.TolerationOpExists}},
			wantLen:   7,
			wantFirst: corev1.Toleration{Key: "gpu", Operator: corev1.TolerationOpExists},
		},
		{
			name: "a matching toleration loses its tolerationSeconds",
			template: []corev1.Toleration{{
				Key: corev1.TaintNodeNotReady, Operator: corev1.TolerationOpExists,
				Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptr.To[int64](300),
			}},
			wantLen:   6,
			wantFirst: corev1.Toleration{Key: corev1.TaintNodeNotReady, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute},
		},
		{
			name: "an equal toleration is kept once",
			template: []corev1.Toleration{{
				Key: corev1.TaintNodeUnschedulable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule,
			}},
			wantLen:   6,
			wantFirst: corev1.Toleration{Key: corev1.TaintNodeUnschedulable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := &corev1.PodSpec{Tolerations: slices.Clone(tc.template)}
			got := placement.DaemonPodTolerations(spec)
			if len(got) != tc.wantLen {
				t.Errorf("got %d tolerations %v, want %d", len(got), got, tc.wantLen)
			}
			if len(got) > 0 && !got[0].MatchToleration(&tc.wantFirst) || (got[0].TolerationSeconds == nil) != (tc.wantFirst.TolerationSeconds == nil) {
				t.Errorf("first toleration = %+v, want %+v", got[0], tc.wantFirst)
			}
			if !slices.EqualFunc(spec.Tolerations, tc.template, func(a, b corev1.Toleration) bool { return a.MatchToleration(&b) }) {
				t.Errorf("the template's tolerations were modified: %v", spec.Tolerations)
			}
		})
	}
}

// TestPlacementCases covers what the six-node fixture does not: the
// network-unavailable toleration that only host-network pods get, NoExecute
// taints, comparison-operator tolerations, and affinities without terms.
func TestPlacementCases(t *testing.T) {
	node := func(taints ...corev1.Taint) corev1.Node {
		return corev1.Node{
			ObjectMeta: metav1.ObjectMeta{Name: "n", Labels: map[string]string{"kubernetes.io/os": "linux"}},
			Spec:       corev1.NodeSpec{Taints: taints},
		}
	}
	taint := func(key, value string, effect corev1.TaintEffect) corev1.Taint {
		return corev1.Taint{Key: key, Value: value, Effect: effect}
	}
	for _, tc := range []struct {
		name             string
		spec             corev1.PodSpec
		node             corev1.Node
		wantRuns         bool
		wantKeepsRunning bool
		wantKinds        []placement.ReasonKind
	}{
		{
			name:     "network-unavailable blocks a pod network pod",
			node:     node(taint(corev1.TaintNodeNetworkUnavailable, "", corev1.TaintEffectNoSchedule)),
			wantRuns: false, wantKeepsRunning: true,
			wantKinds: []placement.ReasonKind{placement.ReasonTaint},
		},
		{
			name:     "network-unavailable is tolerated on the host network",
			spec:     corev1.PodSpec{HostNetwork: true},
			node:     node(taint(corev1.TaintNodeNetworkUnavailable, "", corev1.TaintEffectNoSchedule)),
			wantRuns: true, wantKeepsRunning: true,
		},
		{
			name:     "not-ready and pressure taints are tolerated",
			node:     node(taint(corev1.TaintNodeNotReady, "", corev1.TaintEffectNoExecute), taint(corev1.TaintNodeDiskPressure, "", corev1.TaintEffectNoSchedule)),
			wantRuns: true, wantKeepsRunning: true,
		},
		{
			name:     "an untolerated NoExecute taint evicts",
			node:     node(taint("dedicated", "db", corev1.TaintEffectNoExecute), taint("other", "", corev1.TaintEffectNoSchedule)),
			wantRuns: false, wantKeepsRunning: false,
			wantKinds: []placement.ReasonKind{placement.ReasonTaint, placement.ReasonTaint},
		},
		{
			name:     "out-of-service is not tolerated by default",
			node:     node(taint(corev1.TaintNodeOutOfService, "nodeshutdown", corev1.TaintEffectNoExecute)),
			wantRuns: false, wantKeepsRunning: false,
			wantKinds: []placement.ReasonKind{placement.ReasonTaint},
		},
		{
			name:     "Equal needs the value",
			spec:     corev1.PodSpec{Tolerations: []corev1.Toleration{{Key: "dedicated", Operator: corev1.TolerationOpEqual, Value: "web"}}},
			node:     node(taint("dedicated", "db", corev1.TaintEffectNoSchedule)),
			wantRuns: false, wantKeepsRunning: true,
			wantKinds: []placement.ReasonKind{placement.ReasonTaint},
		},
		{
			name:     "a toleration's effect must match",
			spec:     corev1.PodSpec{Tolerations: []corev1.Toleration{{Key: "dedicated", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule}}},
			node:     node(taint("dedicated", "db", corev1.TaintEffectNoExecute)),
			wantRuns: false, wantKeepsRunning: false,
			wantKinds: []placement.ReasonKind{placement.ReasonTaint},
		},
		{
			name:     "Gt tolerations tolerate nothing while the gate is off",
			spec:     corev1.PodSpec{Tolerations: []corev1.Toleration{{Key: "tier", Operator: "Gt", Value: "1"}}},
			node:     node(taint("tier", "5", corev1.TaintEffectNoSchedule)),
			wantRuns: false, wantKeepsRunning: true,
			wantKinds: []placement.ReasonKind{placement.ReasonTaint},
		},
		{
			name:     "PreferNoSchedule is ignored",
			node:     node(taint("dedicated", "db", corev1.TaintEffectPreferNoSchedule)),
			wantRuns: true, wantKeepsRunning: true,
		},
		{
			name: "an empty term matches no node",
			spec: corev1.PodSpec{Affinity: &corev1.Affinity{NodeAffinity: &corev1.NodeAffinity{
				RequiredDuringSchedulingIgnoredDuringExecution: &corev1.NodeSelector{NodeSelectorTerms: []corev1.NodeSelectorTerm{{}}},
			}}},
			node:      node(),
			wantKinds: []placement.ReasonKind{placement.ReasonNodeAffinity},
		},
		{
			name: "no terms match no node",
			spec: corev1.PodSpec{Affinity: &corev1.Affinity{NodeAffinity: &corev1.NodeAffinity{
				RequiredDuringSchedulingIgnoredDuringExecution: &corev1.NodeSelector{},
			}}},
			node:      node(),
			wantKinds: []placement.ReasonKind{placement.ReasonNodeAffinity},
		},
		{
			name:      "a nodeSelector key the node lacks",
			spec:      corev1.PodSpec{NodeSelector: map[string]string{"kubernetes.io/os": "linux", "disktype": "ssd"}},
			node:      node(),
			wantKinds: []placement.ReasonKind{placement.ReasonNodeSelector},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := &appsv1.DaemonSet{Spec: appsv1.DaemonSetSpec{Template: corev1.PodTemplateSpec{Spec: tc.spec}}}
			v := placement.Placement(ds, []corev1.Node{tc.node})[0]
			if v.Runs != tc.wantRuns || v.KeepsRunning != tc.wantKeepsRunning {
				t.Errorf("Runs, KeepsRunning = %v, %v; want %v, %v", v.Runs, v.KeepsRunning, tc.wantRuns, tc.wantKeepsRunning)
			}
			var kinds []placement.ReasonKind
			for _, r := range v.Reasons {
				kinds = append(kinds, r.Kind)
				if r.Message == "" || r.Node != "n" {
					t.Errorf("reason %+v has no message or the wrong node", r)
				}
			}
			if !slices.Equal(kinds, tc.wantKinds) {
				t.Errorf("reasons = %v, want %v", v.Reasons, tc.wantKinds)
			}
		})
	}
}

func TestDefaultNodes(t *testing.T) {
	nodes := placement.DefaultNodes()
	var names []string
	for _, n := range nodes {
		names = append(names, n.Name)
	}
	if want := []string{"cp-1", "worker-1", "worker-2", "gpu-1"}; !slices.Equal(names, want) {
		t.Fatalf("DefaultNodes() = %v, want %v", names, want)
	}
	if cp := placement.ControlPlaneNode(); cp.Name != placement.ControlPlaneProfile || len(cp.Spec.Taints) != 1 {
		t.Errorf("ControlPlaneNode() = %s with taints %v", cp.Name, cp.Spec.Taints)
	}
	// A DaemonSet with no tolerations runs on the workers only, the
	// cordoned one included: the profiles show the classic surprise.
	ds := &appsv1.DaemonSet{}
	got := placement.Summary(placement.Placement(ds, nodes))
	want := "runs on 2 of 4 nodes; not on cp-1: untolerated taint node-role.kubernetes.io/control-plane:NoSchedule; not on gpu-1: untolerated taint nvidia.com/gpu:NoSchedule"
	if got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	// The profiles are copies: changing one does not change the next call.
	nodes[0].Spec.Taints = nil
	if len(placement.DefaultNodes()[0].Spec.Taints) != 1 {
		t.Error("DefaultNodes returned shared state")
	}
}
