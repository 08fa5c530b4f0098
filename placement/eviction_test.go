package placement_test

import (
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/daemonlint/daemonlint/placement"
)

// TestPlacementEviction checks NoExecute tolerations with tolerationSeconds:
// the controller creates the pod, the taint manager evicts it after the
// shortest tolerationSeconds of the tolerations it uses (the first one that
// tolerates each NoExecute taint, as GetMatchingTolerations picks them), and
// the controller creates it again, forever.
func TestPlacementEviction(t *testing.T) {
	node := func(taints ...corev1.Taint) corev1.Node {
		return corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "n"}, Spec: corev1.NodeSpec{Taints: taints}}
	}
	noExecute := func(key string) corev1.Taint {
		return corev1.Taint{Key: key, Value: "x", Effect: corev1.TaintEffectNoExecute}
	}
	tolerate := func(key string, seconds *int64) corev1.Toleration {
		return corev1.Toleration{Key: key, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: seconds}
	}
	for _, tc := range []struct {
		name             string
		tolerations      []corev1.Toleration
		node             corev1.Node
		wantRuns         bool
		wantKeepsRunning bool
		// wantEvicted is EvictedEverySeconds, -1 for nil.
		wantEvicted int64
		// wantNote is part of the message of a tolerated-taint note.
		wantNote string
	}{
		{
			name:        "tolerationSeconds 60",
			tolerations: []corev1.Toleration{tolerate("dedicated", ptr.To[int64](60))},
			node:        node(noExecute("dedicated")),
			wantRuns:    true, wantKeepsRunning: false, wantEvicted: 60,
			wantNote: "tolerates dedicated=x:NoExecute for 60 s only (tolerations[0] has tolerationSeconds: 60)",
		},
		{
			name:        "no tolerationSeconds",
			tolerations: []corev1.Toleration{tolerate("dedicated", nil)},
			node:        node(noExecute("dedicated")),
			wantRuns:    true, wantKeepsRunning: true, wantEvicted: -1,
			wantNote: "tolerates dedicated=x:NoExecute",
		},
		{
			name:        "the shortest of two taints",
			tolerations: []corev1.Toleration{tolerate("a", ptr.To[int64](300)), tolerate("b", ptr.To[int64](60))},
			node:        node(noExecute("a"), noExecute("b")),
			wantRuns:    true, wantKeepsRunning: false, wantEvicted: 60,
		},
		{
			name:        "tolerationSeconds 0 evicts at once",
			tolerations: []corev1.Toleration{tolerate("dedicated", ptr.To[int64](0))},
			node:        node(noExecute("dedicated")),
			wantRuns:    true, wantKeepsRunning: false, wantEvicted: 0,
		},
		{
			name:        "the first matching toleration counts",
			tolerations: []corev1.Toleration{tolerate("dedicated", nil), tolerate("dedicated", ptr.To[int64](60))},
			node:        node(noExecute("dedicated")),
			wantRuns:    true, wantKeepsRunning: true, wantEvicted: -1,
		},
		{
			name:        "a NoSchedule taint keeps new pods off, the old one is evicted once",
			tolerations: []corev1.Toleration{tolerate("dedicated", ptr.To[int64](60))},
			node:        node(noExecute("dedicated"), corev1.Taint{Key: "other", Effect: corev1.TaintEffectNoSchedule}),
			wantRuns:    false, wantKeepsRunning: false, wantEvicted: -1,
		},
		{
			name:        "the controller's not-ready toleration replaces the template's",
			tolerations: []corev1.Toleration{tolerate(corev1.TaintNodeNotReady, ptr.To[int64](60))},
			node:        node(corev1.Taint{Key: corev1.TaintNodeNotReady, Effect: corev1.TaintEffectNoExecute}),
			wantRuns:    true, wantKeepsRunning: true, wantEvicted: -1,
		},
		{
			name:        "a keyless toleration comes before the controller's",
			tolerations: []corev1.Toleration{tolerate("", ptr.To[int64](60))},
			node:        node(corev1.Taint{Key: corev1.TaintNodeNotReady, Effect: corev1.TaintEffectNoExecute}),
			wantRuns:    true, wantKeepsRunning: false, wantEvicted: 60,
			wantNote: "for 60 s only (tolerations[0] has operator Exists and no key but effect NoExecute, which tolerates every NoExecute taint only, and tolerationSeconds: 60)",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := &appsv1.DaemonSet{Spec: appsv1.DaemonSetSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{Tolerations: tc.tolerations}}}}
			v := placement.Placement(ds, []corev1.Node{tc.node})[0]
			if v.Runs != tc.wantRuns || v.KeepsRunning != tc.wantKeepsRunning {
				t.Errorf("Runs, KeepsRunning = %v, %v; want %v, %v", v.Runs, v.KeepsRunning, tc.wantRuns, tc.wantKeepsRunning)
			}
			got := int64(-1)
			if v.EvictedEverySeconds != nil {
				got = *v.EvictedEverySeconds
			}
			if got != tc.wantEvicted {
				t.Errorf("EvictedEverySeconds = %d, want %d (-1 for nil)", got, tc.wantEvicted)
			}
			if tc.wantNote != "" {
				var notes []string
				found := false
				for _, r := range v.Notes {
					notes = append(notes, r.Message)
					found = found || r.Kind == placement.ReasonTolerated && strings.Contains(r.Message, tc.wantNote)
				}
				if !found {
					t.Errorf("notes %q, want a tolerated-taint note containing %q", notes, tc.wantNote)
				}
			}
		})
	}
}

// TestEvictionSummary checks that Summary says where the pods are evicted
// again and again.
func TestEvictionSummary(t *testing.T) {
	ds := &appsv1.DaemonSet{Spec: appsv1.DaemonSetSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
		Tolerations: []corev1.Toleration{{Key: "dedicated", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptr.To[int64](60)}},
	}}}}
	nodes := []corev1.Node{
		{ObjectMeta: metav1.ObjectMeta{Name: "a"}},
		{ObjectMeta: metav1.ObjectMeta{Name: "b"}, Spec: corev1.NodeSpec{Taints: []corev1.Taint{{Key: "dedicated", Value: "db", Effect: corev1.TaintEffectNoExecute}}}},
	}
	got := placement.Summary(placement.Placement(ds, nodes))
	want := "runs on all 2 nodes; evicted every 60 s and created again on b: taint dedicated=db:NoExecute tolerated for 60 s only"
	if got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}

// TestKeylessTolerationNote checks how a note words a toleration with
// operator Exists and no key: it tolerates every taint only without an
// effect, and otherwise every taint of its effect.
func TestKeylessTolerationNote(t *testing.T) {
	n := corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "n"}, Spec: corev1.NodeSpec{Taints: []corev1.Taint{
		{Key: "gpu", Effect: corev1.TaintEffectNoSchedule},
		{Key: "dedicated", Effect: corev1.TaintEffectNoExecute},
	}}}
	for _, tc := range []struct {
		name        string
		tolerations []corev1.Toleration
		want        []string
	}{
		{
			name:        "no effect",
			tolerations: []corev1.Toleration{{Operator: corev1.TolerationOpExists}},
			want: []string{
				"tolerates gpu:NoSchedule (tolerations[0] has operator Exists and no key, which tolerates every taint)",
				"tolerates dedicated:NoExecute (tolerations[0] has operator Exists and no key, which tolerates every taint)",
			},
		},
		{
			name: "one per effect",
			tolerations: []corev1.Toleration{
				{Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
				{Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute},
			},
			want: []string{
				"tolerates gpu:NoSchedule (tolerations[0] has operator Exists and no key but effect NoSchedule, which tolerates every NoSchedule taint only)",
				"tolerates dedicated:NoExecute (tolerations[1] has operator Exists and no key but effect NoExecute, which tolerates every NoExecute taint only)",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := &appsv1.DaemonSet{Spec: appsv1.DaemonSetSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{Tolerations: tc.tolerations}}}}
			v := placement.Placement(ds, []corev1.Node{n})[0]
			var got []string
			for _, r := range v.Notes {
				got = append(got, r.Message)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
