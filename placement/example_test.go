package daemonset_test

import (
	"fmt"

	"github.com/daemonlint/daemonlint/daemonset"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// A DaemonSet whose pods may not restart and whose container name has a
// capital letter: Validate gives the API server's errors, word for word.
func ExampleValidate() {
	labels := map[string]string{"app": "fluentd"}
	ds := &appsv1.DaemonSet{
		ObjectMeta: metav1.ObjectMeta{Name: "fluentd"},
		Spec: appsv1.DaemonSetSpec{
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec: corev1.PodSpec{
					RestartPolicy: corev1.RestartPolicyNever,
					Containers:    []corev1.Container{{Name: "Fluentd", Image: "fluentd:v1.16"}},
				},
			},
		},
	}
	for _, err := range daemonset.Validate(ds, daemonset.Options{}) {
		fmt.Println(err)
	}
	// Output:
	// spec.template.spec.containers[0].name: Invalid value: "Fluentd": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
	// spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"
}

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
	verdicts := daemonset.Placement(ds, daemonset.DefaultNodes())
	for _, v := range verdicts {
		fmt.Print(v.Node, " runs=", v.Runs)
		for _, r := range v.Reasons {
			fmt.Print(": ", r.Message)
		}
		fmt.Println()
	}
	fmt.Println(daemonset.Summary(verdicts))
	// Output:
	// cp-1 runs=false: the node has the taint node-role.kubernetes.io/control-plane:NoSchedule, which the pods do not tolerate
	// worker-1 runs=true
	// worker-2 runs=true
	// gpu-1 runs=false: the node has the taint nvidia.com/gpu:NoSchedule, which the pods do not tolerate
	// runs on 2 of 4 nodes; not on cp-1: untolerated taint node-role.kubernetes.io/control-plane:NoSchedule; not on gpu-1: untolerated taint nvidia.com/gpu:NoSchedule
}
