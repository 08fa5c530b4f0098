package networking

import (
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
	netutils "k8s.io/utils/net"
	"k8s.io/utils/ptr"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
	"github.com/daemonlint/daemonlint/apivalidation/objectmeta"
)

// NetworkPolicyWithDefaults returns a copy of np with the server's
// defaults: port protocol TCP, and policyTypes Ingress (plus Egress when
// there are egress rules) when none are given.
func NetworkPolicyWithDefaults(np *networkingv1.NetworkPolicy) *networkingv1.NetworkPolicy {
	np = np.DeepCopy()
	for i := range np.Spec.Ingress {
		for j := range np.Spec.Ingress[i].Ports {
			if np.Spec.Ingress[i].Ports[j].Protocol == nil {
				np.Spec.Ingress[i].Ports[j].Protocol = ptr.To(corev1.ProtocolTCP)
			}
		}
	}
	for i := range np.Spec.Egress {
		for j := range np.Spec.Egress[i].Ports {
			if np.Spec.Egress[i].Ports[j].Protocol == nil {
				np.Spec.Egress[i].Ports[j].Protocol = ptr.To(corev1.ProtocolTCP)
			}
		}
	}
	if len(np.Spec.PolicyTypes) == 0 {
		np.Spec.PolicyTypes = []networkingv1.PolicyType{networkingv1.PolicyTypeIngress}
		if len(np.Spec.Egress) != 0 {
			np.Spec.PolicyTypes = append(np.Spec.PolicyTypes, networkingv1.PolicyTypeEgress)
		}
	}
	return np
}

// ValidateNetworkPolicy returns the server's errors for creating np: its
// metadata, its pod selector, the ports and peers of its rules (a peer is
// one ipBlock, or pod and namespace selectors; an ipBlock's except ranges
// lie strictly inside its cidr) and its policyTypes.
func ValidateNetworkPolicy(np *networkingv1.NetworkPolicy, _ Options) field.ErrorList {
	np = NetworkPolicyWithDefaults(np)
	objectmeta.Prepare(&np.ObjectMeta, true)
	allErrs := objectmeta.Validate(&np.ObjectMeta, true, names.NameIsDNSSubdomain, true, field.NewPath("metadata"))
	allErrs = append(allErrs, validateNetworkPolicySpec(&np.Spec, field.NewPath("spec"))...)
	return objectmeta.Finish(allErrs, &np.ObjectMeta, true)
}

func validateNetworkPolicySpec(spec *networkingv1.NetworkPolicySpec, fldPath *field.Path) field.ErrorList {
	opts := metav1validation.LabelSelectorValidationOptions{}
	allErrs := metav1validation.ValidateLabelSelector(&spec.PodSelector, opts, fldPath.Child("podSelector"))
	for i, ingress := range spec.Ingress {
		ingressPath := fldPath.Child("ingress").Index(i)
		for j := range ingress.Ports {
			allErrs = append(allErrs, validateNetworkPolicyPort(&ingress.Ports[j], ingressPath.Child("ports").Index(j))...)
		}
		for j := range ingress.From {
			allErrs = append(allErrs, validateNetworkPolicyPeer(&ingress.From[j], ingressPath.Child("from").Index(j))...)
		}
	}
	for i, egress := range spec.Egress {
		egressPath := fldPath.Child("egress").Index(i)
		for j := range egress.Ports {
			allErrs = append(allErrs, validateNetworkPolicyPort(&egress.Ports[j], egressPath.Child("ports").Index(j))...)
		}
		for j := range egress.To {
			allErrs = append(allErrs, validateNetworkPolicyPeer(&egress.To[j], egressPath.Child("to").Index(j))...)
		}
	}
	if len(spec.PolicyTypes) > 2 {
		return append(allErrs, field.Invalid(fldPath.Child("policyTypes"), &spec.PolicyTypes, "may not specify more than two policyTypes"))
	}
	for i, t := range spec.PolicyTypes {
		if t != networkingv1.PolicyTypeIngress && t != networkingv1.PolicyTypeEgress {
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("policyTypes").Index(i), t, []string{string(networkingv1.PolicyTypeIngress), string(networkingv1.PolicyTypeEgress)}))
		}
	}
	return allErrs
}

func validateNetworkPolicyPort(port *networkingv1.NetworkPolicyPort, portPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if p := port.Protocol; p != nil && *p != corev1.ProtocolTCP && *p != corev1.ProtocolUDP && *p != corev1.ProtocolSCTP {
		allErrs = append(allErrs, field.NotSupported(portPath.Child("protocol"), *p, []string{string(corev1.ProtocolTCP), string(corev1.ProtocolUDP), string(corev1.ProtocolSCTP)}))
	}
	switch {
	case port.Port == nil:
		if port.EndPort != nil {
			allErrs = append(allErrs, field.Invalid(portPath.Child("endPort"), *port.EndPort, "may not be specified when `port` is not specified"))
		}
	case port.Port.Type == intstr.Int:
		for _, msg := range validation.IsValidPortNum(int(port.Port.IntVal)) {
			allErrs = append(allErrs, field.Invalid(portPath.Child("port"), port.Port.IntVal, msg))
		}
		if port.EndPort != nil {
			if *port.EndPort < port.Port.IntVal {
				allErrs = append(allErrs, field.Invalid(portPath.Child("endPort"), *port.EndPort, "must be greater than or equal to `port`"))
			}
			for _, msg := range validation.IsValidPortNum(int(*port.EndPort)) {
				allErrs = append(allErrs, field.Invalid(portPath.Child("endPort"), *port.EndPort, msg))
			}
		}
	default:
		if port.EndPort != nil {
			allErrs = append(allErrs, field.Invalid(portPath.Child("endPort"), *port.EndPort, "may not be specified when `port` is non-numeric"))
		}
		for _, msg := range names.PortNameErrors(port.Port.StrVal) {
			allErrs = append(allErrs, field.Invalid(portPath.Child("port"), port.Port.StrVal, msg))
		}
	}
	return allErrs
}

func validateNetworkPolicyPeer(peer *networkingv1.NetworkPolicyPeer, peerPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	opts := metav1validation.LabelSelectorValidationOptions{}
	numPeers := 0
	if peer.PodSelector != nil {
		numPeers++
		allErrs = append(allErrs, metav1validation.ValidateLabelSelector(peer.PodSelector, opts, peerPath.Child("podSelector"))...)
	}
	if peer.NamespaceSelector != nil {
		numPeers++
		allErrs = append(allErrs, metav1validation.ValidateLabelSelector(peer.NamespaceSelector, opts, peerPath.Child("namespaceSelector"))...)
	}
	if peer.IPBlock != nil {
		numPeers++
		allErrs = append(allErrs, validateIPBlock(peer.IPBlock, peerPath.Child("ipBlock"))...)
	}
	if numPeers == 0 {
		allErrs = append(allErrs, field.Required(peerPath, "must specify a peer"))
	} else if numPeers > 1 && peer.IPBlock != nil {
		allErrs = append(allErrs, field.Forbidden(peerPath, "may not specify both ipBlock and another peer"))
	}
	return allErrs
}

func validateIPBlock(ipb *networkingv1.IPBlock, fldPath *field.Path) field.ErrorList {
	if ipb.CIDR == "" {
		return field.ErrorList{field.Required(fldPath.Child("cidr"), "")}
	}
	allErrs := validation.IsValidCIDRForLegacyField(fldPath.Child("cidr"), ipb.CIDR, true, nil)
	_, cidrNet, err := netutils.ParseCIDRSloppy(ipb.CIDR)
	if err != nil {
		return allErrs
	}
	for i, except := range ipb.Except {
		exceptPath := fldPath.Child("except").Index(i)
		allErrs = append(allErrs, validation.IsValidCIDRForLegacyField(exceptPath, except, true, nil)...)
		_, exceptNet, err := netutils.ParseCIDRSloppy(except)
		if err != nil {
			continue
		}
		cidrLen, _ := cidrNet.Mask.Size()
		exceptLen, _ := exceptNet.Mask.Size()
		if !cidrNet.Contains(exceptNet.IP) || cidrLen >= exceptLen {
			allErrs = append(allErrs, field.Invalid(exceptPath, except, "must be a strict subset of `cidr`"))
		}
	}
	return allErrs
}
