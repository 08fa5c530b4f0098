package rules

import (
	"bytes"
	"errors"
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// Syntax reports what keeps a file from being read as Kubernetes objects:
// YAML syntax errors, unrendered templates, List items that are not
// mappings, and values kubectl cannot turn into JSON.
var Syntax = &lint.Rule{
	Name: "syntax",
	Doc: `The file must be valid YAML (or JSON) made of Kubernetes objects

kubectl stops at the first YAML syntax error in a file, so nothing after it
is applied. Every value of an object must survive kubectl's conversion to
JSON: an explicit tag that does not fit its value (!!int abc), a null or
non-scalar mapping key, or an object larger than the API server's 3 MiB
request limit (which is also how an alias bomb ends) is refused before the
server sees it.

A document that is not a Kubernetes object nor a try at one (a sequence, a
scalar, or a mapping without apiVersion, kind, metadata or spec, such as a
docker-compose file or a kustomize JSON patch) is not checked by any rule;
the summary counts it.

A file that holds Helm or Go template markers ({{ … }}) is reported once,
as a template: render it first (helm template …) and lint the output.`,
	Since:    "v0.1.0",
	Severity: lint.Error,
	Scope:    lint.FileScope,
	Run:      runSyntax,
	// Documents are checked as they are read, and the file as a whole
	// (syntax errors, template markers) once all of them are.
	EachDocument: runSyntaxDocument,
}

func runSyntax(p *lint.Pass) error {
	if p.Template != nil {
		// The engine reports the file as a template (lint.TemplateRule),
		// and its syntax errors are the template's.
		return nil
	}
	for _, e := range p.SyntaxErrors {
		msg := "YAML syntax error: " + e.Msg
		if e.TooLarge {
			msg = e.Msg
		}
		p.Report(lint.Diagnostic{
			Document: e.Document,
			Span:     manifest.Span{Start: e.Offset, End: e.Offset},
			Message:  msg,
		})
	}
	reportStrayBOMs(p)
	return nil
}

// runSyntaxDocument checks one document (and the items of a List): that it
// is an object, and that kubectl can send it as JSON.
func runSyntaxDocument(p *lint.Pass) error {
	for _, d := range p.Docs {
		if d.Item >= 0 && d.List != nil {
			// Items are checked with their List, but a non-object item is
			// worth its own message.
			if n := yamlutil.ResolveAlias(d.Node); n != nil && n.Kind != yaml.MappingNode {
				p.Report(lint.Diagnostic{Document: d.Index, Span: p.File.NodeSpan(d.Node),
					Message: fmt.Sprintf("item %d of the List is %s, not a Kubernetes object (a mapping with apiVersion and kind)", d.Item, yamlutil.Describe(n))})
			}
			continue
		}
		if n := yamlutil.ResolveAlias(d.Node); n == nil || n.Kind != yaml.MappingNode {
			continue // not a Kubernetes object: the engine runs no rule on it
		}
		if err := sendable(d); err != nil {
			var verr *manifest.ValueError
			span := d.Span()
			span.End = span.Start
			if errors.As(err, &verr) && verr.Node != nil {
				span = p.File.NodeSpan(verr.Node)
			}
			p.Report(lint.Diagnostic{Document: d.Index, Object: d.Object(), Span: span,
				Message: "kubectl cannot send this document as JSON: " + err.Error()})
		}
	}
	return nil
}

// reportStrayBOMs reports byte-order marks at the start of a line other
// than the first. yaml.v3 skips them, but kubectl keeps them as part of the
// text that follows, so that a key "\ufeffmetadata" is not metadata.
func reportStrayBOMs(p *lint.Pass) {
	const bom = "\ufeff"
	src := p.File.Src
	for off := 1; off < len(src); {
		i := bytes.Index(src[off:], []byte(bom))
		if i < 0 {
			return
		}
		at := off + i
		off = at + len(bom)
		if c := src[at-1]; c != '\n' && c != '\r' {
			continue
		}
		line := p.File.Position(at).Line
		p.Report(lint.Diagnostic{
			Span: manifest.Span{Start: at, End: at + len(bom)},
			Message: fmt.Sprintf("byte-order mark (U+FEFF) at the start of line %d: kubectl keeps it as part of the text that follows, "+
				"which the API server then does not recognise; remove it", line),
			Fixes: []lint.Fix{{Message: "Remove the byte-order mark", Edits: []manifest.Edit{{Start: at, End: at + len(bom)}}}},
		})
	}
}

// sendable reports why kubectl could not send the object as JSON, or nil.
// It reads the object the way the rules will (as a value tree for the kinds
// the schema rule checks, decoded from the node tree or as JSON text for
// the others), so that the work is done once.
func sendable(d *manifest.Document) error {
	if checkedBySchema(d) {
		_, err := d.Value()
		return err
	}
	return d.Sendable()
}
