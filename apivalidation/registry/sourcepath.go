package registry

import (
	"strings"

	"k8s.io/apimachinery/pkg/runtime/schema"
)

// A pathRewrite maps a prefix of the server's field path to the path of
// the manifest field it is about.
type pathRewrite struct {
	gvk      schema.GroupVersionKind
	from, to string
}

// rewrites are the field paths the server reports that do not name a
// field of the manifest as written: paths of the server's internal form,
// and a few misspelled by the server itself.
var rewrites = []pathRewrite{
	// The total size of a ConfigMap's values is reported at the empty
	// path, which prints as "[]": the whole object.
	{gvk("", "v1", "ConfigMap"), "[]", ""},
	// The server spells the field with a capital L.
	{gvk("", "v1", "Service"), "spec.LoadBalancerSourceRanges", "spec.loadBalancerSourceRanges"},
	// The server forgets "metadata" and the key brackets.
	{gvk("networking.k8s.io", "v1", "Ingress"), "annotations.kubernetes.io/ingress.class", "metadata.annotations[kubernetes.io/ingress.class]"},
	// The storage request is reported at resources[storage].
	{gvk("", "v1", "PersistentVolumeClaim"), "spec.resources[storage]", "spec.resources.requests[storage]"},
	// The overhead is validated as container limits.
	{gvk("node.k8s.io", "v1", "RuntimeClass"), "overhead.limits", "overhead.podFixed"},
	// An autoscaling/v1 HPA is validated in its v2 form.
	{gvk("autoscaling", "v1", "HorizontalPodAutoscaler"), "spec.metrics[0].resource.target.averageUtilization", "spec.targetCPUUtilizationPercentage"},
}

// SourcePath returns the path of the manifest field that an error the
// server reports at fieldPath is about, for an object of kind gvk as
// written: the same path, except where the server reports a path of its
// internal form or misspells one (a Service's
// spec.LoadBalancerSourceRanges, an Ingress's
// annotations.kubernetes.io/ingress.class, a PersistentVolumeClaim's
// spec.resources[storage], a RuntimeClass's overhead.limits, a
// ConfigMap's "[]" (the whole object, returned as ""), an
// autoscaling/v1 HorizontalPodAutoscaler's CPU target). The error's own
// field path stays the server's; this is only where to point.
func SourcePath(gvk schema.GroupVersionKind, fieldPath string) string {
	for _, r := range rewrites {
		if r.gvk != gvk || !strings.HasPrefix(fieldPath, r.from) {
			continue
		}
		rest := fieldPath[len(r.from):]
		if rest == "" || rest[0] == '.' || rest[0] == '[' {
			return r.to + rest
		}
	}
	return fieldPath
}
