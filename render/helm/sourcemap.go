package helm

import (
	"bytes"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/daemonlint/daemonlint/render"
)

// The source map of one rendered template file is built by aligning the
// rendered text with the template, line by line:
//
//   - The template is cut into literal text and actions ({{ … }}), with the
//     white space that {{- and -}} trim removed from the literals.
//   - Each template line becomes a pattern: its literal pieces in order,
//     with a wildcard for each action. A line of literal text only must
//     appear unchanged; a line that mixes text and actions
//     ("replicas: {{ .Values.replicas }}") matches a rendered line that
//     holds its literal pieces in order.
//   - Rendered lines and template lines are aligned by a longest common
//     subsequence (literal lines appear in output in template order).
//     Rendered lines left over inside a range block are matched again
//     against the block's lines (its later iterations).
//   - What lies between two aligned lines was produced by the actions
//     between them: it maps to the action's line ({{ include … | nindent
//     8 }}, {{ toYaml .Values.resources | nindent 12 }}), not exactly, with
//     a note naming the values key that fed it when the action names one.
//
// Only bytes of an aligned line that are literal template text, and only
// in the first (not a repeated) iteration, are Exact.

// A token is a piece of template text: literal text or an action.
type token struct {
	start, end int // raw bytes; an action's include its delimiters
	action     bool
	// For literals: the bytes left after {{- and -}} trimming.
	effStart, effEnd int
	// For actions.
	inner        string // the text between the delimiters and trim markers
	trimL, trimR bool
	producer     bool   // it writes output (not if/range/end/comments/assignments)
	keyword      string // if, else, end, range, with, define, block, …
	valuesPath   string // the .Values key it reads, when it names one
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// lexTemplate cuts src into literals and actions as text/template does,
// without parsing the actions.
func lexTemplate(src []byte) []token {
	var toks []token
	i := 0
	for i < len(src) {
		k := bytes.Index(src[i:], []byte("{{"))
		if k < 0 {
			toks = append(toks, token{start: i, end: len(src)})
			break
		}
		if k > 0 {
			toks = append(toks, token{start: i, end: i + k})
		}
		a := i + k
		j := a + 2
		t := token{start: a, action: true}
		if j+1 < len(src) && src[j] == '-' && isSpace(src[j+1]) {
			t.trimL = true
			j += 2
		}
		innerStart := j
		innerEnd := len(src)
		t.end = len(src)
	scan:
		for j < len(src) {
			switch c := src[j]; {
			case c == '}' && j+1 < len(src) && src[j+1] == '}':
				innerEnd, t.end = j, j+2
				if j >= innerStart+2 && src[j-1] == '-' && isSpace(src[j-2]) {
					t.trimR = true
					innerEnd = j - 1
				}
				break scan
			case c == '"' || c == '\'':
				j++
				for j < len(src) && src[j] != c && src[j] != '\n' {
					if src[j] == '\\' {
						j++
					}
					j++
				}
				j++
			case c == '`':
				e := bytes.IndexByte(src[j+1:], '`')
				if e < 0 {
					j = len(src)
				} else {
					j += e + 2
				}
			case c == '/' && j+1 < len(src) && src[j+1] == '*':
				e := bytes.Index(src[j+2:], []byte("*/"))
				if e < 0 {
					j = len(src)
				} else {
					j += e + 4
				}
			default:
				j++
			}
		}
		if innerEnd < innerStart {
			innerEnd = innerStart
		}
		t.inner = strings.TrimSpace(string(src[innerStart:min(innerEnd, len(src))]))
		classify(&t)
		toks = append(toks, t)
		i = t.end
	}
	for n := range toks {
		t := &toks[n]
		if t.action {
			continue
		}
		t.effStart, t.effEnd = t.start, t.end
		if n > 0 && toks[n-1].trimR {
			for t.effStart < t.effEnd && isSpace(src[t.effStart]) {
				t.effStart++
			}
		}
		if n+1 < len(toks) && toks[n+1].trimL {
			for t.effEnd > t.effStart && isSpace(src[t.effEnd-1]) {
				t.effEnd--
			}
		}
	}
	return toks
}

var (
	assignRE  = regexp.MustCompile(`^\$[A-Za-z0-9_]*\s*(,\s*\$[A-Za-z0-9_]*\s*)?:?=`)
	valuesRE  = regexp.MustCompile(`\.Values((?:\.[A-Za-z0-9_-]+)+)`)
	indentRE  = regexp.MustCompile(`\bn?indent\s+(\d+)`)
	includeRE = regexp.MustCompile(`\b(?:include|template)\s+("[^"]*")`)
)

func classify(t *token) {
	in := t.inner
	if strings.HasPrefix(in, "/*") {
		t.keyword = "comment"
		return
	}
	word := in
	if i := strings.IndexAny(in, " \t\r\n("); i >= 0 {
		word = in[:i]
	}
	if m := valuesRE.FindStringSubmatch(in); m != nil {
		t.valuesPath = m[1][1:]
	}
	switch word {
	case "if", "else", "end", "range", "with", "define", "break", "continue":
		t.keyword = word
		return
	case "block", "template":
		t.keyword = word
	}
	if assignRE.MatchString(in) {
		t.keyword = "assign"
		return
	}
	t.producer = true
}

// An item is one piece of a template line's pattern.
type item struct {
	lit    bool
	ts, te int // template bytes: the literal, or the whole action
	tok    int // the action's token index
}

// A tline is one template line.
type tline struct {
	ls, le    int // its bytes, without the newline
	items     []item
	pure      bool // literal text only, untrimmed: must match exactly
	matchable bool
	nlLiteral bool // its newline is literal text (not trimmed)
	rangeLine int  // the first line of the innermost enclosing range, or -1
	ctxPath   string
}

// A seg maps rendered bytes [rs, re) to template bytes [ts, te).
type seg struct {
	rs, re int
	ts, te int
	exact  bool
	note   string
}

// templateMap is the render.SourceMap of one rendered template file.
type templateMap struct {
	file       string
	note       string // set for templates inside packaged charts
	tpl        []byte
	out        []byte
	lineStarts []int   // of out
	segs       [][]seg // per rendered line
}

// newTemplateMap aligns out, rendered from s, with s.
func newTemplateMap(s tplSource, out []byte, vals []values) *templateMap {
	m := &templateMap{file: s.file, tpl: s.data, out: out}
	if s.inArchive != "" {
		m.note = "in the packaged chart, " + s.inArchive
	}
	m.lineStarts = lineStarts(out)
	m.segs = make([][]seg, len(m.lineStarts))
	if len(s.data) == 0 {
		return m
	}
	toks := lexTemplate(s.data)
	tl := templateLines(s.data, toks)
	rl := make([][2]int, len(m.lineStarts))
	for i, st := range m.lineStarts {
		e := lineEnd(out, m.lineStarts, i)
		rl[i] = [2]int{st, e}
	}
	match := func(i, j int) []int {
		if !tl[j].matchable {
			return nil
		}
		return matchLine(s.data, out[rl[i][0]:rl[i][1]], tl[j])
	}
	pairs := align(len(rl), len(tl), func(i, j int) int32 {
		if match(i, j) == nil {
			return 0
		}
		// A line of literal text is stronger evidence than a line with
		// actions, which a generated line may happen to fit; blank lines
		// are the weakest.
		switch {
		case tl[j].ls == tl[j].le:
			return 1
		case tl[j].pure:
			return 3
		}
		return 2
	})
	at := make([]int, len(rl)) // template line of each rendered line, or -1
	loop := make([]bool, len(rl))
	for i := range at {
		at[i] = -1
	}
	for _, p := range pairs {
		at[p[0]] = p[1]
	}
	// Later iterations of range blocks.
	prevJ := -1
	for i := 0; i < len(rl); i++ {
		if at[i] >= 0 && !loop[i] {
			prevJ = at[i]
			continue
		}
		if prevJ < 0 || tl[prevJ].rangeLine < 0 {
			continue
		}
		rs := tl[prevJ].rangeLine
		for j := rs; j < len(tl) && (tl[j].rangeLine >= rs || j == rs); j++ {
			if tl[j].rangeLine < rs && j != rs {
				break
			}
			if match(i, j) != nil {
				at[i], loop[i] = j, true
				break
			}
		}
	}
	nextMatched := make([]int, len(rl)+1)
	nextMatched[len(rl)] = len(tl)
	for i := len(rl) - 1; i >= 0; i-- {
		nextMatched[i] = nextMatched[i+1]
		if at[i] >= 0 {
			nextMatched[i] = at[i]
		}
	}
	prev := -1
	producerCursor := 0
	for i := range rl {
		r0, r1 := rl[i][0], rl[i][1]
		nl := r1
		if r1 < len(out) {
			nl = r1 + 1
		}
		if j := at[i]; j >= 0 {
			prev = j
			producerCursor = 0
			pos := match(i, j)
			// Text inside a range is written once per item: an edit of the
			// template changes every iteration, so none of it is exact.
			inRange := tl[j].rangeLine >= 0
			m.segs[i] = lineSegs(s.data, toks, tl, tl[j], r0, r1, nl, pos, !inRange, vals, s.defines)
			if inRange {
				rep := "in the range at line " + strconv.Itoa(tl[j].rangeLine+1)
				if loop[i] {
					rep = "repeated by the range at line " + strconv.Itoa(tl[j].rangeLine+1)
				}
				for k := range m.segs[i] {
					n := rep
					if m.segs[i][k].note != "" {
						n += "; " + m.segs[i][k].note
					}
					m.segs[i][k].note = n
				}
			}
			continue
		}
		// Produced by an action between the aligned lines around it.
		prods := producers(toks, tl, prev, nextMatched[i])
		var t token
		switch {
		case len(prods) == 0:
			j := prev + 1
			if j >= len(tl) {
				j = len(tl) - 1
			}
			if j < 0 {
				j = 0
			}
			m.segs[i] = []seg{{rs: r0, re: nl, ts: tl[j].ls, te: tl[j].le}}
			continue
		default:
			ind := indentOf(out[r0:r1])
			for k := producerCursor; k < len(prods); k++ {
				if expectedIndent(s.data, toks[prods[k]]) == ind {
					producerCursor = k
					break
				}
			}
			t = toks[prods[producerCursor]]
		}
		m.segs[i] = []seg{{rs: r0, re: nl, ts: t.start, te: t.end, note: noteFor(t, tl, vals, s.defines)}}
	}
	return m
}

// Locate returns where the rendered bytes [start, end) came from.
func (m *templateMap) Locate(start, end int) render.Location {
	if start < 0 {
		start = 0
	}
	if end < start {
		end = start
	}
	if start > len(m.out) {
		start = len(m.out)
	}
	if end > len(m.out) {
		end = len(m.out)
	}
	fallback := render.Location{File: m.file, Note: m.note}
	if len(m.tpl) == 0 || len(m.segs) == 0 {
		return fallback
	}
	i := sort.SearchInts(m.lineStarts, start+1) - 1
	if i < 0 {
		i = 0
	}
	segs := m.segs[i]
	if len(segs) == 0 {
		return fallback
	}
	k := len(segs) - 1
	for n, s := range segs {
		if start >= s.rs && start < s.re {
			k = n
			break
		}
	}
	s := segs[k]
	if m.note != "" {
		// Inside a packaged chart: name the template's line in the note.
		fallback.Note += ":" + strconv.Itoa(bytes.Count(m.tpl[:min(s.ts, len(m.tpl))], []byte("\n"))+1)
		return fallback
	}
	if s.exact {
		ts := s.ts + (start - s.rs)
		te := ts + (end - start)
		if te <= len(m.tpl) && m.contiguous(i, k, end) && bytes.Equal(m.tpl[ts:te], m.out[start:end]) {
			return render.Location{File: m.file, Start: ts, End: te, Exact: true}
		}
	}
	loc := render.Location{File: m.file, Start: s.ts, End: s.te, Note: s.note}
	if s.exact {
		// Literal text with something produced after it: from the
		// literal text on to the end of its template line.
		loc.Start = s.ts + (start - s.rs)
		_, loc.End = lineBounds(m.tpl, s.ts)
		if loc.End < loc.Start {
			loc.End = loc.Start
		}
	}
	// Notes of the values that fed the rest of the span on this line.
	var notes []string
	if loc.Note != "" {
		notes = append(notes, loc.Note)
	}
	for _, o := range segs[k:] {
		if o.rs >= end {
			break
		}
		if o.note != "" && !contains(notes, o.note) {
			notes = append(notes, o.note)
		}
	}
	loc.Note = strings.Join(notes, "; ")
	return loc
}

// contiguous reports whether the rendered bytes from segment k of line i
// up to end lie in exact segments that are one run of template bytes.
func (m *templateMap) contiguous(i, k, end int) bool {
	first := m.segs[i][k]
	shift := first.ts - first.rs
	for ; i < len(m.segs); i, k = i+1, 0 {
		for ; k < len(m.segs[i]); k++ {
			s := m.segs[i][k]
			if s.rs >= end {
				return true
			}
			if !s.exact || s.ts-s.rs != shift {
				return false
			}
		}
	}
	return true
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func lineBounds(src []byte, off int) (int, int) {
	s := bytes.LastIndexByte(src[:off], '\n') + 1
	e := bytes.IndexByte(src[off:], '\n')
	if e < 0 {
		return s, len(src)
	}
	return s, off + e
}

// lineEnd returns where line i (of the line starts starts) ends, before
// its newline.
func lineEnd(b []byte, starts []int, i int) int {
	if i+1 < len(starts) {
		return starts[i+1] - 1
	}
	if len(b) > 0 && b[len(b)-1] == '\n' && len(b)-1 >= starts[i] {
		return len(b) - 1
	}
	return len(b)
}

func lineStarts(b []byte) []int {
	st := []int{0}
	for i, c := range b {
		if c == '\n' && i+1 < len(b) {
			st = append(st, i+1)
		}
	}
	return st
}

// templateLines builds the pattern of each template line.
func templateLines(src []byte, toks []token) []tline {
	starts := lineStarts(src)
	tl := make([]tline, len(starts))
	for i, st := range starts {
		tl[i] = tline{ls: st, le: lineEnd(src, starts, i), rangeLine: -1}
	}
	lineOf := func(off int) int { return sort.SearchInts(starts, off+1) - 1 }

	// Block structure: which lines are inside a define or a range.
	type block struct {
		kw   string
		line int
		path string
	}
	var stack []block
	inDefine := make([]bool, len(tl))
	mark := func(from, to int) {
		def, rng, path := false, -1, ""
		for _, b := range stack {
			switch b.kw {
			case "define":
				def = true
			case "range":
				rng = b.line
			}
			if b.path != "" && (b.kw == "with" || b.kw == "range") {
				path = b.path
			}
		}
		for l := from; l <= to && l < len(tl); l++ {
			if def {
				inDefine[l] = true
			}
			if rng >= 0 && rng != l {
				tl[l].rangeLine = rng
			}
			if path != "" && tl[l].ctxPath == "" {
				tl[l].ctxPath = path
			}
		}
	}
	for n, t := range toks {
		if !t.action {
			continue
		}
		l := lineOf(t.start)
		switch t.keyword {
		case "if", "range", "with", "define", "block":
			mark(l, l)
			stack = append(stack, block{kw: t.keyword, line: l, path: t.valuesPath})
			if t.keyword == "range" {
				tl[l].rangeLine = -1
			}
			if n+1 < len(toks) {
				mark(l+1, lineOf(nextActionStart(toks, n)))
			}
			continue
		case "end":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
		mark(l, l)
		mark(l+1, lineOf(nextActionStart(toks, n)))
	}

	for i := range tl {
		ln := &tl[i]
		for n, t := range toks {
			if t.start > ln.le || t.end <= ln.ls {
				continue
			}
			if t.action {
				ln.items = append(ln.items, item{ts: t.start, te: t.end, tok: n})
				continue
			}
			if t.effStart <= ln.le && t.effEnd > ln.le {
				ln.nlLiteral = true
			}
			if a, b := max(t.effStart, ln.ls), min(t.effEnd, ln.le); a < b {
				ln.items = append(ln.items, item{lit: true, ts: a, te: b})
			}
		}
		holes, litNonSpace := 0, 0
		for _, it := range ln.items {
			if !it.lit {
				holes++
				continue
			}
			for _, c := range src[it.ts:it.te] {
				if !isSpace(c) {
					litNonSpace++
				}
			}
		}
		ln.pure = holes == 0 && (ln.ls == ln.le || (len(ln.items) == 1 && ln.items[0].ts == ln.ls && ln.items[0].te == ln.le))
		ln.matchable = !inDefine[i] && (ln.pure || litNonSpace >= 2)
	}
	return tl
}

func nextActionStart(toks []token, n int) int {
	for k := n + 1; k < len(toks); k++ {
		if toks[k].action {
			return toks[k].start
		}
	}
	if len(toks) == 0 {
		return 0
	}
	return toks[len(toks)-1].end
}

// matchLine matches a rendered line r against a template line's pattern and
// returns the rendered offset in r of each item (literal starts; -1 for
// actions), or nil.
func matchLine(src, r []byte, ln tline) []int {
	if ln.pure {
		if bytes.Equal(src[ln.ls:ln.le], r) {
			return []int{0}
		}
		return nil
	}
	pos := make([]int, len(ln.items))
	p := 0
	lastLit := -1
	for k, it := range ln.items {
		if it.lit {
			lastLit = k
		}
	}
	for k, it := range ln.items {
		if !it.lit {
			pos[k] = -1
			continue
		}
		text := src[it.ts:it.te]
		switch {
		case k == 0 && it.ts == ln.ls:
			if !bytes.HasPrefix(r, text) {
				return nil
			}
			pos[k] = 0
		case k == lastLit && k == len(ln.items)-1 && it.te == ln.le:
			if len(r)-len(text) < p || !bytes.HasSuffix(r, text) {
				return nil
			}
			pos[k] = len(r) - len(text)
		default:
			x := bytes.Index(r[p:], text)
			if x < 0 {
				return nil
			}
			pos[k] = p + x
		}
		p = pos[k] + len(text)
	}
	if len(ln.items) > 0 && ln.items[len(ln.items)-1].lit && ln.items[len(ln.items)-1].te == ln.le && p != len(r) {
		return nil
	}
	if len(ln.items) == 0 && len(r) != 0 {
		return nil
	}
	return pos
}

// lineSegs cuts rendered line [r0, r1) (with its newline up to nl), aligned
// with template line ln at positions pos, into segments.
func lineSegs(src []byte, toks []token, tl []tline, ln tline, r0, r1, nl int, pos []int, exact bool, vals []values, defs map[string]string) []seg {
	if ln.pure {
		s := seg{rs: r0, re: r1, ts: ln.ls, te: ln.le, exact: exact}
		if ln.nlLiteral && nl > r1 {
			s.re, s.te = nl, ln.le+1
		}
		return []seg{s}
	}
	var segs []seg
	p := r0
	var pending []item
	flush := func(upto int) {
		if len(pending) == 0 && upto <= p {
			return
		}
		s := seg{rs: p, re: upto, ts: ln.ls, te: ln.le}
		for _, it := range pending {
			if toks[it.tok].producer || s.note == "" {
				s.ts, s.te = it.ts, it.te
				if n := noteFor(toks[it.tok], tl, vals, defs); n != "" || toks[it.tok].producer {
					s.note = n
				}
				if toks[it.tok].producer {
					break
				}
			}
		}
		if upto > p || len(pending) > 0 {
			segs = append(segs, s)
		}
		pending = nil
		p = upto
	}
	for k, it := range ln.items {
		if !it.lit {
			pending = append(pending, it)
			continue
		}
		rs := r0 + pos[k]
		flush(rs)
		re := rs + (it.te - it.ts)
		segs = append(segs, seg{rs: rs, re: re, ts: it.ts, te: it.te, exact: exact})
		p = re
	}
	if len(pending) > 0 || p < r1 {
		flush(r1)
	}
	if nl > r1 && len(segs) > 0 {
		segs[len(segs)-1].re = nl
	}
	if len(segs) == 0 {
		segs = append(segs, seg{rs: r0, re: nl, ts: ln.ls, te: ln.le})
	}
	return segs
}

// producers returns the tokens of the actions that write output between
// template lines a and b: those on the lines strictly between them, or else
// those on line a after its literal text, or else those on line b.
func producers(toks []token, tl []tline, a, b int) []int {
	collect := func(lines ...int) []int {
		var out []int
		for _, l := range lines {
			if l < 0 || l >= len(tl) {
				continue
			}
			for _, it := range tl[l].items {
				if !it.lit && toks[it.tok].producer && (len(out) == 0 || out[len(out)-1] != it.tok) {
					out = append(out, it.tok)
				}
			}
		}
		return out
	}
	var mid []int
	for l := a + 1; l < b && l < len(tl); l++ {
		mid = append(mid, l)
	}
	if p := collect(mid...); len(p) > 0 {
		return p
	}
	if p := collect(a); len(p) > 0 {
		return p
	}
	return collect(b)
}

func indentOf(line []byte) int {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	return n
}

// expectedIndent is the indentation of the lines an action writes: its
// nindent or indent argument, or else the column it stands at.
func expectedIndent(src []byte, t token) int {
	if m := indentRE.FindStringSubmatch(t.inner); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	s, _ := lineBounds(src, t.start)
	return t.start - s
}

// noteFor says, for people, what fed the text an action wrote: the values
// file and key when the action (or its enclosing with or range) names a
// .Values key, or the template it includes.
func noteFor(t token, tl []tline, vals []values, defs map[string]string) string {
	key := t.valuesPath
	if key == "" && tl != nil && !strings.Contains(t.inner, ".Release") && !strings.Contains(t.inner, ".Chart") && !includeRE.MatchString(t.inner) {
		// Inside a with or range over a .Values key: . and the range
		// variables are that key's value.
		starts := 0
		for i, l := range tl {
			if t.start >= l.ls && t.start <= l.le {
				starts = i
				break
			}
		}
		key = tl[starts].ctxPath
	}
	if key != "" {
		file, full := valuesFile(vals, key)
		if file == "" {
			return "from .Values." + key + ", which no values file sets"
		}
		return "from " + file + ": " + full
	}
	if m := includeRE.FindStringSubmatch(t.inner); m != nil {
		note := "produced by include " + m[1]
		if name, err := strconv.Unquote(m[1]); err == nil && defs[name] != "" {
			note += ", defined at " + defs[name]
		}
		return note
	}
	return ""
}

// valuesFile names the values source that sets key, the one with the
// highest precedence first, and the key as that source spells it.
func valuesFile(vals []values, key string) (string, string) {
	for _, v := range vals {
		full := v.prefix + key
		var cur any = v.m
		found := true
		for _, p := range strings.Split(full, ".") {
			mm, ok := cur.(map[string]any)
			if !ok {
				found = false
				break
			}
			if cur, ok = mm[p]; !ok {
				found = false
				break
			}
		}
		if found {
			return v.name, full
		}
	}
	return "", key
}

// align returns the pairs (i, j) of n rendered lines and m template lines
// that match in order with the largest total weight (a longest common
// subsequence where matches weigh w(i, j); 0 is no match).
func align(n, m int, w func(i, j int) int32) [][2]int {
	if n == 0 || m == 0 {
		return nil
	}
	if n*m > 4<<20 {
		// Too large for the table: match greedily in order.
		var pairs [][2]int
		j := 0
		for i := 0; i < n && j < m; i++ {
			for k := j; k < m; k++ {
				if w(i, k) > 0 {
					pairs = append(pairs, [2]int{i, k})
					j = k + 1
					break
				}
			}
		}
		return pairs
	}
	e := make([]int32, n*m)
	for i := range n {
		for j := range m {
			e[i*m+j] = w(i, j)
		}
	}
	c := m + 1
	dp := make([]int32, (n+1)*c)
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			best := max(dp[(i+1)*c+j], dp[i*c+j+1])
			if x := e[i*m+j]; x > 0 {
				best = max(best, dp[(i+1)*c+j+1]+x)
			}
			dp[i*c+j] = best
		}
	}
	var pairs [][2]int
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case e[i*m+j] > 0 && dp[i*c+j] == dp[(i+1)*c+j+1]+e[i*m+j]:
			pairs = append(pairs, [2]int{i, j})
			i++
			j++
		case dp[i*c+j+1] >= dp[(i+1)*c+j]:
			// On a tie, pass over the template line: a range's first
			// iteration then aligns before its later ones.
			j++
		default:
			i++
		}
	}
	return pairs
}

// defines returns where each named template of srcs is defined, as
// "templates/_helpers.tpl:5" (the path inside the chart, and the line).
func defines(srcs map[string]tplSource) map[string]string {
	defs := map[string]string{}
	for key, s := range srcs {
		// The path in the top chart: the engine's name less the chart's.
		rel := key
		if i := strings.IndexByte(key, '/'); i >= 0 {
			rel = key[i+1:]
		}
		if s.inArchive != "" {
			rel = filepath.Base(s.file) + ", " + s.inArchive
		}
		for _, t := range lexTemplate(s.data) {
			if t.keyword != "define" {
				continue
			}
			f := strings.Fields(t.inner)
			if len(f) < 2 {
				continue
			}
			name, err := strconv.Unquote(f[1])
			if err != nil {
				continue
			}
			defs[name] = rel + ":" + strconv.Itoa(bytes.Count(s.data[:t.start], []byte("\n"))+1)
		}
	}
	return defs
}
