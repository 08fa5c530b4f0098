package rules

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	k8sschema "k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/apps"
	"github.com/daemonlint/daemonlint/apivalidation/core"
	"github.com/daemonlint/daemonlint/apivalidation/objectmeta"
	"github.com/daemonlint/daemonlint/apivalidation/registry"
	"github.com/daemonlint/daemonlint/internal/schema"

	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// Validation reports what the API server's validation rejects in a
// built-in object, with the server's own field path and wording: the whole
// object for the kinds apivalidation/registry judges in full (workloads,
// Pods, Services, ConfigMaps, RBAC objects and the others of
// registry.JudgedKinds), the metadata alone for every other built-in kind.
// The selector errors of DaemonSets and ReplicaSets are selector-mismatch's
// when that rule runs, and this rule's otherwise.
var Validation = &lint.Rule{
	Name: "validation",
	Doc: `The object must pass the API server's validation

kube-apiserver validates every object before it stores it, and "kubectl
apply" fails with "is invalid" when one rule is broken. This rule runs the
same rules (kube-apiserver v1.37.2, after the same defaults) offline. For
the kinds judged in full (listed below) that is the whole object: metadata
names, labels and annotations; a pod template's containers (names, images,
ports, host ports, resources, env, probes, volume mounts, security
context), volumes, tolerations, node selector and affinity; a workload's
selector, restartPolicy and update strategy; a CronJob's schedule; a
Service's ports; a ConfigMap's and Secret's keys; RBAC rules and role
references; and so on for each kind. For every other built-in kind it is
the metadata: the name as the kind's rule wants it, the namespace as its
scope wants it, labels, annotations, finalizers and owner references. Each
finding gives the server's message, then, where the server's words are
terse, what to write instead.

Kinds judged in full:

` + judgedKindList() + `

Privileged containers are accepted, as clusters made by kubeadm and kind
run the API server with --allow-privileged=true; set
cluster.allowPrivileged: false to reject them.`,
	Bad: `spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: Fluentd
`,
	Good: `spec:
  template:
    spec:
      containers:
      - name: fluentd
        image: fluentd:v1.16
`,
	Since:    "v0.1.0",
	Severity: lint.Error,
	// Every kind: the run function judges the built-in ones.
	Kinds: nil,
	Run:   runValidation,
}

// judgedKindList names the kinds registry.JudgedKinds judges in full, by
// apiVersion ("apps/v1: DaemonSet, Deployment, ..."), a line for each,
// wrapped, for the rule's documentation.
func judgedKindList() string {
	var b strings.Builder
	var line strings.Builder
	lastAV := ""
	flush := func() {
		if line.Len() > 0 {
			b.WriteString(line.String() + "\n")
			line.Reset()
		}
	}
	for _, gvk := range registry.JudgedKinds() {
		av := gvk.GroupVersion().String()
		word := gvk.Kind
		switch {
		case av != lastAV:
			flush()
			line.WriteString("  " + av + ": " + word)
			lastAV = av
		case line.Len()+len(word)+2 > 76:
			line.WriteString(",")
			flush()
			line.WriteString("    " + word)
		default:
			line.WriteString(", " + word)
		}
	}
	flush()
	return strings.TrimSuffix(b.String(), "\n")
}

// A Verdict is what the API server answers to a request to create an
// object (see ServerVerdict), in the words of the reference oracle. The
// zero Verdict means no verdict: a kind ServerVerdict does not judge.
type Verdict string

// The verdicts of ServerVerdict.
const (
	// VerdictValid: the server accepts the object.
	VerdictValid Verdict = "valid"
	// VerdictInvalid: validation errors (HTTP 422).
	VerdictInvalid Verdict = "invalid"
	// VerdictDecodeError: unknown fields, wrong types, values the server
	// cannot convert (HTTP 400).
	VerdictDecodeError Verdict = "decode-error"
	// VerdictUnknownKind: the apiVersion does not serve the kind.
	VerdictUnknownKind Verdict = "unknown-kind"
)

// docGVK returns the group, version and kind a document is written as.
func docGVK(d *manifest.Document) k8sschema.GroupVersionKind {
	group, version := d.GroupVersion()
	return k8sschema.GroupVersionKind{Group: group, Version: version, Kind: d.Kind}
}

// serverOptions are the registry's options for a run's settings: the
// cluster's allowPrivileged, and the defaults of a kubeadm cluster for the
// rest.
func serverOptions(s lint.Settings) registry.Options {
	return registry.Options{Pod: core.Options{DisallowPrivileged: s.DisallowPrivileged}}
}

// ServerErrors returns the API server's validation errors for a document
// of a built-in kind: of the whole object for the kinds
// registry.JudgedKinds judges in full, of its metadata alone for the other
// built-in kinds (see objectmeta.ValidateMetadata). It returns false when
// it could not compute them: for other documents (custom resources, kinds
// the apiVersion does not serve), and for one whose JSON does not decode
// into its type.
func ServerErrors(d *manifest.Document, s lint.Settings) (field.ErrorList, bool) {
	obj, _, err := d.Decode()
	if err != nil || obj == nil {
		return nil, false
	}
	gvk := docGVK(d)
	if ro, ok := obj.(runtime.Object); ok {
		if errs, ok := registry.Validate(gvk, ro, serverOptions(s)); ok {
			return errs, true
		}
	}
	if m, ok := obj.(metav1.Object); ok {
		return objectmeta.ValidateMetadata(m, gvk.GroupKind())
	}
	return nil, false
}

// judgedKindNames are the kinds registry.JudgedKinds judges, in any
// version.
var judgedKindNames = func() map[string]bool {
	m := map[string]bool{}
	for _, gvk := range registry.JudgedKinds() {
		m[gvk.Kind] = true
	}
	return m
}()

// ServerVerdict returns what kube-apiserver v1.37.2 answers to
// `kubectl apply --dry-run=server` for a document of a kind judged in full
// (see registry.JudgedKinds): VerdictValid, VerdictInvalid (validation
// errors, HTTP 422), VerdictDecodeError (unknown fields, wrong types,
// values the server cannot convert: HTTP 400) or VerdictUnknownKind (an
// apiVersion that does not serve the kind, such as extensions/v1beta1 for
// a DaemonSet; an object without apiVersion is a VerdictDecodeError, as
// the server cannot decode it). It returns the zero Verdict ("") for
// documents of other kinds, whose verdict daemonlint does not know in full.
func ServerVerdict(d *manifest.Document, s lint.Settings) Verdict {
	gvk := docGVK(d)
	if !registry.Judged(gvk) {
		if !judgedKindNames[d.Kind] || d.IsList() {
			return ""
		}
		if d.APIVersion == "" {
			return VerdictDecodeError // "Object 'apiVersion' is missing"
		}
		if k, ok := schema.Find(d.APIVersion, d.Kind); ok && k.Served {
			return "" // served, but not in the version daemonlint judges
		}
		return VerdictUnknownKind
	}
	_, strict, err := d.Decode()
	if err != nil || len(strict) > 0 {
		return VerdictDecodeError
	}
	errs, _ := ServerErrors(d, s)
	switch {
	case len(errs) == 0:
		return VerdictValid
	case apps.IsConversionError(errs[0]):
		return VerdictDecodeError
	}
	return VerdictInvalid
}

func runValidation(p *lint.Pass) error {
	d := p.Doc
	errs, ok := ServerErrors(d, p.Settings)
	if !ok {
		return nil // not decodable: reported by the rules that decode
	}
	for _, e := range errs {
		// selector-mismatch reports these, with a fix, when it runs; when
		// it is turned off, they are still errors the server rejects.
		if p.Enabled(SelectorMismatch.Name) && slices.Contains(SelectorMismatch.Kinds, d.Kind) && isSelectorError(e) {
			continue
		}
		path := lookupPath(d, e)
		loc := d.Lookup(path)
		msg := validationMessage(d.Kind, e)
		if !loc.Exact && strings.HasPrefix(path, "metadata.labels") {
			// A Job or ReplicationController without labels gets its
			// template's, and the server reports them as its own.
			if t := d.Lookup("spec.template." + path); t.Exact {
				loc = t
				msg += "; the " + d.Kind + " has no labels of its own and takes spec.template.metadata.labels"
			}
		}
		p.Report(lint.Diagnostic{Span: loc.Span, Field: e.Field, Message: msg})
	}
	return nil
}

// isSelectorError reports the errors selector-mismatch reports: about
// spec.selector, and the mismatch at spec.template.metadata.labels.
func isSelectorError(e *field.Error) bool {
	return e.Field == "spec.selector" || strings.HasPrefix(e.Field, "spec.selector.") ||
		e.Field == "spec.template.metadata.labels"
}

// lookupPath returns the path at which to place an error in the source. It
// is the error's field path, except where the server's path is not the
// manifest's: template labels and annotations are reported without
// "metadata", a few pod fields with capitals, an unknown update strategy at
// the strategy rather than its type; and an error about one key or value
// of a map (labels, annotations, nodeSelector) names only the map.
func lookupPath(d *manifest.Document, e *field.Error) string {
	path := registry.SourcePath(docGVK(d), e.Field)
	for _, fix := range []struct{ from, to string }{
		{"template.labels", "template.metadata.labels"},
		{"template.annotations", "template.metadata.annotations"},
		{"spec.HostPID", "spec.hostPID"},
		{"spec.HostIPC", "spec.hostIPC"},
	} {
		path = replaceSegments(path, fix.from, fix.to)
	}
	if (path == "spec.updateStrategy" || path == "spec.strategy") && e.Type == field.ErrorTypeNotSupported {
		return path + ".type"
	}
	if bad, ok := e.BadValue.(string); ok && isMapPath(path) {
		if n := d.Lookup(path); n.Exact {
			if m := yamlutil.ResolveAlias(n.Node); m != nil {
				for i := 0; i+1 < len(m.Content); i += 2 {
					k, v := m.Content[i], yamlutil.ResolveAlias(m.Content[i+1])
					if k.Value == bad || (v != nil && v.Kind == yaml.ScalarNode && v.Value == bad) {
						return path + "[" + k.Value + "]"
					}
				}
			}
		}
	}
	return path
}

// replaceSegments replaces from with to in path where from is a run of
// whole segments: at the start or after a dot, and followed by the end, a
// dot or a bracket ("spec.template.labels[app]" and
// "spec.jobTemplate.spec.template.labels" for "template.labels", but not
// "spec.jobTemplate.labels").
func replaceSegments(path, from, to string) string {
	for i := 0; i+len(from) <= len(path); {
		j := strings.Index(path[i:], from)
		if j < 0 {
			break
		}
		j += i
		end := j + len(from)
		if (j == 0 || path[j-1] == '.') && (end == len(path) || path[end] == '.' || path[end] == '[') {
			path = path[:j] + to + path[end:]
			i = j + len(to)
			continue
		}
		i = j + 1
	}
	return path
}

// isMapPath reports whether the server reports errors of a map's keys and
// values at the map's own path.
func isMapPath(path string) bool {
	for _, suffix := range []string{"metadata.labels", "metadata.annotations", "spec.nodeSelector", "matchLabels"} {
		if strings.HasSuffix(path, suffix) {
			return true
		}
	}
	return false
}

// validationMessage is the server's text for e, followed, where it helps,
// by what it means and what to write instead.
func validationMessage(kind string, e *field.Error) string {
	msg := e.Error()
	if hint := validationHint(kind, e); hint != "" {
		msg += "; " + hint
	}
	return msg
}

// validationHint explains an error whose server wording is terse.
func validationHint(kind string, e *field.Error) string {
	f, detail := e.Field, e.Detail
	pods := "a " + kind + "'s pods"
	switch {
	case apps.IsConversionError(e):
		return "the annotation must be an integer; the API server refuses to decode the object"
	case strings.HasSuffix(f, "spec.restartPolicy") && detail == `supported values: "Always"`:
		return pods + " must always restart: remove restartPolicy or set it to Always"
	case strings.HasSuffix(f, "spec.activeDeadlineSeconds") && e.Type == field.ErrorTypeForbidden:
		return pods + " run until the " + kind + " is deleted: remove activeDeadlineSeconds"
	case strings.HasSuffix(f, "template.spec.containers") && e.Type == field.ErrorTypeRequired:
		return "the pod template needs at least one container"
	case strings.HasSuffix(f, "template.metadata.labels") && strings.Contains(detail, "`selector` does not match template `labels`"):
		return "every label of spec.selector must be among the template's labels, with the same value"
	case strings.HasSuffix(f, "spec.containers") && e.Type == field.ErrorTypeRequired:
		return "a pod needs at least one container"
	case strings.HasSuffix(f, ".name") && strings.Contains(f, "ports[") && e.Type == field.ErrorTypeDuplicate:
		return "give each port a name of its own"
	case strings.HasSuffix(f, ".image") && e.Type == field.ErrorTypeRequired:
		return "every container needs an image"
	case strings.HasSuffix(f, ".name") && e.Type == field.ErrorTypeRequired && strings.Contains(f, "ontainers["):
		return "every container needs a name"
	case f == "metadata.name" && e.Type == field.ErrorTypeRequired:
		return "kubectl apply needs metadata.name"
	case strings.HasSuffix(f, "rollingUpdate.maxSurge") && strings.HasPrefix(detail, "may not be set when maxUnavailable"):
		return "maxUnavailable defaults to 1; to surge, also set maxUnavailable: 0"
	case strings.HasSuffix(f, "rollingUpdate.maxUnavailable") && strings.HasPrefix(detail, "cannot be 0 when maxSurge"):
		return "maxSurge defaults to 0; set maxUnavailable or maxSurge above 0"
	case (f == "spec.updateStrategy" || f == "spec.strategy") && e.Type == field.ErrorTypeNotSupported:
		return "the type is case-sensitive"
	case strings.Contains(f, ".volumeMounts[") && strings.HasSuffix(f, ".name") && e.Type == field.ErrorTypeNotFound:
		return "spec.template.spec.volumes has no valid volume of that name"
	case strings.HasSuffix(f, ".hostPort") && e.Type == field.ErrorTypeDuplicate:
		return "two containers cannot bind the same host port"
	case strings.HasSuffix(f, ".hostPort") && strings.Contains(detail, "must match `containerPort`"):
		return "with hostNetwork the container port is the host port: remove hostPort or make it equal"
	case strings.HasSuffix(f, "resources.requests") && strings.Contains(detail, "must be less than or equal to"):
		return "a request may not exceed its limit"
	case strings.HasSuffix(f, ".privileged") && detail == "disallowed by cluster policy":
		return "this cluster's API server runs with --allow-privileged=false"
	case strings.HasSuffix(f, "Probe") && detail == "must specify a handler type":
		return "give the probe one of exec, httpGet, tcpSocket or grpc"
	case strings.HasSuffix(f, ".successThreshold") && detail == "must be 1":
		return "liveness and startup probes must succeed exactly once"
	case strings.HasSuffix(f, ".operator") && e.Type == field.ErrorTypeNotSupported && strings.Contains(detail, `"Gt"`):
		return "Lt and Gt tolerations need the TaintTolerationComparisonOperators feature gate, off in v1.37"
	case strings.HasSuffix(f, ".topologyKey") && strings.HasPrefix(detail, "name part must"):
		return "topologyKey is a node label key such as kubernetes.io/hostname"
	case strings.HasSuffix(f, "spec.template.spec.restartPolicy") && strings.Contains(detail, `"OnFailure", "Never"`) && !strings.Contains(detail, `"Always"`):
		return "a Job's pods must end: set restartPolicy to OnFailure or Never"
	case f == "spec.schedule" && (e.Type == field.ErrorTypeInvalid || e.Type == field.ErrorTypeRequired):
		return `write five fields (minute, hour, day of month, month, day of week) such as "0 3 * * *", or a macro such as "@daily"`
	case e.Type == field.ErrorTypeInvalid && strings.HasPrefix(detail, "a lowercase RFC 1123 "):
		if name, ok := e.BadValue.(string); ok {
			if s := dnsName(name, strings.HasPrefix(detail, "a lowercase RFC 1123 label")); s != "" {
				return fmt.Sprintf("write %q instead", s)
			}
		}
	}
	return ""
}

// dnsName returns the name that name most likely means, as a DNS-1123
// label (lower case letters, digits and '-') or subdomain (labels joined
// by '.'): lower case, other characters as '-', trimmed; "" when that is
// not a valid name either.
func dnsName(name string, label bool) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '.' && !label:
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	s := strings.Trim(b.String(), "-.")
	if label && len(validation.IsDNS1123Label(s)) == 0 || !label && len(validation.IsDNS1123Subdomain(s)) == 0 {
		return s
	}
	return ""
}
