package coreobjects

import (
	"fmt"
	"net/netip"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
	netutils "k8s.io/utils/net"
	"k8s.io/utils/ptr"
)

// allocate is the Service storage's create hook: it normalizes clusterIPs,
// settles the IP families (initIPFamilyFields) and allocates cluster IPs
// and node ports, returning the errors that make the server stop.
func allocate(svc *corev1.Service, cidr netip.Prefix) field.ErrorList {
	spec := &svc.Spec
	if spec.ClusterIP != "" && len(spec.ClusterIPs) == 0 {
		spec.ClusterIPs = []string{spec.ClusterIP}
	}
	if errs := initIPFamilyFields(svc, cidr); len(errs) > 0 {
		return errs
	}
	if spec.Type != corev1.ServiceTypeExternalName && !(len(spec.ClusterIPs) > 0 && spec.ClusterIPs[0] == corev1.ClusterIPNone) {
		for i := range spec.IPFamilies {
			if i >= len(spec.ClusterIPs) {
				spec.ClusterIPs = append(spec.ClusterIPs, "")
			}
			ip := spec.ClusterIPs[i]
			if ip == "" {
				spec.ClusterIPs[i] = firstIP(cidr).String()
			} else if !inServiceRange(ip, cidr) {
				return field.ErrorList{field.Invalid(field.NewPath("spec", "clusterIPs"), spec.ClusterIPs,
					fmt.Sprintf("failed to allocate IP %v: the provided IP (%v) is not in the valid range. The range of valid IPs is %s", ip, ip, cidr))}
			}
			if i == 0 {
				spec.ClusterIP = spec.ClusterIPs[0]
			}
		}
	}
	if spec.Type == corev1.ServiceTypeNodePort || spec.Type == corev1.ServiceTypeLoadBalancer {
		if errs := allocateNodePorts(svc); len(errs) > 0 {
			return errs
		}
	}
	if spec.Type == corev1.ServiceTypeLoadBalancer && spec.ExternalTrafficPolicy == corev1.ServiceExternalTrafficPolicyLocal && spec.HealthCheckNodePort == 0 {
		spec.HealthCheckNodePort = healthCheckNodePortStandsFor
	}
	return nil
}

// allocateNodePorts is the Service storage's initNodePorts in a dry run:
// requested node ports are kept (not range-checked) but may be taken only
// once, ports of the same number share one, and the others get a free one
// when the Service needs node ports.
func allocateNodePorts(svc *corev1.Service) field.ErrorList {
	spec := &svc.Spec
	shouldAllocate := spec.Type == corev1.ServiceTypeNodePort ||
		(spec.Type == corev1.ServiceTypeLoadBalancer && *spec.AllocateLoadBalancerNodePorts)
	requested := map[int32]bool{}
	for _, sp := range spec.Ports {
		if sp.NodePort != 0 {
			requested[sp.NodePort] = true
		}
	}
	allocated := map[int32]bool{}
	take := func(i int, np int32) field.ErrorList {
		if allocated[np] {
			return field.ErrorList{field.Invalid(field.NewPath("spec", "ports").Index(i).Child("nodePort"), np, "provided port is already allocated")}
		}
		allocated[np] = true
		return nil
	}
	next := int32(firstNodePortForDefaulting)
	byPort := map[int32]int32{}
	for i := range spec.Ports {
		sp := &spec.Ports[i]
		if sp.NodePort == 0 && !shouldAllocate {
			continue
		}
		np := byPort[sp.Port]
		switch {
		case np == 0:
			req := int32(0)
			for _, other := range spec.Ports {
				if other.Port == sp.Port && other.NodePort != 0 {
					req = other.NodePort
					break
				}
			}
			if req != 0 {
				if errs := take(i, req); errs != nil {
					return errs
				}
				sp.NodePort = req
			} else {
				for requested[next] || allocated[next] {
					next++
				}
				allocated[next] = true
				sp.NodePort = next
			}
			byPort[sp.Port] = sp.NodePort
		case sp.NodePort == 0:
			sp.NodePort = np
		case sp.NodePort != np:
			if errs := take(i, sp.NodePort); errs != nil {
				return errs
			}
		}
	}
	return nil
}

// firstIP is the first address the allocator can hand out in cidr.
func firstIP(cidr netip.Prefix) netip.Addr {
	return cidr.Addr().Next()
}

// inServiceRange reports whether ip can be allocated from cidr: inside it,
// and for IPv4 neither its network nor its broadcast address.
func inServiceRange(ip string, cidr netip.Prefix) bool {
	parsed := netutils.ParseIPSloppy(ip)
	if parsed == nil {
		return false
	}
	addr, ok := netip.AddrFromSlice(parsed)
	if !ok {
		return false
	}
	addr = addr.Unmap()
	if !cidr.Contains(addr) || addr == cidr.Addr() {
		return false
	}
	if addr.Is4() {
		last := cidr.Addr().As4()
		bits := 32 - cidr.Bits()
		for i := 3; i >= 0 && bits > 0; i-- {
			n := min(bits, 8)
			last[i] |= byte(1<<n - 1)
			bits -= n
		}
		if addr == netip.AddrFrom4(last) {
			return false
		}
	}
	return true
}

// familyOf returns the IP family of ip.
func familyOf(ip string) corev1.IPFamily {
	if netutils.IsIPv6String(ip) {
		return corev1.IPv6Protocol
	}
	return corev1.IPv4Protocol
}

// initIPFamilyFields is the Service storage's initIPFamilyFields for a
// create on a single-stack cluster whose family is that of cidr.
func initIPFamilyFields(svc *corev1.Service, cidr netip.Prefix) field.ErrorList {
	spec := &svc.Spec
	if spec.Type == corev1.ServiceTypeExternalName {
		return nil
	}
	clusterFamily := corev1.IPv4Protocol
	if cidr.Addr().Is6() {
		clusterFamily = corev1.IPv6Protocol
	}
	if spec.IPFamilyPolicy == nil {
		if spec.ClusterIP == corev1.ClusterIPNone && len(spec.Selector) == 0 {
			spec.IPFamilyPolicy = ptr.To(corev1.IPFamilyPolicyRequireDualStack)
		} else {
			spec.IPFamilyPolicy = ptr.To(corev1.IPFamilyPolicySingleStack)
		}
	}
	if el := validateClusterIPsRelatedFields(svc); len(el) != 0 {
		return el
	}
	var el field.ErrorList
	policyPath := field.NewPath("spec", "ipFamilyPolicy")
	if *spec.IPFamilyPolicy == corev1.IPFamilyPolicySingleStack {
		if len(spec.ClusterIPs) == 2 {
			el = append(el, field.Invalid(policyPath, spec.IPFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"))
		}
		if len(spec.IPFamilies) == 2 {
			el = append(el, field.Invalid(policyPath, spec.IPFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"))
		}
	}
	for i, ip := range spec.ClusterIPs {
		if ip == corev1.ClusterIPNone {
			break
		}
		fam := familyOf(ip)
		if i >= len(spec.IPFamilies) {
			if fam != clusterFamily {
				el = append(el, field.Invalid(field.NewPath("spec", "clusterIPs").Index(i), spec.ClusterIPs, fmt.Sprintf("%s is not configured on this cluster", fam)))
			} else {
				spec.IPFamilies = append(spec.IPFamilies, fam)
			}
		}
	}
	if len(el) > 0 {
		return el
	}
	if spec.ClusterIP == corev1.ClusterIPNone && len(spec.Selector) == 0 {
		if len(spec.IPFamilies) == 0 {
			spec.IPFamilies = []corev1.IPFamily{clusterFamily}
		}
		if len(spec.IPFamilies) < 2 && *spec.IPFamilyPolicy != corev1.IPFamilyPolicySingleStack {
			if spec.IPFamilies[0] == corev1.IPv4Protocol {
				spec.IPFamilies = append(spec.IPFamilies, corev1.IPv6Protocol)
			} else {
				spec.IPFamilies = append(spec.IPFamilies, corev1.IPv4Protocol)
			}
		}
		return nil
	}
	if *spec.IPFamilyPolicy == corev1.IPFamilyPolicyRequireDualStack {
		el = append(el, field.Invalid(policyPath, spec.IPFamilyPolicy, "this cluster is not configured for dual-stack services"))
	}
	for i, fam := range spec.IPFamilies {
		if fam != clusterFamily {
			el = append(el, field.Invalid(field.NewPath("spec", "ipFamilies").Index(i), fam, "not configured on this cluster"))
		}
	}
	if len(el) > 0 {
		return el
	}
	if len(spec.IPFamilies) == 0 {
		spec.IPFamilies = []corev1.IPFamily{clusterFamily}
	}
	return nil
}
