package lint

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"
)

// This file holds the edits that rules and the converter make to YAML
// source: replacing a scalar, removing a mapping entry with its comments,
// inserting a new entry in the document's own indentation. Each returns
// byte edits on the original text; nothing is re-encoded.

// ScalarSpan returns the span of a scalar's text, quotes included, without
// its anchor or tag.
func (f *File) ScalarSpan(n *yaml.Node) Span {
	start := f.skipProperties(f.NodeStart(n))
	return Span{start, f.NodeEnd(n)}
}

// ReplaceScalar returns an edit that replaces the value of scalar n with s,
// keeping n's quoting style where s allows it.
func (f *File) ReplaceScalar(n *yaml.Node, s string) Edit {
	sp := f.ScalarSpan(n)
	text := QuoteScalar(s)
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		text = doubleQuote(s)
	case n.Style&yaml.SingleQuotedStyle != 0 && !strings.Contains(s, "\n"):
		text = "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return Edit{Start: sp.Start, End: sp.End, NewText: text}
}

// QuoteScalar returns s written as a YAML scalar that the API server reads
// back as the string s: plain when that is unambiguous under YAML 1.1,
// double-quoted otherwise ("true", "1.0", "on", "" and the like).
func QuoteScalar(s string) string {
	if s == "" || strings.TrimSpace(s) != s {
		return doubleQuote(s)
	}
	if tag, _ := resolve11(s); tag != "!!str" {
		return doubleQuote(s)
	}
	if strings.ContainsAny(s[:1], "!&*-?{}[],#|>@`\"'%:") || strings.ContainsAny(s, "\n\t\\") ||
		strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return doubleQuote(s)
	}
	// yaml.v3 reads YAML 1.2, which resolves a little differently; quote
	// whatever it would not read as the same string either.
	var n yaml.Node
	if err := yaml.Unmarshal([]byte("v: "+s), &n); err != nil || len(n.Content) == 0 ||
		len(n.Content[0].Content) != 2 || n.Content[0].Content[1].Value != s || n.Content[0].Content[1].Tag != "!!str" {
		return doubleQuote(s)
	}
	return s
}

func doubleQuote(s string) string {
	return string(appendJSONString(nil, s))
}

// Indent returns the indentation of node n: the number of characters before
// it on its line. For a key in a block mapping, that is the mapping's
// indentation.
func (f *File) Indent(n *yaml.Node) int {
	return n.Column - 1
}

// IndentStep returns how many spaces the document of mapping m indents a
// nested block mapping by, guessed from m's children; 2 when nothing tells.
func (f *File) IndentStep(m *yaml.Node) int {
	var step func(n *yaml.Node, depth int) int
	step = func(n *yaml.Node, depth int) int {
		if n == nil || depth > 50 || n.Kind != yaml.MappingNode || n.Style&yaml.FlowStyle != 0 {
			return 0
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 && v.Line > k.Line {
				if d := v.Column - k.Column; d > 0 {
					return d
				}
			}
			if s := step(v, depth+1); s > 0 {
				return s
			}
		}
		return 0
	}
	if s := step(m, 0); s > 0 {
		return s
	}
	return 2
}

// RemoveEntry returns the edit that removes the entry whose key is k from
// mapping m. In a block mapping it removes the entry's lines, with the
// comment on its last line and the block of comment lines directly above
// it (no blank line between) at the key's indentation. In a flow mapping it
// removes the entry and one comma, keeping the rest valid.
func (f *File) RemoveEntry(m, k *yaml.Node) Edit {
	idx := -1
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i] == k {
			idx = i
		}
	}
	if idx < 0 {
		return Edit{}
	}
	v := m.Content[idx+1]
	keyStart := f.NodeStart(k)
	valEnd := f.NodeEnd(v)
	if m.Style&yaml.FlowStyle != 0 {
		switch {
		case idx+2 < len(m.Content): // not the last: up to the next key
			return Edit{Start: keyStart, End: f.NodeStart(m.Content[idx+2])}
		case idx > 0: // the last: from the end of the previous value
			return Edit{Start: f.NodeEnd(m.Content[idx-1]), End: valEnd}
		default:
			return Edit{Start: keyStart, End: valEnd}
		}
	}
	keyPos := f.Position(keyStart)
	lineStart := f.lineStart(keyPos.Line)
	if len(bytes.TrimLeft(f.Src[lineStart:keyStart], " \t")) > 0 {
		// The key shares its line with something before it ("- replicas: 3"):
		// remove up to the next key, or the entry's own text.
		if idx+2 < len(m.Content) {
			return Edit{Start: keyStart, End: f.NodeStart(m.Content[idx+2])}
		}
		if idx == 0 {
			return Edit{Start: keyStart, End: valEnd, NewText: "{}"}
		}
		return Edit{Start: keyStart, End: valEnd}
	}
	start := lineStart
	indent := f.Src[lineStart:keyStart]
	for line := keyPos.Line - 1; line >= 1; line-- {
		text := f.Line(line)
		trimmed := bytes.TrimLeft(text, " \t")
		if len(trimmed) == 0 || trimmed[0] != '#' || !bytes.Equal(text[:len(text)-len(trimmed)], indent) {
			break
		}
		start = f.lineStart(line)
	}
	endLine := f.Position(valEnd).Line
	end := f.lineStart(endLine + 1)
	if endLine >= len(f.lines) {
		end = len(f.Src)
	}
	return Edit{Start: start, End: end}
}

// InsertEntry returns the edit that adds entry (a key and its value, written
// as YAML at indentation 0 with two-space steps and ending in a line break)
// to block mapping m, just before the entry whose key is before, or after
// the last entry when before is nil. The text is re-indented to m's
// indentation and the document's indentation step. For a flow mapping it
// writes the entry in flow style.
func (f *File) InsertEntry(m, before *yaml.Node, entry string) Edit {
	if m.Style&yaml.FlowStyle != 0 || len(m.Content) == 0 {
		jsonStyle := len(m.Content) > 0 && m.Content[0].Style&yaml.DoubleQuotedStyle != 0
		flow := flowText(entry, jsonStyle)
		if before != nil {
			return Edit{Start: f.NodeStart(before), End: f.NodeStart(before), NewText: flow + ", "}
		}
		if len(m.Content) == 0 {
			end := f.NodeEnd(m)
			return Edit{Start: end - 1, End: end - 1, NewText: flow}
		}
		end := f.NodeEnd(m.Content[len(m.Content)-1])
		return Edit{Start: end, End: end, NewText: ", " + flow}
	}
	indent := strings.Repeat(" ", f.Indent(m.Content[0]))
	step := f.IndentStep(m)
	var b strings.Builder
	for _, line := range strings.SplitAfter(entry, "\n") {
		if line == "" {
			continue
		}
		body := strings.TrimLeft(line, " ")
		depth := (len(line) - len(body)) / 2
		b.WriteString(indent)
		b.WriteString(strings.Repeat(" ", depth*step))
		b.WriteString(body)
	}
	text := b.String()
	nl := f.lineBreak()
	text = strings.ReplaceAll(text, "\n", nl)
	if before != nil {
		pos := f.Position(f.NodeStart(before))
		start := f.lineStart(pos.Line)
		if len(bytes.TrimLeft(f.Src[start:f.NodeStart(before)], " \t")) == 0 {
			// Before the comment block attached to the key, if any.
			rm := f.RemoveEntry(m, before)
			if rm.Start < start {
				start = rm.Start
			}
			return Edit{Start: start, End: start, NewText: text}
		}
	}
	last := m.Content[len(m.Content)-1]
	endLine := f.Position(f.NodeEnd(last)).Line
	if endLine >= len(f.lines) {
		return Edit{Start: len(f.Src), End: len(f.Src), NewText: nl + strings.TrimSuffix(text, nl)}
	}
	at := f.lineStart(endLine + 1)
	return Edit{Start: at, End: at, NewText: text}
}

// lineBreak returns the line break the file uses: "\r\n" when its first
// line ends with one, "\n" otherwise.
func (f *File) lineBreak() string {
	if len(f.lines) > 1 && f.lines[1] >= 2 && f.Src[f.lines[1]-2] == '\r' && f.Src[f.lines[1]-1] == '\n' {
		return "\r\n"
	}
	return "\n"
}

// flowText turns a small block YAML entry ("selector:\n  matchLabels:\n
// app: x\n") into flow style ("selector: {matchLabels: {app: x}}"), or
// into JSON when jsonStyle is set.
func flowText(entry string, jsonStyle bool) string {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(entry), &n); err != nil || len(n.Content) == 0 {
		return strings.TrimSpace(entry)
	}
	var flow func(n *yaml.Node) string
	flow = func(n *yaml.Node) string {
		switch n.Kind {
		case yaml.MappingNode:
			parts := make([]string, 0, len(n.Content)/2)
			for i := 0; i+1 < len(n.Content); i += 2 {
				key := QuoteScalar(n.Content[i].Value)
				if jsonStyle {
					key = doubleQuote(n.Content[i].Value)
				}
				parts = append(parts, key+": "+flow(n.Content[i+1]))
			}
			return "{" + strings.Join(parts, ", ") + "}"
		case yaml.SequenceNode:
			parts := make([]string, 0, len(n.Content))
			for _, c := range n.Content {
				parts = append(parts, flow(c))
			}
			return "[" + strings.Join(parts, ", ") + "]"
		}
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 || jsonStyle && n.Tag == "!!str" {
			return doubleQuote(n.Value)
		}
		return n.Value
	}
	s := flow(n.Content[0])
	return strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
}
