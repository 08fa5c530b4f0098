// Package storage validates the objects of the storage.k8s.io/v1 API group
// that ship with node agents — StorageClass and CSIDriver — as
// kube-apiserver v1.37.2 does on create: the server's defaults first, then
// its validation, with the server's field paths, error types and detail
// texts.
//
// The rules are re-expressed from the server's own code (k8s.io/kubernetes
// pkg/apis/storage/validation, pkg/apis/storage/v1 defaults and
// pkg/registry/storage, Apache-2.0) on the k8s.io/api v1 types.
package storage

import (
	"reflect"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
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
	case *storagev1.StorageClass:
		return ValidateStorageClass(o, opts), true
	case *storagev1.CSIDriver:
		return ValidateCSIDriver(o, opts), true
	}
	return nil, false
}

const (
	maxProvisionerParameterSize = 256 * (1 << 10)
	maxProvisionerParameterLen  = 512
)

var (
	supportedReclaimPolicy      = []string{string(corev1.PersistentVolumeReclaimDelete), string(corev1.PersistentVolumeReclaimRetain)}
	supportedVolumeBindingModes = []string{string(storagev1.VolumeBindingImmediate), string(storagev1.VolumeBindingWaitForFirstConsumer)}
	supportedFSGroupPolicy      = []string{string(storagev1.FileFSGroupPolicy), string(storagev1.NoneFSGroupPolicy), string(storagev1.ReadWriteOnceWithFSTypeFSGroupPolicy)}
)

// StorageClassWithDefaults returns a copy of sc with the server's
// defaults: reclaimPolicy Delete and volumeBindingMode Immediate.
func StorageClassWithDefaults(sc *storagev1.StorageClass) *storagev1.StorageClass {
	sc = sc.DeepCopy()
	if sc.ReclaimPolicy == nil {
		sc.ReclaimPolicy = ptr.To(corev1.PersistentVolumeReclaimDelete)
	}
	if sc.VolumeBindingMode == nil {
		sc.VolumeBindingMode = ptr.To(storagev1.VolumeBindingImmediate)
	}
	return sc
}

// ValidateStorageClass returns the server's errors for creating sc: its
// metadata, its provisioner (a qualified name), its parameters (at most 512,
// 256 KiB together, no empty key), reclaimPolicy, volumeBindingMode and
// allowedTopologies.
func ValidateStorageClass(sc *storagev1.StorageClass, _ Options) field.ErrorList {
	sc = StorageClassWithDefaults(sc)
	objectmeta.Prepare(&sc.ObjectMeta, false)
	allErrs := objectmeta.Validate(&sc.ObjectMeta, false, names.NameIsDNSSubdomain, true, field.NewPath("metadata"))

	provPath := field.NewPath("provisioner")
	if sc.Provisioner == "" {
		allErrs = append(allErrs, field.Required(provPath, ""))
	} else {
		lower := strings.ToLower(sc.Provisioner)
		for _, msg := range names.LabelKeyErrors(lower) {
			allErrs = append(allErrs, field.Invalid(provPath, lower, msg))
		}
	}

	paramsPath := field.NewPath("parameters")
	if len(sc.Parameters) > maxProvisionerParameterLen {
		allErrs = append(allErrs, field.TooLong(paramsPath, "", maxProvisionerParameterLen))
	} else {
		total := 0
		for _, k := range sortedKeys(sc.Parameters) {
			if k == "" {
				allErrs = append(allErrs, field.Invalid(paramsPath, k, "field can not be empty."))
			}
			total += len(k) + len(sc.Parameters[k])
		}
		if total > maxProvisionerParameterSize {
			allErrs = append(allErrs, field.TooLong(paramsPath, "", maxProvisionerParameterSize))
		}
	}

	if p := sc.ReclaimPolicy; p != nil && *p != "" && !slices.Contains(supportedReclaimPolicy, string(*p)) {
		allErrs = append(allErrs, field.NotSupported(field.NewPath("reclaimPolicy"), p, supportedReclaimPolicy))
	}
	if m := sc.VolumeBindingMode; m == nil {
		allErrs = append(allErrs, field.Required(field.NewPath("volumeBindingMode"), ""))
	} else if !slices.Contains(supportedVolumeBindingModes, string(*m)) {
		allErrs = append(allErrs, field.NotSupported(field.NewPath("volumeBindingMode"), m, supportedVolumeBindingModes))
	}
	allErrs = append(allErrs, validateAllowedTopologies(sc.AllowedTopologies, field.NewPath("allowedTopologies"))...)
	return objectmeta.Finish(allErrs, &sc.ObjectMeta, false)
}

func validateAllowedTopologies(terms []corev1.TopologySelectorTerm, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	var seen []map[string]map[string]bool
	for i, term := range terms {
		idxPath := fldPath.Index(i)
		exprMap := map[string]map[string]bool{}
		exprPath := idxPath.Child("matchLabelExpressions")
		for j, req := range term.MatchLabelExpressions {
			reqPath := exprPath.Index(j)
			values := map[string]bool{}
			if len(req.Values) == 0 {
				allErrs = append(allErrs, field.Required(reqPath.Child("values"), ""))
			}
			for k, v := range req.Values {
				if values[v] {
					allErrs = append(allErrs, field.Duplicate(reqPath.Child("values").Index(k), v))
				}
				values[v] = true
			}
			allErrs = append(allErrs, metav1validation.ValidateLabelName(req.Key, reqPath.Child("key"))...)
			if _, ok := exprMap[req.Key]; ok {
				allErrs = append(allErrs, field.Duplicate(reqPath.Child("key"), req.Key))
			}
			exprMap[req.Key] = values
		}
		for _, other := range seen {
			if reflect.DeepEqual(exprMap, other) {
				allErrs = append(allErrs, field.Duplicate(exprPath, ""))
			}
		}
		seen = append(seen, exprMap)
	}
	return allErrs
}

// CSIDriverWithDefaults returns a copy of d with the server's defaults:
// attachRequired true, podInfoOnMount, storageCapacity, requiresRepublish,
// seLinuxMount and preventPodSchedulingIfMissing false, fsGroupPolicy
// ReadWriteOnceWithFSType and volumeLifecycleModes [Persistent].
func CSIDriverWithDefaults(d *storagev1.CSIDriver) *storagev1.CSIDriver {
	d = d.DeepCopy()
	s := &d.Spec
	if s.AttachRequired == nil {
		s.AttachRequired = ptr.To(true)
	}
	if s.PodInfoOnMount == nil {
		s.PodInfoOnMount = ptr.To(false)
	}
	if s.StorageCapacity == nil {
		s.StorageCapacity = ptr.To(false)
	}
	if s.FSGroupPolicy == nil {
		s.FSGroupPolicy = ptr.To(storagev1.ReadWriteOnceWithFSTypeFSGroupPolicy)
	}
	if len(s.VolumeLifecycleModes) == 0 {
		s.VolumeLifecycleModes = []storagev1.VolumeLifecycleMode{storagev1.VolumeLifecyclePersistent}
	}
	if s.RequiresRepublish == nil {
		s.RequiresRepublish = ptr.To(false)
	}
	if s.SELinuxMount == nil {
		s.SELinuxMount = ptr.To(false)
	}
	if s.PreventPodSchedulingIfMissing == nil {
		s.PreventPodSchedulingIfMissing = ptr.To(false)
	}
	return d
}

// ValidateCSIDriver returns the server's errors for creating d: its
// metadata and its spec (fsGroupPolicy, token requests with distinct
// audiences and expirations between 10 minutes and 2^32 seconds, volume
// lifecycle modes, nodeAllocatableUpdatePeriodSeconds of at least 10,
// serviceAccountTokenInSecrets only with token requests).
func ValidateCSIDriver(d *storagev1.CSIDriver, _ Options) field.ErrorList {
	d = CSIDriverWithDefaults(d)
	objectmeta.Prepare(&d.ObjectMeta, false)
	allErrs := objectmeta.Validate(&d.ObjectMeta, false, names.NameIsDNSSubdomain, true, field.NewPath("metadata"))
	s := &d.Spec
	fldPath := field.NewPath("spec")
	if p := s.FSGroupPolicy; p != nil && !slices.Contains(supportedFSGroupPolicy, string(*p)) {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("fsGroupPolicy"), p, supportedFSGroupPolicy))
	}
	audiences := map[string]bool{}
	for i, tr := range s.TokenRequests {
		trPath := fldPath.Child("tokenRequests").Index(i)
		if audiences[tr.Audience] {
			allErrs = append(allErrs, field.Duplicate(trPath.Child("audience"), tr.Audience))
			continue
		}
		audiences[tr.Audience] = true
		if tr.ExpirationSeconds == nil {
			continue
		}
		if *tr.ExpirationSeconds < 600 {
			allErrs = append(allErrs, field.Invalid(trPath.Child("expirationSeconds"), *tr.ExpirationSeconds, "may not specify a duration less than 10 minutes"))
		}
		if *tr.ExpirationSeconds > 1<<32 {
			allErrs = append(allErrs, field.Invalid(trPath.Child("expirationSeconds"), *tr.ExpirationSeconds, "may not specify a duration larger than 2^32 seconds"))
		}
	}
	for _, mode := range s.VolumeLifecycleModes {
		if mode != storagev1.VolumeLifecyclePersistent && mode != storagev1.VolumeLifecycleEphemeral {
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("volumeLifecycleModes"), mode, []string{string(storagev1.VolumeLifecyclePersistent), string(storagev1.VolumeLifecycleEphemeral)}))
		}
	}
	if p := s.NodeAllocatableUpdatePeriodSeconds; p != nil && *p < 10 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("nodeAllocatableUpdatePeriodSeconds"), *p, "must be greater than or equal to 10 seconds"))
	}
	if s.ServiceAccountTokenInSecrets != nil && len(s.TokenRequests) == 0 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("serviceAccountTokenInSecrets"), s.ServiceAccountTokenInSecrets, "serviceAccountTokenInSecrets is set but no tokenRequests are specified"))
	}
	return objectmeta.Finish(allErrs, &d.ObjectMeta, false)
}

// sortedKeys returns the keys of m in sorted order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
