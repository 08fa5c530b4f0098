package rules

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"

	"github.com/daemonlint/daemonlint/apivalidation/registry"
	"github.com/daemonlint/daemonlint/internal/kinds"
	"github.com/daemonlint/daemonlint/internal/schema"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// Schema checks built-in objects against their kind's definition in the
// OpenAPI document of the target release: required fields, and the fields
// and types of the kinds that have no Go type in k8s.io/api.
var Schema = &lint.Rule{
	Name: "schema",
	Doc: `Built-in objects must have the fields their kind requires

Every kind that Kubernetes defines has a definition in the OpenAPI document
of the release (here ` + schema.Release + `, or the release named with
--kubernetes-version: 1.29 to ` + schema.Default + ` have their own, and older
releases are checked against 1.29's), which lists the fields an object must
have. The API server refuses an object without one when it validates it
(spec.containers: Required value). The rule reports the required fields
that are missing from every document of a built-in group whose apiVersion
the release serves, for the kinds that validation does not judge in full
(for those, validation reports them in the API server's words).

Unknown fields and values of the wrong type are unknown-field's and
field-type's findings: the API server decodes built-in objects strictly
into their Go types, and those rules do the same. The two built-in kinds
whose Go types are not in k8s.io/api, CustomResourceDefinition and
APIService, are checked here against the definition instead: a field it
does not have, a value of the wrong JSON type (a quoted "100" for an
integer, an unquoted on, which kubectl sends as a boolean, for a string),
an integer out of its range and base64 data that does not decode.

Each finding sits on its field (or, for a missing field, on the nearest
parent that exists), with the field path in the server's notation.
Objects of other groups (custom resources) are skipped and counted as
skipped in the summary; a misspelled kind is kind-spelling's finding and an
apiVersion that is not served api-version's.`,
	Bad: `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web-1
endpoints:
- addresses: [10.0.0.1]
`,
	Good: `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web-1
addressType: IPv4
endpoints:
- addresses: [10.0.0.1]
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
	if oldTyped(d) {
		return nil
	}
	t := targetOf(p)
	_, typed := typedType(d, t)
	// A missing required field of a kind the validation rule judges in
	// full is validation's finding, in the server's words; unknown fields
	// and wrong types of a kind with a Go type are unknown-field's and
	// field-type's.
	opts := schema.CheckOptions{
		Required: !(p.Enabled(Validation.Name) && judgedInFull(d)),
		Unknown:  !typed,
		Types:    !typed,
	}
	if !opts.Required && !opts.Unknown {
		return nil
	}
	if k, ok := t.v.Find(d.APIVersion, d.Kind); !ok || !k.Served {
		return nil // a misspelled kind or an unserved version: other rules say so
	}
	inst, err := d.Value()
	if err != nil {
		return nil // the syntax rule reports what kubectl cannot send
	}
	problems, _, err := t.v.Check(d.APIVersion, d.Kind, inst, opts)
	if err != nil {
		return err
	}
	for _, pr := range problems {
		reportSchemaProblem(p, pr)
	}
	return nil
}

// reportSchemaProblem reports one problem of a document with its release's
// definition, on its field.
func reportSchemaProblem(p *lint.Pass, pr schema.Problem) {
	at := func(field string) string {
		if field == "" {
			return "the object"
		}
		return field
	}
	path := pr.Path
	switch {
	case pr.Kind == schema.UnknownField:
		reportUnknownField(p, unknownField{Parent: path, Key: pr.Field, Path: pr.FieldPath(), Known: pr.Known, Kind: p.Doc.Kind})
	case pr.Kind == schema.MissingField:
		field := pr.FieldPath()
		p.ReportField(field, field+": Required value")
	case pr.Detail == "base64":
		p.ReportField(path, fmt.Sprintf("%s: invalid base64 data %s: %v", at(path), scalarText(pr.Value), pr.Err))
	case pr.Detail == "range":
		p.ReportField(path, fmt.Sprintf("%s: %s is out of range for %s", at(path), scalarText(pr.Value), boundNoun(pr.Max)))
	default:
		msg := fmt.Sprintf("%s: expected %s, got %s", at(path), strings.Join(pr.Want, " or "), pr.Got)
		if pr.Got == "string" || pr.Got == "number" || pr.Got == "integer" || pr.Got == "boolean" {
			msg += " " + scalarText(pr.Value)
		}
		jt := jsonOther
		switch {
		case slices.Equal(pr.Want, []string{"string"}):
			jt = jsonString
		case slices.Equal(pr.Want, []string{"integer"}):
			jt = jsonInteger
		case slices.Equal(pr.Want, []string{"boolean"}):
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
	}
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

// judgedInFull reports whether the validation rule judges d in full: a
// kind of registry.JudgedKinds that decodes into its Go type.
func judgedInFull(d *manifest.Document) bool {
	if !registry.Judged(docGVK(d)) {
		return false
	}
	obj, _, err := d.Decode()
	return obj != nil && err == nil
}

// checkedBySchema reports whether the schema rule reads the document's
// value tree for unknown fields and types: a served built-in kind without
// a Go type in k8s.io/api (CustomResourceDefinition, APIService).
func checkedBySchema(d *manifest.Document) bool {
	if d.APIVersion == "" || d.Kind == "" || d.IsList() {
		return false
	}
	if group, _ := d.GroupVersion(); !manifest.IsBuiltinGroup(group) {
		return false
	}
	if _, typed := kinds.GoType(d.APIVersion, d.Kind); typed {
		return false
	}
	k, ok := schema.Find(d.APIVersion, d.Kind)
	return ok && k.Served
}

// unknownForRelease reports the fields of a typed document that the Go
// types know (they are the newest release's) but the target release's
// definitions do not: fields added after the target. seen holds the paths
// already reported, and gets the new ones. A document the definitions do
// not cover, or that does not convert to JSON, gives nothing: other rules
// report it.
func unknownForRelease(p *lint.Pass, t target, seen map[string]bool) error {
	d := p.Doc
	inst, err := d.Value()
	if err != nil {
		return nil
	}
	problems, ok, err := t.v.Check(d.APIVersion, d.Kind, inst, schema.CheckOptions{Unknown: true})
	if err != nil || !ok {
		return err
	}
	var later []map[string]bool // the unknown fields of each newer release, when needed
	for _, pr := range problems {
		full := pr.FieldPath()
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
		reportUnknownField(p, unknownField{Parent: pr.Path, Key: pr.Field, Path: full, Known: pr.Known, Kind: d.Kind, Release: t.name, AddedIn: added})
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
// the fields of inst that the release's definition of the kind does not
// have.
func unknownFieldsAfter(t target, apiVersion, kindName string, inst any) []map[string]bool {
	var out []map[string]bool
	for _, name := range newerReleases(t) {
		v, err := schema.ForVersion(name)
		if err != nil {
			break
		}
		problems, ok, err := v.Check(apiVersion, kindName, inst, schema.CheckOptions{Unknown: true})
		if err != nil || !ok {
			break
		}
		unknown := map[string]bool{}
		for _, pr := range problems {
			unknown[pr.FieldPath()] = true
		}
		out = append(out, unknown)
	}
	return out
}
