package core_test

import (
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/daemonlint/daemonlint/apivalidation/core"
)

// TestValidatePodDoesNotMutate checks that ValidatePod works on a copy:
// the defaults, the requests taken from limits and the namespace must not
// leak into the caller's Pod.
func TestValidatePodDoesNotMutate(t *testing.T) {
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Labels: map[string]string{"app": "web"}},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name: "web", Image: "nginx",
			Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceCPU: mustQuantity(t, "1")}},
		}}},
	}
	if errs := core.ValidatePod(pod, core.Options{}); len(errs) > 0 {
		t.Fatalf("got %v, want a valid Pod", errs)
	}
	if pod.Namespace != "" || pod.Spec.RestartPolicy != "" || pod.Spec.Containers[0].Resources.Requests != nil || pod.Spec.EnableServiceLinks != nil {
		t.Errorf("ValidatePod changed its argument: %+v", pod)
	}
}

// TestValidateObject checks the dispatch on the Go type: each core/v1
// pod-bearing kind gets its own rules, any other kind is not judged.
func TestValidateObject(t *testing.T) {
	containers := []corev1.Container{{Name: "c", Image: "x"}}
	tests := []struct {
		name      string
		obj       runtime.Object
		ok        bool
		wantField string
	}{
		{name: "pod", obj: &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p"}}, ok: true, wantField: "spec.containers"},
		{name: "pod template", obj: &corev1.PodTemplate{ObjectMeta: metav1.ObjectMeta{Name: "Bad_Name"},
			Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{Containers: containers}}}, ok: true, wantField: "metadata.name"},
		{name: "replication controller", obj: &corev1.ReplicationController{ObjectMeta: metav1.ObjectMeta{Name: "rc"}}, ok: true, wantField: "spec.selector"},
		{name: "daemon set", obj: &appsv1.DaemonSet{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs, ok := core.ValidateObject(tt.obj, core.Options{})
			if ok != tt.ok {
				t.Fatalf("got ok %v, want %v", ok, tt.ok)
			}
			if !tt.ok {
				if errs != nil {
					t.Errorf("got %v for a kind it does not judge, want nil", errs)
				}
				return
			}
			if len(errs) == 0 || errs[0].Field != tt.wantField {
				t.Errorf("got %v, want a first error at %s", errs, tt.wantField)
			}
		})
	}
}

// mustQuantity parses a quantity.
func mustQuantity(t *testing.T, s string) resource.Quantity {
	t.Helper()
	q, err := resource.ParseQuantity(s)
	if err != nil {
		t.Fatal(err)
	}
	return q
}
