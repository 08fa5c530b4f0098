package rules

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/yamledit"
	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// This file holds what the unknown-field, field-type and schema rules share:
// finding the YAML key of a JSON field, the unknown-field diagnostic, and
// the explanation of a YAML scalar that kubectl sends with another type
// than the field takes.

// findKey returns the key and value nodes of the field that kubectl sends
// as jsonKey in mapping m: keys are compared as kubectl converts them
// (YAML 1.1, so an unquoted on is "true"), the last one wins, and merged
// mappings (<<) are searched when m has no such key itself. direct reports
// whether the key is written in m itself.
func findKey(m *yaml.Node, jsonKey string) (k, v *yaml.Node, direct bool) {
	m = yamlutil.ResolveAlias(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil, false
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		kn := m.Content[i]
		if yamlutil.IsMergeKey(kn) {
			continue
		}
		if ks, err := manifest.KeyString(kn); err == nil && ks == jsonKey {
			k, v = kn, m.Content[i+1]
		}
	}
	if k != nil {
		return k, v, true
	}
	k, v = yamlutil.MappingPair(m, jsonKey)
	return k, v, false
}

// unknownField describes an unknown field for reportUnknownField.
type unknownField struct {
	// Parent is the field path of the object that holds the field, Key its
	// name, and Path its path as the message quotes it.
	Parent, Key, Path string
	// Known are the field names the object does have, for a suggestion.
	Known []string
	// Elsewhere are the kinds that have this field where this kind has
	// not ("ReplicaSet", "Deployment" for a DaemonSet's spec.replicas).
	Elsewhere []string
	// Kind is the document's kind, for the Elsewhere hint.
	Kind string
	// Release, when set, is the target Kubernetes release that lacks a
	// field which newer releases have.
	Release string
	// AddedIn is the first supported release that has the field, when
	// Release is set and one does.
	AddedIn string
}

// reportUnknownField reports an unknown field on its key, with the field
// it most likely misspells (and a fix that renames it), or the kinds that
// do have it.
func reportUnknownField(p *lint.Pass, u unknownField) {
	path := u.Parent + "." + u.Key
	if u.Parent == "" {
		path = u.Key
	}
	msg := fmt.Sprintf("unknown field %q", u.Path)
	var fixes []lint.Fix
	parent := p.Doc.Lookup(u.Parent)
	span := parent.Span
	if parent.Exact {
		if k, v, direct := findKey(parent.Node, u.Key); k != nil {
			span = manifest.Span{Start: p.File.NodeStart(k), End: p.File.NodeEnd(v)}
			if span.End < span.Start {
				span.End = span.Start
			}
			if s := suggestName(u.Key, u.Known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
				if other, _, _ := findKey(parent.Node, s); other == nil && direct && k.Kind == yaml.ScalarNode && k.Anchor == "" {
					fixes = append(fixes, lint.Fix{Message: fmt.Sprintf("Rename %s to %s", u.Key, s), Edits: []manifest.Edit{yamledit.ReplaceScalar(p.File, k, s)}})
				}
			}
		}
	}
	if u.Release != "" && !strings.Contains(msg, "did you mean") {
		msg += fmt.Sprintf(": Kubernetes %s does not have this field", u.Release)
		if u.AddedIn != "" {
			msg += fmt.Sprintf(" (%s adds it)", u.AddedIn)
		}
	}
	if len(u.Elsewhere) > 0 && !strings.Contains(msg, "did you mean") {
		if u.Parent == "spec" {
			msg += fmt.Sprintf(": %s is a field of %s specs, not of a %s's", u.Key, joinAnd(u.Elsewhere), u.Kind)
		} else {
			msg += fmt.Sprintf(": %s is a field of %s in %s, not in a %s", u.Key, u.Parent, joinAnd(u.Elsewhere), u.Kind)
		}
	}
	p.Report(lint.Diagnostic{Span: span, Field: path, Message: msg, Fixes: fixes})
}

// joinAnd joins words as "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// A jsonType is a JSON value type a field takes.
type jsonType int

const (
	jsonOther jsonType = iota
	jsonString
	jsonInteger
	jsonBoolean
)

// scalarHint explains why the YAML scalar n reaches the API server with
// another JSON type than want, when the reason is how it is written, and
// returns the certain fix: quoting an unquoted on, yes or 1.0 where a
// string is expected, unquoting "80" where an integer is.
func scalarHint(f *manifest.File, n *yaml.Node, want jsonType) (string, []lint.Fix) {
	if n == nil || n.Kind != yaml.ScalarNode || n.Style&yaml.TaggedStyle != 0 {
		return "", nil
	}
	plain := n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0
	quoted := n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0
	editable := n.Anchor == ""
	switch want {
	case jsonString:
		if !plain {
			return "", nil
		}
		tag, _ := yamlutil.Resolve11(n.Value)
		what := ""
		switch tag {
		case "!!bool":
			what = "a boolean"
		case "!!int", "!!float":
			what = "a number"
		default:
			return "", nil
		}
		q := yamlutil.DoubleQuote(n.Value)
		hint := fmt.Sprintf("%s is read as %s by kubectl; quote it: %s", n.Value, what, q)
		if !editable {
			return hint, nil
		}
		return hint, []lint.Fix{{Message: "Quote " + n.Value, Edits: []manifest.Edit{yamledit.ReplaceScalar(f, n, n.Value)}}}
	case jsonInteger:
		if !quoted || !isDecimalInteger(n.Value) {
			return "", nil
		}
		hint := fmt.Sprintf("%s is a string; write the number without quotes: %s", yamlutil.DoubleQuote(n.Value), n.Value)
		if !editable {
			return hint, nil
		}
		return hint, []lint.Fix{{Message: "Write " + n.Value + " without quotes", Edits: []manifest.Edit{unquoteEdit(f, n)}}}
	case jsonBoolean:
		if !quoted || (n.Value != "true" && n.Value != "false") {
			return "", nil
		}
		hint := fmt.Sprintf("%s is a string; write the boolean without quotes: %s", yamlutil.DoubleQuote(n.Value), n.Value)
		if !editable {
			return hint, nil
		}
		return hint, []lint.Fix{{Message: "Write " + n.Value + " without quotes", Edits: []manifest.Edit{unquoteEdit(f, n)}}}
	}
	return "", nil
}

// unquoteEdit returns the edit that writes the quoted scalar n without its
// quotes. A closing quote ends a scalar where a plain one would go on
// ("true"#: is the string true, true#: a syntax error), so a blank is
// added when something other than a blank, a line break or a flow
// indicator follows.
func unquoteEdit(f *manifest.File, n *yaml.Node) manifest.Edit {
	sp := f.ScalarSpan(n)
	text := n.Value
	if sp.End < len(f.Src) && !strings.ContainsRune(" \t\r\n,]}", rune(f.Src[sp.End])) {
		text += " "
	}
	return manifest.Edit{Start: sp.Start, End: sp.End, NewText: text}
}

// isDecimalInteger reports whether s is an integer written in decimal
// digits, which reads as the same integer in YAML 1.1 and 1.2.
func isDecimalInteger(s string) bool {
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || len(digits) > 1 && digits[0] == '0' {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil
}

// describeValue names a JSON value for a message: a string quoted (and
// cut short), a number or boolean as written, "a mapping", "a list".
func describeValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		if len(v) > 60 {
			v = v[:57] + "..."
		}
		return "the string " + strconv.Quote(v)
	case json.Number:
		return "the number " + v.String()
	case bool:
		return "the boolean " + strconv.FormatBool(v)
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	}
	return fmt.Sprint(v)
}

// scalarText returns how a scalar value reads in a message: a string
// quoted, anything else as JSON.
func scalarText(v any) string {
	switch v := v.(type) {
	case string:
		if len(v) > 60 {
			v = v[:57] + "..."
		}
		return strconv.Quote(v)
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	return describeValue(v)
}

// sortedNames returns the keys of m, sorted.
func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}
