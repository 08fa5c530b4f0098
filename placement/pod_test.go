package placement

import (
	"reflect"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

// TestDaemonPodLeavesDaemonSet checks that the daemon pod gets the
// scheduler's defaults (requests from limits, host ports from container
// ports on the host network) without writing to the DaemonSet it shares
// its fields with.
func TestDaemonPodLeavesDaemonSet(t *testing.T) {
	ds := &appsv1.DaemonSet{Spec: appsv1.DaemonSetSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
		HostNetwork: true,
		Containers: []corev1.Container{{
			Name:      "agent",
			Ports:     []corev1.ContainerPort{{ContainerPort: 9100}, {ContainerPort: 9101, HostPort: 9200}},
			Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("1")}, Requests: corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("1Gi")}},
		}},
		InitContainers: []corev1.Container{{
			Name:      "init",
			Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("64Mi")}},
		}},
	}}}}
	before := ds.DeepCopy()
	pod := daemonPod(ds)
	if !reflect.DeepEqual(ds, before) {
		t.Errorf("daemonPod changed the DaemonSet:\n%#v", ds.Spec.Template.Spec)
	}
	c := pod.Spec.Containers[0]
	if got, want := c.Ports[0].HostPort, int32(9100); got != want {
		t.Errorf("host port = %d, want %d", got, want)
	}
	if got, want := c.Ports[1].HostPort, int32(9200); got != want {
		t.Errorf("host port = %d, want %d", got, want)
	}
	if got, want := c.Resources.Requests.Cpu().String(), "1"; got != want {
		t.Errorf("cpu request = %s, want %s", got, want)
	}
	if got, want := c.Resources.Requests.Memory().String(), "1Gi"; got != want {
		t.Errorf("memory request = %s, want %s", got, want)
	}
	if got, want := pod.Spec.InitContainers[0].Resources.Requests.Memory().String(), "64Mi"; got != want {
		t.Errorf("init container's memory request = %s, want %s", got, want)
	}
}
