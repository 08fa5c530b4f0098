package manifest

import (
	"slices"
	"strings"
	"sync"

	"github.com/daemonlint/daemonlint/internal/suggest"
)

// builtinKinds lists, by API group, the kinds that Kubernetes itself
// defines: those a v1.37 API server serves, and those it served in earlier
// releases (so that an old manifest's kind is still recognised as a
// Kubernetes kind, and its apiVersion can be judged on its own).
var builtinKinds = map[string][]string{
	"": {"Binding", "ComponentStatus", "ConfigMap", "Endpoints", "Event", "LimitRange",
		"Namespace", "Node", "PersistentVolume", "PersistentVolumeClaim", "Pod", "PodTemplate",
		"ReplicationController", "ResourceQuota", "Secret", "Service", "ServiceAccount", "List"},
	"admissionregistration.k8s.io": {"MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding",
		"MutatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
		"ValidatingWebhookConfiguration"},
	"apiextensions.k8s.io":         {"CustomResourceDefinition"},
	"apiregistration.k8s.io":       {"APIService"},
	"apps":                         {"ControllerRevision", "DaemonSet", "Deployment", "ReplicaSet", "StatefulSet"},
	"authentication.k8s.io":        {"SelfSubjectReview", "TokenRequest", "TokenReview"},
	"authorization.k8s.io":         {"LocalSubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview", "SubjectAccessReview"},
	"autoscaling":                  {"HorizontalPodAutoscaler", "Scale"},
	"batch":                        {"CronJob", "Job"},
	"certificates.k8s.io":          {"CertificateSigningRequest", "ClusterTrustBundle", "PodCertificateRequest"},
	"coordination.k8s.io":          {"Lease", "LeaseCandidate"},
	"discovery.k8s.io":             {"EndpointSlice"},
	"events.k8s.io":                {"Event"},
	"extensions":                   {"DaemonSet", "Deployment", "Ingress", "NetworkPolicy", "PodSecurityPolicy", "ReplicaSet"},
	"flowcontrol.apiserver.k8s.io": {"FlowSchema", "PriorityLevelConfiguration"},
	"internal.apiserver.k8s.io":    {"StorageVersion"},
	"lifecycle.k8s.io":             {"EvictionRequest"},
	"networking.k8s.io":            {"IPAddress", "Ingress", "IngressClass", "NetworkPolicy", "ServiceCIDR"},
	"node.k8s.io":                  {"RuntimeClass"},
	"policy":                       {"Eviction", "PodDisruptionBudget", "PodSecurityPolicy"},
	"rbac.authorization.k8s.io":    {"ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"},
	"resource.k8s.io": {"DeviceClass", "DeviceTaintRule", "ResourceClaim", "ResourceClaimTemplate",
		"ResourcePoolStatusRequest", "ResourceSlice"},
	"scheduling.k8s.io":       {"CompositePodGroup", "PodGroup", "PriorityClass", "Workload"},
	"storage.k8s.io":          {"CSIDriver", "CSINode", "CSIStorageCapacity", "StorageClass", "VolumeAttachment", "VolumeAttributesClass"},
	"storagemigration.k8s.io": {"StorageVersionMigration"},
}

// IsBuiltinGroup reports whether group is an API group that Kubernetes
// itself defines ("" is the core group). Custom resources live in others.
func IsBuiltinGroup(group string) bool {
	_, ok := builtinKinds[group]
	return ok
}

// IsBuiltinKind reports whether kind is a kind that Kubernetes defines in
// group, or a list of such a kind ("ConfigMapList").
func IsBuiltinKind(group, kind string) bool {
	kinds := builtinKinds[group]
	for _, k := range kinds {
		if k == kind {
			return true
		}
	}
	if base, ok := strings.CutSuffix(kind, "List"); ok && base != "" {
		for _, k := range kinds {
			if k == base {
				return true
			}
		}
	}
	return false
}

// GroupsOfKind returns the built-in API groups that define kind, in a
// stable order. The slice is shared: do not change its elements.
func GroupsOfKind(kind string) []string {
	groups := kindGroups()[kind]
	return groups[:len(groups):len(groups)] // an append copies
}

// groupsOfKind is GroupsOfKind, searching every group.
func groupsOfKind(kind string) []string {
	var groups []string
	for _, g := range builtinGroupOrder {
		if IsBuiltinKind(g, kind) {
			groups = append(groups, g)
		}
	}
	return groups
}

// kindGroups holds the result of groupsOfKind for every kind it is not
// empty for: each built-in kind and each list kind.
var kindGroups = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for _, kinds := range builtinKinds {
		for _, k := range kinds {
			for _, kind := range []string{k, k + "List"} {
				if _, ok := m[kind]; !ok {
					m[kind] = groupsOfKind(kind)
				}
			}
		}
	}
	return m
})

// builtinGroupOrder is the order in which groups are searched: the groups
// most manifests use first, so that a suggestion prefers apps over
// extensions.
var builtinGroupOrder = []string{
	"", "apps", "batch", "autoscaling", "policy", "networking.k8s.io", "rbac.authorization.k8s.io",
	"storage.k8s.io", "scheduling.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io",
	"apiregistration.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
	"node.k8s.io", "certificates.k8s.io", "flowcontrol.apiserver.k8s.io", "resource.k8s.io",
	"authentication.k8s.io", "authorization.k8s.io", "internal.apiserver.k8s.io",
	"lifecycle.k8s.io", "storagemigration.k8s.io", "extensions",
}

// PreferredAPIVersion is the apiVersion to suggest for a kind of a group.
func PreferredAPIVersion(group, kind string) string {
	switch group {
	case "":
		return "v1"
	case "extensions":
		switch kind {
		case "DaemonSet", "Deployment", "ReplicaSet":
			return "apps/v1"
		case "Ingress", "NetworkPolicy":
			return "networking.k8s.io/v1"
		}
		return "extensions/v1beta1"
	case "autoscaling":
		return "autoscaling/v2"
	}
	return group + "/v1"
}

// KindsOf returns the built-in kinds of API group, sorted.
func KindsOf(group string) []string {
	kinds := slices.Clone(builtinKinds[group])
	slices.Sort(kinds)
	return kinds
}

// ClosestKind returns the built-in kind that kind most likely misspells,
// and its group: first among the kinds of group, then among all built-in
// kinds. It matches case-insensitively, as a plural, and within a small
// edit distance, and returns "" when no single kind is closest.
func ClosestKind(kind, group string, haveGroup bool) (string, string) {
	if haveGroup {
		if k := closestKind(kind, builtinKinds[group]); k != "" {
			return k, group
		}
	}
	var best, bestGroup string
	bestDist := -1
	ambiguous := false
	for _, g := range builtinGroupOrder {
		k := closestKind(kind, builtinKinds[g])
		if k == "" {
			continue
		}
		d := kindDistance(kind, k)
		switch {
		case bestDist < 0 || d < bestDist:
			best, bestGroup, bestDist, ambiguous = k, g, d, false
		case d == bestDist && k != best:
			ambiguous = true
		}
	}
	if ambiguous {
		return "", ""
	}
	return best, bestGroup
}

// closestKind returns the one kind of kinds that kind is closest to, within
// the allowed distance (1 for short kinds, 2, 3 for long ones), or "".
func closestKind(kind string, kinds []string) string {
	candidates := slices.DeleteFunc(slices.Clone(kinds), func(k string) bool { return k == "List" })
	return suggest.Search{Distance: kindDistance, Max: maxKindDistance}.Closest(kind, candidates)
}

func maxKindDistance(k string) int {
	switch {
	case len(k) <= 4:
		return 1
	case len(k) <= 12:
		return 2
	}
	return 3
}

// kindDistance measures how far a written kind is from a real one: 0 when
// they differ only in case or by a plural ending, otherwise the
// Damerau-Levenshtein distance of their lower-case forms.
func kindDistance(written, real string) int {
	w, r := strings.ToLower(written), strings.ToLower(real)
	if w == r {
		return 0
	}
	for _, plural := range []string{r + "s", r + "es", strings.TrimSuffix(r, "y") + "ies"} {
		if w == plural {
			return 0
		}
	}
	return suggest.Distance(w, r)
}

// SuggestKind returns the built-in kind that kind names or most likely
// misspells, for an object of apiVersion: kind itself when it is a kind of
// the apiVersion's group, otherwise the one kind it is a letter case, a
// plural ending or a small typo away from (as the kind-spelling rule
// suggests it), or "" when no single kind is closest. The converter uses it
// to recognise a ReplicaSet written "Replicaset" or "ReplicaSets".
func SuggestKind(kind, apiVersion string) string {
	if kind == "" {
		return ""
	}
	group, _ := SplitAPIVersion(apiVersion)
	if apiVersion != "" && IsBuiltinKind(group, kind) {
		return kind
	}
	k, _ := ClosestKind(kind, group, apiVersion != "")
	return k
}
