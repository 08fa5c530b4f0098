package coreobjects

import (
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
	"github.com/daemonlint/daemonlint/apivalidation/internal/resources"
	"github.com/daemonlint/daemonlint/apivalidation/objectmeta"
)

// standardQuotaResources are the resources the quota system tracks.
var standardQuotaResources = []corev1.ResourceName{
	corev1.ResourceCPU, corev1.ResourceMemory, corev1.ResourceEphemeralStorage,
	corev1.ResourceRequestsCPU, corev1.ResourceRequestsMemory, corev1.ResourceRequestsStorage, corev1.ResourceRequestsEphemeralStorage,
	corev1.ResourceLimitsCPU, corev1.ResourceLimitsMemory, corev1.ResourceLimitsEphemeralStorage,
	corev1.ResourcePods, corev1.ResourceQuotas, corev1.ResourceServices, corev1.ResourceReplicationControllers,
	corev1.ResourceSecrets, corev1.ResourcePersistentVolumeClaims, corev1.ResourceConfigMaps,
	corev1.ResourceServicesNodePorts, corev1.ResourceServicesLoadBalancers,
}

var standardResourceQuotaScopes = []corev1.ResourceQuotaScope{
	corev1.ResourceQuotaScopeTerminating, corev1.ResourceQuotaScopeNotTerminating,
	corev1.ResourceQuotaScopeBestEffort, corev1.ResourceQuotaScopeNotBestEffort,
	corev1.ResourceQuotaScopePriorityClass, corev1.ResourceQuotaScopeVolumeAttributesClass,
	corev1.ResourceQuotaScopeCrossNamespacePodAffinity,
}

var podComputeQuotaResources = []corev1.ResourceName{
	corev1.ResourceCPU, corev1.ResourceMemory, corev1.ResourceLimitsCPU, corev1.ResourceLimitsMemory,
	corev1.ResourceRequestsCPU, corev1.ResourceRequestsMemory,
}

func isStandardQuotaResourceName(name corev1.ResourceName) bool {
	return slices.Contains(standardQuotaResources, name) ||
		strings.HasPrefix(string(name), corev1.ResourceHugePagesPrefix) || strings.HasPrefix(string(name), corev1.ResourceRequestsHugePagesPrefix)
}

// scopeValidForResource is the server's IsResourceQuotaScopeValidForResource.
func scopeValidForResource(scope corev1.ResourceQuotaScope, name corev1.ResourceName) bool {
	switch scope {
	case corev1.ResourceQuotaScopeTerminating, corev1.ResourceQuotaScopeNotTerminating, corev1.ResourceQuotaScopeNotBestEffort,
		corev1.ResourceQuotaScopePriorityClass, corev1.ResourceQuotaScopeCrossNamespacePodAffinity:
		return name == corev1.ResourcePods || slices.Contains(podComputeQuotaResources, name)
	case corev1.ResourceQuotaScopeBestEffort:
		return name == corev1.ResourcePods
	case corev1.ResourceQuotaScopeVolumeAttributesClass:
		return name == corev1.ResourcePersistentVolumeClaims || name == corev1.ResourceRequestsStorage
	}
	return true
}

// ValidateResourceQuota returns the server's errors for creating q: its
// metadata, its hard limits (known quota resources or qualified names,
// non-negative, whole where counted), its scopes (known, applicable to the
// limited resources, not conflicting) and its scope selector. Its status
// is wiped before validation, as on the server.
func ValidateResourceQuota(q *corev1.ResourceQuota, _ Options) field.ErrorList {
	q = q.DeepCopy()
	q.Status = corev1.ResourceQuotaStatus{}
	prepare(&q.ObjectMeta, true)
	allErrs := validateMeta(&q.ObjectMeta, true, names.NameIsDNSSubdomain)
	spec := &q.Spec
	fld := field.NewPath("spec")
	hard := sortedKeys(spec.Hard)
	for _, k := range hard {
		p := fld.Child("hard").Key(string(k))
		allErrs = append(allErrs, resources.ValidateName(k, p)...)
		if !strings.Contains(string(k), "/") && !isStandardQuotaResourceName(k) {
			allErrs = append(allErrs, field.Invalid(p, k, "must be a standard resource for quota"))
		}
		allErrs = append(allErrs, resources.ValidateQuantityValue(k, spec.Hard[k], p)...)
	}
	if len(spec.Scopes) > 0 {
		scopesPath := fld.Child("scopes")
		set := map[corev1.ResourceQuotaScope]bool{}
		for _, scope := range spec.Scopes {
			if !slices.Contains(standardResourceQuotaScopes, scope) {
				allErrs = append(allErrs, field.Invalid(scopesPath, spec.Scopes, "unsupported scope"))
			}
			for _, k := range hard {
				if isStandardQuotaResourceName(k) && !scopeValidForResource(scope, k) {
					allErrs = append(allErrs, field.Invalid(scopesPath, spec.Scopes, "unsupported scope applied to resource"))
				}
			}
			set[scope] = true
		}
		allErrs = append(allErrs, conflictingScopes(set, scopesPath, spec.Scopes)...)
	}
	if sel := spec.ScopeSelector; sel != nil {
		exprPath := fld.Child("scopeSelector", "matchExpressions")
		set := map[corev1.ResourceQuotaScope]bool{}
		for _, req := range sel.MatchExpressions {
			if !slices.Contains(standardResourceQuotaScopes, req.ScopeName) {
				allErrs = append(allErrs, field.Invalid(exprPath.Child("scopeName"), req.ScopeName, "unsupported scope"))
			}
			for _, k := range hard {
				if isStandardQuotaResourceName(k) && !scopeValidForResource(req.ScopeName, k) {
					allErrs = append(allErrs, field.Invalid(exprPath, internalScopeSelector{sel.MatchExpressions}, "unsupported scope applied to resource"))
				}
			}
			switch req.ScopeName {
			case corev1.ResourceQuotaScopeBestEffort, corev1.ResourceQuotaScopeNotBestEffort, corev1.ResourceQuotaScopeTerminating,
				corev1.ResourceQuotaScopeNotTerminating, corev1.ResourceQuotaScopeCrossNamespacePodAffinity:
				if req.Operator != corev1.ScopeSelectorOpExists {
					allErrs = append(allErrs, field.Invalid(exprPath.Child("operator"), req.Operator,
						"must be 'Exists' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity"))
				}
			}
			switch req.Operator {
			case corev1.ScopeSelectorOpIn, corev1.ScopeSelectorOpNotIn:
				if len(req.Values) == 0 {
					allErrs = append(allErrs, field.Required(exprPath.Child("values"), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"))
				}
			case corev1.ScopeSelectorOpExists, corev1.ScopeSelectorOpDoesNotExist:
				if len(req.Values) != 0 {
					allErrs = append(allErrs, field.Invalid(exprPath.Child("values"), req.Values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"))
				}
			default:
				allErrs = append(allErrs, field.Invalid(exprPath.Child("operator"), req.Operator, "not a valid selector operator"))
			}
			set[req.ScopeName] = true
		}
		allErrs = append(allErrs, conflictingScopes(set, exprPath, spec.Scopes)...)
	}
	return objectmeta.Finish(allErrs, &q.ObjectMeta, true)
}

// internalScopeSelector prints a scope selector as the server does: its
// internal type has no JSON tags.
type internalScopeSelector struct {
	MatchExpressions []corev1.ScopedResourceSelectorRequirement
}

// conflictingScopes reports BestEffort with NotBestEffort and Terminating
// with NotTerminating.
func conflictingScopes(set map[corev1.ResourceQuotaScope]bool, fldPath *field.Path, scopes []corev1.ResourceQuotaScope) field.ErrorList {
	var allErrs field.ErrorList
	if set[corev1.ResourceQuotaScopeBestEffort] && set[corev1.ResourceQuotaScopeNotBestEffort] {
		allErrs = append(allErrs, field.Invalid(fldPath, scopes, "conflicting scopes"))
	}
	if set[corev1.ResourceQuotaScopeTerminating] && set[corev1.ResourceQuotaScopeNotTerminating] {
		allErrs = append(allErrs, field.Invalid(fldPath, scopes, "conflicting scopes"))
	}
	return allErrs
}

var standardLimitRangeTypes = []corev1.LimitType{corev1.LimitTypePod, corev1.LimitTypeContainer, corev1.LimitTypePersistentVolumeClaim}

// LimitRangeWithDefaults returns a copy of lr with the server's defaults:
// a Container limit's default is its max, and its defaultRequest its
// default, else its min.
func LimitRangeWithDefaults(lr *corev1.LimitRange) *corev1.LimitRange {
	lr = lr.DeepCopy()
	for i := range lr.Spec.Limits {
		item := &lr.Spec.Limits[i]
		if item.Type != corev1.LimitTypeContainer {
			continue
		}
		if item.Default == nil {
			item.Default = corev1.ResourceList{}
		}
		if item.DefaultRequest == nil {
			item.DefaultRequest = corev1.ResourceList{}
		}
		for k, v := range item.Max {
			if _, ok := item.Default[k]; !ok {
				item.Default[k] = v.DeepCopy()
			}
		}
		for k, v := range item.Default {
			if _, ok := item.DefaultRequest[k]; !ok {
				item.DefaultRequest[k] = v.DeepCopy()
			}
		}
		for k, v := range item.Min {
			if _, ok := item.DefaultRequest[k]; !ok {
				item.DefaultRequest[k] = v.DeepCopy()
			}
		}
	}
	return lr
}

// ValidateLimitRange returns the server's errors for creating lr: its
// metadata and each limit: its type (Pod, Container,
// PersistentVolumeClaim or a qualified name, each once), its resource
// names, and the order of min, defaultRequest, default and max, and
// maxLimitRequestRatio. The Container defaults come first, as on the
// server (see LimitRangeWithDefaults).
func ValidateLimitRange(lr *corev1.LimitRange, _ Options) field.ErrorList {
	lr = LimitRangeWithDefaults(lr)
	prepare(&lr.ObjectMeta, true)
	allErrs := validateMeta(&lr.ObjectMeta, true, names.NameIsDNSSubdomain)
	fldPath := field.NewPath("spec", "limits")
	types := map[corev1.LimitType]bool{}
	for i := range lr.Spec.Limits {
		idxPath := fldPath.Index(i)
		limit := &lr.Spec.Limits[i]
		allErrs = append(allErrs, validateLimitRangeType(limit.Type, idxPath.Child("type"))...)
		if types[limit.Type] {
			allErrs = append(allErrs, field.Duplicate(idxPath.Child("type"), limit.Type))
		}
		types[limit.Type] = true

		keys := map[corev1.ResourceName]bool{}
		nameCheck := func(list corev1.ResourceList, child string) {
			for _, k := range sortedKeys(list) {
				p := idxPath.Child(child).Key(string(k))
				if limit.Type == corev1.LimitTypePod || limit.Type == corev1.LimitTypeContainer {
					allErrs = append(allErrs, resources.ValidateContainerName(k, p)...)
				} else {
					allErrs = append(allErrs, resources.ValidateName(k, p)...)
				}
				keys[k] = true
			}
		}
		nameCheck(limit.Max, "max")
		nameCheck(limit.Min, "min")
		defaults, defaultRequests := limit.Default, limit.DefaultRequest
		if limit.Type == corev1.LimitTypePod {
			if len(limit.Default) > 0 {
				allErrs = append(allErrs, field.Forbidden(idxPath.Child("default"), "may not be specified when `type` is 'Pod'"))
			}
			if len(limit.DefaultRequest) > 0 {
				allErrs = append(allErrs, field.Forbidden(idxPath.Child("defaultRequest"), "may not be specified when `type` is 'Pod'"))
			}
			defaults, defaultRequests = nil, nil
		} else {
			nameCheck(limit.Default, "default")
			nameCheck(limit.DefaultRequest, "defaultRequest")
		}
		if limit.Type == corev1.LimitTypePersistentVolumeClaim {
			_, minFound := limit.Min[corev1.ResourceStorage]
			_, maxFound := limit.Max[corev1.ResourceStorage]
			if !minFound && !maxFound {
				allErrs = append(allErrs, field.Required(idxPath.Child("limits"), "either minimum or maximum storage value is required, but neither was provided"))
			}
		}
		nameCheck(limit.MaxLimitRequestRatio, "maxLimitRequestRatio")

		for _, k := range sortedKeys(keys) {
			minQ, minFound := limit.Min[k]
			maxQ, maxFound := limit.Max[k]
			defQ, defFound := defaults[k]
			reqQ, reqFound := defaultRequests[k]
			ratio, ratioFound := limit.MaxLimitRequestRatio[k]
			key := string(k)
			if minFound && maxFound && minQ.Cmp(maxQ) > 0 {
				allErrs = append(allErrs, field.Invalid(idxPath.Child("min").Key(key), minQ, fmt.Sprintf("min value %s is greater than max value %s", minQ.String(), maxQ.String())))
			}
			if reqFound && minFound && minQ.Cmp(reqQ) > 0 {
				allErrs = append(allErrs, field.Invalid(idxPath.Child("defaultRequest").Key(key), reqQ, fmt.Sprintf("min value %s is greater than default request value %s", minQ.String(), reqQ.String())))
			}
			if reqFound && maxFound && reqQ.Cmp(maxQ) > 0 {
				allErrs = append(allErrs, field.Invalid(idxPath.Child("defaultRequest").Key(key), reqQ, fmt.Sprintf("default request value %s is greater than max value %s", reqQ.String(), maxQ.String())))
			}
			if reqFound && defFound && reqQ.Cmp(defQ) > 0 {
				allErrs = append(allErrs, field.Invalid(idxPath.Child("defaultRequest").Key(key), reqQ, fmt.Sprintf("default request value %s is greater than default limit value %s", reqQ.String(), defQ.String())))
			}
			if defFound && minFound && minQ.Cmp(defQ) > 0 {
				allErrs = append(allErrs, field.Invalid(idxPath.Child("default").Key(key), minQ, fmt.Sprintf("min value %s is greater than default value %s", minQ.String(), defQ.String())))
			}
			if defFound && maxFound && defQ.Cmp(maxQ) > 0 {
				allErrs = append(allErrs, field.Invalid(idxPath.Child("default").Key(key), maxQ, fmt.Sprintf("default value %s is greater than max value %s", defQ.String(), maxQ.String())))
			}
			if ratioFound && ratio.Cmp(*resource.NewQuantity(1, resource.DecimalSI)) < 0 {
				allErrs = append(allErrs, field.Invalid(idxPath.Child("maxLimitRequestRatio").Key(key), ratio, fmt.Sprintf("ratio %s is less than 1", ratio.String())))
			}
			if ratioFound && minFound && maxFound {
				ratioValue := float64(ratio.Value())
				minValue, maxValue := minQ.Value(), maxQ.Value()
				if ratio.Value() < resource.MaxMilliValue && minValue < resource.MaxMilliValue && maxValue < resource.MaxMilliValue {
					ratioValue = float64(ratio.MilliValue()) / 1000
					minValue, maxValue = minQ.MilliValue(), maxQ.MilliValue()
				}
				ratioLimit := float64(maxValue) / float64(minValue)
				if ratioValue > ratioLimit {
					allErrs = append(allErrs, field.Invalid(idxPath.Child("maxLimitRequestRatio").Key(key), ratio, fmt.Sprintf("ratio %s is greater than max/min = %f", ratio.String(), ratioLimit)))
				}
			}
			overcommit := resources.IsNative(k) && !resources.IsHugePages(k)
			if !overcommit && defFound && reqFound && defQ.Cmp(reqQ) != 0 {
				allErrs = append(allErrs, field.Invalid(idxPath.Child("defaultRequest").Key(key), reqQ, fmt.Sprintf("default value %s must equal to defaultRequest value %s in %s", defQ.String(), reqQ.String(), k)))
			}
		}
	}
	return objectmeta.Finish(allErrs, &lr.ObjectMeta, true)
}

func validateLimitRangeType(value corev1.LimitType, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for _, msg := range names.LabelKeyErrors(string(value)) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	if len(allErrs) != 0 {
		return allErrs
	}
	if !strings.Contains(string(value), "/") && !slices.Contains(standardLimitRangeTypes, value) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, "must be a standard limit type or fully qualified"))
	}
	return allErrs
}
