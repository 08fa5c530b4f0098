package rules

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/daemonlint/daemonlint/apivalidation/registry"
	"github.com/daemonlint/daemonlint/internal/schema"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// Schema checks built-in kinds against the JSON schemas of Kubernetes.
var Schema = &lint.Rule{
	Name: "schema",
	Doc: `Built-in objects must match their kind's schema

Every kind that Kubernetes defines has a schema in the OpenAPI document of
the release (here ` + schema.Release + `, or the release named with
--kubernetes-version: 1.29 to ` + schema.Default + ` have their own schemas,
and older releases are checked against 1.29's). The API server decodes objects
strictly: a field the kind does not have, a value of the wrong JSON type
(a quoted "80" for a port, an unquoted on, which kubectl sends as a boolean,
for a string), an unparsable quantity, time or base64 value all make it
refuse the object with 400 Bad Request. The rule checks every document of a
built-in group whose apiVersion the release serves against that schema,
strictly, as kubeconform -strict does, and also reports required fields
that are missing (spec.containers: Required value), which the server
refuses when it validates the object.

Each finding sits on its field (or, for a missing field, on the nearest
parent that exists), with the field path in the server's notation.
DaemonSets, ReplicaSets, Deployments, Pods and Nodes are decoded into their
Go types instead and checked by unknown-field, field-type and validation.
For the other kinds that validation judges in full (Services, ConfigMaps,
StatefulSets, Jobs, RBAC objects, ...), this rule reports unknown fields
and wrong types, and validation the rest, missing required fields
included, in the API server's words.
Objects of other groups (custom resources) are skipped and counted as
skipped in the summary; a misspelled kind is kind-spelling's finding and an
apiVersion that is not served api-version's.`,
	Bad: `apiVersion: v1
kind: Service
spec:
  ports:
  - port: "80"
`,
	Good: `apiVersion: v1
kind: Service
spec:
  ports:
  - port: 80
`,
	Since:    "v0.1.0",
	Severity: lint.Error,
	Run:      runSchema,
}

func runSchema(p *lint.Pass) error {
	d := p.Doc
	if d.APIVersion == "" || d.Kind == "" || d.IsList() {
		return nil
	}
	if group, _ := d.GroupVersion(); !manifest.IsBuiltinGroup(group) {
		return nil
	}
	if strictlyDecoded(d) {
		return nil
	}
	t := targetOf(p)
	sch, ok, err := t.v.Lookup(d.APIVersion, d.Kind)
	if err != nil {
		return err
	}
	if !ok {
		return nil // a misspelled kind or an unserved version: other rules say so
	}
	inst, err := d.Value()
	if err != nil {
		return nil // the syntax rule reports what kubectl cannot send
	}
	verr := sch.Validate(inst)
	if verr == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(verr, &ve) {
		return verr
	}
	// A missing required field of a kind the validation rule judges in
	// full is validation's finding, in the server's words.
	skipRequired := p.Enabled(Validation.Name) && judgedInFull(d)
	for _, leaf := range leafErrors(ve, nil) {
		if _, required := leaf.ErrorKind.(*kind.Required); required && skipRequired {
			continue
		}
		reportSchemaError(p, sch, inst, leaf)
	}
	return nil
}

// leafErrors returns the errors of a validation error tree that have no
// causes: the actual findings.
func leafErrors(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = leafErrors(c, out)
	}
	return out
}

// reportSchemaError reports one schema violation on its field.
func reportSchemaError(p *lint.Pass, root *jsonschema.Schema, inst any, e *jsonschema.ValidationError) {
	path, s, v := locate(root, inst, e.InstanceLocation)
	at := func(field string) string {
		if field == "" {
			return "the object"
		}
		return field
	}
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		known := sortedNames(derefSchema(s).Properties)
		for _, name := range k.Properties {
			reportUnknownField(p, unknownField{Parent: path, Key: name, Path: joinField(path, name), Known: known, Kind: p.Doc.Kind})
		}
	case *kind.Required:
		for _, name := range k.Missing {
			field := joinField(path, name)
			p.ReportField(field, field+": Required value")
		}
	case *kind.Type:
		want := slices.DeleteFunc(slices.Clone(k.Want), func(t string) bool { return t == "null" })
		msg := fmt.Sprintf("%s: expected %s, got %s", at(path), strings.Join(want, " or "), k.Got)
		if k.Got == "string" || k.Got == "number" || k.Got == "integer" || k.Got == "boolean" {
			msg += " " + scalarText(v)
		}
		jt := jsonOther
		switch {
		case slices.Equal(want, []string{"string"}):
			jt = jsonString
		case slices.Equal(want, []string{"integer"}):
			jt = jsonInteger
		case slices.Equal(want, []string{"boolean"}):
			jt = jsonBoolean
		}
		var fixes []lint.Fix
		if loc := p.Doc.Lookup(path); loc.Exact {
			var hint string
			if hint, fixes = scalarHint(p.File, loc.Node, jt); hint != "" {
				msg += "; " + hint
			}
		}
		p.ReportField(path, msg, fixes...)
	case *kind.Format:
		p.ReportField(path, fmt.Sprintf("%s: invalid %s %s: %v", at(path), formatNoun(k.Want), scalarText(v), k.Err))
	case *kind.Minimum:
		p.ReportField(path, fmt.Sprintf("%s: %s is out of range for %s", at(path), scalarText(v), boundNoun(k.Want)))
	case *kind.Maximum:
		p.ReportField(path, fmt.Sprintf("%s: %s is out of range for %s", at(path), scalarText(v), boundNoun(k.Want)))
	default:
		p.ReportField(path, fmt.Sprintf("%s: %s", at(path), e.ErrorKind.LocalizedString(message.NewPrinter(language.English))))
	}
}

// formatNoun names what a custom format of package schema checks.
func formatNoun(format string) string {
	switch format {
	case "k8s-quantity":
		return "quantity"
	case "k8s-time", "k8s-micro-time":
		return "time"
	case "k8s-duration":
		return "duration"
	case "k8s-byte":
		return "base64 data"
	}
	return format
}

// boundNoun names the integer type whose bound b is.
func boundNoun(b *big.Rat) string {
	if b != nil && b.IsInt() && b.Num().IsInt64() {
		switch b.Num().Int64() {
		case math.MinInt32, math.MaxInt32:
			return "a 32-bit integer"
		}
	}
	return "a 64-bit integer"
}

// joinField appends a field name to a field path.
func joinField(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// derefSchema follows $ref.
func derefSchema(s *jsonschema.Schema) *jsonschema.Schema {
	for i := 0; s != nil && s.Ref != nil && i < 100; i++ {
		s = s.Ref
	}
	if s == nil {
		return &jsonschema.Schema{}
	}
	return s
}

// locate follows a JSON pointer (as tokens) through the instance and the
// schema together, and returns the field path in the API server's notation
// (struct fields after dots, list indices and map keys in brackets), the
// schema of the value there and the value.
func locate(root *jsonschema.Schema, inst any, loc []string) (string, *jsonschema.Schema, any) {
	var b strings.Builder
	s, v := root, inst
	for _, tok := range loc {
		s = derefSchema(s)
		switch cur := v.(type) {
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(cur) {
				return b.String(), nil, nil
			}
			fmt.Fprintf(&b, "[%d]", i)
			v = cur[i]
			s = s.Items2020
		case map[string]any:
			if ps, ok := s.Properties[tok]; ok {
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(tok)
				s = ps
			} else {
				fmt.Fprintf(&b, "[%s]", tok)
				s, _ = s.AdditionalProperties.(*jsonschema.Schema)
			}
			v = cur[tok]
		default:
			return b.String(), nil, nil
		}
	}
	return b.String(), s, v
}

// judgedInFull reports whether the validation rule judges d in full: a
// kind of registry.JudgedKinds that decodes into its Go type.
func judgedInFull(d *manifest.Document) bool {
	if !registry.Judged(docGVK(d)) {
		return false
	}
	obj, _, err := d.Decode()
	return obj != nil && err == nil
}

// checkedBySchema reports whether the schema rule validates the document:
// a served built-in kind that is not decoded into a Go type.
func checkedBySchema(d *manifest.Document) bool {
	if d.APIVersion == "" || d.Kind == "" || d.IsList() {
		return false
	}
	if group, _ := d.GroupVersion(); !manifest.IsBuiltinGroup(group) {
		return false
	}
	if strictlyDecoded(d) {
		return false
	}
	k, ok := schema.Find(d.APIVersion, d.Kind)
	return ok && k.Served
}

// unknownForRelease reports the fields of a typed document that the Go
// types know (they are the newest release's) but the target release's
// schema does not: fields added after the target. seen holds the paths
// already reported, and gets the new ones. A document the schema does not
// cover, or that does not convert to JSON, gives nothing: other rules
// report it.
func unknownForRelease(p *lint.Pass, t target, seen map[string]bool) error {
	d := p.Doc
	sch, ok, err := t.v.Lookup(d.APIVersion, d.Kind)
	if err != nil || !ok {
		return err
	}
	inst, err := d.Value()
	if err != nil {
		return nil
	}
	verr := sch.Validate(inst)
	var ve *jsonschema.ValidationError
	if verr == nil || !errors.As(verr, &ve) {
		return nil
	}
	var later []map[string]bool // the unknown fields of each newer release, when needed
	for _, leaf := range leafErrors(ve, nil) {
		k, isUnknown := leaf.ErrorKind.(*kind.AdditionalProperties)
		if !isUnknown {
			continue // field-type and validation judge values
		}
		path, s, _ := locate(sch, inst, leaf.InstanceLocation)
		for _, name := range k.Properties {
			full := joinField(path, name)
			if seen[full] {
				continue
			}
			seen[full] = true
			if later == nil {
				later = unknownFieldsAfter(t, d.APIVersion, d.Kind, inst)
			}
			var added string
			for i, unknown := range later {
				if !unknown[full] {
					added = newerReleases(t)[i]
					break
				}
			}
			reportUnknownField(p, unknownField{Parent: path, Key: name, Path: full, Known: sortedNames(derefSchema(s).Properties), Kind: d.Kind, Release: t.name, AddedIn: added})
		}
	}
	return nil
}

// newerReleases returns the supported releases newer than t.
func newerReleases(t target) []string {
	var out []string
	for _, name := range schema.Versions() {
		if minorOf(name) > t.minor {
			out = append(out, name)
		}
	}
	return out
}

// unknownFieldsAfter returns, for each release newer than t, the paths of
// the fields of inst that the release's schema of the kind does not have.
func unknownFieldsAfter(t target, apiVersion, kindName string, inst any) []map[string]bool {
	var out []map[string]bool
	for _, name := range newerReleases(t) {
		unknown := map[string]bool{}
		v, err := schema.ForVersion(name)
		if err != nil {
			break
		}
		sch, ok, err := v.Lookup(apiVersion, kindName)
		if err != nil || !ok {
			break
		}
		var ve *jsonschema.ValidationError
		if verr := sch.Validate(inst); verr != nil && errors.As(verr, &ve) {
			for _, leaf := range leafErrors(ve, nil) {
				if k, ok := leaf.ErrorKind.(*kind.AdditionalProperties); ok {
					path, _, _ := locate(sch, inst, leaf.InstanceLocation)
					for _, name := range k.Properties {
						unknown[joinField(path, name)] = true
					}
				}
			}
		}
		out = append(out, unknown)
	}
	return out
}
