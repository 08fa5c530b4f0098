package autoscaling

import (
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"
)

// ToV2 converts an autoscaling/v1 HorizontalPodAutoscaler the way the
// server converts it before validating: minReplicas defaults to 1, and
// targetCPUUtilizationPercentage becomes a CPU utilization metric (80%
// when it is not set). The metrics and behavior the server also reads
// from the autoscaling.alpha.kubernetes.io/metrics and .../behavior
// annotations are not converted.
func ToV2(hpa *autoscalingv1.HorizontalPodAutoscaler) *autoscalingv2.HorizontalPodAutoscaler {
	out := &autoscalingv2.HorizontalPodAutoscaler{ObjectMeta: *hpa.ObjectMeta.DeepCopy()}
	out.Spec.ScaleTargetRef = autoscalingv2.CrossVersionObjectReference{
		Kind:       hpa.Spec.ScaleTargetRef.Kind,
		Name:       hpa.Spec.ScaleTargetRef.Name,
		APIVersion: hpa.Spec.ScaleTargetRef.APIVersion,
	}
	out.Spec.MinReplicas = hpa.Spec.MinReplicas
	if out.Spec.MinReplicas == nil {
		out.Spec.MinReplicas = ptr.To[int32](1)
	}
	out.Spec.MaxReplicas = hpa.Spec.MaxReplicas
	target := int32(defaultCPUUtilization)
	if hpa.Spec.TargetCPUUtilizationPercentage != nil {
		target = *hpa.Spec.TargetCPUUtilizationPercentage
	}
	out.Spec.Metrics = []autoscalingv2.MetricSpec{{
		Type: autoscalingv2.ResourceMetricSourceType,
		Resource: &autoscalingv2.ResourceMetricSource{
			Name:   corev1.ResourceCPU,
			Target: autoscalingv2.MetricTarget{Type: autoscalingv2.UtilizationMetricType, AverageUtilization: ptr.To(target)},
		},
	}}
	return out
}

// ValidateHorizontalPodAutoscalerV1 returns the server's errors for
// creating an autoscaling/v1 HorizontalPodAutoscaler: it is converted (see
// ToV2) and validated as one of autoscaling/v2, with the server's paths,
// which are those of the v2 form (a bad targetCPUUtilizationPercentage is
// reported at spec.metrics[0].resource.target.averageUtilization).
func ValidateHorizontalPodAutoscalerV1(hpa *autoscalingv1.HorizontalPodAutoscaler, opts Options) field.ErrorList {
	return ValidateHorizontalPodAutoscaler(ToV2(hpa), opts)
}
