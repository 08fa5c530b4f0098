package registry

import (
	"testing"

	"k8s.io/apimachinery/pkg/runtime/schema"
)

func TestSourcePath(t *testing.T) {
	tests := []struct {
		gvk  schema.GroupVersionKind
		path string
		want string
	}{
		{gvk("", "v1", "Service"), "spec.LoadBalancerSourceRanges[1]", "spec.loadBalancerSourceRanges[1]"},
		{gvk("", "v1", "Service"), "spec.ports[0].name", "spec.ports[0].name"},
		{gvk("networking.k8s.io", "v1", "Ingress"), "annotations.kubernetes.io/ingress.class", "metadata.annotations[kubernetes.io/ingress.class]"},
		{gvk("", "v1", "PersistentVolumeClaim"), "spec.resources[storage]", "spec.resources.requests[storage]"},
		{gvk("node.k8s.io", "v1", "RuntimeClass"), "overhead.limits[cpu]", "overhead.podFixed[cpu]"},
		{gvk("node.k8s.io", "v1", "RuntimeClass"), "overhead.limitsX", "overhead.limitsX"},
		{gvk("autoscaling", "v1", "HorizontalPodAutoscaler"), "spec.metrics[0].resource.target.averageUtilization", "spec.targetCPUUtilizationPercentage"},
		{gvk("autoscaling", "v2", "HorizontalPodAutoscaler"), "spec.metrics[0].resource.target.averageUtilization", "spec.metrics[0].resource.target.averageUtilization"},
		{gvk("", "v1", "ConfigMap"), "", ""},
		{gvk("", "v1", "ConfigMap"), "[]", ""},
		{gvk("", "v1", "ConfigMap"), "data[a/b]", "data[a/b]"},
	}
	for _, tt := range tests {
		t.Run(tt.gvk.Kind+" "+tt.path, func(t *testing.T) {
			if got := SourcePath(tt.gvk, tt.path); got != tt.want {
				t.Errorf("SourcePath(%s, %q) = %q, want %q", tt.gvk.Kind, tt.path, got, tt.want)
			}
		})
	}
}
