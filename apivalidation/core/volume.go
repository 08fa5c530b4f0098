package core

import (
	"fmt"
	"net"
	"path"
	"path/filepath"
	"reflect"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	fastnames "github.com/daemonlint/daemonlint/apivalidation/internal/names"
	"github.com/daemonlint/daemonlint/internal/lazyre"
)

// Detail texts of volume validation.
const (
	fileModeErrorMsg     = "must be a number between 0 and 0777 (octal), both inclusive"
	emptyDirModeErrorMsg = "must be a number between 0 and 01777 (octal), both inclusive"
)

// validateVolumes checks the pod's volumes and returns those that passed,
// by name: a mount of a volume that failed its own checks is "Not found".
func validateVolumes(volumes []corev1.Volume, podName string, fldPath *field.Path) (map[string]*corev1.VolumeSource, field.ErrorList) {
	var allErrs field.ErrorList
	vols := make(map[string]*corev1.VolumeSource, len(volumes))
	for i := range volumes {
		vol := &volumes[i]
		idxPath := fldPath.Index(i)
		// The path of the volume's name is built only for an error.
		el := validateVolumeSource(&vol.VolumeSource, idxPath, vol.Name)
		el = append(el, validateEphemeralClaimName(&vol.VolumeSource, podName, vol.Name, idxPath)...)
		if vol.Name == "" {
			el = append(el, field.Required(idxPath.Child("name"), ""))
		} else if !fastnames.DNS1123Label(vol.Name) {
			el = append(el, validateDNS1123Label(vol.Name, idxPath.Child("name"))...)
		}
		if _, dup := vols[vol.Name]; dup {
			el = append(el, field.Duplicate(idxPath.Child("name"), vol.Name))
		}
		if len(el) == 0 {
			vols[vol.Name] = &vol.VolumeSource
		} else {
			allErrs = append(allErrs, el...)
		}
	}
	return vols, allErrs
}

// validateEphemeralClaimName checks, for a Pod (podName is "" for a
// template), the name of the claim a generic ephemeral volume gets:
// "<pod>-<volume>", which must be a DNS subdomain. It reports at the name
// of the volume at fldPath.
func validateEphemeralClaimName(s *corev1.VolumeSource, podName, volName string, fldPath *field.Path) field.ErrorList {
	if s.Ephemeral == nil || podName == "" || volName == "" || setSources(s) != 1 {
		return nil
	}
	pvcName := podName + "-" + volName
	var allErrs field.ErrorList
	for _, msg := range fastnames.NameIsDNSSubdomain(pvcName, false) {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("name"), volName, fmt.Sprintf("PVC name %q: %v", pvcName, msg)))
	}
	return allErrs
}

// setSources counts the sources a volume sets.
func setSources(s *corev1.VolumeSource) int {
	n := 0
	v := reflect.ValueOf(*s)
	for i := 0; i < v.NumField(); i++ {
		if !v.Field(i).IsNil() {
			n++
		}
	}
	return n
}

// volumeSourceCheck is one source of a volume: whether it is set, its field
// name and its own checks.
type volumeSourceCheck struct {
	set   func(*corev1.VolumeSource) bool
	name  string
	check func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList
}

// volumeSources are the sources of a volume, in the order the server
// checks them. (A table of functions rather than of closures over one
// volume: it is built once, not for every volume.)
var volumeSources = []volumeSourceCheck{
	{func(s *corev1.VolumeSource) bool { return s.EmptyDir != nil }, "emptyDir", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateEmptyDir(s.EmptyDir, fldPath.Child("emptyDir"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.HostPath != nil }, "hostPath", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateHostPathVolumeSource(s.HostPath, fldPath.Child("hostPath"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.GitRepo != nil }, "gitRepo", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		var errs field.ErrorList
		if s.GitRepo.Repository == "" {
			errs = append(errs, field.Required(fldPath.Child("gitRepo").Child("repository"), ""))
		}
		return append(errs, validateLocalDescendingPath(s.GitRepo.Directory, fldPath.Child("gitRepo").Child("directory"))...)
	}},
	{func(s *corev1.VolumeSource) bool { return s.GCEPersistentDisk != nil }, "gcePersistentDisk", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		// The server checks it under "persistentDisk".
		return validateDisk(s.GCEPersistentDisk.PDName, "pdName", s.GCEPersistentDisk.Partition, fldPath.Child("persistentDisk"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.AWSElasticBlockStore != nil }, "awsElasticBlockStore", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateDisk(s.AWSElasticBlockStore.VolumeID, "volumeID", s.AWSElasticBlockStore.Partition, fldPath.Child("awsElasticBlockStore"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.Secret != nil }, "secret", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateSecretVolumeSource(s.Secret, fldPath.Child("secret"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.NFS != nil }, "nfs", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateNFSVolumeSource(s.NFS, fldPath.Child("nfs"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.ISCSI != nil }, "iscsi", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateISCSIVolumeSource(s.ISCSI, fldPath.Child("iscsi"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.Glusterfs != nil }, "glusterfs", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return requiredStrings(fldPath.Child("glusterfs"), "endpoints", s.Glusterfs.EndpointsName, "path", s.Glusterfs.Path)
	}},
	{func(s *corev1.VolumeSource) bool { return s.Flocker != nil }, "flocker", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateFlockerVolumeSource(s.Flocker, fldPath.Child("flocker"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.PersistentVolumeClaim != nil }, "persistentVolumeClaim", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return requiredStrings(fldPath.Child("persistentVolumeClaim"), "claimName", s.PersistentVolumeClaim.ClaimName)
	}},
	{func(s *corev1.VolumeSource) bool { return s.RBD != nil }, "rbd", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		var errs field.ErrorList
		if len(s.RBD.CephMonitors) == 0 {
			errs = append(errs, field.Required(fldPath.Child("rbd").Child("monitors"), ""))
		}
		return append(errs, requiredStrings(fldPath.Child("rbd"), "image", s.RBD.RBDImage)...)
	}},
	{func(s *corev1.VolumeSource) bool { return s.Cinder != nil }, "cinder", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		errs := requiredStrings(fldPath.Child("cinder"), "volumeID", s.Cinder.VolumeID)
		if s.Cinder.SecretRef != nil && s.Cinder.SecretRef.Name == "" {
			errs = append(errs, field.Required(fldPath.Child("cinder").Child("secretRef", "name"), ""))
		}
		return errs
	}},
	{func(s *corev1.VolumeSource) bool { return s.CephFS != nil }, "cephFS", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		// The server checks it under "cephfs".
		if len(s.CephFS.Monitors) == 0 {
			return field.ErrorList{field.Required(fldPath.Child("cephfs").Child("monitors"), "")}
		}
		return nil
	}},
	{func(s *corev1.VolumeSource) bool { return s.Quobyte != nil }, "quobyte", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateQuobyteVolumeSource(s.Quobyte, fldPath.Child("quobyte"))
	}},
	// The server misspells this source's path when it is a second one.
	{func(s *corev1.VolumeSource) bool { return s.DownwardAPI != nil }, "downwarAPI", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateDownwardAPIVolumeSource(s.DownwardAPI, fldPath.Child("downwardAPI"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.FC != nil }, "fc", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateFCVolumeSource(s.FC, fldPath.Child("fc"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.FlexVolume != nil }, "flexVolume", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateFlexVolumeSource(s.FlexVolume, fldPath.Child("flexVolume"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.ConfigMap != nil }, "configMap", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateConfigMapVolumeSource(s.ConfigMap, fldPath.Child("configMap"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.AzureFile != nil }, "azureFile", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return requiredStrings(fldPath.Child("azureFile"), "secretName", s.AzureFile.SecretName, "shareName", s.AzureFile.ShareName)
	}},
	{func(s *corev1.VolumeSource) bool { return s.VsphereVolume != nil }, "vsphereVolume", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return requiredStrings(fldPath.Child("vsphereVolume"), "volumePath", s.VsphereVolume.VolumePath)
	}},
	{func(s *corev1.VolumeSource) bool { return s.PhotonPersistentDisk != nil }, "photonPersistentDisk", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return requiredStrings(fldPath.Child("photonPersistentDisk"), "pdID", s.PhotonPersistentDisk.PdID)
	}},
	{func(s *corev1.VolumeSource) bool { return s.PortworxVolume != nil }, "portworxVolume", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return requiredStrings(fldPath.Child("portworxVolume"), "volumeID", s.PortworxVolume.VolumeID)
	}},
	{func(s *corev1.VolumeSource) bool { return s.AzureDisk != nil }, "azureDisk", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateAzureDisk(s.AzureDisk, fldPath.Child("azureDisk"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.StorageOS != nil }, "storageos", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateStorageOSVolumeSource(s.StorageOS, fldPath.Child("storageos"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.Projected != nil }, "projected", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateProjectedVolumeSource(s.Projected, fldPath.Child("projected"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.ScaleIO != nil }, "scaleIO", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return requiredStrings(fldPath.Child("scaleIO"), "gateway", s.ScaleIO.Gateway, "system", s.ScaleIO.System, "volumeName", s.ScaleIO.VolumeName)
	}},
	{func(s *corev1.VolumeSource) bool { return s.CSI != nil }, "csi", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateCSIVolumeSource(s.CSI, fldPath.Child("csi"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.Ephemeral != nil }, "ephemeral", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		return validateEphemeralVolumeSource(s.Ephemeral, fldPath.Child("ephemeral"))
	}},
	{func(s *corev1.VolumeSource) bool { return s.Image != nil }, "image", func(s *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
		errs := requiredStrings(fldPath.Child("image"), "reference", s.Image.Reference)
		return append(errs, validatePullPolicy(s.Image.PullPolicy, fldPath.Child("image").Child("pullPolicy"))...)
	}},
}

// validateVolumeSource checks that exactly one source is set, and that
// source. (A volume with none was defaulted to emptyDir.)
func validateVolumeSource(s *corev1.VolumeSource, fldPath *field.Path, volName string) field.ErrorList {
	var allErrs field.ErrorList
	n := 0
	for _, src := range volumeSources {
		if !src.set(s) {
			continue
		}
		if n > 0 {
			allErrs = append(allErrs, field.Forbidden(fldPath.Child(src.name), "may not specify more than 1 volume type"))
			continue
		}
		n++
		allErrs = append(allErrs, src.check(s, fldPath)...)
	}
	if s.ISCSI != nil && s.ISCSI.InitiatorName != nil && len(volName+":"+s.ISCSI.TargetPortal) > 64 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("name"), volName, "Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified."))
	}
	if n == 0 {
		allErrs = append(allErrs, field.Required(fldPath, "must specify a volume type"))
	}
	return allErrs
}

// requiredStrings reports, at fldPath.<name>, each (name, value) pair whose
// value is empty.
func requiredStrings(fldPath *field.Path, pairs ...string) field.ErrorList {
	var allErrs field.ErrorList
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			allErrs = append(allErrs, field.Required(fldPath.Child(pairs[i]), ""))
		}
	}
	return allErrs
}

// validateEmptyDir checks an emptyDir's size limit and mode.
func validateEmptyDir(e *corev1.EmptyDirVolumeSource, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if e.SizeLimit != nil && e.SizeLimit.Sign() < 0 {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("sizeLimit"), "SizeLimit field must be a valid resource quantity"))
	}
	if e.Mode != nil && (*e.Mode > 01777 || *e.Mode < 0) {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("mode"), *e.Mode, emptyDirModeErrorMsg))
	}
	return allErrs
}

// validateDisk checks a cloud disk's name and partition.
func validateDisk(name, nameField string, partition int32, fldPath *field.Path) field.ErrorList {
	allErrs := requiredStrings(fldPath, nameField, name)
	if partition < 0 || partition > 255 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("partition"), partition, validation.InclusiveRangeError(1, 255)))
	}
	return allErrs
}

// supportedHostPathTypes are the types a hostPath volume may have.
var supportedHostPathTypes = newStringSet(corev1.HostPathUnset, corev1.HostPathDirectoryOrCreate, corev1.HostPathDirectory,
	corev1.HostPathFileOrCreate, corev1.HostPathFile, corev1.HostPathSocket, corev1.HostPathCharDev, corev1.HostPathBlockDev)

// validateHostPathVolumeSource checks a hostPath: a path without "..", and
// a known type.
func validateHostPathVolumeSource(h *corev1.HostPathVolumeSource, fldPath *field.Path) field.ErrorList {
	if h.Path == "" {
		return field.ErrorList{field.Required(fldPath.Child("path"), "")}
	}
	var allErrs field.ErrorList
	if hasBackstep(h.Path) {
		allErrs = validatePathNoBacksteps(h.Path, fldPath.Child("path"))
	}
	if h.Type != nil && !supportedHostPathTypes.has(string(*h.Type)) {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("type"), *h.Type, supportedHostPathTypes.supported()))
	}
	return allErrs
}

// validateLocalDescendingPath checks that p is relative and has no ".."
// element.
func validateLocalDescendingPath(p string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if path.IsAbs(p) {
		allErrs = append(allErrs, field.Invalid(fldPath, p, "must be a relative path"))
	}
	return append(allErrs, validatePathNoBacksteps(p, fldPath)...)
}

// validatePathNoBacksteps checks that p has no ".." element.
func validatePathNoBacksteps(p string, fldPath *field.Path) field.ErrorList {
	if hasBackstep(p) {
		return field.ErrorList{field.Invalid(fldPath, p, "must not contain '..'")}
	}
	return nil
}

// hasBackstep reports whether p has a ".." element, which
// validatePathNoBacksteps reports.
func hasBackstep(p string) bool {
	if !strings.Contains(p, "..") {
		return false
	}
	for _, item := range strings.Split(filepath.ToSlash(p), "/") {
		if item == ".." {
			return true
		}
	}
	return false
}

// validateLocalNonReservedPath checks that p is relative, has no ".."
// element and does not start with "..".
func validateLocalNonReservedPath(p string, fldPath *field.Path) field.ErrorList {
	allErrs := validateLocalDescendingPath(p, fldPath)
	if strings.HasPrefix(p, "..") && !strings.HasPrefix(p, "../") {
		allErrs = append(allErrs, field.Invalid(fldPath, p, "must not start with '..'"))
	}
	return allErrs
}

// validateFileMode reports a file mode outside 0..0777.
func validateFileMode(mode *int32, fldPath *field.Path) field.ErrorList {
	if !validFileMode(mode) {
		return field.ErrorList{field.Invalid(fldPath, *mode, fileModeErrorMsg)}
	}
	return nil
}

// validFileMode reports whether mode is unset or within 0..0777, which
// validateFileMode does not report.
func validFileMode(mode *int32) bool {
	return mode == nil || (*mode >= 0 && *mode <= 0777)
}

// validateUserField checks a file owner's user ID.
func validateUserField(user *int64, fldPath *field.Path) field.ErrorList {
	if user == nil {
		return nil
	}
	var allErrs field.ErrorList
	for _, msg := range validation.IsValidUserID(*user) {
		allErrs = append(allErrs, field.Invalid(fldPath, *user, msg))
	}
	return allErrs
}

// validateSecretVolumeSource checks a secret volume.
func validateSecretVolumeSource(s *corev1.SecretVolumeSource, fldPath *field.Path) field.ErrorList {
	allErrs := requiredStrings(fldPath, "secretName", s.SecretName)
	if !validFileMode(s.DefaultMode) {
		allErrs = append(allErrs, validateFileMode(s.DefaultMode, fldPath.Child("defaultMode"))...)
	}
	if s.DefaultUser != nil {
		allErrs = append(allErrs, validateUserField(s.DefaultUser, fldPath.Child("defaultUser"))...)
	}
	for i := range s.Items {
		allErrs = append(allErrs, validateKeyToPath(&s.Items[i], fldPath.Child("items").Index(i))...)
	}
	return allErrs
}

// validateConfigMapVolumeSource checks a configMap volume.
func validateConfigMapVolumeSource(s *corev1.ConfigMapVolumeSource, fldPath *field.Path) field.ErrorList {
	allErrs := requiredStrings(fldPath, "name", s.Name)
	if !validFileMode(s.DefaultMode) {
		allErrs = append(allErrs, validateFileMode(s.DefaultMode, fldPath.Child("defaultMode"))...)
	}
	if s.DefaultUser != nil {
		allErrs = append(allErrs, validateUserField(s.DefaultUser, fldPath.Child("defaultUser"))...)
	}
	for i := range s.Items {
		allErrs = append(allErrs, validateKeyToPath(&s.Items[i], fldPath.Child("items").Index(i))...)
	}
	return allErrs
}

// validateKeyToPath checks one item of a secret or configMap volume.
func validateKeyToPath(kp *corev1.KeyToPath, fldPath *field.Path) field.ErrorList {
	allErrs := requiredStrings(fldPath, "key", kp.Key, "path", kp.Path)
	allErrs = append(allErrs, validateLocalNonReservedPath(kp.Path, fldPath.Child("path"))...)
	if !validFileMode(kp.Mode) {
		allErrs = append(allErrs, validateFileMode(kp.Mode, fldPath.Child("mode"))...)
	}
	if kp.User != nil {
		allErrs = append(allErrs, validateUserField(kp.User, fldPath.Child("user"))...)
	}
	return allErrs
}

// validateNFSVolumeSource checks an NFS volume.
func validateNFSVolumeSource(nfs *corev1.NFSVolumeSource, fldPath *field.Path) field.ErrorList {
	allErrs := requiredStrings(fldPath, "server", nfs.Server, "path", nfs.Path)
	if !path.IsAbs(nfs.Path) {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("path"), nfs.Path, "must be an absolute path"))
	}
	return allErrs
}

// The formats of iSCSI initiator names.
var (
	iscsiInitiatorIqnRegex = lazyre.New(`iqn\.\d{4}-\d{2}\.([[:alnum:]-.]+)(:[^,;*&$|\s]+)$`)
	iscsiInitiatorEuiRegex = lazyre.New(`^eui.[[:alnum:]]{16}$`)
	iscsiInitiatorNaaRegex = lazyre.New(`^naa.[[:alnum:]]{32}$`)
)

// validateISCSIVolumeSource checks an iSCSI volume.
func validateISCSIVolumeSource(iscsi *corev1.ISCSIVolumeSource, fldPath *field.Path) field.ErrorList {
	allErrs := requiredStrings(fldPath, "targetPortal", iscsi.TargetPortal)
	if iscsi.IQN == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("iqn"), ""))
	} else {
		switch {
		case !strings.HasPrefix(iscsi.IQN, "iqn") && !strings.HasPrefix(iscsi.IQN, "eui") && !strings.HasPrefix(iscsi.IQN, "naa"):
			allErrs = append(allErrs, field.Invalid(fldPath.Child("iqn"), iscsi.IQN, "must be valid format starting with iqn, eui, or naa"))
		case !validISCSIName(iscsi.IQN):
			allErrs = append(allErrs, field.Invalid(fldPath.Child("iqn"), iscsi.IQN, "must be valid format"))
		}
	}
	if iscsi.Lun < 0 || iscsi.Lun > 255 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("lun"), iscsi.Lun, validation.InclusiveRangeError(0, 255)))
	}
	if (iscsi.DiscoveryCHAPAuth || iscsi.SessionCHAPAuth) && iscsi.SecretRef == nil {
		allErrs = append(allErrs, field.Required(fldPath.Child("secretRef"), ""))
	}
	if iscsi.InitiatorName != nil {
		initiator := *iscsi.InitiatorName
		if !strings.HasPrefix(initiator, "iqn") && !strings.HasPrefix(initiator, "eui") && !strings.HasPrefix(initiator, "naa") {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("initiatorname"), initiator, "must be valid format starting with iqn, eui, or naa"))
		}
		if !validISCSIName(initiator) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("initiatorname"), initiator, "must be valid format"))
		}
	}
	return allErrs
}

// validISCSIName reports whether an iqn, eui or naa name has its format;
// other names pass.
func validISCSIName(name string) bool {
	switch {
	case strings.HasPrefix(name, "iqn"):
		return iscsiInitiatorIqnRegex().MatchString(name)
	case strings.HasPrefix(name, "eui"):
		return iscsiInitiatorEuiRegex().MatchString(name)
	case strings.HasPrefix(name, "naa"):
		return iscsiInitiatorNaaRegex().MatchString(name)
	}
	return true
}

// validateFlockerVolumeSource checks a Flocker volume.
func validateFlockerVolumeSource(f *corev1.FlockerVolumeSource, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if f.DatasetName == "" && f.DatasetUUID == "" {
		allErrs = append(allErrs, field.Required(fldPath, "one of datasetName and datasetUUID is required"))
	}
	if f.DatasetName != "" && f.DatasetUUID != "" {
		allErrs = append(allErrs, field.Invalid(fldPath, "resource", "datasetName and datasetUUID can not be specified simultaneously"))
	}
	if strings.Contains(f.DatasetName, "/") {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("datasetName"), f.DatasetName, "must not contain '/'"))
	}
	return allErrs
}

// validateQuobyteVolumeSource checks a Quobyte volume.
func validateQuobyteVolumeSource(q *corev1.QuobyteVolumeSource, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch {
	case q.Registry == "":
		allErrs = append(allErrs, field.Required(fldPath.Child("registry"), "must be a host:port pair or multiple pairs separated by commas"))
	case len(q.Tenant) >= 65:
		allErrs = append(allErrs, field.Required(fldPath.Child("tenant"), "must be a UUID and may not exceed a length of 64 characters"))
	default:
		for _, hp := range strings.Split(q.Registry, ",") {
			if _, _, err := net.SplitHostPort(hp); err != nil {
				allErrs = append(allErrs, field.Invalid(fldPath.Child("registry"), q.Registry, "must be a host:port pair or multiple pairs separated by commas"))
			}
		}
	}
	return append(allErrs, requiredStrings(fldPath, "volume", q.Volume)...)
}

// validateDownwardAPIVolumeSource checks a downwardAPI volume. (The server
// reports its items at the volume's path, without "items".)
func validateDownwardAPIVolumeSource(d *corev1.DownwardAPIVolumeSource, fldPath *field.Path) field.ErrorList {
	allErrs := validateFileMode(d.DefaultMode, fldPath.Child("defaultMode"))
	allErrs = append(allErrs, validateUserField(d.DefaultUser, fldPath.Child("defaultUser"))...)
	for i := range d.Items {
		allErrs = append(allErrs, validateDownwardAPIVolumeFile(&d.Items[i], fldPath)...)
	}
	return allErrs
}

// validateDownwardAPIVolumeFile checks one file of a downwardAPI volume or
// projection.
func validateDownwardAPIVolumeFile(file *corev1.DownwardAPIVolumeFile, fldPath *field.Path) field.ErrorList {
	allErrs := requiredStrings(fldPath, "path", file.Path)
	allErrs = append(allErrs, validateLocalNonReservedPath(file.Path, fldPath.Child("path"))...)
	switch {
	case file.FieldRef != nil:
		allErrs = append(allErrs, validateObjectFieldSelector(file.FieldRef, validVolumeFieldPaths, fldPath.Child("fieldRef"))...)
		if file.ResourceFieldRef != nil {
			allErrs = append(allErrs, field.Invalid(fldPath, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"))
		}
	case file.ResourceFieldRef != nil:
		allErrs = append(allErrs, validateResourceFieldSelector(file.ResourceFieldRef, fldPath.Child("resourceFieldRef"), true)...)
	default:
		allErrs = append(allErrs, field.Required(fldPath, "one of fieldRef and resourceFieldRef is required"))
	}
	allErrs = append(allErrs, validateFileMode(file.Mode, fldPath.Child("mode"))...)
	return append(allErrs, validateUserField(file.User, fldPath.Child("user"))...)
}

// validateFCVolumeSource checks a Fibre Channel volume.
func validateFCVolumeSource(fc *corev1.FCVolumeSource, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if len(fc.TargetWWNs) < 1 && len(fc.WWIDs) < 1 {
		allErrs = append(allErrs, field.Required(fldPath.Child("targetWWNs"), "must specify either targetWWNs or wwids, but not both"))
	}
	if len(fc.TargetWWNs) != 0 && len(fc.WWIDs) != 0 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("targetWWNs"), fc.TargetWWNs, "targetWWNs and wwids can not be specified simultaneously"))
	}
	if len(fc.TargetWWNs) != 0 {
		if fc.Lun == nil {
			allErrs = append(allErrs, field.Required(fldPath.Child("lun"), "lun is required if targetWWNs is specified"))
		} else if *fc.Lun < 0 || *fc.Lun > 255 {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("lun"), fc.Lun, validation.InclusiveRangeError(0, 255)))
		}
	}
	return allErrs
}

// validateFlexVolumeSource checks a FlexVolume.
func validateFlexVolumeSource(fv *corev1.FlexVolumeSource, fldPath *field.Path) field.ErrorList {
	allErrs := requiredStrings(fldPath, "driver", fv.Driver)
	for _, k := range sortedKeys(fv.Options) {
		ns := k
		if before, _, ok := strings.Cut(k, "/"); ok {
			ns = before
		}
		normalized := "." + strings.ToLower(ns)
		if strings.HasSuffix(normalized, ".kubernetes.io") || strings.HasSuffix(normalized, ".k8s.io") {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("options").Key(k), k, "kubernetes.io and k8s.io namespaces are reserved"))
		}
	}
	return allErrs
}

// validateAzureDisk checks an Azure disk volume (caching mode and kind are
// defaulted).
func validateAzureDisk(a *corev1.AzureDiskVolumeSource, fldPath *field.Path) field.ErrorList {
	allErrs := requiredStrings(fldPath, "diskName", a.DiskName, "diskURI", a.DataDiskURI)
	if a.CachingMode != nil {
		switch *a.CachingMode {
		case corev1.AzureDataDiskCachingNone, corev1.AzureDataDiskCachingReadOnly, corev1.AzureDataDiskCachingReadWrite:
		default:
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("cachingMode"), *a.CachingMode, []string{"None", "ReadOnly", "ReadWrite"}))
		}
	}
	if a.Kind != nil {
		switch *a.Kind {
		case corev1.AzureSharedBlobDisk, corev1.AzureDedicatedBlobDisk, corev1.AzureManagedDisk:
		default:
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("kind"), *a.Kind, []string{"Dedicated", "Managed", "Shared"}))
		}
		if *a.Kind == corev1.AzureManagedDisk && !strings.HasPrefix(a.DataDiskURI, "/subscriptions/") {
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("diskURI"), a.DataDiskURI, []string{"/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}"}))
		}
		if *a.Kind != corev1.AzureManagedDisk && !strings.HasPrefix(a.DataDiskURI, "https://") {
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("diskURI"), a.DataDiskURI, []string{"https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd"}))
		}
	}
	return allErrs
}

// validateStorageOSVolumeSource checks a StorageOS volume.
func validateStorageOSVolumeSource(s *corev1.StorageOSVolumeSource, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if s.VolumeName == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("volumeName"), ""))
	} else {
		allErrs = append(allErrs, validateDNS1123Label(s.VolumeName, fldPath.Child("volumeName"))...)
	}
	if s.VolumeNamespace != "" {
		allErrs = append(allErrs, validateDNS1123Label(s.VolumeNamespace, fldPath.Child("volumeNamespace"))...)
	}
	if s.SecretRef != nil && s.SecretRef.Name == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("secretRef", "name"), ""))
	}
	return allErrs
}

// validateCSIVolumeSource checks an inline CSI volume.
func validateCSIVolumeSource(csi *corev1.CSIVolumeSource, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	driverPath := fldPath.Child("driver")
	if csi.Driver == "" {
		allErrs = append(allErrs, field.Required(driverPath, ""))
	} else {
		if len(csi.Driver) > 63 {
			allErrs = append(allErrs, field.TooLong(driverPath, "", 63))
		}
		for _, msg := range fastnames.DNS1123SubdomainErrors(strings.ToLower(csi.Driver)) {
			allErrs = append(allErrs, field.Invalid(driverPath, csi.Driver, msg))
		}
	}
	if ref := csi.NodePublishSecretRef; ref != nil {
		if ref.Name == "" {
			allErrs = append(allErrs, field.Required(fldPath.Child("nodePublishSecretRef", "name"), ""))
		} else {
			allErrs = append(allErrs, validateSubdomainName(ref.Name, fldPath.Child("name"))...)
		}
	}
	return allErrs
}
