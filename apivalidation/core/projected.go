package core

import (
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
)

// validateProjectedVolumeSource checks a projected volume and its sources.
func validateProjectedVolumeSource(pv *corev1.ProjectedVolumeSource, fldPath *field.Path) field.ErrorList {
	allErrs := validateFileMode(pv.DefaultMode, fldPath.Child("defaultMode"))
	allErrs = append(allErrs, validateUserField(pv.DefaultUser, fldPath.Child("defaultUser"))...)
	paths := newStringSet[string]()
	addPath := func(p, value string) {
		if paths.has(p) {
			allErrs = append(allErrs, field.Invalid(fldPath, value, "conflicting duplicate paths"))
		} else {
			paths.insert(p)
		}
	}
	for i, src := range pv.Sources {
		n := 0
		srcPath := fldPath.Child("sources").Index(i)
		if s := src.Secret; s != nil {
			n++
			pp := srcPath.Child("secret")
			allErrs = append(allErrs, requiredStrings(pp, "name", s.Name)...)
			for j := range s.Items {
				allErrs = append(allErrs, validateKeyToPath(&s.Items[j], pp.Child("items").Index(j))...)
				if s.Items[j].Path != "" {
					addPath(s.Items[j].Path, s.Name)
				}
			}
		}
		if c := src.ConfigMap; c != nil {
			n++
			pp := srcPath.Child("configMap")
			allErrs = append(allErrs, requiredStrings(pp, "name", c.Name)...)
			for j := range c.Items {
				allErrs = append(allErrs, validateKeyToPath(&c.Items[j], pp.Child("items").Index(j))...)
				if c.Items[j].Path != "" {
					addPath(c.Items[j].Path, c.Name)
				}
			}
		}
		if d := src.DownwardAPI; d != nil {
			n++
			for j := range d.Items {
				allErrs = append(allErrs, validateDownwardAPIVolumeFile(&d.Items[j], srcPath.Child("downwardAPI"))...)
				if d.Items[j].Path != "" {
					addPath(d.Items[j].Path, d.Items[j].Path)
				}
			}
		}
		if t := src.ServiceAccountToken; t != nil {
			n++
			pp := srcPath.Child("serviceAccountToken")
			if exp := t.ExpirationSeconds; exp == nil {
				allErrs = append(allErrs, field.Required(pp.Child("expirationSeconds"), ""))
			} else {
				if *exp < 10*60 {
					allErrs = append(allErrs, field.Invalid(pp.Child("expirationSeconds"), *exp, "may not specify a duration less than 10 minutes"))
				}
				if *exp > 1<<32 {
					allErrs = append(allErrs, field.Invalid(pp.Child("expirationSeconds"), *exp, "may not specify a duration larger than 2^32 seconds"))
				}
			}
			if t.Path == "" {
				allErrs = append(allErrs, field.Required(fldPath.Child("path"), ""))
			} else {
				allErrs = append(allErrs, validateLocalNonReservedPath(t.Path, fldPath.Child("path"))...)
			}
			allErrs = append(allErrs, validateUserField(t.User, pp.Child("user"))...)
		}
		if b := src.ClusterTrustBundle; b != nil {
			n++
			allErrs = append(allErrs, validateClusterTrustBundleProjection(b, srcPath.Child("clusterTrustBundle"))...)
			addPath(b.Path, b.Path)
		}
		if c := src.PodCertificate; c != nil {
			n++
			allErrs = append(allErrs, validatePodCertificateProjection(c, srcPath.Child("podCertificate"), addPath)...)
		}
		if n > 1 {
			allErrs = append(allErrs, field.Forbidden(srcPath, "may not specify more than 1 volume type per source"))
		}
	}
	return allErrs
}

// validateClusterTrustBundleProjection checks a clusterTrustBundle
// projection: a name or a signer name, and a path.
func validateClusterTrustBundleProjection(b *corev1.ClusterTrustBundleProjection, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	usingName, usingSigner := b.Name != nil, b.SignerName != nil
	switch {
	case usingName && usingSigner:
		allErrs = append(allErrs, field.Invalid(fldPath, internalClusterTrustBundleProjection(b), "only one of name and signerName may be used"))
	case usingName:
		if *b.Name == "" {
			allErrs = append(allErrs, field.Required(fldPath.Child("name"), "must be a valid object name"))
		}
		for _, msg := range clusterTrustBundleNameErrors(*b.Name) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("name"), *b.Name, "not a valid clustertrustbundlename: "+msg))
		}
		if b.LabelSelector != nil {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("labelSelector"), b.LabelSelector, "labelSelector must be unset if name is specified"))
		}
	case usingSigner:
		if *b.SignerName == "" {
			allErrs = append(allErrs, field.Required(fldPath.Child("signerName"), "must be a valid signer name"))
		}
		allErrs = append(allErrs, validateSignerName(fldPath.Child("signerName"), *b.SignerName)...)
		allErrs = append(allErrs, ValidateLabelSelector(b.LabelSelector, fldPath.Child("labelSelector"))...)
	default:
		allErrs = append(allErrs, field.Required(fldPath, "either name or signerName must be specified"))
	}
	if b.Path == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("path"), ""))
	}
	allErrs = append(allErrs, validateUserField(b.User, fldPath.Child("user"))...)
	return append(allErrs, validateLocalNonReservedPath(b.Path, fldPath.Child("path"))...)
}

// clusterTrustBundleNameErrors checks a ClusterTrustBundle name: for a
// signer's bundle, "<signer with : for />:<name>".
func clusterTrustBundleNameErrors(name string) []string {
	i := strings.LastIndex(name, ":")
	if i < 0 {
		return names.NameIsDNSSubdomain(name, false)
	}
	signer := strings.ReplaceAll(name[:i], ":", "/")
	prefix := strings.ReplaceAll(signer, "/", ":") + ":"
	if !strings.HasPrefix(name, prefix) {
		return []string{"ClusterTrustBundle for signerName " + signer + " must be named with prefix " + prefix}
	}
	return names.NameIsDNSSubdomain(strings.TrimPrefix(name, prefix), false)
}

// validateSignerName checks a signer name: "example.com/signer-name".
func validateSignerName(fldPath *field.Path, signerName string) field.ErrorList {
	if signerName == "" {
		return field.ErrorList{field.Required(fldPath, "")}
	}
	segments := strings.Split(signerName, "/")
	if len(segments) != 2 {
		return field.ErrorList{field.Invalid(fldPath, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'")}
	}
	var el field.ErrorList
	if len(segments[0]) > validation.DNS1123SubdomainMaxLength {
		el = append(el, field.TooLong(fldPath, "", validation.DNS1123SubdomainMaxLength))
	}
	domainLabels := strings.Split(segments[0], ".")
	for _, lbl := range domainLabels {
		if errs := names.DNS1123LabelErrors(lbl); len(errs) > 0 {
			for _, e := range errs {
				el = append(el, field.Invalid(fldPath, segments[0], "validating label "+strconv.Quote(lbl)+": "+e))
			}
			break
		}
	}
	if len(domainLabels) < 2 {
		el = append(el, field.Invalid(fldPath, segments[0], "should be a domain with at least two segments separated by dots"))
	}
	for _, lbl := range strings.Split(segments[1], ".") {
		if errs := names.DNS1123SubdomainErrors(lbl); len(errs) > 0 {
			for _, e := range errs {
				el = append(el, field.Invalid(fldPath, segments[1], "validating label "+strconv.Quote(lbl)+": "+e))
			}
			break
		}
	}
	maxLen := validation.DNS1123SubdomainMaxLength + validation.DNS1123SubdomainMaxLength + validation.DNS1123LabelMaxLength + 2
	if len(signerName) > maxLen {
		el = append(el, field.TooLong(fldPath, "", maxLen))
	}
	return el
}

// internalClusterTrustBundleProjection renders a clusterTrustBundle
// projection the way the server prints it in an error.
func internalClusterTrustBundleProjection(b *corev1.ClusterTrustBundleProjection) any {
	return struct {
		Name          *string
		SignerName    *string
		LabelSelector any
		Optional      *bool
		Path          string
		User          *int64
	}{b.Name, b.SignerName, b.LabelSelector, b.Optional, b.Path, b.User}
}

// validPodCertificateKeyTypes are the key types a podCertificate projection
// may ask for.
var validPodCertificateKeyTypes = []string{"RSA3072", "RSA4096", "ECDSAP256", "ECDSAP384", "ECDSAP521", "ED25519"}

// validatePodCertificateProjection checks a podCertificate projection's
// signer, key type, expiry and paths.
func validatePodCertificateProjection(c *corev1.PodCertificateProjection, fldPath *field.Path, addPath func(p, value string)) field.ErrorList {
	allErrs := validateSignerName(fldPath.Child("signerName"), c.SignerName)
	if c.UserAnnotations != nil {
		for _, k := range sortedKeys(c.UserAnnotations) {
			allErrs = append(allErrs, validation.IsDomainPrefixedKey(fldPath.Child("userAnnotations"), strings.ToLower(k))...)
		}
		if err := apimachineryvalidation.ValidateAnnotationsSize(c.UserAnnotations); err != nil {
			allErrs = append(allErrs, field.TooLong(fldPath.Child("userAnnotations"), "", apimachineryvalidation.TotalAnnotationSizeLimitB))
		}
	}
	allErrs = append(allErrs, validateUserField(c.User, fldPath.Child("user"))...)
	switch c.KeyType {
	case "RSA3072", "RSA4096", "ECDSAP256", "ECDSAP384", "ECDSAP521", "ED25519":
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("keyType"), c.KeyType, validPodCertificateKeyTypes))
	}
	if exp := c.MaxExpirationSeconds; exp != nil {
		if *exp < 3600 {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("maxExpirationSeconds"), *exp, "if provided, maxExpirationSeconds must be >= 3600"))
		}
		maxMax := int32(91 * 24 * 60 * 60)
		if host, _, _ := strings.Cut(c.SignerName, "/"); host == "kubernetes.io" || strings.HasSuffix(host, ".kubernetes.io") {
			maxMax = 24 * 60 * 60
		}
		if *exp > maxMax {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("maxExpirationSeconds"), *exp, "if provided, maxExpirationSeconds must be <= "+strconv.Itoa(int(maxMax))))
		}
	}
	n := 0
	for _, p := range []struct{ name, value string }{
		{"credentialBundlePath", c.CredentialBundlePath}, {"keyPath", c.KeyPath}, {"certificateChainPath", c.CertificateChainPath},
	} {
		if p.value == "" {
			continue
		}
		n++
		allErrs = append(allErrs, validateLocalNonReservedPath(p.value, fldPath.Child(p.name))...)
		addPath(p.value, p.value)
	}
	if n == 0 {
		allErrs = append(allErrs, field.Required(fldPath, "specify at least one of credentialBundlePath, keyPath, and certificateChainPath"))
	}
	return allErrs
}
