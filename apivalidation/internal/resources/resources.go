// Package resources holds the core group's rules for resource names and
// quantities (pkg/apis/core/validation of kube-apiserver v1.37.2,
// Apache-2.0) that the kinds of apivalidation's group packages share: a
// HorizontalPodAutoscaler's container resource, a RuntimeClass's overhead,
// the limits of a LimitRange, the hard limits of a ResourceQuota and the
// requests of a PersistentVolumeClaim.
package resources

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
)

// standard are the resource names known to the system.
var standard = map[string]bool{
	"cpu": true, "memory": true, "ephemeral-storage": true, "requests.cpu": true, "requests.memory": true,
	"requests.ephemeral-storage": true, "limits.cpu": true, "limits.memory": true, "limits.ephemeral-storage": true,
	"pods": true, "resourcequotas": true, "services": true, "replicationcontrollers": true, "secrets": true,
	"configmaps": true, "persistentvolumeclaims": true, "storage": true, "requests.storage": true,
	"services.nodeports": true, "services.loadbalancers": true,
}

// integer are the resource names counted in whole units.
var integer = map[string]bool{
	"pods": true, "resourcequotas": true, "services": true, "replicationcontrollers": true, "secrets": true,
	"configmaps": true, "persistentvolumeclaims": true, "services.nodeports": true, "services.loadbalancers": true,
}

// IsHugePages reports a hugepages-<size> resource.
func IsHugePages(name corev1.ResourceName) bool {
	return strings.HasPrefix(string(name), corev1.ResourceHugePagesPrefix)
}

// IsNative reports a resource of the kubernetes.io domain or of no domain.
func IsNative(name corev1.ResourceName) bool {
	return !strings.Contains(string(name), "/") || strings.Contains(string(name), corev1.ResourceDefaultNamespacePrefix)
}

// IsExtended reports a resource of another domain that would be a valid
// quota name.
func IsExtended(name corev1.ResourceName) bool {
	if IsNative(name) || strings.HasPrefix(string(name), corev1.DefaultResourceRequestsPrefix) {
		return false
	}
	return names.LabelKey(corev1.DefaultResourceRequestsPrefix + string(name))
}

// IsStandard reports a resource name known to the system.
func IsStandard(name corev1.ResourceName) bool {
	return standard[string(name)] || IsHugePages(name) || strings.HasPrefix(string(name), corev1.ResourceRequestsHugePagesPrefix)
}

// IsInteger reports a resource counted in whole units.
func IsInteger(name corev1.ResourceName) bool {
	return integer[string(name)] || IsExtended(name)
}

// ValidateName is the server's validateResourceName: a qualified name,
// and a known one when it has no domain.
func ValidateName(value corev1.ResourceName, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for _, msg := range names.LabelKeyErrors(string(value)) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	if len(allErrs) != 0 {
		return allErrs
	}
	if !strings.Contains(string(value), "/") && !IsStandard(value) {
		return append(allErrs, field.Invalid(fldPath, value, "must be a standard resource type or fully qualified"))
	}
	return allErrs
}

// ValidateContainerName is the server's ValidateContainerResourceName:
// cpu, memory, ephemeral-storage, hugepages-<size>, or an extended
// resource.
func ValidateContainerName(value corev1.ResourceName, fldPath *field.Path) field.ErrorList {
	allErrs := ValidateName(value, fldPath)
	if !strings.Contains(string(value), "/") {
		switch value {
		case corev1.ResourceCPU, corev1.ResourceMemory, corev1.ResourceEphemeralStorage:
		default:
			if !IsHugePages(value) {
				return append(allErrs, field.Invalid(fldPath, value, "must be a standard resource for containers"))
			}
		}
	} else if !IsNative(value) && !IsExtended(value) {
		return append(allErrs, field.Invalid(fldPath, value, "doesn't follow extended resource name standard"))
	}
	return allErrs
}

// ValidateQuantityValue is the server's ValidateResourceQuantityValue: not
// negative, and whole for integer resources.
func ValidateQuantityValue(name corev1.ResourceName, q resource.Quantity, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	allErrs = append(allErrs, ValidateNonnegativeQuantity(q, fldPath)...)
	if IsInteger(name) && q.MilliValue()%1000 != 0 {
		allErrs = append(allErrs, field.Invalid(fldPath, q, "must be an integer"))
	}
	return allErrs
}

// ValidateNonnegativeQuantity is the server's ValidateNonnegativeQuantity.
func ValidateNonnegativeQuantity(q resource.Quantity, fldPath *field.Path) field.ErrorList {
	if q.Sign() < 0 {
		return field.ErrorList{field.Invalid(fldPath, q.String(), "must be greater than or equal to 0")}
	}
	return nil
}
