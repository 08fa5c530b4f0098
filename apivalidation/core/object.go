package core

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// ValidateObject validates obj with the entry point of its kind (Pod,
// PodTemplate or ReplicationController) and reports whether it is one of
// them; for any other object it returns nil, false.
func ValidateObject(obj runtime.Object, opts Options) (field.ErrorList, bool) {
	switch o := obj.(type) {
	case *corev1.Pod:
		return ValidatePod(o, opts), true
	case *corev1.PodTemplate:
		return ValidatePodTemplate(o, opts), true
	case *corev1.ReplicationController:
		return ValidateReplicationController(o, opts), true
	}
	return nil, false
}
