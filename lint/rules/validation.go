package rules

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/apps"
	"github.com/daemonlint/daemonlint/apivalidation/core"

	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// Validation reports what the API server's validation rejects in an apps/v1
// DaemonSet, ReplicaSet or Deployment, with the server's own field path and
// wording: metadata, the pod template and its containers, volumes and
// scheduling, and the workload's own fields. The selector errors are
// selector-mismatch's when that rule runs, and this rule's otherwise.
var Validation = &lint.Rule{
	Name: "validation",
	Doc: `The object must pass the API server's validation

kube-apiserver validates every DaemonSet, ReplicaSet and Deployment before it
stores it, and "kubectl apply" fails with "is invalid" when one rule is
broken. This rule runs the same rules (kube-apiserver v1.37.2, after the same
defaults) offline: metadata names, labels and annotations; the pod template's
containers (names, images, ports, host ports, resources, env, probes,
volume mounts, security context), volumes, tolerations, node selector and
affinity; a workload's restartPolicy (always Always) and the absence of
activeDeadlineSeconds; and the update strategy, minReadySeconds and
revisionHistoryLimit. Each finding gives the server's message, then, where
the server's words are terse, what to write instead.

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
	Kinds:    []string{"DaemonSet", "ReplicaSet", "Deployment"},
	Run:      runValidation,
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

// servedWorkloads are the workload kinds apps/v1 serves and the API server
// validation of this package covers.
var servedWorkloads = []string{"DaemonSet", "ReplicaSet", "Deployment"}

// ServerErrors returns the API server's validation errors for an apps/v1
// DaemonSet, ReplicaSet or Deployment document (see apps.ValidateDaemonSet),
// and whether it could compute them: it cannot for other documents, and for
// one whose JSON does not decode into its type.
func ServerErrors(d *manifest.Document, s lint.Settings) (field.ErrorList, bool) {
	obj, _, err := d.Decode()
	if err != nil || obj == nil {
		return nil, false
	}
	opts := core.Options{DisallowPrivileged: s.DisallowPrivileged}
	switch o := obj.(type) {
	case *appsv1.DaemonSet:
		return apps.ValidateDaemonSet(o, opts), true
	case *appsv1.ReplicaSet:
		return apps.ValidateReplicaSet(o, opts), true
	case *appsv1.Deployment:
		return apps.ValidateDeployment(o, opts), true
	}
	return nil, false
}

// ServerVerdict returns what kube-apiserver v1.37.2 answers to
// `kubectl apply --dry-run=server` for a DaemonSet, ReplicaSet or
// Deployment document: VerdictValid, VerdictInvalid (validation errors, HTTP
// 422), VerdictDecodeError (unknown fields, wrong types, values the server
// cannot convert: HTTP 400) or VerdictUnknownKind (an apiVersion that does
// not serve the kind). It returns the zero Verdict ("") for documents of
// other kinds.
func ServerVerdict(d *manifest.Document, s lint.Settings) Verdict {
	if !slices.Contains(servedWorkloads, d.Kind) {
		return ""
	}
	if d.APIVersion != "apps/v1" {
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
		loc := d.Lookup(lookupPath(d, e))
		p.Report(lint.Diagnostic{Span: loc.Span, Field: e.Field, Message: validationMessage(d.Kind, e)})
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
	path := e.Field
	for _, fix := range []struct{ from, to string }{
		{"spec.template.labels", "spec.template.metadata.labels"},
		{"spec.template.annotations", "spec.template.metadata.annotations"},
		{"spec.template.spec.HostPID", "spec.template.spec.hostPID"},
		{"spec.template.spec.HostIPC", "spec.template.spec.hostIPC"},
	} {
		if path == fix.from || strings.HasPrefix(path, fix.from+"[") || strings.HasPrefix(path, fix.from+".") {
			path = fix.to + path[len(fix.from):]
		}
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
	case f == "spec.template.spec.containers" && e.Type == field.ErrorTypeRequired:
		return "the pod template needs at least one container"
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
	}
	return ""
}
