package manifest

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/lazyre"
)

// Where a file shows that it is an unrendered Helm, Go or Jinja template:
// a file that failed to parse is a template when it holds "{{" or "{%"
// outside comments (templateText). A file that parsed is one when a flow
// mapping has a mapping as a key ({{ .Values.x }} reads as {{…}: null}) or
// a plain scalar holds a template action on a field or a template function
// (image: repo:{{ .Values.tag }}), or a quoted or block scalar holds one
// that only Helm has: its built-in objects and functions
// (name: "{{ .Release.Name }}", {{ include … }}) (templateNode). Template
// text that uses only variables ({{ $labels.pod }}, as alerting rules do),
// and Go template text in quoted or block scalars that is not Helm's
// ({{ .Labels.pod }}, {{ template "slack.title" . }}, as alerting rules and
// Alertmanager configurations hold), is data and does not count.

// templateText returns the first template marker outside comments of a
// file that failed to parse, or nil. A binary file is no template.
func templateText(f *File) *Span {
	if !utf8.Valid(f.Src) || bytes.IndexByte(f.Src, 0) >= 0 {
		return nil
	}
	for line := 1; line <= f.LineCount(); line++ {
		text := f.Line(line)
		code, _, _ := bytes.Cut(text, []byte(" #"))
		if bytes.HasPrefix(bytes.TrimLeft(code, " \t"), []byte("#")) {
			continue
		}
		for _, marker := range []string{"{{", "{%"} {
			if i := bytes.Index(code, []byte(marker)); i >= 0 {
				start := f.lineStart(line) + i
				return &Span{start, start + 2}
			}
		}
	}
	return nil
}

// templateActionRE matches a Go template action that reads a field
// ({{ .Values.x }}) or calls a Helm or Sprig function, as charts do.
var templateActionRE = lazyre.New(`\{\{-?\s*(\.|(include|template|toYaml|tpl|default|quote|required|if|else|end|range|with|define|lookup|printf \.)\b)`)

// helmActionRE matches a Go template action that reads one of Helm's
// built-in objects or calls a function only Helm has: in a quoted or
// block scalar, that is a chart's template, not data.
var helmActionRE = lazyre.New(`\{\{-?[^}]*?(\$?\.(Values|Release|Chart|Capabilities|Files|Template)\b|\b(include|toYaml|toJson|tpl|required|lookup)\b)`)

func templateNode(n *yaml.Node, depth int) *yaml.Node {
	return templateNodeOf(n, depth, true)
}

// templateNodeOf is templateNode; quoted says whether Helm's actions in
// quoted and block scalars count.
func templateNodeOf(n *yaml.Node, depth int, quoted bool) *yaml.Node {
	if n == nil || depth > maxDepth {
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if strings.IndexByte(n.Value, '{') < 0 {
			return nil // most scalars: no marker at all
		}
		if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 &&
			(strings.Contains(n.Value, "{{") && templateActionRE().MatchString(n.Value) || strings.Contains(n.Value, "{%")) {
			return n
		}
		if quoted && strings.Contains(n.Value, "{{") && helmActionRE().MatchString(n.Value) {
			return n
		}
	case yaml.MappingNode:
		if n.Style&yaml.FlowStyle != 0 && len(n.Content) > 0 && n.Content[0].Kind == yaml.MappingNode {
			return n
		}
	}
	for _, c := range n.Content {
		if t := templateNodeOf(c, depth+1, quoted); t != nil {
			return t
		}
	}
	return nil
}

// TemplateText returns the first template marker ("{{" or "{%") outside
// comments of f, or nil. It is how a file that failed to parse shows that
// it is an unrendered template; a binary file is none.
func (f *File) TemplateText() *Span { return templateText(f) }

// Template returns the first template marker of the document (see the
// comment at the top of this file for what counts), or nil: a document
// that parsed is an unrendered template when it holds one.
func (d *Document) Template() *Span {
	return d.template(true)
}

// TemplateStructure is Template without the Helm actions in quoted and
// block scalars: the template markers that make the document's structure
// ({{ range … }} read as a flow mapping, image: {{ .Values.image }}). A
// document that is not a Kubernetes object, such as a Helm values file,
// may hold quoted template text as data (for tpl); only these markers
// show that it is itself a template.
func (d *Document) TemplateStructure() *Span {
	return d.template(false)
}

// template is Template; quoted is as for templateNodeOf.
func (d *Document) template(quoted bool) *Span {
	if d.decodedDirect.Load() && d.decoded.noBraces {
		return nil // Decode read every scalar, and none holds a '{'
	}
	n := templateNodeOf(d.Node, 0, quoted)
	if n == nil {
		return nil
	}
	start := d.File.NodeStart(n)
	if i := bytes.Index(d.File.Src[start:d.File.NodeEnd(n)], []byte("{{")); i > 0 {
		start += i // the marker, within a scalar
	}
	return &Span{start, start + 2}
}
