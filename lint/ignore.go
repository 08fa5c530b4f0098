package lint

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/suggest"
	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/manifest"
)

// IgnoreAnnotation is the object annotation that suppresses rules for the
// whole object: its value is "RULE[,RULE]", optionally followed by a blank
// and a reason.
const IgnoreAnnotation = "daemonlint.io/ignore"

// A directive is one "# daemonlint:ignore" or "# daemonlint:file-ignore"
// comment, or one daemonlint.io/ignore annotation.
type directive struct {
	// span is the comment, from # to its last non-blank character, or the
	// annotation's value.
	span manifest.Span
	// wholeLine is set for a comment alone on its line.
	wholeLine bool
	// file is set for file-ignore; line is the line whose findings a
	// line directive suppresses (0 for none).
	file bool
	line int
	// object is the span of the object an annotation covers, and doc its
	// index; annotation is set for annotations.
	annotation bool
	object     manifest.Span
	doc        int
	// rules are the rule names, with their spans.
	rules []directiveRule
	// reason is the text after the rule names.
	reason string
}

type directiveRule struct {
	name string
	span manifest.Span
	used bool
}

const (
	ignoreKeyword     = "daemonlint:ignore"
	fileIgnoreKeyword = "daemonlint:file-ignore"
	// ignoreMarker starts every directive comment, and names of unknown
	// directives that are reported.
	ignoreMarker = "daemonlint:"
)

// directiveNeeds says what a file may hold of ignore directives: comments,
// annotations, or neither, in which case nothing is collected for them.
type directiveNeeds struct {
	comments, annotations bool
}

// applyDirectives drops the diagnostics that the file's ignore directives
// and annotations suppress, and returns the rest with the problems of the
// directives themselves (for the DirectiveScope rules to report; see
// Pass.Directives). clean says whether every rule ran on every document (no
// syntax error, no template), which is when a directive that suppressed
// nothing can be called unused.
func applyDirectives(f *manifest.File, docs []*docResult, need directiveNeeds, clean bool, opts Options, diags []Diagnostic) (kept, problems []Diagnostic) {
	if !need.comments && !need.annotations {
		return diags, nil
	}
	known := map[string]bool{}
	ran := map[string]bool{}
	for _, r := range opts.Disabled {
		known[r.Name] = true
	}
	for _, r := range opts.Rules {
		known[r.Name] = true
		ran[r.Name] = true
	}
	var found []Diagnostic
	problem := func(sp manifest.Span, msg string, fixes ...Fix) {
		d := Diagnostic{
			File: f.Name, Span: sp,
			Message: msg, Fixes: fixes,
		}
		if doc := documentAt(docs, sp.Start); doc != nil {
			d.Document, d.Object = doc.index, doc.object
		}
		found = append(found, d)
	}

	var dirs []*directive
	if need.comments {
		dirs = scanDirectives(f, docs, problem)
	}
	for _, d := range docs {
		dirs = append(dirs, d.annotations...)
	}
	// Keep only what may suppress: known rule names, and a reason where one
	// is required.
	var active []*directive
	for _, dir := range dirs {
		for _, r := range dir.rules {
			if !known[r.name] {
				msg := fmt.Sprintf("ignore directive names unknown rule %q", r.name)
				if s := closestRuleName(r.name, known); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				} else {
					msg += "; daemonlint rules lists the rules"
				}
				problem(r.span, msg)
			}
		}
		if !dir.annotation && dir.reason == "" && len(dir.rules) > 0 {
			kw := ignoreKeyword
			if dir.file {
				kw = fileIgnoreKeyword
			}
			problem(dir.span, fmt.Sprintf("ignore directive has no reason, so it suppresses nothing; say why after the rule names: # %s %s REASON",
				kw, joinRuleNames(dir.rules)))
			continue
		}
		active = append(active, dir)
	}

	// Index the directives by the line they cover, so that many findings
	// and many directives do not meet pairwise.
	byLine := map[int][]*directive{}
	var wide []*directive // file-ignore and annotations
	for _, dir := range active {
		if dir.file || dir.annotation {
			wide = append(wide, dir)
		} else {
			byLine[dir.line] = append(byLine[dir.line], dir)
		}
	}
	kept = diags[:0:0]
	for _, d := range diags {
		if d.Rule == InternalErrorRule {
			kept = append(kept, d)
			continue
		}
		hitLine := suppress(byLine[d.Start.Line], d)
		hitWide := suppress(wide, d)
		if !hitLine && !hitWide {
			kept = append(kept, d)
		}
	}

	if clean {
		for _, dir := range active {
			if dir.annotation {
				continue
			}
			unusedDirective(f, dir, known, ran, problem)
		}
	}
	return kept, found
}

// suppress reports whether a directive suppresses d, and marks the rules
// that do as used.
func suppress(dirs []*directive, d Diagnostic) bool {
	hit := false
	for _, dir := range dirs {
		switch {
		case dir.file:
		case dir.annotation:
			if d.Document != dir.doc || d.Span.Start < dir.object.Start || d.Span.Start > dir.object.End {
				continue
			}
		default:
			if d.Start.Line != dir.line {
				continue
			}
		}
		for i := range dir.rules {
			if dir.rules[i].name == d.Rule {
				dir.rules[i].used = true
				hit = true
			}
		}
	}
	return hit
}

// unusedDirective reports the rules of dir that suppressed nothing, with a
// fix that removes them (or the whole comment, when none was used). Rules
// that did not run are not reported: a rule turned off in the configuration
// finds nothing to suppress.
func unusedDirective(f *manifest.File, dir *directive, known, ran map[string]bool, problem func(manifest.Span, string, ...Fix)) {
	var unused []directiveRule
	for _, r := range dir.rules {
		if known[r.name] && ran[r.name] && !r.used {
			unused = append(unused, r)
		}
	}
	if len(unused) == 0 {
		return
	}
	where := fmt.Sprintf("on line %d", dir.line)
	if dir.file {
		where = "in this file"
	} else if dir.line == 0 {
		where = "(no line follows it)"
	}
	if len(unused) == len(dir.rules) {
		problem(dir.span, fmt.Sprintf("ignore directive for %s suppresses nothing %s; remove it", joinRuleNames(unused), where),
			Fix{Message: "Remove the unused ignore directive", Edits: []manifest.Edit{removeComment(f, dir)}})
		return
	}
	for _, r := range unused {
		problem(r.span, fmt.Sprintf("ignore directive for %s suppresses nothing %s; remove %s from it", r.name, where, r.name),
			Fix{Message: fmt.Sprintf("Remove %s from the ignore directive", r.name), Edits: []manifest.Edit{removeRuleName(f, dir, r)}})
	}
}

// removeComment returns the edit that removes a directive comment: the
// whole line when the comment is alone on it, otherwise the comment and the
// blanks before it.
func removeComment(f *manifest.File, dir *directive) manifest.Edit {
	pos := f.Position(dir.span.Start)
	lineEnd := f.LineEnd(pos.Line)
	if dir.wholeLine {
		if dir.span.End == lineEnd {
			end := f.LineStart(pos.Line + 1)
			if pos.Line >= f.LineCount() {
				end = len(f.Src)
			}
			return manifest.Edit{Start: f.LineStart(pos.Line), End: end}
		}
		// Another comment follows on the line: keep it.
		end := dir.span.End
		for end < lineEnd && (f.Src[end] == ' ' || f.Src[end] == '\t') {
			end++
		}
		return manifest.Edit{Start: dir.span.Start, End: end}
	}
	start := dir.span.Start
	for start > 0 && (f.Src[start-1] == ' ' || f.Src[start-1] == '\t') {
		start--
	}
	return manifest.Edit{Start: start, End: dir.span.End}
}

// removeRuleName returns the edit that removes one rule name and a comma
// next to it from a directive's list.
func removeRuleName(f *manifest.File, dir *directive, r directiveRule) manifest.Edit {
	i := slices.IndexFunc(dir.rules, func(x directiveRule) bool { return x.span == r.span })
	if i > 0 {
		return manifest.Edit{Start: dir.rules[i-1].span.End, End: r.span.End}
	}
	return manifest.Edit{Start: r.span.Start, End: dir.rules[i+1].span.Start}
}

// scanDirectives finds the directive comments of a file. A # starts a
// comment when it is at the start of a line or after a blank, and is not
// inside a scalar (a quoted string or a block scalar), which the parsed
// documents tell.
func scanDirectives(f *manifest.File, docs []*docResult, problem func(manifest.Span, string, ...Fix)) []*directive {
	var (
		dirs    []*directive
		scalars []manifest.Span
		walked  bool
	)
	inScalar := func(off int) bool {
		if !walked {
			for _, d := range docs {
				scalars = append(scalars, d.scalars...)
			}
			slices.SortFunc(scalars, func(a, b manifest.Span) int { return a.Start - b.Start })
			walked = true
		}
		// Scalars do not overlap: only the last one that starts before off
		// can hold it.
		i, _ := slices.BinarySearchFunc(scalars, off, func(s manifest.Span, off int) int {
			if s.Start < off {
				return -1
			}
			return 1
		})
		return i > 0 && off < scalars[i-1].End
	}
	for line := 1; line <= f.LineCount(); line++ {
		text := f.Line(line)
		if !bytes.Contains(text, []byte(ignoreMarker)) {
			continue
		}
		start := f.LineStart(line)
		for i := 0; i < len(text); i++ {
			if text[i] != '#' || i > 0 && text[i-1] != ' ' && text[i-1] != '\t' {
				continue
			}
			if inScalar(start + i) {
				continue
			}
			comment := bytes.TrimRight(text[i:], " \t")
			dir := parseDirective(comment, start+i, problem)
			if dir != nil {
				dir.wholeLine = len(bytes.TrimLeft(text[:i], " \t")) == 0
				dir.line = line
				if dir.wholeLine {
					dir.line = nextContentLine(f, line)
				}
				dirs = append(dirs, dir)
			}
			break // the rest of the line is this comment
		}
	}
	return dirs
}

// parseDirective parses a comment (starting with #) at offset off. It
// returns nil when the comment is not a directive, and reports a comment
// that starts like one but names no known directive.
func parseDirective(comment []byte, off int, problem func(manifest.Span, string, ...Fix)) *directive {
	body := bytes.TrimLeft(comment[1:], " \t")
	bodyOff := off + len(comment) - len(body)
	word, _, _ := bytes.Cut(body, []byte(" "))
	word, _, _ = bytes.Cut(word, []byte("\t"))
	span := manifest.Span{Start: off, End: off + len(comment)}
	dir := &directive{span: span}
	switch string(word) {
	case ignoreKeyword:
	case fileIgnoreKeyword:
		dir.file = true
	default:
		if !bytes.HasPrefix(word, []byte("daemonlint:")) {
			return nil
		}
		msg := fmt.Sprintf("unknown directive %q: write # %s RULE REASON, or # %s RULE REASON for the whole file", word, ignoreKeyword, fileIgnoreKeyword)
		switch w := strings.ToLower(string(word)); {
		case strings.Contains(w, "file"):
			msg = fmt.Sprintf("unknown directive %q; did you mean %q?", word, fileIgnoreKeyword)
		case strings.Contains(w, "ignore") || strings.Contains(w, "disable") || suggest.Distance(w, ignoreKeyword) <= 3:
			msg = fmt.Sprintf("unknown directive %q; did you mean %q?", word, ignoreKeyword)
		}
		problem(span, msg)
		return nil
	}
	rest := body[len(word):]
	restOff := bodyOff + len(word)
	// A further comment after a blank ends the directive.
	for _, sep := range []string{" #", "\t#"} {
		if i := bytes.Index(rest, []byte(sep)); i >= 0 {
			rest = bytes.TrimRight(rest[:i], " \t")
		}
	}
	dir.span.End = restOff + len(rest)
	trimmed := bytes.TrimLeft(rest, " \t")
	restOff += len(rest) - len(trimmed)
	names, reason, _ := bytes.Cut(trimmed, []byte(" "))
	if i := bytes.IndexByte(names, '\t'); i >= 0 {
		names, reason = names[:i], trimmed[i+1:]
	}
	dir.rules = splitRuleNames(string(names), restOff)
	dir.reason = strings.TrimSpace(string(reason))
	if bytes.HasSuffix(names, []byte(",")) && len(dir.rules) > 0 {
		// "a, b REASON": b would be taken for the reason.
		problem(span, fmt.Sprintf("write the rule names of an ignore directive without blanks (%s,…); it suppresses nothing until then", joinRuleNames(dir.rules)))
		return nil
	}
	if len(dir.rules) == 0 {
		problem(span, fmt.Sprintf("ignore directive names no rule: write # %s RULE[,RULE] REASON", word))
		return nil
	}
	return dir
}

// splitRuleNames splits "a,b" written at offset off into names with spans.
func splitRuleNames(list string, off int) []directiveRule {
	var out []directiveRule
	pos := off
	for name := range strings.SplitSeq(list, ",") {
		if name != "" {
			out = append(out, directiveRule{name: name, span: manifest.Span{Start: pos, End: pos + len(name)}})
		}
		pos += len(name) + 1
	}
	return out
}

// nextContentLine returns the first line after line that holds something
// other than blanks and comments, or 0.
func nextContentLine(f *manifest.File, line int) int {
	for l := line + 1; l <= f.LineCount(); l++ {
		text := bytes.TrimLeft(f.Line(l), " \t")
		if len(text) > 0 && text[0] != '#' {
			return l
		}
	}
	return 0
}

// scalarSpans returns the spans of every scalar of a document (keys
// included) that may hold a # that is not a comment: quoted and block
// scalars. The first line of a block scalar, where a comment may follow its
// indicator, is left out.
func scalarSpans(f *manifest.File, doc *manifest.Document) []manifest.Span {
	var spans []manifest.Span
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if n == nil || depth > manifest.MaxDepth {
			return
		}
		if n.Kind == yaml.ScalarNode {
			switch {
			case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
				sp := f.NodeSpan(n)
				sp.Start = f.LineStart(f.Position(sp.Start).Line + 1)
				if sp.Start < sp.End {
					spans = append(spans, sp)
				}
			case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
				spans = append(spans, f.NodeSpan(n))
			}
			return
		}
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(doc.Root, 0)
	return spans
}

// annotationDirectives returns the daemonlint.io/ignore annotations of a
// document and the items of a List.
func annotationDirectives(f *manifest.File, docs []*manifest.Document) []*directive {
	var dirs []*directive
	for _, d := range docs {
		meta := yamlutil.ResolveAlias(d.Field("metadata"))
		if meta == nil || meta.Kind != yaml.MappingNode {
			continue
		}
		ann := yamlutil.ResolveAlias(yamlutil.MappingValue(meta, "annotations"))
		if ann == nil || ann.Kind != yaml.MappingNode {
			continue
		}
		v := yamlutil.ResolveAlias(yamlutil.MappingValue(ann, IgnoreAnnotation))
		if v == nil || v.Kind != yaml.ScalarNode {
			continue
		}
		value, ok := yamlutil.ResolveScalar(v).(string)
		if !ok {
			continue
		}
		sp := f.ScalarSpan(v)
		names, reason, _ := strings.Cut(strings.TrimSpace(value), " ")
		dir := &directive{span: sp, annotation: true, object: d.Span(), doc: d.Index, reason: strings.TrimSpace(reason)}
		// The names' own spans are only exact for a plain scalar; otherwise
		// every name is placed on the whole value.
		off := sp.Start
		for _, r := range splitRuleNames(names, 0) {
			r.span = manifest.Span{Start: off + r.span.Start, End: off + r.span.End}
			if v.Style != 0 || strings.TrimSpace(value) != value {
				r.span = sp
			}
			dir.rules = append(dir.rules, r)
		}
		if len(dir.rules) > 0 {
			dirs = append(dirs, dir)
		}
	}
	return dirs
}

// documentAt returns the document that holds offset off, or the first one
// after it, or the last one; nil when there is none.
func documentAt(docs []*docResult, off int) *docSummary {
	var found *docSummary
	for _, d := range docs {
		found = &d.summary
		if off <= d.summary.span.End {
			break
		}
	}
	return found
}

// closestRuleName returns the known rule name closest to name, or "".
func closestRuleName(name string, known map[string]bool) string {
	names := make([]string, 0, len(known))
	for k := range known {
		names = append(names, k)
	}
	return suggest.Search{Max: suggest.Within(3), FirstOfTies: true}.Closest(name, names)
}

func joinRuleNames(rules []directiveRule) string {
	names := make([]string, len(rules))
	for i, r := range rules {
		names[i] = r.name
	}
	return strings.Join(names, ",")
}
