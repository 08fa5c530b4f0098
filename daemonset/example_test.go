package daemonset_test

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/daemonlint/daemonlint/daemonset"
)

// A log collector that requests CPU and memory but sets no memory limit:
// CheckResources gives advice, not a warning, since some node agents go
// without a limit on purpose.
func ExampleCheckResources() {
	ds := &appsv1.DaemonSet{}
	ds.Spec.Template.Spec.Containers = []corev1.Container{{
		Name:  "fluentd",
		Image: "fluentd:v1.16",
		Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{
			corev1.ResourceCPU:    resource.MustParse("100m"),
			corev1.ResourceMemory: resource.MustParse("200Mi"),
		}},
	}}
	for _, f := range daemonset.CheckResources(ds) {
		fmt.Printf("%s: %s\n", f.Severity, f.Field)
	}
	// Output:
	// info: spec.template.spec.containers[0].resources
}
