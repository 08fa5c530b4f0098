package rules

import (
	"errors"
	"reflect"

	sigsjson "sigs.k8s.io/json"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// UnknownField reports fields that the Go type of a DaemonSet, ReplicaSet,
// Deployment, Pod or Node does not have.
var UnknownField = &lint.Rule{
	Name: "unknown-field",
	Doc: `Every field must be a field of its object's type, spelled exactly

kubectl apply asks the API server for strict field validation, so a field
that the object's type does not have is an error: the server refuses the
object with 400 Bad Request ("DaemonSet in version "v1" cannot be handled as
a DaemonSet: strict decoding error: unknown field "spec.template.spec.container"").
Field names are case-sensitive: Spec is not spec.

The rule reports each unknown field on its own line, with its full path in
the server's notation, and names the field it most likely misspells (a
change of case or a small typo: container for containers, lables for
labels, sepc for spec), with a fix that renames it. A field that belongs to
a related kind says so: replicas is a field of ReplicaSet and Deployment
specs, not of a DaemonSet's; updateStrategy is a DaemonSet's, not a
ReplicaSet's.

The rule reads apps/v1 DaemonSets, ReplicaSets and Deployments, and v1
Pods and Nodes, through their Go types; the schema rule checks the other
built-in kinds. When a value also has the wrong type
(see field-type), the server reports only that and drops the unknown
fields; daemonlint reports both, so that one run finds everything.

The Go types are those of the newest release. With --kubernetes-version
naming an older one, a field that release's schema does not have (a
pod-level spec.template.spec.resources before 1.32, say) is reported too,
once, as the older API server would refuse it.`,
	Bad: `apiVersion: apps/v1
kind: DaemonSet
spec:
  template:
    spec:
      container:
      - name: agent
`,
	Good: `apiVersion: apps/v1
kind: DaemonSet
spec:
  template:
    spec:
      containers:
      - name: agent
`,
	Since:    "v0.1.0",
	Severity: lint.Error,
	Kinds:    typedKindNames,
	Run:      runUnknownField,
}

// typedKindNames are the kinds whose decoding problems unknown-field and
// field-type report (in some apiVersion; see strictlyDecoded).
var typedKindNames = []string{"DaemonSet", "ReplicaSet", "Deployment", "Pod", "Node"}

// strictlyDecoded reports whether unknown-field and field-type report the
// decoding problems of d: apps/v1 DaemonSets, ReplicaSets and Deployments,
// v1 Pods and Nodes. Decode turns more kinds into Go types (every kind
// validation judges in full), but the schema rule reports their unknown
// fields and wrong types, so that each is reported once and in one voice.
func strictlyDecoded(d *manifest.Document) bool {
	switch d.APIVersion {
	case "apps/v1":
		return d.Kind == "DaemonSet" || d.Kind == "ReplicaSet" || d.Kind == "Deployment"
	case "v1":
		return d.Kind == "Pod" || d.Kind == "Node"
	}
	return false
}

func runUnknownField(p *lint.Pass) error {
	d := p.Doc
	if !strictlyDecoded(d) {
		return nil
	}
	obj, strict, err := d.Decode()
	if obj == nil {
		return nil
	}
	t := targetOf(p)
	if err == nil && len(strict) == 0 {
		if t.isDefault() {
			return nil
		}
		// The Go types are the newest release's: the target's schema
		// says which of their fields it does not have yet.
		return unknownForRelease(p, t, map[string]bool{"spec.replicas": d.Kind == "DaemonSet"})
	}
	var verr *manifest.ValueError
	if errors.As(err, &verr) {
		return nil // the syntax rule reports what kubectl cannot send
	}
	data, _ := d.JSON()
	problems, cerr := checkDecode(data, reflect.TypeOf(obj).Elem())
	if cerr != nil {
		return cerr
	}
	seen := map[string]bool{}
	if d.Kind == "DaemonSet" {
		// daemonset-replicas reports a DaemonSet's replicas, with its fix.
		seen["spec.replicas"] = true
	}
	for _, pr := range problems {
		if !pr.Unknown || seen[pr.JSONPath] {
			continue
		}
		seen[pr.JSONPath] = true
		reportUnknownField(p, unknownField{
			Parent:    pr.Parent,
			Key:       pr.Key,
			Path:      pr.JSONPath,
			Known:     sortedNames(structFields(pr.Struct)),
			Elsewhere: knownElsewhere(d.Kind, pr.Parent, pr.Key),
			Kind:      d.Kind,
		})
	}
	// The server's own list decides: report any strict error the walk did
	// not find, on the nearest place that exists.
	for _, e := range strict {
		var fe sigsjson.FieldError
		if !errors.As(e, &fe) || seen[fe.FieldPath()] {
			continue
		}
		seen[fe.FieldPath()] = true
		loc := d.Lookup(fe.FieldPath())
		p.Report(lint.Diagnostic{Span: loc.Span, Field: fe.FieldPath(), Message: e.Error()})
	}
	if !t.isDefault() {
		return unknownForRelease(p, t, seen)
	}
	return nil
}
