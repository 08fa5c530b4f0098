package core

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation/field"
	resourcehelper "k8s.io/component-helpers/resource"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
)

// standardResources are the resource names known without a domain.
var standardResources = newStringSet("cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory",
	"requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods", "resourcequotas",
	"services", "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims", "storage",
	"requests.storage", "services.nodeports", "services.loadbalancers")

// integerResources are the resource names counted in whole units (besides
// extended resources).
var integerResources = newStringSet("pods", "resourcequotas", "services", "replicationcontrollers", "secrets",
	"configmaps", "persistentvolumeclaims", "services.nodeports", "services.loadbalancers")

// isHugePageResourceName reports a hugepages-<size> resource.
func isHugePageResourceName(name corev1.ResourceName) bool {
	return strings.HasPrefix(string(name), corev1.ResourceHugePagesPrefix)
}

// isNativeResource reports a resource of the kubernetes.io domain (or of no
// domain).
func isNativeResource(name corev1.ResourceName) bool {
	return !strings.Contains(string(name), "/") || strings.Contains(string(name), corev1.ResourceDefaultNamespacePrefix)
}

// isExtendedResourceName reports a resource of another domain that would
// be a valid quota name.
func isExtendedResourceName(name corev1.ResourceName) bool {
	if isNativeResource(name) || strings.HasPrefix(string(name), corev1.DefaultResourceRequestsPrefix) {
		return false
	}
	return names.LabelKey(corev1.DefaultResourceRequestsPrefix + string(name))
}

// isOvercommitAllowed reports whether requests may be below limits.
func isOvercommitAllowed(name corev1.ResourceName) bool {
	return isNativeResource(name) && !isHugePageResourceName(name)
}

// isStandardResourceName reports a resource name known to the system.
func isStandardResourceName(name corev1.ResourceName) bool {
	return standardResources.has(string(name)) || isHugePageResourceName(name) ||
		strings.HasPrefix(string(name), corev1.ResourceRequestsHugePagesPrefix)
}

// validateResourceName checks a resource name: qualified, and known when
// it has no domain.
func validateResourceName(value corev1.ResourceName, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for _, msg := range names.LabelKeyErrors(string(value)) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	if len(allErrs) != 0 {
		return allErrs
	}
	if !strings.Contains(string(value), "/") && !isStandardResourceName(value) {
		return append(allErrs, field.Invalid(fldPath, value, "must be a standard resource type or fully qualified"))
	}
	return allErrs
}

// validateContainerResourceName checks the name of a container resource.
// A name like "foo" gets two errors, as on the server.
func validateContainerResourceName(value corev1.ResourceName, fldPath *field.Path) field.ErrorList {
	allErrs := validateResourceName(value, fldPath)
	if !strings.Contains(string(value), "/") {
		switch value {
		case corev1.ResourceCPU, corev1.ResourceMemory, corev1.ResourceEphemeralStorage:
		default:
			if !isHugePageResourceName(value) {
				return append(allErrs, field.Invalid(fldPath, value, "must be a standard resource for containers"))
			}
		}
	} else if !isNativeResource(value) && !isExtendedResourceName(value) {
		return append(allErrs, field.Invalid(fldPath, value, "doesn't follow extended resource name standard"))
	}
	return allErrs
}

// validatePodResourceName checks the name of a pod-level resource: cpu,
// memory or hugepages.
func validatePodResourceName(value corev1.ResourceName, fldPath *field.Path) field.ErrorList {
	allErrs := validateResourceName(value, fldPath)
	if len(allErrs) != 0 {
		return allErrs
	}
	if !resourcehelper.IsSupportedPodLevelResource(value) {
		supported := make([]string, 0, 3)
		for name := range resourcehelper.SupportedPodLevelResources() {
			supported = append(supported, string(name))
		}
		return append(allErrs, field.NotSupported(fldPath, value, sortedStrings(supported)))
	}
	return allErrs
}

// sortedStrings returns s sorted.
func sortedStrings(s []string) []string {
	return newStringSet(s...).supported()
}

// validateResourceQuantityValue checks a quantity: not negative, and whole
// for integer resources.
func validateResourceQuantityValue(name corev1.ResourceName, q resource.Quantity, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if q.Sign() < 0 {
		allErrs = append(allErrs, field.Invalid(fldPath, q.String(), "must be greater than or equal to 0"))
	}
	if integerResources.has(string(name)) || isExtendedResourceName(name) {
		if q.MilliValue()%1000 != 0 {
			allErrs = append(allErrs, field.Invalid(fldPath, q, "must be an integer"))
		}
	}
	return allErrs
}

// hugePageValueError reports a hugepages quantity that is not a whole
// number of pages.
func hugePageValueError(name corev1.ResourceName, q resource.Quantity) error {
	if !isHugePageResourceName(name) {
		return nil
	}
	pageSize, err := resource.ParseQuantity(strings.TrimPrefix(string(name), corev1.ResourceHugePagesPrefix))
	if err != nil || pageSize.Sign() <= 0 || pageSize.MilliValue()%1000 != 0 || q.Value()%pageSize.Value() != 0 {
		return fmt.Errorf("%s is not positive integer multiple of %s", q.String(), name)
	}
	return nil
}

// validateResourceRequirements checks a container's (or the pod's)
// resources: names, quantities, requests no more than limits, equal
// requests and limits for resources that cannot be overcommitted, and
// claims that name the pod's resource claims.
func validateResourceRequirements(req *corev1.ResourceRequirements, nameFn func(corev1.ResourceName, *field.Path) field.ErrorList, podClaimNames stringSet, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	// The paths of limits and requests are built only when there are some.
	var limPath, reqPath *field.Path
	if len(req.Limits) > 0 {
		limPath = fldPath.Child("limits")
	}
	if len(req.Requests) > 0 {
		reqPath = fldPath.Child("requests")
	}
	limCPUOrMemory, reqCPUOrMemory, limHugePages, reqHugePages := false, false, false, false
	for _, name := range sortedKeys(req.Limits) {
		q := req.Limits[name]
		p := limPath.Key(string(name))
		allErrs = append(allErrs, nameFn(name, p)...)
		allErrs = append(allErrs, validateResourceQuantityValue(name, q, p)...)
		if isHugePageResourceName(name) {
			limHugePages = true
			if err := hugePageValueError(name, q); err != nil {
				allErrs = append(allErrs, field.Invalid(p, q.String(), err.Error()))
			}
		}
		if name == corev1.ResourceCPU || name == corev1.ResourceMemory {
			limCPUOrMemory = true
		}
	}
	for _, name := range sortedKeys(req.Requests) {
		q := req.Requests[name]
		p := reqPath.Key(string(name))
		allErrs = append(allErrs, nameFn(name, p)...)
		allErrs = append(allErrs, validateResourceQuantityValue(name, q, p)...)
		if limit, ok := req.Limits[name]; ok {
			if q.Cmp(limit) != 0 && !isOvercommitAllowed(name) {
				allErrs = append(allErrs, field.Invalid(reqPath, q.String(), fmt.Sprintf("must be equal to %s limit of %s", name, limit.String())))
			} else if q.Cmp(limit) > 0 {
				allErrs = append(allErrs, field.Invalid(reqPath, q.String(), fmt.Sprintf("must be less than or equal to %s limit of %s", name, limit.String())))
			}
		} else if !isOvercommitAllowed(name) {
			allErrs = append(allErrs, field.Required(fldPath.Child("limits"), "Limit must be set for non overcommitable resources"))
		}
		if isHugePageResourceName(name) {
			reqHugePages = true
			if err := hugePageValueError(name, q); err != nil {
				allErrs = append(allErrs, field.Invalid(p, q.String(), err.Error()))
			}
		}
		if name == corev1.ResourceCPU || name == corev1.ResourceMemory {
			reqCPUOrMemory = true
		}
	}
	if !limCPUOrMemory && !reqCPUOrMemory && (reqHugePages || limHugePages) {
		allErrs = append(allErrs, field.Forbidden(fldPath, "HugePages require cpu or memory"))
	}
	if len(req.Claims) > 0 {
		allErrs = append(allErrs, validateResourceClaimNames(req.Claims, podClaimNames, fldPath.Child("claims"))...)
	}
	return allErrs
}

// validateResourceClaimNames checks resources.claims: each names one of the
// pod's resource claims, once.
func validateResourceClaimNames(claims []corev1.ResourceClaim, podClaimNames stringSet, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	names := newStringSet[string]()
	for i, claim := range claims {
		name := claim.Name
		if name == "" {
			allErrs = append(allErrs, field.Required(fldPath.Index(i), ""))
			continue
		}
		if names.has(name) {
			allErrs = append(allErrs, field.Duplicate(fldPath.Index(i), name))
		} else {
			key := name
			if claim.Request != "" {
				allErrs = append(allErrs, validateDNS1123Label(claim.Request, fldPath.Index(i).Child("request"))...)
				key += "/" + claim.Request
			}
			if names.has(key) {
				allErrs = append(allErrs, field.Duplicate(fldPath.Index(i), key))
			} else if claim.Request == "" {
				for _, k := range names.supported() {
					if before, _, ok := strings.Cut(k, "/"); ok && before == name {
						allErrs = append(allErrs, field.Duplicate(fldPath.Index(i), name))
					}
				}
			}
			names.insert(key)
		}
		if !podClaimNames.has(name) {
			e := field.NotFound(fldPath.Index(i), name)
			e.Detail = "must be one of the names in pod.spec.resourceClaims"
			if len(podClaimNames) == 0 {
				e.Detail += " which is empty"
			} else {
				e.Detail += ": " + strings.Join(podClaimNames.supported(), ", ")
			}
			allErrs = append(allErrs, e)
		}
	}
	return allErrs
}

// validatePodResources checks the pod-level spec.resources: cpu, memory and
// hugepages only, and no less than the containers need.
func validatePodResources(spec *corev1.PodSpec, podClaimNames stringSet, fldPath *field.Path) field.ErrorList {
	if spec.Resources == nil {
		return nil
	}
	resPath := fldPath.Child("resources")
	if spec.OS != nil && spec.OS.Name == corev1.Windows {
		return field.ErrorList{field.Forbidden(resPath, "may not be set for a windows pod")}
	}
	var allErrs field.ErrorList
	if spec.Resources.Claims != nil {
		allErrs = append(allErrs, field.Forbidden(resPath.Child("claims"), "claims may not be set for Resources at pod-level"))
	}
	allErrs = append(allErrs, validateResourceRequirements(spec.Resources, validatePodResourceName, podClaimNames, resPath)...)

	pod := &corev1.Pod{Spec: *spec}
	aggrReqs := resourcehelper.AggregateContainerRequests(pod, resourcehelper.PodResourcesOptions{})
	for _, name := range sortedKeys(aggrReqs) {
		podReq, ok := spec.Resources.Requests[name]
		if !ok {
			continue
		}
		ctrReq := aggrReqs[name]
		if ctrReq.Cmp(podReq) > 0 {
			allErrs = append(allErrs, field.Invalid(resPath.Child("requests").Key(string(name)), podReq.String(),
				fmt.Sprintf("must be greater than or equal to aggregate container requests of %s", ctrReq.String())))
		}
	}
	aggrLims := resourcehelper.AggregateContainerLimits(pod, resourcehelper.PodResourcesOptions{})
	for _, name := range sortedKeys(aggrLims) {
		if !isHugePageResourceName(name) {
			continue
		}
		podLim, ok := spec.Resources.Limits[name]
		if !ok {
			continue
		}
		ctrLim := aggrLims[name]
		if ctrLim.Cmp(podLim) > 0 {
			allErrs = append(allErrs, field.Invalid(resPath.Child("limits").Key(string(name)), podLim.String(),
				fmt.Sprintf("must be greater than or equal to aggregate container limits of %s", ctrLim.String())))
		}
	}
	for i, c := range spec.Containers {
		for _, name := range sortedKeys(c.Resources.Limits) {
			podLim, ok := spec.Resources.Limits[name]
			if !ok {
				continue
			}
			ctrLim := c.Resources.Limits[name]
			if ctrLim.Cmp(podLim) > 0 {
				// The server builds this path oddly: resources.containers[i][name].limits.
				p := resPath.Child("containers").Index(i).Key(string(name)).Child("limits")
				allErrs = append(allErrs, field.Invalid(p, ctrLim.String(), fmt.Sprintf("must be less than or equal to pod limits of %s", podLim.String())))
			}
		}
	}
	return allErrs
}
