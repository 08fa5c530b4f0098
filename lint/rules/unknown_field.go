package rules

import (
	"errors"
	"reflect"

	sigsjson "sigs.k8s.io/json"

	"github.com/daemonlint/daemonlint/internal/kinds"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// UnknownField reports fields that the Go type of a built-in object does
// not have, or that the target release's definition of it does not have.
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

The rule reads every built-in kind the target release serves through its
k8s.io/api Go type (CustomResourceDefinitions and APIServices, whose types
live elsewhere, are checked by the schema rule). When a value also has the
wrong type (see field-type), the server reports only that and drops the
unknown fields; daemonlint reports both, so that one run finds everything.

The Go types are those of the newest release. With --kubernetes-version
naming an older one, a field that release's schema does not have (a
pod-level spec.template.spec.resources before 1.32, say) is reported too,
once, as the older API server would refuse it: the release's OpenAPI
definitions say which fields it has.`,
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
	Run:      runUnknownField,
}

// oldTyped reports whether d is one of the kinds that validation judges
// in full and that the schema rule leaves alone entirely, missing required
// fields included: apps/v1 DaemonSets, ReplicaSets and Deployments, v1
// Pods and Nodes.
func oldTyped(d *manifest.Document) bool {
	switch d.APIVersion {
	case "apps/v1":
		return d.Kind == "DaemonSet" || d.Kind == "ReplicaSet" || d.Kind == "Deployment"
	case "v1":
		return d.Kind == "Pod" || d.Kind == "Node"
	}
	return false
}

// typedType returns the Go type that the API server decodes d into, when
// unknown-field and field-type judge d: a built-in kind with a k8s.io/api
// type that the target release serves (the five kinds of oldTyped always).
// CustomResourceDefinitions and APIServices, whose types are not in
// k8s.io/api, are the schema rule's.
func typedType(d *manifest.Document, t target) (reflect.Type, bool) {
	if d.IsList() {
		return nil, false
	}
	typ, ok := kinds.GoType(d.APIVersion, d.Kind)
	if !ok {
		return nil, false
	}
	if oldTyped(d) {
		return typ, true
	}
	k, ok := t.v.Find(d.APIVersion, d.Kind)
	return typ, ok && k.Served
}

// decodeStrict decodes d into its Go type typ the API server's way
// (sigs.k8s.io/json, case-sensitive, unknown fields listed in strict): the
// document's own Decode for the kinds it decodes, and the same decoding
// here for the others. obj is nil when d cannot be read as JSON.
func decodeStrict(d *manifest.Document, typ reflect.Type) (obj any, strict []error, err error) {
	if kinds.Typed(d.APIVersion, d.Kind) {
		return d.Decode()
	}
	data, err := d.JSON()
	if err != nil {
		return nil, nil, err
	}
	obj = reflect.New(typ).Interface()
	strict, err = sigsjson.UnmarshalStrict(data, obj, sigsjson.DisallowUnknownFields)
	return obj, strict, err
}

func runUnknownField(p *lint.Pass) error {
	d := p.Doc
	t := targetOf(p)
	typ, ok := typedType(d, t)
	if !ok {
		return nil
	}
	obj, strict, err := decodeStrict(d, typ)
	if obj == nil {
		return nil
	}
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
	problems, cerr := checkDecodeDoc(d, reflect.TypeOf(obj).Elem())
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
