package lint

import (
	"bytes"
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/lazyre"
)

// Severity says how bad a finding is.
type Severity int

// The severities, from the worst. The zero Severity means "the rule's
// default" in a Diagnostic a rule reports.
const (
	// Error is for what the API server would reject.
	Error Severity = 1 + iota
	// Warning is for what it accepts but is very likely a mistake.
	Warning
	// Info is for advice.
	Info
)

// String returns "error", "warning" or "info".
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// MarshalText encodes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) {
	if s < Error || s > Info {
		return nil, fmt.Errorf("invalid severity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity parses "error", "warning" or "info".
func ParseSeverity(name string) (Severity, error) {
	switch name {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q: use error, warning or info", name)
}

// Scope says what a rule's Run function is called for.
type Scope int

const (
	// DocumentScope rules run once per document (and per List item) whose
	// kind they read.
	DocumentScope Scope = iota
	// FileScope rules run once per file, after its documents were read,
	// with its syntax errors; a FileScope rule that needs the documents
	// themselves looks at each one with EachDocument.
	FileScope
)

// A Rule is one check. Rules are plain values listed in slices (see Rules);
// nothing registers itself.
type Rule struct {
	// Name is the rule's stable, kebab-case name, used in output, in
	// configuration and in ignore directives.
	Name string
	// Doc is the rule's documentation: a title line, a blank line, and
	// paragraphs saying why it matters and what to write instead.
	Doc string
	// Bad and Good are short YAML examples: one the rule reports, and the
	// same object written so that it does not.
	Bad, Good string
	// Since is the daemonlint version that introduced the rule.
	Since string
	// Severity is the severity of the rule's findings unless configured
	// otherwise.
	Severity Severity
	// Kinds lists the kinds whose documents the rule reads; empty means
	// every document. It is ignored for FileScope rules.
	Kinds []string
	// Scope says whether Run is called per document or per file.
	Scope Scope
	// Run checks one document (or file) and reports findings through the
	// Pass. It returns an error only when the rule itself broke.
	Run func(*Pass) error
	// EachDocument, optional for a FileScope rule, checks each document of
	// the file (Pass.Doc, with the items of a List in Pass.Docs) as it is
	// read, before Run is called for the file. The engine does not keep a
	// file's documents, so that memory follows the largest document rather
	// than the file: this is where a file-wide rule reads them.
	EachDocument func(*Pass) error
}

// Title returns the first line of the rule's documentation.
func (r *Rule) Title() string {
	title, _, _ := strings.Cut(r.Doc, "\n")
	return strings.TrimSpace(title)
}

// reads reports whether the rule reads documents of kind.
func (r *Rule) reads(kind string) bool {
	return len(r.Kinds) == 0 || slices.Contains(r.Kinds, kind)
}

var ruleNameRE = lazyre.New(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Validate checks a list of rules: unique kebab-case names, a doc that
// starts with a title line, a valid default severity, and a Run function.
func Validate(rules []*Rule) error {
	seen := make(map[string]bool, len(rules))
	var errs []string
	for i, r := range rules {
		if r == nil {
			errs = append(errs, fmt.Sprintf("rule %d is nil", i))
			continue
		}
		if !ruleNameRE().MatchString(r.Name) {
			errs = append(errs, fmt.Sprintf("rule name %q is not kebab-case", r.Name))
		}
		if seen[r.Name] {
			errs = append(errs, fmt.Sprintf("rule %q is listed twice", r.Name))
		}
		seen[r.Name] = true
		title, rest, _ := strings.Cut(r.Doc, "\n")
		if strings.TrimSpace(title) == "" {
			errs = append(errs, fmt.Sprintf("rule %q: doc has no title line", r.Name))
		} else if rest != "" && !strings.HasPrefix(rest, "\n") {
			errs = append(errs, fmt.Sprintf("rule %q: doc title must be followed by a blank line", r.Name))
		}
		if r.Severity < Error || r.Severity > Info {
			errs = append(errs, fmt.Sprintf("rule %q: invalid default severity %d", r.Name, int(r.Severity)))
		}
		if r.Run == nil {
			errs = append(errs, fmt.Sprintf("rule %q has no Run function", r.Name))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("invalid rules: %s", strings.Join(errs, "; "))
	}
	return nil
}

// An Object names the Kubernetes object a diagnostic is about.
type Object struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Namespace  string `json:"namespace"`
	Name       string `json:"name"`
}

// A Fix is a certain correction: a message and the edits that make it. The
// edits are byte ranges of the original file.
type Fix struct {
	// Message is a capitalised verb phrase ("Remove spec.replicas").
	Message string
	Edits   []Edit
}

// A Diagnostic is one finding.
type Diagnostic struct {
	// File is the name of the file.
	File string
	// Document is the 0-based index of the document in the file (see
	// Document.Index).
	Document int
	// Object is the object the finding is about; empty for syntax errors.
	Object Object
	// Span is the byte range the finding is about; Start and End are the
	// same range as lines and columns (End is just past the last character).
	Span       Span
	Start, End Position
	// Rule is the name of the rule that reported the finding.
	Rule string
	// Severity is the finding's severity.
	Severity Severity
	// Message says what is wrong and what to write instead.
	Message string
	// Field is the API server's field path of the finding
	// ("spec.template.metadata.labels"), or empty.
	Field string
	// Fixes are certain corrections, best first.
	Fixes []Fix
	// Rendered is set on a finding of an object that was rendered from a
	// Helm chart or built by kustomize before it was linted: File, Span,
	// Start and End are then in the source file a person edits (a
	// template, a resource, a patch), and Rendered says where the finding
	// was made. Nil for plain files.
	Rendered *Rendered
}

// A Rendered says where a finding on a rendered object was made, for
// output: the chart or kustomization, the values files of the render, and
// the line of the rendered stream.
type Rendered struct {
	// Kind is "chart" or "kustomization"; Root its directory.
	Kind, Root string
	// Values are the values files of a chart's render, the chart's own
	// values.yaml first; empty for a kustomization.
	Values []string
	// Renders names the renders a finding was made in when it was made in
	// several ("values.yaml, ci/small-values.yaml"); empty for one.
	Renders string
	// Line is the 1-based line of the rendered stream, and Text that
	// line, without its line break.
	Line int
	Text string
}

// A Pass is what a rule's Run function gets: the document (or file) to
// check and a way to report findings.
type Pass struct {
	// Rule is the rule being run.
	Rule *Rule
	// File is the file being checked.
	File *File
	// Doc is the document being checked; nil for a FileScope rule's Run.
	Doc *Document
	// Docs are the document being checked and, when it is a List, its
	// items (Doc is one of them); nil for a FileScope rule's Run.
	Docs []*Document
	// SyntaxErrors are the file's YAML syntax errors, documents over a
	// limit included (FileScope rules only).
	SyntaxErrors []*SyntaxError
	// Template is where the file shows that it is an unrendered template
	// ({{ … }}), or nil (FileScope rules only).
	Template *Span
	// Settings are the cluster settings the run was asked to assume.
	Settings Settings

	report func(Diagnostic)
}

// Settings describe what a cluster decides, which some rules depend on.
type Settings struct {
	// DisallowPrivileged makes privileged containers an error, as on an API
	// server started with --allow-privileged=false. Clusters made by kubeadm
	// and kind allow them, which is the default.
	DisallowPrivileged bool
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
	p.report(d)
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

// Object returns the name of the document's object.
func (d *Document) Object() Object {
	return Object{APIVersion: d.APIVersion, Kind: d.Kind, Namespace: d.Namespace, Name: d.Name}
}

// Options configure Run.
type Options struct {
	// Rules are the rules to run.
	Rules []*Rule
	// Severity overrides the default severity of rules, by name.
	Severity map[string]Severity
	// Settings are passed to every rule.
	Settings Settings
	// Jobs is how many files are checked at once; 0 means one per CPU.
	Jobs int
}

// A Result is what Run found.
type Result struct {
	// Files are the files that were checked, in the order given.
	Files []*File
	// Diagnostics are sorted by file (in the order given), then position,
	// rule and message.
	Diagnostics []Diagnostic
	// Documents is the number of documents read (List items not counted
	// apart from their List).
	Documents int
	// Skipped is how many of those documents are objects of API groups
	// that Kubernetes does not define (custom resources), which rules
	// about built-in kinds do not check.
	Skipped int
}

// Count returns the number of diagnostics of severity s.
func (r *Result) Count(s Severity) int {
	n := 0
	for _, d := range r.Diagnostics {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// InternalErrorRule is the rule name of diagnostics that report a bug in
// daemonlint: a rule that panicked or returned an error.
const InternalErrorRule = "internal-error"

// Run checks files with the rules of opts. Files are read concurrently,
// and the documents of a file are checked concurrently as they are read
// (opts.Jobs at a time), so that one large file uses every core; a
// document's node tree is dropped once its rules have run. The result does
// not depend on the order in which they finish.
func Run(files []*File, opts Options) *Result {
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	// Workers run the rules on the documents of every file; each file is
	// read by a goroutine of its own, jobs files at a time. A bounded queue
	// between them keeps few documents in memory at once.
	tasks := make(chan func(), 2*jobs)
	var workers sync.WaitGroup
	for range jobs {
		workers.Go(func() {
			for task := range tasks {
				task()
			}
		})
	}
	submit := func(task func()) { tasks <- task }
	results := make([]fileResult, len(files))
	readers := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	for i, f := range files {
		readers <- struct{}{}
		wg.Go(func() {
			results[i] = checkFile(f, opts, submit)
			<-readers
		})
	}
	wg.Wait()
	close(tasks)
	workers.Wait()
	res := &Result{Files: files}
	for _, r := range results {
		res.Diagnostics = append(res.Diagnostics, r.diags...)
		res.Documents += r.docs
		res.Skipped += r.skipped
	}
	return res
}

// CheckFile runs the rules of opts on one file, one document after the
// other, and returns its diagnostics, sorted, and the number of documents
// it holds.
func CheckFile(f *File, opts Options) ([]Diagnostic, int) {
	r := checkFile(f, opts, func(task func()) { task() })
	return r.diags, r.docs
}

// A fileResult is what checking one file found.
type fileResult struct {
	diags []Diagnostic
	// docs counts the file's documents (List items not apart from their
	// List), and skipped those of API groups Kubernetes does not define.
	docs, skipped int
}

// A docResult is what checking one document (with its List items) found,
// and what the file-wide steps need to know of it once its tree is gone.
type docResult struct {
	diags []Diagnostic
	// template is the first template marker of the document, or nil.
	template *Span
	// summary describes the document for ignore directives.
	summary docSummary
	// scalars and annotations feed ignore directives (see applyDirectives);
	// they are only collected when the file mentions daemonlint.
	scalars     []Span
	annotations []*directive
	skipped     bool
}

// A docSummary is what ignore directives need of a document.
type docSummary struct {
	index  int
	span   Span
	object Object
}

// checkFile reads f document by document and hands each one, with its List
// items, to submit, which runs it now or on a worker. Then it decides what
// only the whole file tells (templates, syntax errors, ignore directives)
// and runs the FileScope rules.
func checkFile(f *File, opts Options, submit func(func())) fileResult {
	var diags []Diagnostic
	report := func(d Diagnostic) {
		if s, ok := opts.Severity[d.Rule]; ok && d.Rule != InternalErrorRule {
			d.Severity = s
		}
		d.Start = f.Position(d.Span.Start)
		d.End = f.Position(d.Span.End)
		diags = append(diags, d)
	}
	need := directiveNeeds{
		comments:    bytes.Contains(f.Src, []byte(ignoreMarker)),
		annotations: bytes.Contains(f.Src, []byte(IgnoreAnnotation)),
	}
	var (
		serrs   []*SyntaxError
		results []*docResult
		pending sync.WaitGroup
		broke   any // what reading the file panicked with
	)
	func() {
		defer func() { broke = recover() }()
		for p := range ParseSeq(f) {
			if p.Err != nil {
				serrs = append(serrs, p.Err)
				continue
			}
			r := new(docResult)
			results = append(results, r)
			pending.Add(1)
			submit(func() {
				defer pending.Done()
				checkDocument(f, p.Docs, opts, need, r)
			})
		}
	}()
	pending.Wait()
	if broke != nil {
		report(Diagnostic{File: f.Name, Rule: InternalErrorRule, Severity: Error,
			Message: fmt.Sprintf("internal error: reading %s panicked (%v) after %d documents; please report this bug", f.Name, broke, len(results)+len(serrs))})
	}

	var tmpl *Span
	if slices.ContainsFunc(serrs, func(e *SyntaxError) bool { return !e.TooLarge }) {
		tmpl = templateText(f)
	} else {
		for _, r := range results {
			if r.template != nil {
				tmpl = r.template
				break
			}
		}
	}
	var res fileResult
	if tmpl == nil {
		for _, r := range results {
			diags = append(diags, r.diags...)
		}
	}
	for _, r := range opts.Rules {
		if r.Scope == FileScope {
			runRule(&Pass{Rule: r, File: f, SyntaxErrors: serrs, Template: tmpl, Settings: opts.Settings}, r.Run, report)
		}
	}
	kept, problems := applyDirectives(f, results, need, tmpl == nil && len(serrs) == 0, opts, diags)
	diags = kept
	for _, d := range problems {
		report(d)
	}
	SortDiagnostics(diags)
	res.diags = diags
	res.docs = len(serrs) + len(results)
	for _, r := range results {
		if r.skipped {
			res.skipped++
		}
	}
	return res
}

// MaxFindingsPerRule is the most findings of one rule that Run reports in
// one document (with its List items); one more finding says how many were
// left out.
const MaxFindingsPerRule = 100

func pluralize(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// checkDocument runs the rules on one document and the items of a List
// (docs[0] is the document) and fills r.
func checkDocument(f *File, docs []*Document, opts Options, need directiveNeeds, r *docResult) {
	doc := docs[0]
	defer func() {
		// Rules recover their own panics (see runRule); this is for the
		// engine's work on the document.
		if v := recover(); v != nil {
			off := f.Offset(doc.Root.Line, doc.Root.Column)
			r.diags = append(r.diags, Diagnostic{File: f.Name, Document: doc.Index, Object: doc.Object(),
				Span: Span{off, off}, Start: f.Position(off), End: f.Position(off),
				Rule: InternalErrorRule, Severity: Error,
				Message: fmt.Sprintf("internal error: checking document %d of %s panicked (%v); please report this bug", doc.Index, f.Name, v)})
		}
	}()
	// A document with thousands of the same mistake gets the first
	// MaxFindingsPerRule of them and a count of the rest: they cost time
	// and memory, and tell nothing more.
	found := map[string]int{}
	dropped := map[string]Diagnostic{} // the first finding left out, by rule
	report := func(d Diagnostic) {
		if s, ok := opts.Severity[d.Rule]; ok && d.Rule != InternalErrorRule {
			d.Severity = s
		}
		if found[d.Rule]++; found[d.Rule] > MaxFindingsPerRule && d.Rule != InternalErrorRule {
			if _, ok := dropped[d.Rule]; !ok {
				dropped[d.Rule] = d
			}
			return
		}
		d.Start = f.Position(d.Span.Start)
		d.End = f.Position(d.Span.End)
		r.diags = append(r.diags, d)
	}
	defer func() {
		for rule, d := range dropped {
			n := found[rule] - MaxFindingsPerRule
			d.Message = fmt.Sprintf("%d more %s of %s in this document, from here on, are not shown (at most %d are); fix the ones above first",
				n, pluralize(n, "finding"), rule, MaxFindingsPerRule)
			d.Span.End = d.Span.Start
			d.Field = ""
			d.Fixes = nil
			d.Start = f.Position(d.Span.Start)
			d.End = d.Start
			r.diags = append(r.diags, d)
		}
	}()
	for _, rule := range opts.Rules {
		if rule.Scope == FileScope && rule.EachDocument != nil {
			runRule(&Pass{Rule: rule, File: f, Doc: doc, Docs: docs, Settings: opts.Settings}, rule.EachDocument, report)
		}
	}
	for _, d := range docs {
		for _, rule := range opts.Rules {
			if rule.Scope == DocumentScope && rule.reads(d.Kind) {
				runRule(&Pass{Rule: rule, File: f, Doc: d, Docs: docs, Settings: opts.Settings}, rule.Run, report)
			}
		}
	}
	if n := templateNode(doc.Node, 0); n != nil {
		start := f.NodeStart(n)
		if i := bytes.Index(f.Src[start:f.NodeEnd(n)], []byte("{{")); i > 0 {
			start += i // the marker, within a scalar
		}
		r.template = &Span{start, start + 2}
	}
	r.summary = docSummary{index: doc.Index, span: doc.Span(), object: doc.Object()}
	if need.comments {
		r.scalars = scalarSpans(f, doc)
	}
	if need.annotations {
		r.annotations = annotationDirectives(f, docs)
	}
	group, _ := doc.GroupVersion()
	r.skipped = doc.APIVersion != "" && !IsBuiltinGroup(group)
}

// runRule runs one rule on one pass. A panic or an error in the rule becomes
// an internal-error diagnostic that names the rule, file and document.
func runRule(p *Pass, run func(*Pass) error, report func(Diagnostic)) {
	p.report = func(d Diagnostic) {
		if d.Severity == 0 {
			d.Severity = p.Rule.Severity
		}
		report(d)
	}
	internal := func(what string) {
		d := Diagnostic{File: p.File.Name, Rule: InternalErrorRule, Severity: Error}
		where := "file"
		if p.Doc != nil {
			d.Document = p.Doc.Index
			d.Object = p.Doc.Object()
			d.Span = Span{p.Doc.Span().Start, p.Doc.Span().Start}
			where = fmt.Sprintf("document %d", p.Doc.Index)
		}
		d.Message = fmt.Sprintf("internal error: rule %s %s on %s of %s; please report this bug", p.Rule.Name, what, where, p.File.Name)
		report(d)
	}
	defer func() {
		if v := recover(); v != nil {
			internal(fmt.Sprintf("panicked (%v)", v))
		}
	}()
	if err := run(p); err != nil {
		internal(fmt.Sprintf("failed (%v)", err))
	}
}

// SortDiagnostics sorts diagnostics of one file by position, then rule and
// message.
func SortDiagnostics(diags []Diagnostic) {
	slices.SortStableFunc(diags, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Span.Start, b.Span.Start),
			cmp.Compare(a.Span.End, b.Span.End),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}
