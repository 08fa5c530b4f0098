package coreobjects

import (
	"reflect"
	"slices"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
	"github.com/daemonlint/daemonlint/apivalidation/internal/resources"
	"github.com/daemonlint/daemonlint/apivalidation/objectmeta"
)

var (
	supportedAccessModes = []string{string(corev1.ReadOnlyMany), string(corev1.ReadWriteMany), string(corev1.ReadWriteOnce), string(corev1.ReadWriteOncePod)}
	supportedVolumeModes = []string{string(corev1.PersistentVolumeBlock), string(corev1.PersistentVolumeFilesystem)}
)

// PersistentVolumeClaimWithDefaults returns a copy of pvc as the server
// validates it: volumeMode Filesystem by default, the status wiped, a
// dataSource other than a PersistentVolumeClaim or VolumeSnapshot dropped
// when there is no dataSourceRef, a cross-namespace dataSourceRef dropped
// (its feature is off), and dataSource and dataSourceRef each filled from
// the other.
func PersistentVolumeClaimWithDefaults(pvc *corev1.PersistentVolumeClaim) *corev1.PersistentVolumeClaim {
	pvc = pvc.DeepCopy()
	spec := &pvc.Spec
	if spec.VolumeMode == nil {
		spec.VolumeMode = ptr.To(corev1.PersistentVolumeFilesystem)
	}
	pvc.Status = corev1.PersistentVolumeClaimStatus{}
	if ref := spec.DataSourceRef; ref != nil && ref.Namespace != nil && *ref.Namespace != "" {
		spec.DataSourceRef = nil
	}
	if spec.DataSourceRef == nil && !isPVCOrSnapshot(spec.DataSource) {
		spec.DataSource = nil
	}
	if spec.DataSource != nil && spec.DataSourceRef == nil {
		spec.DataSourceRef = &corev1.TypedObjectReference{APIGroup: spec.DataSource.APIGroup, Kind: spec.DataSource.Kind, Name: spec.DataSource.Name}
	}
	if spec.DataSourceRef != nil && spec.DataSource == nil && (spec.DataSourceRef.Namespace == nil || *spec.DataSourceRef.Namespace == "") {
		spec.DataSource = &corev1.TypedLocalObjectReference{APIGroup: spec.DataSourceRef.APIGroup, Kind: spec.DataSourceRef.Kind, Name: spec.DataSourceRef.Name}
	}
	return pvc
}

// isPVCOrSnapshot reports a data source the dataSource field has always
// accepted.
func isPVCOrSnapshot(ds *corev1.TypedLocalObjectReference) bool {
	if ds == nil {
		return false
	}
	group := ptr.Deref(ds.APIGroup, "")
	return (ds.Kind == "PersistentVolumeClaim" && group == "") || (ds.Kind == "VolumeSnapshot" && group == "snapshot.storage.k8s.io")
}

// ValidatePersistentVolumeClaim returns the server's errors for creating
// pvc: its metadata, its access modes (at least one; ReadWriteOncePod
// alone), its selector, a positive storage request, the storage and
// volume attributes class names, the volume mode and the data sources.
func ValidatePersistentVolumeClaim(pvc *corev1.PersistentVolumeClaim, _ Options) field.ErrorList {
	pvc = PersistentVolumeClaimWithDefaults(pvc)
	prepare(&pvc.ObjectMeta, true)
	allErrs := validateMeta(&pvc.ObjectMeta, true, names.NameIsDNSSubdomain)
	spec := &pvc.Spec
	fldPath := field.NewPath("spec")
	if len(spec.AccessModes) == 0 {
		allErrs = append(allErrs, field.Required(fldPath.Child("accessModes"), "at least 1 access mode is required"))
	}
	if spec.Selector != nil {
		allErrs = append(allErrs, metav1validation.ValidateLabelSelector(spec.Selector, metav1validation.LabelSelectorValidationOptions{}, fldPath.Child("selector"))...)
	}
	rwop, other := false, false
	for _, mode := range spec.AccessModes {
		if !slices.Contains(supportedAccessModes, string(mode)) {
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("accessModes"), mode, supportedAccessModes))
		}
		if mode == corev1.ReadWriteOncePod {
			rwop = true
		} else if slices.Contains(supportedAccessModes, string(mode)) {
			other = true
		}
	}
	if rwop && other {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("accessModes"), "may not use ReadWriteOncePod with other access modes"))
	}
	storagePath := fldPath.Child("resources").Key(string(corev1.ResourceStorage))
	if q, ok := spec.Resources.Requests[corev1.ResourceStorage]; !ok {
		allErrs = append(allErrs, field.Required(storagePath, ""))
	} else if q.Cmp(resource.Quantity{}) <= 0 {
		allErrs = append(allErrs, field.Invalid(storagePath, q.String(), "must be greater than zero"))
	} else {
		allErrs = append(allErrs, resources.ValidateQuantityValue(corev1.ResourceStorage, q, storagePath)...)
	}
	if c := spec.StorageClassName; c != nil && *c != "" {
		for _, msg := range names.NameIsDNSSubdomain(*c, false) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("storageClassName"), *c, msg))
		}
	}
	if m := spec.VolumeMode; m != nil && !slices.Contains(supportedVolumeModes, string(*m)) {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("volumeMode"), *m, supportedVolumeModes))
	}
	if ds := spec.DataSource; ds != nil {
		allErrs = append(allErrs, validateDataSource(ds.Name, ds.Kind, ds.APIGroup, fldPath.Child("dataSource"))...)
	}
	if ref := spec.DataSourceRef; ref != nil {
		allErrs = append(allErrs, validateDataSource(ref.Name, ref.Kind, ref.APIGroup, fldPath.Child("dataSourceRef"))...)
	}
	if ds, ref := spec.DataSource, spec.DataSourceRef; ds != nil && ref != nil {
		if !reflect.DeepEqual(ds.APIGroup, ref.APIGroup) || ds.Kind != ref.Kind || ds.Name != ref.Name {
			allErrs = append(allErrs, field.Invalid(fldPath, fldPath.Child("dataSource"), "must match dataSourceRef"))
		}
	}
	if c := spec.VolumeAttributesClassName; c != nil && *c != "" {
		for _, msg := range names.NameIsDNSSubdomain(*c, false) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("volumeAttributesClassName"), *c, msg))
		}
	}
	return objectmeta.Finish(allErrs, &pvc.ObjectMeta, true)
}

// validateDataSource is the server's validateDataSource (and the part of
// validateDataSourceRef that applies without cross-namespace sources).
func validateDataSource(name, kind string, apiGroup *string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if name == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("name"), ""))
	}
	if kind == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("kind"), ""))
	}
	group := ptr.Deref(apiGroup, "")
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
