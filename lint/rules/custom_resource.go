package rules

import (
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// CustomResource checks custom resources against their
// CustomResourceDefinitions, and the definitions themselves.
var CustomResource = &lint.Rule{
	Name: "custom-resource",
	Doc: `Custom resources must match their CustomResourceDefinition

The API server checks a custom resource against the openAPIV3Schema of its
CustomResourceDefinition's version: unknown fields (outside subtrees marked
x-kubernetes-preserve-unknown-fields), types, patterns, enums, bounds,
required fields, and the x-kubernetes-validations CEL rules, within the
server's cost limits. The rule does the same, with the API server's own
libraries (k8s.io/apiextensions-apiserver), for every custom resource whose
definition is in the run: in the files being linted (the same file, or any
other) or named with --crds (files, directories, or CRD catalogs laid out
as {group}/{kind}_{version}.json). Each finding sits on its field; a CEL
rule's message names the file and line of the definition that holds it.

A CustomResourceDefinition being linted is checked as the server checks it
on create (a structural schema, every type given, CEL rules that compile
within the cost limits), with each problem on its field. A custom resource
whose definition is nowhere is skipped, and the summary names its kind.`,
	Bad: `apiVersion: stable.example.com/v1
kind: CronTab
metadata:
  name: backup
spec:
  cronSpec: "0 3 * * *"
  replicas: lots
`,
	Good: `apiVersion: stable.example.com/v1
kind: CronTab
metadata:
  name: backup
spec:
  cronSpec: "0 3 * * *"
  replicas: 2
`,
	Since:    "v0.2.0",
	Severity: lint.Error,
	Run:      runCustomResource,
}

func runCustomResource(p *lint.Pass) error {
	c := p.Settings.CustomResources
	d := p.Doc
	if c == nil || d.APIVersion == "" || d.Kind == "" || d.IsList() {
		return nil
	}
	group, _ := d.GroupVersion()
	if group == "apiextensions.k8s.io" && d.Kind == "CustomResourceDefinition" {
		if d.APIVersion != "apiextensions.k8s.io/v1" {
			return nil // a version the server does not serve: api-version's finding
		}
		errs, _ := c.DefinitionErrors(p.File.Name, d.Index)
		for _, e := range errs {
			reportFieldError(p, e)
		}
		return nil
	}
	if !manifest.IsCustomResource(d.APIVersion, d.Kind) {
		return nil // a built-in kind, or one under a misspelt built-in group (api-version's)
	}
	data, err := d.JSON()
	if err != nil {
		return nil // the syntax rule reports what kubectl cannot send
	}
	errs, _ := c.CheckCustomResource(data)
	for _, e := range errs {
		reportFieldError(p, e)
	}
	return nil
}

// reportFieldError reports an API server error on its field, or on the
// nearest parent that exists; an error of the object itself (an empty
// path, which the server prints as <nil>) sits on the object.
func reportFieldError(p *lint.Pass, e *field.Error) {
	path, msg := e.Field, e.Error()
	if path == "" || path == "<nil>" {
		path, msg = "", e.ErrorBody()
	}
	loc := p.Doc.Lookup(path)
	p.Report(lint.Diagnostic{Span: loc.Span, Field: path, Message: msg})
}
