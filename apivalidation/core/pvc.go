package core

import (
	"reflect"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
)

// validateEphemeralVolumeSource checks a generic ephemeral volume: its claim
// template may only set labels and annotations in its metadata, and its
// spec is a claim spec.
func validateEphemeralVolumeSource(e *corev1.EphemeralVolumeSource, fldPath *field.Path) field.ErrorList {
	t := e.VolumeClaimTemplate
	tp := fldPath.Child("volumeClaimTemplate")
	if t == nil {
		return field.ErrorList{field.Required(tp, "")}
	}
	mp := tp.Child("metadata")
	allErrs := ValidateAnnotations(t.Annotations, mp.Child("annotations"))
	allErrs = append(allErrs, ValidateLabels(t.Labels, mp.Child("labels"))...)
	meta := t.ObjectMeta
	meta.Labels, meta.Annotations = nil, nil
	rt, rv := reflect.TypeOf(meta), reflect.ValueOf(meta)
	for i := 0; i < rt.NumField(); i++ {
		if sf := rt.Field(i); sf.IsExported() && !rv.Field(i).IsZero() {
			allErrs = append(allErrs, field.Forbidden(mp.Child(lowerFirst(sf.Name)), "cannot be set"))
		}
	}
	return append(allErrs, validatePersistentVolumeClaimSpec(&t.Spec, tp.Child("spec"))...)
}

// lowerFirst lower-cases the first letter of a Go field name.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// supportedAccessModes are the access modes a claim may ask for.
var supportedAccessModes = newStringSet(corev1.ReadWriteOnce, corev1.ReadOnlyMany, corev1.ReadWriteMany, corev1.ReadWriteOncePod)

// validatePersistentVolumeClaimSpec checks the claim spec of an ephemeral
// volume: access modes, a positive storage request, the class names, the
// volume mode and the data source.
func validatePersistentVolumeClaimSpec(spec *corev1.PersistentVolumeClaimSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if len(spec.AccessModes) == 0 {
		allErrs = append(allErrs, field.Required(fldPath.Child("accessModes"), "at least 1 access mode is required"))
	}
	if spec.Selector != nil {
		allErrs = append(allErrs, ValidateLabelSelector(spec.Selector, fldPath.Child("selector"))...)
	}
	foundRWOP, foundOther := false, false
	for _, mode := range spec.AccessModes {
		if !supportedAccessModes.has(string(mode)) {
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("accessModes"), mode, supportedAccessModes.supported()))
		}
		if mode == corev1.ReadWriteOncePod {
			foundRWOP = true
		} else if supportedAccessModes.has(string(mode)) {
			foundOther = true
		}
	}
	if foundRWOP && foundOther {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("accessModes"), "may not use ReadWriteOncePod with other access modes"))
	}
	storagePath := fldPath.Child("resources").Key(string(corev1.ResourceStorage))
	if storage, ok := spec.Resources.Requests[corev1.ResourceStorage]; !ok {
		allErrs = append(allErrs, field.Required(storagePath, ""))
	} else if storage.Sign() <= 0 {
		allErrs = append(allErrs, field.Invalid(storagePath, storage.String(), "must be greater than zero"))
	} else {
		allErrs = append(allErrs, validateResourceQuantityValue(corev1.ResourceStorage, storage, storagePath)...)
	}
	if spec.StorageClassName != nil && *spec.StorageClassName != "" {
		allErrs = append(allErrs, validateSubdomainName(*spec.StorageClassName, fldPath.Child("storageClassName"))...)
	}
	if vm := spec.VolumeMode; vm != nil && *vm != corev1.PersistentVolumeBlock && *vm != corev1.PersistentVolumeFilesystem {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("volumeMode"), *vm, []corev1.PersistentVolumeMode{corev1.PersistentVolumeBlock, corev1.PersistentVolumeFilesystem}))
	}
	if ds := spec.DataSource; ds != nil {
		allErrs = append(allErrs, validateDataSource(ds.Name, ds.Kind, ds.APIGroup, fldPath.Child("dataSource"))...)
	}
	if dsr := spec.DataSourceRef; dsr != nil {
		allErrs = append(allErrs, validateDataSource(dsr.Name, dsr.Kind, dsr.APIGroup, fldPath.Child("dataSourceRef"))...)
		if ns := dsr.Namespace; ns != nil && *ns != "" {
			allErrs = append(allErrs, validateLabelName(*ns, fldPath.Child("dataSourceRef", "namespace"))...)
		}
	}
	// The server prints a field path as the bad value here, which renders
	// as {}.
	if dsr := spec.DataSourceRef; dsr != nil && dsr.Namespace != nil && *dsr.Namespace != "" {
		if spec.DataSource != nil {
			allErrs = append(allErrs, field.Invalid(fldPath, struct{}{}, "may not be specified when dataSourceRef.namespace is specified"))
		}
	} else if ds := spec.DataSource; ds != nil && dsr != nil {
		if !reflect.DeepEqual(ds.APIGroup, dsr.APIGroup) || ds.Kind != dsr.Kind || ds.Name != dsr.Name {
			allErrs = append(allErrs, field.Invalid(fldPath, struct{}{}, "must match dataSourceRef"))
		}
	}
	if spec.VolumeAttributesClassName != nil && *spec.VolumeAttributesClassName != "" {
		allErrs = append(allErrs, validateSubdomainName(*spec.VolumeAttributesClassName, fldPath.Child("volumeAttributesClassName"))...)
	}
	return allErrs
}

// validateDataSource checks a claim's dataSource or dataSourceRef.
func validateDataSource(name, kind string, apiGroup *string, fldPath *field.Path) field.ErrorList {
	allErrs := requiredStrings(fldPath, "name", name, "kind", kind)
	group := ""
	if apiGroup != nil {
		group = *apiGroup
	}
	if group == "" && kind != "PersistentVolumeClaim" {
		allErrs = append(allErrs, field.Invalid(fldPath, kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup"))
	}
	if group != "" {
		for _, msg := range names.DNS1123SubdomainErrors(group) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("apiGroup"), group, msg))
		}
	}
	return allErrs
}
