// Package autoscaling validates the HorizontalPodAutoscaler of the
// autoscaling/v2 API (and of autoscaling/v1, converted to it) as kube-apiserver v1.37.2 does on create: the
// server's defaults first, then its validation, with the server's field
// paths, error types and detail texts.
//
// The rules are re-expressed from the server's own code (k8s.io/kubernetes
// pkg/apis/autoscaling/validation, pkg/apis/autoscaling/v2 defaults and
// pkg/registry/autoscaling, Apache-2.0) on the k8s.io/api v2 types.
package autoscaling

import (
	"fmt"
	"slices"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/validation/path"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
	"github.com/daemonlint/daemonlint/apivalidation/internal/resources"
	"github.com/daemonlint/daemonlint/apivalidation/objectmeta"
)

// Options describe what a cluster decides that changes the server's
// verdict; nothing does for this group yet, so the zero Options is the
// only one.
type Options struct{}

// ValidateObject validates obj if it is one of the kinds of this package,
// and reports whether it was.
func ValidateObject(obj runtime.Object, opts Options) (field.ErrorList, bool) {
	switch o := obj.(type) {
	case *autoscalingv2.HorizontalPodAutoscaler:
		return ValidateHorizontalPodAutoscaler(o, opts), true
	case *autoscalingv1.HorizontalPodAutoscaler:
		return ValidateHorizontalPodAutoscalerV1(o, opts), true
	}
	return nil, false
}

const (
	maxPeriodSeconds              = 1800
	maxStabilizationWindowSeconds = 3600
	defaultCPUUtilization         = 80
)

var (
	validSelectPolicyTypes = []string{string(autoscalingv2.DisabledPolicySelect), string(autoscalingv2.MaxChangePolicySelect), string(autoscalingv2.MinChangePolicySelect)}
	validPolicyTypes       = []string{string(autoscalingv2.PercentScalingPolicy), string(autoscalingv2.PodsScalingPolicy)}
	validMetricSourceTypes = []string{string(autoscalingv2.ContainerResourceMetricSourceType), string(autoscalingv2.ExternalMetricSourceType), string(autoscalingv2.ObjectMetricSourceType), string(autoscalingv2.PodsMetricSourceType), string(autoscalingv2.ResourceMetricSourceType)}
)

// HorizontalPodAutoscalerWithDefaults returns a copy of hpa with the
// server's autoscaling/v2 defaults: minReplicas 1, a CPU utilization
// target of 80% when there are no metrics, and the default scaling rules
// under any behavior given.
func HorizontalPodAutoscalerWithDefaults(hpa *autoscalingv2.HorizontalPodAutoscaler) *autoscalingv2.HorizontalPodAutoscaler {
	hpa = hpa.DeepCopy()
	spec := &hpa.Spec
	if spec.MinReplicas == nil {
		spec.MinReplicas = ptr.To[int32](1)
	}
	if len(spec.Metrics) == 0 {
		spec.Metrics = []autoscalingv2.MetricSpec{{
			Type: autoscalingv2.ResourceMetricSourceType,
			Resource: &autoscalingv2.ResourceMetricSource{
				Name:   corev1.ResourceCPU,
				Target: autoscalingv2.MetricTarget{Type: autoscalingv2.UtilizationMetricType, AverageUtilization: ptr.To[int32](defaultCPUUtilization)},
			},
		}}
	}
	if b := spec.Behavior; b != nil {
		b.ScaleUp = withRuleDefaults(b.ScaleUp, autoscalingv2.HPAScalingRules{
			StabilizationWindowSeconds: ptr.To[int32](0),
			SelectPolicy:               ptr.To(autoscalingv2.MaxChangePolicySelect),
			Policies: []autoscalingv2.HPAScalingPolicy{
				{Type: autoscalingv2.PodsScalingPolicy, Value: 4, PeriodSeconds: 15},
				{Type: autoscalingv2.PercentScalingPolicy, Value: 100, PeriodSeconds: 15},
			},
		})
		b.ScaleDown = withRuleDefaults(b.ScaleDown, autoscalingv2.HPAScalingRules{
			SelectPolicy: ptr.To(autoscalingv2.MaxChangePolicySelect),
			Policies:     []autoscalingv2.HPAScalingPolicy{{Type: autoscalingv2.PercentScalingPolicy, Value: 100, PeriodSeconds: 15}},
		})
	}
	return hpa
}

// withRuleDefaults fills what from leaves unset with the defaults in to.
func withRuleDefaults(from *autoscalingv2.HPAScalingRules, to autoscalingv2.HPAScalingRules) *autoscalingv2.HPAScalingRules {
	if from == nil {
		return &to
	}
	if from.SelectPolicy != nil {
		to.SelectPolicy = from.SelectPolicy
	}
	if from.StabilizationWindowSeconds != nil {
		to.StabilizationWindowSeconds = from.StabilizationWindowSeconds
	}
	if from.Policies != nil {
		to.Policies = from.Policies
	}
	if from.Tolerance != nil {
		to.Tolerance = from.Tolerance
	}
	return &to
}

// ValidateHorizontalPodAutoscaler returns the server's errors for creating
// hpa: its metadata, minReplicas (0 is allowed, with an Object or External
// metric) and maxReplicas, the scaleTargetRef (an apiVersion with a group,
// except for a ReplicationController), the metrics and the scaling
// behavior.
func ValidateHorizontalPodAutoscaler(hpa *autoscalingv2.HorizontalPodAutoscaler, _ Options) field.ErrorList {
	hpa = HorizontalPodAutoscalerWithDefaults(hpa)
	objectmeta.Prepare(&hpa.ObjectMeta, true)
	allErrs := objectmeta.Validate(&hpa.ObjectMeta, true, names.NameIsDNSSubdomain, true, field.NewPath("metadata"))
	allErrs = append(allErrs, validateSpec(&hpa.Spec, field.NewPath("spec"))...)
	return objectmeta.Finish(allErrs, &hpa.ObjectMeta, true)
}

// refOptions are the server's CrossVersionObjectReferenceValidationOptions.
type refOptions struct {
	allowEmptyAPIGroup bool
}

func validateSpec(spec *autoscalingv2.HorizontalPodAutoscalerSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	// HPAScaleToZero is on in v1.37: the lower bound is 0.
	if spec.MinReplicas != nil && *spec.MinReplicas < 0 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("minReplicas"), *spec.MinReplicas, "must be greater than or equal to 0"))
	}
	if spec.MaxReplicas == 0 {
		// The handwritten detail "must be set and greater than 0" gives way
		// to the declarative check's, which has none.
		allErrs = append(allErrs, field.Required(fldPath.Child("maxReplicas"), ""))
	} else if spec.MaxReplicas < 0 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("maxReplicas"), spec.MaxReplicas, "must be greater than or equal to 1"))
	}
	if spec.MinReplicas != nil && spec.MaxReplicas < *spec.MinReplicas {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("maxReplicas"), spec.MaxReplicas, "must be greater than or equal to `minReplicas`"))
	}
	targetOpts := refOptions{allowEmptyAPIGroup: spec.ScaleTargetRef.Kind == "ReplicationController"}
	allErrs = append(allErrs, validateReference(spec.ScaleTargetRef, fldPath.Child("scaleTargetRef"), targetOpts)...)
	allErrs = append(allErrs, validateMetrics(spec.Metrics, fldPath.Child("metrics"), spec.MinReplicas)...)
	if b := spec.Behavior; b != nil {
		allErrs = append(allErrs, validateScalingRules(b.ScaleUp, fldPath.Child("behavior", "scaleUp"))...)
		allErrs = append(allErrs, validateScalingRules(b.ScaleDown, fldPath.Child("behavior", "scaleDown"))...)
	}
	return allErrs
}

func validateReference(ref autoscalingv2.CrossVersionObjectReference, fldPath *field.Path, opts refOptions) field.ErrorList {
	var allErrs field.ErrorList
	allErrs = append(allErrs, validateSegment(ref.Kind, fldPath.Child("kind"), "")...)
	allErrs = append(allErrs, validateSegment(ref.Name, fldPath.Child("name"), "")...)
	gv, err := schema.ParseGroupVersion(ref.APIVersion)
	if err == nil && !opts.allowEmptyAPIGroup && gv.Group == "" {
		err = fmt.Errorf("apiVersion must specify API group")
	}
	if err != nil {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("apiVersion"), ref.APIVersion, err.Error()))
	}
	return allErrs
}

// validateSegment requires value, with detail when it is missing, and
// requires it to be a path segment.
func validateSegment(value string, fldPath *field.Path, detail string) field.ErrorList {
	if value == "" {
		return field.ErrorList{field.Required(fldPath, detail)}
	}
	var allErrs field.ErrorList
	for _, msg := range path.IsValidPathSegmentName(value) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	return allErrs
}

func validateMetrics(metrics []autoscalingv2.MetricSpec, fldPath *field.Path, minReplicas *int32) field.ErrorList {
	var allErrs field.ErrorList
	hasObjectOrExternal := false
	for i, m := range metrics {
		allErrs = append(allErrs, validateMetricSpec(m, fldPath.Index(i))...)
		if m.Type == autoscalingv2.ObjectMetricSourceType || m.Type == autoscalingv2.ExternalMetricSourceType {
			hasObjectOrExternal = true
		}
	}
	if minReplicas != nil && *minReplicas == 0 && !hasObjectOrExternal {
		allErrs = append(allErrs, field.Forbidden(fldPath, "must specify at least one Object or External metric to support scaling to zero replicas"))
	}
	return allErrs
}

func validateScalingRules(rules *autoscalingv2.HPAScalingRules, fldPath *field.Path) field.ErrorList {
	if rules == nil {
		return nil
	}
	var allErrs field.ErrorList
	if w := rules.StabilizationWindowSeconds; w != nil && *w < 0 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("stabilizationWindowSeconds"), w, "must be greater than or equal to zero"))
	}
	if w := rules.StabilizationWindowSeconds; w != nil && *w > maxStabilizationWindowSeconds {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("stabilizationWindowSeconds"), w, fmt.Sprintf("must be less than or equal to %v", maxStabilizationWindowSeconds)))
	}
	if p := rules.SelectPolicy; p != nil && !slices.Contains(validSelectPolicyTypes, string(*p)) {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("selectPolicy"), p, validSelectPolicyTypes))
	}
	policiesPath := fldPath.Child("policies")
	if len(rules.Policies) == 0 {
		allErrs = append(allErrs, field.Required(policiesPath, "must specify at least one Policy"))
	}
	for i, p := range rules.Policies {
		idxPath := policiesPath.Index(i)
		if p.Type != autoscalingv2.PodsScalingPolicy && p.Type != autoscalingv2.PercentScalingPolicy {
			allErrs = append(allErrs, field.NotSupported(idxPath.Child("type"), p.Type, validPolicyTypes))
		}
		if p.Value <= 0 {
			allErrs = append(allErrs, field.Invalid(idxPath.Child("value"), p.Value, "must be greater than zero"))
		}
		if p.PeriodSeconds <= 0 {
			allErrs = append(allErrs, field.Invalid(idxPath.Child("periodSeconds"), p.PeriodSeconds, "must be greater than zero"))
		}
		if p.PeriodSeconds > maxPeriodSeconds {
			allErrs = append(allErrs, field.Invalid(idxPath.Child("periodSeconds"), p.PeriodSeconds, fmt.Sprintf("must be less than or equal to %v", maxPeriodSeconds)))
		}
	}
	if rules.Tolerance != nil {
		allErrs = append(allErrs, resources.ValidateNonnegativeQuantity(*rules.Tolerance, fldPath.Child("tolerance"))...)
	}
	return allErrs
}

func validateMetricSpec(spec autoscalingv2.MetricSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if spec.Type == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("type"), "must specify a metric source type"))
	}
	if !slices.Contains(validMetricSourceTypes, string(spec.Type)) {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("type"), spec.Type, validMetricSourceTypes))
	}
	var present []string
	if spec.Object != nil {
		present = append(present, "object")
		if len(present) == 1 {
			allErrs = append(allErrs, validateObjectSource(spec.Object, fldPath.Child("object"))...)
		}
	}
	if spec.External != nil {
		present = append(present, "external")
		if len(present) == 1 {
			allErrs = append(allErrs, validateExternalSource(spec.External, fldPath.Child("external"))...)
		}
	}
	if spec.Pods != nil {
		present = append(present, "pods")
		if len(present) == 1 {
			allErrs = append(allErrs, validatePodsSource(spec.Pods, fldPath.Child("pods"))...)
		}
	}
	if spec.Resource != nil {
		present = append(present, "resource")
		if len(present) == 1 {
			allErrs = append(allErrs, validateResourceSource(spec.Resource, fldPath.Child("resource"))...)
		}
	}
	if spec.ContainerResource != nil {
		present = append(present, "containerResource")
		if len(present) == 1 {
			allErrs = append(allErrs, validateContainerResourceSource(spec.ContainerResource, fldPath.Child("containerResource"))...)
		}
	}
	const populate = "must populate information for the given metric source"
	var expected string
	switch spec.Type {
	case autoscalingv2.ObjectMetricSourceType:
		if spec.Object == nil {
			allErrs = append(allErrs, field.Required(fldPath.Child("object"), populate))
		}
		expected = "object"
	case autoscalingv2.PodsMetricSourceType:
		if spec.Pods == nil {
			allErrs = append(allErrs, field.Required(fldPath.Child("pods"), populate))
		}
		expected = "pods"
	case autoscalingv2.ResourceMetricSourceType:
		if spec.Resource == nil {
			allErrs = append(allErrs, field.Required(fldPath.Child("resource"), populate))
		}
		expected = "resource"
	case autoscalingv2.ExternalMetricSourceType:
		if spec.External == nil {
			allErrs = append(allErrs, field.Required(fldPath.Child("external"), populate))
		}
		expected = "external"
	case autoscalingv2.ContainerResourceMetricSourceType:
		if spec.ContainerResource == nil {
			allErrs = append(allErrs, field.Required(fldPath.Child("containerResource"), populate))
		}
		expected = "containerResource"
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("type"), spec.Type, validMetricSourceTypes))
	}
	if len(present) != 1 {
		// The server walks a set here, in no fixed order.
		for _, typ := range present {
			if typ != expected {
				allErrs = append(allErrs, field.Forbidden(fldPath.Child(typ), "must populate the given metric source only"))
			}
		}
	}
	return allErrs
}

func validateObjectSource(src *autoscalingv2.ObjectMetricSource, fldPath *field.Path) field.ErrorList {
	allErrs := validateReference(src.DescribedObject, fldPath.Child("describedObject"), refOptions{allowEmptyAPIGroup: true})
	allErrs = append(allErrs, validateMetricIdentifier(src.Metric, fldPath.Child("metric"))...)
	allErrs = append(allErrs, validateMetricTarget(src.Target, fldPath.Child("target"))...)
	if src.Target.Value == nil && src.Target.AverageValue == nil {
		allErrs = append(allErrs, field.Required(fldPath.Child("target").Child("averageValue"), "must set either a target value or averageValue"))
	}
	return allErrs
}

func validateExternalSource(src *autoscalingv2.ExternalMetricSource, fldPath *field.Path) field.ErrorList {
	allErrs := validateMetricIdentifier(src.Metric, fldPath.Child("metric"))
	allErrs = append(allErrs, validateMetricTarget(src.Target, fldPath.Child("target"))...)
	if src.Target.Value == nil && src.Target.AverageValue == nil {
		allErrs = append(allErrs, field.Required(fldPath.Child("target").Child("averageValue"), "must set either a target value for metric or a per-pod target"))
	}
	if src.Target.Value != nil && src.Target.AverageValue != nil {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("target").Child("value"), "may not set both a target value for metric and a per-pod target"))
	}
	return allErrs
}

func validatePodsSource(src *autoscalingv2.PodsMetricSource, fldPath *field.Path) field.ErrorList {
	allErrs := validateMetricIdentifier(src.Metric, fldPath.Child("metric"))
	allErrs = append(allErrs, validateMetricTarget(src.Target, fldPath.Child("target"))...)
	if src.Target.AverageValue == nil {
		allErrs = append(allErrs, field.Required(fldPath.Child("target").Child("averageValue"), "must specify a positive target averageValue"))
	}
	return allErrs
}

func validateContainerResourceSource(src *autoscalingv2.ContainerResourceMetricSource, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if src.Name == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("name"), "must specify a resource name"))
	} else {
		allErrs = append(allErrs, resources.ValidateContainerName(src.Name, fldPath.Child("name"))...)
	}
	if src.Container == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("container"), "must specify a container"))
	} else {
		for _, msg := range names.DNS1123LabelErrors(src.Container) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("container"), src.Container, msg))
		}
	}
	allErrs = append(allErrs, validateMetricTarget(src.Target, fldPath.Child("target"))...)
	allErrs = append(allErrs, validateUtilizationOrValue(src.Target, fldPath.Child("target"))...)
	return allErrs
}

func validateResourceSource(src *autoscalingv2.ResourceMetricSource, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if src.Name == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("name"), "must specify a resource name"))
	}
	allErrs = append(allErrs, validateMetricTarget(src.Target, fldPath.Child("target"))...)
	allErrs = append(allErrs, validateUtilizationOrValue(src.Target, fldPath.Child("target"))...)
	return allErrs
}

// validateUtilizationOrValue requires exactly one of averageUtilization
// and averageValue.
func validateUtilizationOrValue(t autoscalingv2.MetricTarget, fldPath *field.Path) field.ErrorList {
	if t.AverageUtilization == nil && t.AverageValue == nil {
		return field.ErrorList{field.Required(fldPath.Child("averageUtilization"), "must set either a target raw value or a target utilization")}
	}
	if t.AverageUtilization != nil && t.AverageValue != nil {
		return field.ErrorList{field.Forbidden(fldPath.Child("averageValue"), "may not set both a target raw value and a target utilization")}
	}
	return nil
}

func validateMetricTarget(mt autoscalingv2.MetricTarget, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if mt.Type == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("type"), "must specify a metric target type"))
	}
	if mt.Type != autoscalingv2.UtilizationMetricType && mt.Type != autoscalingv2.ValueMetricType && mt.Type != autoscalingv2.AverageValueMetricType {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("type"), mt.Type, "must be either Utilization, Value, or AverageValue"))
	}
	if mt.Value != nil && mt.Value.Sign() != 1 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("value"), mt.Value, "must be positive"))
	}
	if mt.AverageValue != nil && mt.AverageValue.Sign() != 1 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("averageValue"), mt.AverageValue, "must be positive"))
	}
	if mt.AverageUtilization != nil && *mt.AverageUtilization < 1 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("averageUtilization"), mt.AverageUtilization, "must be greater than 0"))
	}
	return allErrs
}

func validateMetricIdentifier(id autoscalingv2.MetricIdentifier, fldPath *field.Path) field.ErrorList {
	return validateSegment(id.Name, fldPath.Child("name"), "must specify a metric name")
}
