package apps_test

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/daemonlint/daemonlint/apivalidation/apps"
	"github.com/daemonlint/daemonlint/apivalidation/core"
)

// A DaemonSet whose pods may not restart and whose container name has a
// capital letter: ValidateDaemonSet gives the API server's errors, word
// for word.
func ExampleValidateDaemonSet() {
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
	for _, err := range apps.ValidateDaemonSet(ds, core.Options{}) {
		fmt.Println(err)
	}
	// Output:
	// spec.template.spec.containers[0].name: Invalid value: "Fluentd": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
	// spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"
}
