package placement_test

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/daemonlint/daemonlint/placement"
)

// Where a log collector runs on the built-in node profiles: not on the
// control plane or the GPU node, whose taints it does not tolerate.
func ExamplePlacement() {
	ds := &appsv1.DaemonSet{
		ObjectMeta: metav1.ObjectMeta{Name: "fluentd"},
		Spec: appsv1.DaemonSetSpec{
			Template: corev1.PodTemplateSpec{
				Spec: corev1.PodSpec{
					NodeSelector: map[string]string{"kubernetes.io/os": "linux"},
					Containers:   []corev1.Container{{Name: "fluentd", Image: "fluentd:v1.16"}},
				},
			},
		},
	}
	verdicts := placement.Placement(ds, placement.DefaultNodes())
	for _, v := range verdicts {
		fmt.Print(v.Node, " runs=", v.Runs)
		for _, r := range v.Reasons {
			fmt.Print(": ", r.Message)
		}
		fmt.Println()
	}
	fmt.Println(placement.Summary(verdicts))
	// Output:
	// cp-1 runs=false: the node has the taint node-role.kubernetes.io/control-plane:NoSchedule, which the pods do not tolerate
	// worker-1 runs=true
	// worker-2 runs=true
	// gpu-1 runs=false: the node has the taint nvidia.com/gpu:NoSchedule, which the pods do not tolerate
	// runs on 2 of 4 nodes; not on cp-1: untolerated taint node-role.kubernetes.io/control-plane:NoSchedule; not on gpu-1: untolerated taint nvidia.com/gpu:NoSchedule
}

// Whether a DaemonSet's pods run on a control-plane node, without the
// reasons Placement gives: a CNI agent that tolerates every taint does.
func ExampleRuns() {
	ds := &appsv1.DaemonSet{
		Spec: appsv1.DaemonSetSpec{
			Template: corev1.PodTemplateSpec{
				Spec: corev1.PodSpec{
					Tolerations: []corev1.Toleration{{Operator: corev1.TolerationOpExists}},
					Containers:  []corev1.Container{{Name: "cni", Image: "cni:v1"}},
				},
			},
		},
	}
	node := placement.ControlPlaneNode()
	fmt.Println(placement.Runs(ds, &node))
	ds.Spec.Template.Spec.Tolerations = nil
	fmt.Println(placement.Runs(ds, &node))
	// Output:
	// true
	// false
}
