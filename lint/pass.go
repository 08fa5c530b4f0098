package lint

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/internal/yamledit"
	"github.com/daemonlint/daemonlint/manifest"
)

// A Pass is what a rule's Run function gets: the document (or file) to
// check and a way to report findings.
type Pass struct {
	// Rule is the rule being run.
	Rule *Rule
	// File is the file being checked.
	File *manifest.File
	// Doc is the document being checked; nil for a FileScope rule's Run.
	Doc *manifest.Document
	// Docs are the document being checked and, when it is a List, its
	// items (Doc is one of them); nil for a FileScope rule's Run.
	Docs []*manifest.Document
	// SyntaxErrors are the file's YAML syntax errors, documents over a
	// limit included (FileScope rules only).
	SyntaxErrors []*manifest.SyntaxError
	// Template is where the file shows that it is an unrendered template
	// ({{ … }}), or nil (FileScope rules only).
	Template *manifest.Span
	// Settings are the cluster settings the run was asked to assume.
	Settings Settings

	// Directives are the problems found in the file's ignore directives
	// (DirectiveScope rules only): each a diagnostic with its span,
	// document, object, message and fixes, which the rule reports, or
	// not, through Report.
	Directives []Diagnostic

	report  func(Diagnostic)
	enabled map[string]bool
	found   map[string]int // findings reported in the document, by rule
}

// Saturated reports whether the rule has reported MaxFindingsPerRule
// findings in this document already. A later finding is only counted, from
// its span on, so a rule that may find thousands of the same mistake can
// report the rest with their span alone and skip building their messages.
func (p *Pass) Saturated() bool {
	return p.found != nil && p.found[p.Rule.Name] >= MaxFindingsPerRule
}

// Enabled reports whether the rule called name runs in this run (is among
// Options.Rules). A rule uses it when another rule's findings would
// otherwise go unreported: the validation rule reports selector errors
// itself when selector-mismatch is off.
func (p *Pass) Enabled(name string) bool {
	return p.enabled[name]
}

// Settings describe what a cluster decides, which some rules depend on.
type Settings struct {
	// DisallowPrivileged makes privileged containers an error, as on an API
	// server started with --allow-privileged=false. Clusters made by kubeadm
	// and kind allow them, which is the default.
	DisallowPrivileged bool
	// KubernetesVersion is the Kubernetes release ("1.N") the manifests are
	// judged for: the kinds it serves, its schemas and its deprecations.
	// Empty means the newest supported release (schema.Default). See
	// ParseKubernetesVersion for what is accepted; Run rejects the rest.
	KubernetesVersion string
	// UpgradeTo, when set, is a newer release that the cluster is to be
	// upgraded to: rules report what would break on the way (apiVersions
	// that the releases in between remove).
	UpgradeTo string
	// CustomResources, when set, checks custom resources against the
	// CustomResourceDefinitions of the run (the custom-resource rule);
	// nil skips them.
	CustomResources CustomResourceChecker
}

// A CustomResourceChecker checks custom resources, and reports the
// problems of the CustomResourceDefinition manifests it was given, for the
// custom-resource rule. The lint packages know no CRD library: package
// crdcheck implements it with the API server's own. Its methods are called
// from many goroutines at once.
type CustomResourceChecker interface {
	// CheckCustomResource validates a custom resource, given as the JSON
	// kubectl sends. found is false when no definition of its kind is
	// known: the object is then skipped.
	CheckCustomResource(data []byte) (errs field.ErrorList, found bool)
	// DefinitionErrors returns the problems of the CustomResourceDefinition
	// that is document index of the file named file, and whether that
	// document was read as a definition.
	DefinitionErrors(file string, index int) (errs field.ErrorList, ok bool)
	// Knows reports whether a definition of the kind is known, so that
	// its objects are checked rather than skipped.
	Knows(apiVersion, kind string) bool
}

// Report records a finding. Rule, File, Document and Object are filled in
// from the pass; a zero Severity becomes the rule's.
func (p *Pass) Report(d Diagnostic) {
	d.Rule = p.Rule.Name
	d.File = p.File.Name
	if p.Doc != nil {
		d.Document = p.Doc.Index
		d.Object = p.Doc.Object()
	}
	if d.Span.End < d.Span.Start {
		d.Span.End = d.Span.Start
	}
	if d.Field != "" && p.Doc != nil {
		explainKey(p.File, p.Doc, &d)
	}
	p.report(d)
}

// lastName returns the last name of a field path as written, without
// parsing it: what follows the last "[" of a path that ends in "]", else
// what follows its last ".". It may differ from ParsePath's for keys that
// hold brackets, which only makes explainKey parse the path.
func lastName(path string) string {
	if strings.HasSuffix(path, "]") {
		if i := strings.LastIndexByte(path, '['); i >= 0 {
			return path[i+1 : len(path)-1]
		}
	}
	return path[strings.LastIndexByte(path, '.')+1:]
}

// maySendAs reports whether kubectl may send a key that is not a string in
// YAML 1.1 (a boolean, a number, .inf) as name.
func maySendAs(name string) bool {
	return name == "true" || name == "false" || name != "" && strings.IndexByte("0123456789+-.", name[0]) >= 0
}

// explainKey says, in a finding about the field at d.Field, that the key
// of that field is written as one thing and sent by kubectl as another
// (YAML 1.1: an unquoted on is the key "true"), and, for a map key
// (data[true]), adds the certain fix that quotes it, to the finding's
// first fix when it has one.
func explainKey(f *manifest.File, doc *manifest.Document, d *Diagnostic) {
	// Looking up every finding's field would cost a pass over its mapping
	// each, too much for a mapping with a key repeated thousands of times;
	// even parsing every path is: look at the last name first.
	if !maySendAs(lastName(d.Field)) {
		return
	}
	elems := manifest.ParsePath(d.Field)
	if len(elems) == 0 || !maySendAs(elems[len(elems)-1].Name) {
		return
	}
	loc := doc.Lookup(d.Field)
	k := loc.Key
	if !loc.Exact || k == nil || k.Kind != yaml.ScalarNode || k.Style != 0 || k.Anchor != "" {
		return
	}
	sent, err := manifest.KeyString(k)
	if err != nil || sent == k.Value || strings.Contains(d.Message, "becomes the key") {
		return
	}
	d.Message += fmt.Sprintf("; the key %s becomes the key %s for kubectl (YAML 1.1); quote it: %s", k.Value, strconv.Quote(sent), strconv.Quote(k.Value))
	if !elems[len(elems)-1].Bracketed {
		// A field name: quoting it does not make it a field the object
		// has, so the fix is not certain.
		return
	}
	edit := yamledit.ReplaceScalar(f, k, k.Value)
	if len(d.Fixes) == 0 {
		d.Fixes = []Fix{{Message: "Quote the key " + k.Value, Edits: []manifest.Edit{edit}}}
		return
	}
	fix := d.Fixes[0]
	edits := append(slices.Clone(fix.Edits), edit)
	if _, err := manifest.SortEdits(edits, len(f.Src)); err != nil {
		return
	}
	d.Fixes = slices.Clone(d.Fixes)
	d.Fixes[0] = Fix{Message: fix.Message + " and the key " + k.Value, Edits: edits}
}

// ReportField records a finding about the field at path (an API-server
// field path) of the pass's document, placed on that field or, when it is
// absent, on its nearest existing parent.
func (p *Pass) ReportField(path, message string, fixes ...Fix) {
	loc := p.Doc.Lookup(path)
	p.Report(Diagnostic{Span: loc.Span, Field: path, Message: message, Fixes: fixes})
}

// ReportNode records a finding placed on node n.
func (p *Pass) ReportNode(n *yaml.Node, field, message string, fixes ...Fix) {
	p.Report(Diagnostic{Span: p.File.NodeSpan(n), Field: field, Message: message, Fixes: fixes})
}
