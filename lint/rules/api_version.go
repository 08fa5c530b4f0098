package rules

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/schema"
	"github.com/daemonlint/daemonlint/internal/yamledit"
	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// APIVersion reports a built-in kind under an apiVersion that the target
// release's API server (the newest by default) does not serve: a version removed in an earlier release, or a group
// that does not define the kind.
var APIVersion = &lint.Rule{
	Name: "api-version",
	Doc: `The apiVersion must serve the kind

kubectl maps apiVersion and kind to a resource of the API server and fails
with "no matches for kind" when the server does not serve that pair. Many
manifests still carry versions that Kubernetes removed: extensions/v1beta1,
apps/v1beta1 and apps/v1beta2 DaemonSets, ReplicaSets and Deployments
(removed in 1.16; use apps/v1), policy/v1beta1 PodDisruptionBudgets and
batch/v1beta1 CronJobs (1.25), networking.k8s.io/v1beta1 Ingresses (1.22),
and others. A kind under a group that does not define it (a DaemonSet in v1)
is reported with the apiVersion that serves it.

A built-in kind under a misspelt group ("app/v1", "Apps/v1",
"extension/v1beta1", "apps.k8s.io/v1", "core/v1"), a version its group never
had ("batch/v2") or a version without its group ("v1beta1" for a Deployment)
is not a custom resource: kubectl refuses it too. The rule names the
apiVersion that was meant and the fix writes it. Only a group that can be a
custom resource's (lower case, with a dot, and not a misspelling of a
built-in group, such as stable.example.com) makes a custom resource.

For the workloads moved to apps/v1 the fix is certain: it writes apps/v1 and,
when spec.selector is missing, the selector the old API defaulted from the
pod template's labels (apps/v1 has no default). Note that an
extensions/v1beta1 DaemonSet defaulted its updateStrategy to OnDelete, and
apps/v1 defaults to RollingUpdate. Custom resources are never reported, and
misspelled kinds are kind-spelling's.

The release judged for is the newest by default; --kubernetes-version
(kubernetesVersion in the configuration) names another, from 1.22 on: a
FlowSchema in flowcontrol.apiserver.k8s.io/v1beta3 is served by 1.30 and
reported from 1.32, which removed it; a kind that a newer release adds is
reported with the release that adds it. An apiVersion the target still
serves but deprecates is deprecated-api's.`,
	Bad: `apiVersion: extensions/v1beta1
kind: DaemonSet
`,
	Good: `apiVersion: apps/v1
kind: DaemonSet
`,
	Since:    "v0.1.0",
	Severity: lint.Error,
	Run:      runAPIVersion,
}

// removedVersion is an apiVersion a kind was once served under.
type removedVersion struct {
	removedIn string // the Kubernetes release that stopped serving it
	use       string // the apiVersion to use instead, or "" when the kind is gone
	fix       bool   // whether changing the apiVersion is a certain fix
	selector  bool   // whether the fix writes the selector the old version defaulted
}

// removedVersions are the apiVersions of built-in kinds that earlier
// releases served, by apiVersion and kind.
var removedVersions = map[[2]string]removedVersion{
	{"extensions/v1beta1", "DaemonSet"}:                                          {"1.16", "apps/v1", true, true},
	{"extensions/v1beta1", "Deployment"}:                                         {"1.16", "apps/v1", true, true},
	{"extensions/v1beta1", "ReplicaSet"}:                                         {"1.16", "apps/v1", true, true},
	{"apps/v1beta1", "Deployment"}:                                               {"1.16", "apps/v1", true, true},
	{"apps/v1beta1", "StatefulSet"}:                                              {"1.16", "apps/v1", false, false},
	{"apps/v1beta2", "DaemonSet"}:                                                {"1.16", "apps/v1", true, true},
	{"apps/v1beta2", "Deployment"}:                                               {"1.16", "apps/v1", true, true},
	{"apps/v1beta2", "ReplicaSet"}:                                               {"1.16", "apps/v1", true, true},
	{"apps/v1beta2", "StatefulSet"}:                                              {"1.16", "apps/v1", false, false},
	{"extensions/v1beta1", "NetworkPolicy"}:                                      {"1.16", "networking.k8s.io/v1", true, false},
	{"extensions/v1beta1", "Ingress"}:                                            {"1.22", "networking.k8s.io/v1", false, false},
	{"networking.k8s.io/v1beta1", "Ingress"}:                                     {"1.22", "networking.k8s.io/v1", false, false},
	{"networking.k8s.io/v1beta1", "IngressClass"}:                                {"1.22", "networking.k8s.io/v1", false, false},
	{"extensions/v1beta1", "PodSecurityPolicy"}:                                  {"1.16", "", false, false},
	{"policy/v1beta1", "PodSecurityPolicy"}:                                      {"1.25", "", false, false},
	{"policy/v1beta1", "PodDisruptionBudget"}:                                    {"1.25", "policy/v1", false, false},
	{"batch/v1beta1", "CronJob"}:                                                 {"1.25", "batch/v1", true, false},
	{"batch/v2alpha1", "CronJob"}:                                                {"1.21", "batch/v1", true, false},
	{"autoscaling/v2beta1", "HorizontalPodAutoscaler"}:                           {"1.25", "autoscaling/v2", false, false},
	{"autoscaling/v2beta2", "HorizontalPodAutoscaler"}:                           {"1.26", "autoscaling/v2", true, false}, // v2 is v2beta2 made GA, field for field
	{"rbac.authorization.k8s.io/v1beta1", "ClusterRole"}:                         {"1.22", "rbac.authorization.k8s.io/v1", true, false},
	{"rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding"}:                  {"1.22", "rbac.authorization.k8s.io/v1", true, false},
	{"rbac.authorization.k8s.io/v1beta1", "Role"}:                                {"1.22", "rbac.authorization.k8s.io/v1", true, false},
	{"rbac.authorization.k8s.io/v1beta1", "RoleBinding"}:                         {"1.22", "rbac.authorization.k8s.io/v1", true, false},
	{"apiextensions.k8s.io/v1beta1", "CustomResourceDefinition"}:                 {"1.22", "apiextensions.k8s.io/v1", false, false},
	{"apiregistration.k8s.io/v1beta1", "APIService"}:                             {"1.22", "apiregistration.k8s.io/v1", false, false},
	{"admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration"}:     {"1.22", "admissionregistration.k8s.io/v1", false, false},
	{"admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration"}:   {"1.22", "admissionregistration.k8s.io/v1", false, false},
	{"scheduling.k8s.io/v1beta1", "PriorityClass"}:                               {"1.22", "scheduling.k8s.io/v1", true, false},
	{"storage.k8s.io/v1beta1", "CSIDriver"}:                                      {"1.22", "storage.k8s.io/v1", false, false},
	{"storage.k8s.io/v1beta1", "CSINode"}:                                        {"1.22", "storage.k8s.io/v1", false, false},
	{"storage.k8s.io/v1beta1", "StorageClass"}:                                   {"1.22", "storage.k8s.io/v1", true, false},
	{"storage.k8s.io/v1beta1", "VolumeAttachment"}:                               {"1.22", "storage.k8s.io/v1", false, false},
	{"storage.k8s.io/v1beta1", "CSIStorageCapacity"}:                             {"1.27", "storage.k8s.io/v1", false, false},
	{"coordination.k8s.io/v1beta1", "Lease"}:                                     {"1.22", "coordination.k8s.io/v1", true, false},
	{"certificates.k8s.io/v1beta1", "CertificateSigningRequest"}:                 {"1.22", "certificates.k8s.io/v1", false, false},
	{"events.k8s.io/v1beta1", "Event"}:                                           {"1.25", "events.k8s.io/v1", false, false},
	{"discovery.k8s.io/v1beta1", "EndpointSlice"}:                                {"1.25", "discovery.k8s.io/v1", false, false},
	{"node.k8s.io/v1beta1", "RuntimeClass"}:                                      {"1.25", "node.k8s.io/v1", false, false},
	{"flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema"}:                       {"1.26", "flowcontrol.apiserver.k8s.io/v1", false, false},
	{"flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration"}:       {"1.26", "flowcontrol.apiserver.k8s.io/v1", false, false},
	{"flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema"}:                       {"1.29", "flowcontrol.apiserver.k8s.io/v1", false, false},
	{"flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration"}:       {"1.29", "flowcontrol.apiserver.k8s.io/v1", false, false},
	{"flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema"}:                       {"1.32", "flowcontrol.apiserver.k8s.io/v1", false, false},
	{"flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration"}:       {"1.32", "flowcontrol.apiserver.k8s.io/v1", false, false},
	{"admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicy"}:        {"1.32", "admissionregistration.k8s.io/v1", false, false},
	{"admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicyBinding"}: {"1.32", "admissionregistration.k8s.io/v1", false, false},
}

// servedVersions are the apiVersions a default v1.37 API server serves
// each built-in kind under. Kinds not listed are judged by their group
// alone.
var servedVersions = map[string][]string{
	"DaemonSet": {"apps/v1"}, "Deployment": {"apps/v1"}, "ReplicaSet": {"apps/v1"}, "StatefulSet": {"apps/v1"},
	"ControllerRevision": {"apps/v1"},
	"CronJob":            {"batch/v1"}, "Job": {"batch/v1"},
	"HorizontalPodAutoscaler": {"autoscaling/v2", "autoscaling/v1"},
	"PodDisruptionBudget":     {"policy/v1"}, "Eviction": {"policy/v1"},
	"Ingress": {"networking.k8s.io/v1"}, "IngressClass": {"networking.k8s.io/v1"}, "NetworkPolicy": {"networking.k8s.io/v1"},
	"ClusterRole": {"rbac.authorization.k8s.io/v1"}, "ClusterRoleBinding": {"rbac.authorization.k8s.io/v1"},
	"Role": {"rbac.authorization.k8s.io/v1"}, "RoleBinding": {"rbac.authorization.k8s.io/v1"},
	"PriorityClass": {"scheduling.k8s.io/v1"}, "RuntimeClass": {"node.k8s.io/v1"},
	"StorageClass": {"storage.k8s.io/v1"}, "CSIDriver": {"storage.k8s.io/v1"}, "CSINode": {"storage.k8s.io/v1"},
	"VolumeAttachment": {"storage.k8s.io/v1"}, "CSIStorageCapacity": {"storage.k8s.io/v1"},
	"CustomResourceDefinition":       {"apiextensions.k8s.io/v1"},
	"APIService":                     {"apiregistration.k8s.io/v1"},
	"MutatingWebhookConfiguration":   {"admissionregistration.k8s.io/v1"},
	"ValidatingWebhookConfiguration": {"admissionregistration.k8s.io/v1"},
	"Lease":                          {"coordination.k8s.io/v1"},
	"CertificateSigningRequest":      {"certificates.k8s.io/v1"},
	"EndpointSlice":                  {"discovery.k8s.io/v1"},
	"Event":                          {"v1", "events.k8s.io/v1"},
	"FlowSchema":                     {"flowcontrol.apiserver.k8s.io/v1"},
	"PriorityLevelConfiguration":     {"flowcontrol.apiserver.k8s.io/v1"},
	"PodSecurityPolicy":              {},
}

// servedAPIVersions returns the apiVersions that serve kind, and whether
// the rule knows them: from the table, or v1 for the core kinds.
func servedAPIVersions(kind string) ([]string, bool) {
	if v, ok := servedVersions[kind]; ok {
		return v, true
	}
	if manifest.IsBuiltinKind("", kind) {
		return []string{"v1"}, true
	}
	return nil, false
}

func runAPIVersion(p *lint.Pass) error {
	d := p.Doc
	n := yamlutil.ResolveAlias(d.Node)
	if n == nil || n.Kind != yaml.MappingNode || d.APIVersion == "" || d.Kind == "" || d.Kind == "List" {
		return nil // kind-spelling reports missing headers
	}
	if reportMisspeltAPIVersion(p, n) {
		return nil
	}
	group, _ := d.GroupVersion()
	if !manifest.IsBuiltinGroup(group) || len(manifest.GroupsOfKind(d.Kind)) == 0 {
		return nil // a custom resource, or a misspelled kind (kind-spelling's)
	}
	t := targetOf(p)
	avail := t.serves(d.APIVersion, d.Kind)
	if avail.Served {
		return nil // deprecated-api warns about what goes later
	}
	served, known := servedAPIVersions(d.Kind)
	if slices.Contains(served, d.APIVersion) && t.isDefault() {
		return nil
	}
	_, avNode := yamlutil.MappingPair(n, "apiVersion")
	span := p.File.ScalarSpan(yamlutil.ResolveAlias(avNode))
	report := func(msg string, fixes ...lint.Fix) {
		p.Report(lint.Diagnostic{Span: span, Field: "apiVersion", Message: msg, Fixes: fixes})
	}
	if !t.isDefault() {
		// The tables below are the newest release's; an older target
		// may not serve a kind yet, or may have removed it elsewhere.
		if reportForTarget(t, d.APIVersion, d.Kind, avail, report) {
			return nil
		}
	}
	if rv, ok := removedVersions[[2]string{d.APIVersion, d.Kind}]; ok {
		if rv.use == "" {
			report(fmt.Sprintf("apiVersion %q no longer serves %s (removed in Kubernetes %s), and no other version does", d.APIVersion, d.Kind, rv.removedIn))
			return nil
		}
		msg := fmt.Sprintf("apiVersion %q no longer serves %s (removed in Kubernetes %s); use %s", d.APIVersion, d.Kind, rv.removedIn, rv.use)
		if !rv.fix {
			// Where the releases' schemas show the kind unchanged, the
			// apiVersion is all there is to change.
			if same, known, err := schema.SameSchema(d.APIVersion, rv.use, d.Kind); err != nil || !known || !same {
				report(msg + " (the schema changed: check the fields)")
				return err
			}
			rv.fix = true
		}
		report(msg, apiVersionFix(p, n, yamlutil.ResolveAlias(avNode), rv))
		return nil
	}
	switch {
	case !known:
		// A kind whose served versions the rule does not track (alpha and
		// beta APIs come and go).
	case len(served) == 0:
		report(fmt.Sprintf("%s is no longer served by Kubernetes under any apiVersion", d.Kind))
	case manifest.IsBuiltinKind(group, d.Kind):
		report(fmt.Sprintf("apiVersion %q does not serve %s; use %s", d.APIVersion, d.Kind, strings.Join(served, " or ")))
	default:
		report(fmt.Sprintf("%s is in %s, not %s", d.Kind, strings.Join(served, " or "), d.APIVersion))
	}
	return nil
}

// apiVersionFix changes the apiVersion and, for a workload without a
// selector, writes the selector the old version defaulted from the pod
// template's labels.
func apiVersionFix(p *lint.Pass, obj, avNode *yaml.Node, rv removedVersion) lint.Fix {
	fix := lint.Fix{Message: "Change the apiVersion to " + rv.use, Edits: []manifest.Edit{yamledit.ReplaceScalar(p.File, avNode, rv.use)}}
	if !rv.selector {
		return fix
	}
	spec := yamlutil.ResolveAlias(yamlutil.MappingValue(obj, "spec"))
	if spec == nil || spec.Kind != yaml.MappingNode || yamlutil.MappingValue(spec, "selector") != nil {
		return fix
	}
	labels := templateLabels(spec)
	if len(labels) == 0 {
		return fix
	}
	templateKey, _ := yamlutil.MappingPair(spec, "template")
	fix.Edits = append(fix.Edits, yamledit.InsertEntry(p.File, spec, templateKey, yamlutil.SelectorEntry(labels)))
	fix.Message += " and add the selector it defaulted from the template labels"
	return fix
}

// templateLabels returns spec.template.metadata.labels as the API server
// reads them, or nil when any key or value is not a plain string.
func templateLabels(spec *yaml.Node) map[string]string {
	tmpl := yamlutil.ResolveAlias(yamlutil.MappingValue(spec, "template"))
	meta := yamlutil.ResolveAlias(yamlutil.MappingValue(tmpl, "metadata"))
	labels := yamlutil.ResolveAlias(yamlutil.MappingValue(meta, "labels"))
	if labels == nil || labels.Kind != yaml.MappingNode {
		return nil
	}
	out := make(map[string]string)
	for i := 0; i+1 < len(labels.Content); i += 2 {
		k, v := labels.Content[i], yamlutil.ResolveAlias(labels.Content[i+1])
		if k.Kind != yaml.ScalarNode || v == nil || v.Kind != yaml.ScalarNode || yamlutil.IsMergeKey(k) {
			return nil
		}
		val, ok := yamlutil.ResolveScalar(v).(string)
		key, kok := yamlutil.ResolveScalar(k).(string)
		if !ok || !kok {
			return nil
		}
		out[key] = val
	}
	return out
}

// reportForTarget reports a kind that an older target release does not
// serve, from the release's data: a kind it does not have yet, or one it
// removed that the table of removals does not name. It reports whether it
// reported.
func reportForTarget(t target, apiVersion, kind string, a schema.Availability, report func(string, ...lint.Fix)) bool {
	if _, ok := removedVersions[[2]string{apiVersion, kind}]; ok {
		return false
	}
	switch {
	case a.Added != "":
		report(fmt.Sprintf("apiVersion %q does not serve %s in Kubernetes %s: it is served from Kubernetes %s on", apiVersion, kind, t.name, a.Added))
		return true
	case a.Removed != "":
		msg := fmt.Sprintf("apiVersion %q no longer serves %s (removed in Kubernetes %s)", apiVersion, kind, a.Removed)
		if r := a.Lifecycle.Replacement; a.HasLifecycle && r.Kind != "" {
			msg += "; use " + r.APIVersion()
		}
		report(msg)
		return true
	}
	return false
}
