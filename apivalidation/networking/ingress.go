package networking

import (
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/api/validation/path"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
	netutils "k8s.io/utils/net"
	"k8s.io/utils/ptr"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
	"github.com/daemonlint/daemonlint/apivalidation/objectmeta"
)

const (
	annotationIngressClass       = "kubernetes.io/ingress.class"
	maxLenIngressClassController = 250
)

var (
	supportedPathTypes   = []string{string(networkingv1.PathTypeExact), string(networkingv1.PathTypeImplementationSpecific), string(networkingv1.PathTypePrefix)}
	invalidPathSequences = []string{"//", "/./", "/../", "%2f", "%2F"}
	invalidPathSuffixes  = []string{"/..", "/."}
	supportedScopes      = []string{networkingv1.IngressClassParametersReferenceScopeCluster, networkingv1.IngressClassParametersReferenceScopeNamespace}
)

// ValidateIngress returns the server's errors for creating ing: its
// metadata, its rules (hosts are DNS names, possibly with a leading
// wildcard; each HTTP path has a pathType and an absolute path; each
// backend is a Service with a port name or number, or a resource), its
// default backend, its TLS hosts and secret names, its ingressClassName,
// and the kubernetes.io/ingress.class annotation, which must match
// ingressClassName when both are given.
func ValidateIngress(ing *networkingv1.Ingress, _ Options) field.ErrorList {
	ing = ing.DeepCopy()
	objectmeta.Prepare(&ing.ObjectMeta, true)
	allErrs := objectmeta.Validate(&ing.ObjectMeta, true, names.NameIsDNSSubdomain, true, field.NewPath("metadata"))
	allErrs = append(allErrs, validateIngressSpec(&ing.Spec, field.NewPath("spec"))...)
	if v, ok := ing.Annotations[annotationIngressClass]; ok && ing.Spec.IngressClassName != nil && v != *ing.Spec.IngressClassName {
		// The server's path is "annotations.kubernetes.io/ingress.class".
		allErrs = append(allErrs, field.Invalid(field.NewPath("annotations").Child(annotationIngressClass), v, "must match `ingressClassName` when both are specified"))
	}
	return objectmeta.Finish(allErrs, &ing.ObjectMeta, true)
}

func validateIngressSpec(spec *networkingv1.IngressSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if len(spec.Rules) == 0 && spec.DefaultBackend == nil {
		allErrs = append(allErrs, field.Invalid(fldPath, spec.Rules, "either `defaultBackend` or `rules` must be specified"))
	}
	if spec.DefaultBackend != nil {
		allErrs = append(allErrs, validateIngressBackend(spec.DefaultBackend, fldPath.Child("defaultBackend"))...)
	}
	for i, rule := range spec.Rules {
		rulePath := fldPath.Child("rules").Index(i)
		if len(rule.Host) > 0 {
			hostPath := rulePath.Child("host")
			if netutils.ParseIPSloppy(rule.Host) != nil {
				allErrs = append(allErrs, field.Invalid(hostPath, rule.Host, "must be a DNS name, not an IP address"))
			}
			allErrs = append(allErrs, validateHost(rule.Host, hostPath)...)
		}
		if rule.HTTP != nil {
			httpPath := rulePath.Child("http")
			if len(rule.HTTP.Paths) == 0 {
				allErrs = append(allErrs, field.Required(httpPath.Child("paths"), ""))
			}
			for j := range rule.HTTP.Paths {
				allErrs = append(allErrs, validateHTTPIngressPath(&rule.HTTP.Paths[j], httpPath.Child("paths").Index(j))...)
			}
		}
	}
	for i, tls := range spec.TLS {
		tlsPath := fldPath.Child("tls").Index(i)
		for j, host := range tls.Hosts {
			allErrs = append(allErrs, validateHost(host, tlsPath.Child("hosts").Index(j))...)
		}
		if tls.SecretName != "" {
			for _, msg := range names.NameIsDNSSubdomain(tls.SecretName, false) {
				allErrs = append(allErrs, field.Invalid(tlsPath.Child("secretName"), tls.SecretName, msg))
			}
		}
	}
	if spec.IngressClassName != nil {
		for _, msg := range names.NameIsDNSSubdomain(*spec.IngressClassName, false) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("ingressClassName"), *spec.IngressClassName, msg))
		}
	}
	return allErrs
}

// validateHost checks a host name, which may start with a "*." wildcard.
func validateHost(host string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	check := names.DNS1123SubdomainErrors
	if strings.Contains(host, "*") {
		check = validation.IsWildcardDNS1123Subdomain
	}
	for _, msg := range check(host) {
		allErrs = append(allErrs, field.Invalid(fldPath, host, msg))
	}
	return allErrs
}

func validateHTTPIngressPath(p *networkingv1.HTTPIngressPath, fldPath *field.Path) field.ErrorList {
	if p.PathType == nil {
		return field.ErrorList{field.Required(fldPath.Child("pathType"), "pathType must be specified")}
	}
	var allErrs field.ErrorList
	pathPath := fldPath.Child("path")
	switch *p.PathType {
	case networkingv1.PathTypeExact, networkingv1.PathTypePrefix:
		if !strings.HasPrefix(p.Path, "/") {
			allErrs = append(allErrs, field.Invalid(pathPath, p.Path, "must be an absolute path"))
		}
		if len(p.Path) > 0 {
			for _, seq := range invalidPathSequences {
				if strings.Contains(p.Path, seq) {
					allErrs = append(allErrs, field.Invalid(pathPath, p.Path, fmt.Sprintf("must not contain '%s'", seq)))
				}
			}
			for _, suffix := range invalidPathSuffixes {
				if strings.HasSuffix(p.Path, suffix) {
					allErrs = append(allErrs, field.Invalid(pathPath, p.Path, fmt.Sprintf("cannot end with '%s'", suffix)))
				}
			}
		}
	case networkingv1.PathTypeImplementationSpecific:
		if len(p.Path) > 0 && !strings.HasPrefix(p.Path, "/") {
			allErrs = append(allErrs, field.Invalid(pathPath, p.Path, "must be an absolute path"))
		}
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("pathType"), *p.PathType, supportedPathTypes))
	}
	return append(allErrs, validateIngressBackend(&p.Backend, fldPath.Child("backend"))...)
}

func validateIngressBackend(b *networkingv1.IngressBackend, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch {
	case b.Resource != nil && b.Service != nil:
		return field.ErrorList{field.Invalid(fldPath, "", "cannot set both resource and service backends")}
	case b.Resource != nil:
		allErrs = append(allErrs, validateTypedLocalObjectReference(b.Resource, fldPath.Child("resource"))...)
	case b.Service != nil:
		if len(b.Service.Name) == 0 {
			allErrs = append(allErrs, field.Required(fldPath.Child("service", "name"), ""))
		} else {
			// Service names are DNS-1123 labels since v1.37
			// (RelaxedServiceNameValidation, locked on).
			for _, msg := range names.NameIsDNSLabel(b.Service.Name, false) {
				allErrs = append(allErrs, field.Invalid(fldPath.Child("service", "name"), b.Service.Name, msg))
			}
		}
		port := b.Service.Port
		switch {
		case port.Name != "" && port.Number != 0:
			allErrs = append(allErrs, field.Invalid(fldPath, "", "cannot set both port name & port number"))
		case port.Name != "":
			for _, msg := range names.PortNameErrors(port.Name) {
				allErrs = append(allErrs, field.Invalid(fldPath.Child("service", "port", "name"), port.Name, msg))
			}
		case port.Number != 0:
			for _, msg := range validation.IsValidPortNum(int(port.Number)) {
				allErrs = append(allErrs, field.Invalid(fldPath.Child("service", "port", "number"), port.Number, msg))
			}
		default:
			allErrs = append(allErrs, field.Required(fldPath, "port name or number is required"))
		}
	default:
		allErrs = append(allErrs, field.Invalid(fldPath, "", "resource or service backend is required"))
	}
	return allErrs
}

func validateTypedLocalObjectReference(ref *corev1.TypedLocalObjectReference, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if ref.APIGroup != nil {
		for _, msg := range names.DNS1123SubdomainErrors(*ref.APIGroup) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("apiGroup"), *ref.APIGroup, msg))
		}
	}
	allErrs = append(allErrs, validateSegment(ref.Kind, fldPath.Child("kind"))...)
	allErrs = append(allErrs, validateSegment(ref.Name, fldPath.Child("name"))...)
	return allErrs
}

// validateSegment requires value and requires it to be a path segment.
func validateSegment(value string, fldPath *field.Path) field.ErrorList {
	if value == "" {
		return field.ErrorList{field.Required(fldPath, "")}
	}
	var allErrs field.ErrorList
	for _, msg := range path.IsValidPathSegmentName(value) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	return allErrs
}

// IngressClassWithDefaults returns a copy of ic with the server's default:
// parameters without a scope are cluster-scoped.
func IngressClassWithDefaults(ic *networkingv1.IngressClass) *networkingv1.IngressClass {
	ic = ic.DeepCopy()
	if p := ic.Spec.Parameters; p != nil && p.Scope == nil {
		p.Scope = ptr.To(networkingv1.IngressClassParametersReferenceScopeCluster)
	}
	return ic
}

// ValidateIngressClass returns the server's errors for creating ic: its
// metadata, its controller (a domain-prefixed path of at most 250
// characters) and its parameters reference.
func ValidateIngressClass(ic *networkingv1.IngressClass, _ Options) field.ErrorList {
	ic = IngressClassWithDefaults(ic)
	objectmeta.Prepare(&ic.ObjectMeta, false)
	allErrs := objectmeta.Validate(&ic.ObjectMeta, false, names.NameIsDNSSubdomain, true, field.NewPath("metadata"))
	fldPath := field.NewPath("spec")
	if len(ic.Spec.Controller) > maxLenIngressClassController {
		allErrs = append(allErrs, field.TooLong(fldPath.Child("controller"), "", maxLenIngressClassController))
	}
	allErrs = append(allErrs, validation.IsDomainPrefixedPath(fldPath.Child("controller"), ic.Spec.Controller)...)
	if p := ic.Spec.Parameters; p != nil {
		allErrs = append(allErrs, validateParametersReference(p, fldPath.Child("parameters"))...)
	}
	return objectmeta.Finish(allErrs, &ic.ObjectMeta, false)
}

func validateParametersReference(p *networkingv1.IngressClassParametersReference, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if p.APIGroup != nil {
		for _, msg := range names.DNS1123SubdomainErrors(*p.APIGroup) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("apiGroup"), *p.APIGroup, msg))
		}
	}
	allErrs = append(allErrs, validateSegment(p.Kind, fldPath.Child("kind"))...)
	allErrs = append(allErrs, validateSegment(p.Name, fldPath.Child("name"))...)
	if p.Scope == nil {
		return append(allErrs, field.Required(fldPath.Child("scope"), ""))
	}
	scope := *p.Scope
	if !slices.Contains(supportedScopes, scope) {
		return append(allErrs, field.NotSupported(fldPath.Child("scope"), scope, supportedScopes))
	}
	if scope == networkingv1.IngressClassParametersReferenceScopeNamespace {
		if p.Namespace == nil {
			allErrs = append(allErrs, field.Required(fldPath.Child("namespace"), "`parameters.scope` is set to 'Namespace'"))
		} else {
			for _, msg := range names.NameIsDNSLabel(*p.Namespace, false) {
				allErrs = append(allErrs, field.Invalid(fldPath.Child("namespace"), *p.Namespace, msg))
			}
		}
	}
	if scope == networkingv1.IngressClassParametersReferenceScopeCluster && p.Namespace != nil {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("namespace"), "`parameters.scope` is set to 'Cluster'"))
	}
	return allErrs
}
