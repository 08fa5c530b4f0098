package autoscaling

import (
	"testing"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/golden"
)

func TestGolden(t *testing.T) {
	golden.Run(t, "HorizontalPodAutoscaler", func(o *autoscalingv2.HorizontalPodAutoscaler) field.ErrorList {
		return ValidateHorizontalPodAutoscaler(o, Options{})
	})
}

func TestGoldenV1(t *testing.T) {
	golden.Run(t, "HorizontalPodAutoscalerV1", func(o *autoscalingv1.HorizontalPodAutoscaler) field.ErrorList {
		return ValidateHorizontalPodAutoscalerV1(o, Options{})
	})
}
