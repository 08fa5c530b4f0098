// Package yamledit writes the edits that rules and the converter make to
// YAML source, in the document's own style: replacing a scalar, removing a
// mapping entry with its comments, removing sequence items, inserting a new
// entry at the document's indentation, flow or block. Each returns
// manifest.Edits on the original text; nothing is re-encoded. It is
// internal so that it can change with its users.
package yamledit

import (
	"bytes"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/manifest"
)

// ReplaceScalar returns an edit that replaces the value of scalar n with s,
// keeping n's quoting style where s allows it.
func ReplaceScalar(f *manifest.File, n *yaml.Node, s string) manifest.Edit {
	sp := f.ScalarSpan(n)
	text := yamlutil.QuoteScalar(s)
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		text = yamlutil.DoubleQuote(s)
	case n.Style&yaml.SingleQuotedStyle != 0 && !strings.Contains(s, "\n"):
		text = "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	if sp.Start == sp.End && sp.Start > 0 && f.Src[sp.Start-1] == ':' {
		// An empty value ("kind:") starts right after its colon.
		text = " " + text
	}
	return manifest.Edit{Start: sp.Start, End: sp.End, NewText: text}
}

// Indent returns the indentation of node n: the number of characters before
// it on its line. For a key in a block mapping, that is the mapping's
// indentation.
func Indent(f *manifest.File, n *yaml.Node) int {
	return n.Column - 1
}

// IndentStep returns how many spaces the document of mapping m indents a
// nested block mapping by, guessed from m's children; 2 when nothing tells.
func IndentStep(f *manifest.File, m *yaml.Node) int {
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
// removes the entry and one comma, keeping the rest valid. When the entry's
// lines end the file and the file has no final line break, the line break
// before them goes instead, so the file still ends without one.
func RemoveEntry(f *manifest.File, m, k *yaml.Node) manifest.Edit {
	e, lines := entryRemoval(f, m, k)
	if lines {
		e = keepMissingFinalBreak(f, e)
	}
	return e
}

// entryRemoval returns the edit that removes the entry whose key is k from
// mapping m, and whether it removes whole lines (from the start of a line
// to the start of the line after the entry, or to the end of the file).
func entryRemoval(f *manifest.File, m, k *yaml.Node) (manifest.Edit, bool) {
	idx := -1
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i] == k {
			idx = i
		}
	}
	if idx < 0 {
		return manifest.Edit{}, false
	}
	v := m.Content[idx+1]
	keyStart := f.NodeStart(k)
	valEnd := f.NodeEnd(v)
	if m.Style&yaml.FlowStyle != 0 {
		switch {
		case idx+2 < len(m.Content): // not the last: up to the next key
			return manifest.Edit{Start: keyStart, End: f.NodeStart(m.Content[idx+2])}, false
		case idx > 0: // the last: from the end of the previous value
			return manifest.Edit{Start: f.NodeEnd(m.Content[idx-1]), End: valEnd}, false
		default:
			return manifest.Edit{Start: keyStart, End: valEnd}, false
		}
	}
	keyPos := f.Position(keyStart)
	lineStart := f.LineStart(keyPos.Line)
	if len(bytes.TrimLeft(f.Src[lineStart:keyStart], " \t")) > 0 {
		// The key shares its line with something before it ("- replicas: 3"):
		// remove up to the next key, or the entry's own text.
		if idx+2 < len(m.Content) {
			return manifest.Edit{Start: keyStart, End: f.NodeStart(m.Content[idx+2])}, false
		}
		if idx == 0 {
			return manifest.Edit{Start: keyStart, End: valEnd, NewText: "{}"}, false
		}
		return manifest.Edit{Start: keyStart, End: valEnd}, false
	}
	return manifest.Edit{Start: commentBlockStart(f, keyPos.Line, f.Src[lineStart:keyStart]), End: lineAfter(f, valEnd)}, true
}

// commentBlockStart returns the start of the block of comment lines directly
// above line (no blank line between) that are indented by exactly indent,
// or the start of line itself when there is none.
func commentBlockStart(f *manifest.File, line int, indent []byte) int {
	start := f.LineStart(line)
	for l := line - 1; l >= 1; l-- {
		text := f.Line(l)
		trimmed := bytes.TrimLeft(text, " \t")
		if len(trimmed) == 0 || trimmed[0] != '#' || !bytes.Equal(text[:len(text)-len(trimmed)], indent) {
			break
		}
		start = f.LineStart(l)
	}
	return start
}

// lineAfter returns the start of the line after the one that holds offset
// off, or the end of the file when that line is the last.
func lineAfter(f *manifest.File, off int) int {
	line := f.Position(off).Line
	if line >= f.LineCount() {
		return len(f.Src)
	}
	return f.LineStart(line + 1)
}

// keepMissingFinalBreak adjusts an edit that deletes whole lines up to the
// end of a file that does not end with a line break: it deletes the line
// break before those lines instead of leaving it as the file's new last
// byte, so the file still ends without one.
func keepMissingFinalBreak(f *manifest.File, e manifest.Edit) manifest.Edit {
	src := f.Src
	if e.NewText != "" || e.End != len(src) || len(src) == 0 || e.Start <= f.LineStart(1) {
		return e
	}
	if last := src[len(src)-1]; last == '\n' || last == '\r' {
		return e
	}
	switch {
	case e.Start >= 2 && src[e.Start-2] == '\r' && src[e.Start-1] == '\n':
		e.Start -= 2
	case src[e.Start-1] == '\n' || src[e.Start-1] == '\r':
		e.Start--
	}
	return e
}

// RemoveEntries returns the edits that remove the entries whose keys are
// keys from mapping m, each as RemoveEntry removes it, with neighbouring
// removals merged so that no two edits overlap. Keys that are not entries of
// m are ignored. When every entry goes, a block mapping's lines are removed
// (leaving its parent key with a null value) unless the mapping starts on a
// line it shares with other text ("- a: 1"), where it becomes {}; a flow
// mapping becomes {}.
func RemoveEntries(f *manifest.File, m *yaml.Node, keys []*yaml.Node) []manifest.Edit {
	var removed []int // entry indices
	for i := 0; i+1 < len(m.Content); i += 2 {
		if slices.Contains(keys, m.Content[i]) {
			removed = append(removed, i/2)
		}
	}
	if len(removed) == 0 {
		return nil
	}
	n := len(m.Content) / 2
	if m.Style&yaml.FlowStyle != 0 {
		starts, ends := make([]int, n), make([]int, n)
		for i := range n {
			starts[i] = f.NodeStart(m.Content[2*i])
			ends[i] = f.NodeEnd(m.Content[2*i+1])
		}
		return flowRemovals(starts, ends, removed)
	}
	first := f.NodeStart(m.Content[0])
	firstLine := f.LineStart(f.Position(first).Line)
	midLine := len(bytes.TrimLeft(f.Src[firstLine:first], " \t")) > 0
	if midLine && len(removed) == n {
		return []manifest.Edit{{Start: first, End: f.NodeEnd(m.Content[len(m.Content)-1]), NewText: "{}"}}
	}
	type run struct {
		manifest.Edit
		lines bool
		last  int // index of the last entry the run removes
	}
	var runs []run
	for _, i := range removed {
		e, lines := entryRemoval(f, m, m.Content[2*i])
		if k := len(runs) - 1; k >= 0 && e.Start <= runs[k].End {
			runs[k].End = max(runs[k].End, e.End)
			runs[k].last = i
			continue
		}
		runs = append(runs, run{e, lines, i})
	}
	out := make([]manifest.Edit, 0, len(runs))
	for _, r := range runs {
		if midLine && r.Start == first && r.last+1 < n {
			// The run starts beside a "- " and may have swallowed the next
			// removed entries' lines: end it where the next kept key starts,
			// so that key moves up beside the dash.
			r.End = f.NodeStart(m.Content[2*(r.last+1)])
		}
		if r.lines {
			r.Edit = keepMissingFinalBreak(f, r.Edit)
		}
		out = append(out, r.Edit)
	}
	return out
}

// RemoveItems returns the edits that remove items from sequence s, with
// neighbouring removals merged so that no two edits overlap. In a block
// sequence each item's lines go, with the comment block directly above its
// dash at the dash's indentation; when every item goes, the sequence's
// parent key is left with a null value. In a flow sequence each item goes
// with one comma, and when every item goes it becomes []. ok is false, and
// there are no edits, when an item cannot be removed as whole lines
// because its dash shares a line with other text ("- - a").
func RemoveItems(f *manifest.File, s *yaml.Node, items []*yaml.Node) (edits []manifest.Edit, ok bool) {
	var removed []int
	for i, it := range s.Content {
		if slices.Contains(items, it) {
			removed = append(removed, i)
		}
	}
	if len(removed) == 0 {
		return nil, true
	}
	if s.Style&yaml.FlowStyle != 0 {
		starts, ends := make([]int, len(s.Content)), make([]int, len(s.Content))
		for i, it := range s.Content {
			starts[i] = f.NodeStart(it)
			ends[i] = f.NodeEnd(it)
		}
		return flowRemovals(starts, ends, removed), true
	}
	for _, i := range removed {
		it := s.Content[i]
		dash := f.NodeStart(it) - 1
		for dash >= 0 && isBlankOrBreak(f.Src[dash]) {
			dash--
		}
		if dash < 0 || f.Src[dash] != '-' {
			return nil, false
		}
		line := f.Position(dash).Line
		indent := f.Src[f.LineStart(line):dash]
		if len(bytes.TrimLeft(indent, " \t")) > 0 {
			return nil, false
		}
		e := manifest.Edit{Start: commentBlockStart(f, line, indent), End: lineAfter(f, f.NodeEnd(it))}
		if e.End < e.Start {
			return nil, false
		}
		if k := len(edits) - 1; k >= 0 && e.Start <= edits[k].End {
			edits[k].End = max(edits[k].End, e.End)
			continue
		}
		edits = append(edits, e)
	}
	edits[len(edits)-1] = keepMissingFinalBreak(f, edits[len(edits)-1])
	return edits, true
}

// flowRemovals returns the edits that remove the entries removed (indices,
// in order) of a flow collection whose entries span [starts[i], ends[i]).
// An entry followed by a kept one goes up to the next entry's start; a run
// of entries at the end goes from the end of the last kept entry, taking
// the comma before it. When every entry goes, only the brackets stay.
func flowRemovals(starts, ends []int, removed []int) []manifest.Edit {
	n := len(starts)
	if len(removed) == n {
		return []manifest.Edit{{Start: starts[0], End: ends[n-1]}}
	}
	// The trailing run: removed entries with no kept entry after them.
	trail := n
	for k := len(removed) - 1; k >= 0 && removed[k] == trail-1; k-- {
		trail--
	}
	var out []manifest.Edit
	add := func(e manifest.Edit) {
		if k := len(out) - 1; k >= 0 && e.Start <= out[k].End {
			out[k].End = max(out[k].End, e.End)
			return
		}
		out = append(out, e)
	}
	for _, i := range removed {
		if i >= trail {
			break
		}
		add(manifest.Edit{Start: starts[i], End: starts[i+1]})
	}
	if trail < n {
		add(manifest.Edit{Start: ends[trail-1], End: ends[n-1]})
	}
	return out
}

// InsertEntry returns the edit that adds entry (a key and its value, written
// as YAML at indentation 0 with two-space steps and ending in a line break)
// to block mapping m, just before the entry whose key is before, or after
// the last entry when before is nil. The text is re-indented to m's
// indentation and the document's indentation step. For a flow mapping it
// writes the entry in flow style.
func InsertEntry(f *manifest.File, m, before *yaml.Node, entry string) manifest.Edit {
	if m.Style&yaml.FlowStyle != 0 || len(m.Content) == 0 {
		jsonStyle := len(m.Content) > 0 && m.Content[0].Style&yaml.DoubleQuotedStyle != 0
		flow := flowText(entry, jsonStyle)
		if before != nil {
			// A key that starts its line (a flow mapping written over
			// several lines, as JSON often is) gets the entry on a line of
			// its own, at its indentation.
			at := f.NodeStart(before)
			sep := ", "
			if indent, ok := lineIndent(f, at); ok {
				sep = "," + lineBreak(f) + indent
			}
			return manifest.Edit{Start: at, End: at, NewText: flow + sep}
		}
		if len(m.Content) == 0 {
			end := f.NodeEnd(m)
			return manifest.Edit{Start: end - 1, End: end - 1, NewText: flow}
		}
		end := f.NodeEnd(m.Content[len(m.Content)-1])
		sep := ", "
		if indent, ok := lineIndent(f, f.NodeStart(m.Content[len(m.Content)-2])); ok {
			sep = "," + lineBreak(f) + indent
		}
		return manifest.Edit{Start: end, End: end, NewText: sep + flow}
	}
	indent := strings.Repeat(" ", Indent(f, m.Content[0]))
	step := IndentStep(f, m)
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
	nl := lineBreak(f)
	text = strings.ReplaceAll(text, "\n", nl)
	if before != nil {
		pos := f.Position(f.NodeStart(before))
		start := f.LineStart(pos.Line)
		if len(bytes.TrimLeft(f.Src[start:f.NodeStart(before)], " \t")) == 0 {
			// Before the comment block attached to the key, if any.
			rm, _ := entryRemoval(f, m, before)
			if rm.Start < start {
				start = rm.Start
			}
			return manifest.Edit{Start: start, End: start, NewText: text}
		}
	}
	last := m.Content[len(m.Content)-1]
	endLine := f.Position(f.NodeEnd(last)).Line
	if endLine >= f.LineCount() {
		return manifest.Edit{Start: len(f.Src), End: len(f.Src), NewText: nl + strings.TrimSuffix(text, nl)}
	}
	at := f.LineStart(endLine + 1)
	return manifest.Edit{Start: at, End: at, NewText: text}
}

// lineIndent returns the blanks before offset off on its line, and whether
// there is nothing else before it there.
func lineIndent(f *manifest.File, off int) (string, bool) {
	start := f.LineStart(f.Position(off).Line)
	if start > off {
		return "", false
	}
	prefix := f.Src[start:off]
	if len(bytes.TrimLeft(prefix, " \t")) > 0 {
		return "", false
	}
	return string(prefix), true
}

// lineBreak returns the line break the file uses: "\r\n" when its first
// line ends with one, "\n" otherwise.
func lineBreak(f *manifest.File) string {
	if f.LineCount() > 1 && f.LineStart(2) >= 2 && f.Src[f.LineStart(2)-2] == '\r' && f.Src[f.LineStart(2)-1] == '\n' {
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
				key := yamlutil.QuoteScalar(n.Content[i].Value)
				if jsonStyle {
					key = yamlutil.DoubleQuote(n.Content[i].Value)
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
			return yamlutil.DoubleQuote(n.Value)
		}
		return n.Value
	}
	s := flow(n.Content[0])
	return strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
}

func isBlankOrBreak(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}
