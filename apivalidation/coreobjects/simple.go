package coreobjects

import (
	"encoding/json"
	"strings"

	corev1 "k8s.io/api/core/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
	"github.com/daemonlint/daemonlint/apivalidation/objectmeta"
)

// maxSecretSize is the most bytes the values of a Secret or ConfigMap may
// hold together (core.MaxSecretSize).
const maxSecretSize = 1 * 1024 * 1024

// prepare does to m what the create handler does.
func prepare(m *metav1.ObjectMeta, namespaced bool) {
	objectmeta.Prepare(m, namespaced)
}

// validateMeta is the core group's ValidateObjectMeta.
func validateMeta(m *metav1.ObjectMeta, namespaced bool, nameFn apimachineryvalidation.ValidateNameFunc) field.ErrorList {
	return objectmeta.Validate(m, namespaced, nameFn, true, field.NewPath("metadata"))
}

// ValidateServiceAccount returns the server's errors for creating sa: its
// metadata is all the server checks (the name is a DNS-1123 subdomain).
func ValidateServiceAccount(sa *corev1.ServiceAccount, _ Options) field.ErrorList {
	sa = sa.DeepCopy()
	prepare(&sa.ObjectMeta, true)
	errs := validateMeta(&sa.ObjectMeta, true, names.NameIsDNSSubdomain)
	return objectmeta.Finish(errs, &sa.ObjectMeta, true)
}

// ValidateConfigMap returns the server's errors for creating cm: its
// metadata, its keys (in data and binaryData, never in both) and the total
// size of its values (1 MiB).
func ValidateConfigMap(cm *corev1.ConfigMap, _ Options) field.ErrorList {
	cm = cm.DeepCopy()
	prepare(&cm.ObjectMeta, true)
	allErrs := validateMeta(&cm.ObjectMeta, true, names.NameIsDNSSubdomain)
	totalSize := 0
	for _, key := range sortedKeys(cm.Data) {
		for _, msg := range names.ConfigMapKeyErrors(key) {
			allErrs = append(allErrs, field.Invalid(field.NewPath("data").Key(key), key, msg))
		}
		if _, isValue := cm.BinaryData[key]; isValue {
			allErrs = append(allErrs, field.Invalid(field.NewPath("data").Key(key), key, "duplicate of key present in binaryData"))
		}
		totalSize += len(cm.Data[key])
	}
	for _, key := range sortedKeys(cm.BinaryData) {
		for _, msg := range names.ConfigMapKeyErrors(key) {
			allErrs = append(allErrs, field.Invalid(field.NewPath("binaryData").Key(key), key, msg))
		}
		totalSize += len(cm.BinaryData[key])
	}
	if totalSize > maxSecretSize {
		// The server's path is the empty path: the whole object.
		allErrs = append(allErrs, field.TooLong(field.NewPath(""), "", maxSecretSize))
	}
	return objectmeta.Finish(allErrs, &cm.ObjectMeta, true)
}

// SecretWithDefaults returns a copy of s as the server sees it: stringData
// merged into data (a stringData key wins) and the type defaulted to
// Opaque.
func SecretWithDefaults(s *corev1.Secret) *corev1.Secret {
	s = s.DeepCopy()
	if s.Type == "" {
		s.Type = corev1.SecretTypeOpaque
	}
	if len(s.StringData) > 0 {
		if s.Data == nil {
			s.Data = make(map[string][]byte, len(s.StringData))
		}
		for k, v := range s.StringData {
			s.Data[k] = []byte(v)
		}
		s.StringData = nil
	}
	return s
}

// ValidateSecret returns the server's errors for creating s: its metadata,
// its keys, the total size of its values (1 MiB), and the keys its type
// requires (kubernetes.io/tls needs tls.crt and tls.key,
// kubernetes.io/dockerconfigjson a .dockerconfigjson that is JSON, and so
// on). stringData counts as data, as on the server.
func ValidateSecret(s *corev1.Secret, _ Options) field.ErrorList {
	s = SecretWithDefaults(s)
	prepare(&s.ObjectMeta, true)
	allErrs := validateMeta(&s.ObjectMeta, true, names.NameIsDNSSubdomain)

	dataPath := field.NewPath("data")
	totalSize := 0
	for _, key := range sortedKeys(s.Data) {
		for _, msg := range names.ConfigMapKeyErrors(key) {
			allErrs = append(allErrs, field.Invalid(dataPath.Key(key), key, msg))
		}
		totalSize += len(s.Data[key])
	}
	if totalSize > maxSecretSize {
		allErrs = append(allErrs, field.TooLong(dataPath, "", maxSecretSize))
	}

	switch s.Type {
	case corev1.SecretTypeServiceAccountToken:
		if s.Annotations[corev1.ServiceAccountNameKey] == "" {
			allErrs = append(allErrs, field.Required(field.NewPath("metadata", "annotations").Key(corev1.ServiceAccountNameKey), ""))
		}
	case corev1.SecretTypeDockercfg:
		allErrs = append(allErrs, validateJSONKey(s.Data, corev1.DockerConfigKey, dataPath)...)
	case corev1.SecretTypeDockerConfigJson:
		allErrs = append(allErrs, validateJSONKey(s.Data, corev1.DockerConfigJsonKey, dataPath)...)
	case corev1.SecretTypeBasicAuth:
		_, user := s.Data[corev1.BasicAuthUsernameKey]
		_, pass := s.Data[corev1.BasicAuthPasswordKey]
		if !user && !pass {
			allErrs = append(allErrs, field.Required(dataPath.Key(corev1.BasicAuthUsernameKey), ""))
			allErrs = append(allErrs, field.Required(dataPath.Key(corev1.BasicAuthPasswordKey), ""))
		}
	case corev1.SecretTypeSSHAuth:
		if len(s.Data[corev1.SSHAuthPrivateKey]) == 0 {
			allErrs = append(allErrs, field.Required(dataPath.Key(corev1.SSHAuthPrivateKey), ""))
		}
	case corev1.SecretTypeTLS:
		if _, ok := s.Data[corev1.TLSCertKey]; !ok {
			allErrs = append(allErrs, field.Required(dataPath.Key(corev1.TLSCertKey), ""))
		}
		if _, ok := s.Data[corev1.TLSPrivateKeyKey]; !ok {
			allErrs = append(allErrs, field.Required(dataPath.Key(corev1.TLSPrivateKeyKey), ""))
		}
	}
	return objectmeta.Finish(allErrs, &s.ObjectMeta, true)
}

// validateJSONKey requires data[key] and requires it to be a JSON object.
func validateJSONKey(data map[string][]byte, key string, dataPath *field.Path) field.ErrorList {
	b, ok := data[key]
	if !ok {
		return field.ErrorList{field.Required(dataPath.Key(key), "")}
	}
	if err := json.Unmarshal(b, &map[string]any{}); err != nil {
		return field.ErrorList{field.Invalid(dataPath.Key(key), "<secret contents redacted>", err.Error())}
	}
	return nil
}

// NamespaceWithDefaults returns a copy of ns as the server sees it: the
// label kubernetes.io/metadata.name holds its name.
func NamespaceWithDefaults(ns *corev1.Namespace) *corev1.Namespace {
	ns = ns.DeepCopy()
	if ns.Name != "" {
		if ns.Labels == nil {
			ns.Labels = map[string]string{}
		}
		ns.Labels[corev1.LabelMetadataName] = ns.Name
	}
	return ns
}

// ValidateNamespace returns the server's errors for creating ns: its
// metadata (the name is a DNS-1123 label) and the names in
// spec.finalizers.
func ValidateNamespace(ns *corev1.Namespace, _ Options) field.ErrorList {
	ns = NamespaceWithDefaults(ns)
	prepare(&ns.ObjectMeta, false)
	allErrs := validateMeta(&ns.ObjectMeta, false, names.NameIsDNSLabel)
	fldPath := field.NewPath("spec", "finalizers")
	for _, f := range ns.Spec.Finalizers {
		allErrs = append(allErrs, apimachineryvalidation.ValidateFinalizerName(string(f), fldPath)...)
		if !strings.Contains(string(f), "/") && string(f) != "kubernetes" && string(f) != "orphan" && string(f) != "foregroundDeletion" {
			allErrs = append(allErrs, field.Invalid(fldPath, string(f), "name is neither a standard finalizer name nor is it fully qualified"))
		}
	}
	return objectmeta.Finish(allErrs, &ns.ObjectMeta, false)
}
