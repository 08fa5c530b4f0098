package lint

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/daemonlint/daemonlint/internal/plural"
	"github.com/daemonlint/daemonlint/manifest"
)

// Options configure Run. Rules must hold at least one rule: the engine
// knows no rules of its own (lint/rules has daemonlint's), and a run with
// none is an error rather than a run that finds nothing.
type Options struct {
	// Rules are the rules to run.
	Rules []*Rule
	// Disabled are rules that exist but are turned off for this run (by
	// configuration): ignore directives may name them without being
	// reported as naming an unknown rule, and Pass.Enabled reports them
	// off. Config.Options fills it in.
	Disabled []*Rule
	// Severity overrides the default severity of rules, by name.
	Severity map[string]Severity
	// Settings are passed to every rule.
	Settings Settings
	// Jobs is how many files are checked at once; 0 means one per CPU.
	Jobs int

	enabled map[string]bool // the names of Rules, set by Run
}

// A Result is what Run found.
type Result struct {
	// Files are the files that were checked, in the order given.
	Files []*manifest.File
	// Diagnostics are sorted by file (in the order given), then position,
	// rule and message.
	Diagnostics []Diagnostic
	// Documents is the number of documents read (List items not counted
	// apart from their List).
	Documents int
	// Skipped is how many of those documents are objects of API groups
	// that Kubernetes does not define (custom resources), which rules
	// about built-in kinds do not check, and whose definition
	// Settings.CustomResources does not know (or the custom-resource rule
	// is off).
	Skipped int
	// NotManifests is how many of those documents are not Kubernetes
	// objects nor a try at one (see IsManifest), which no rule checks.
	NotManifests int
	// NotManifestFiles is how many files hold such documents and nothing
	// else (no object, no syntax error): no rule reports anything on them.
	NotManifestFiles int
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

// TemplateRule is the rule name under which Run reports a file that is an
// unrendered template ({{ … }}), whether or not the rule of that name (the
// syntax rule of lint/rules) is among Options.Rules: no rule can check
// such a file, so the other rules' findings on it are dropped and this one
// diagnostic, an error, says why. Its severity follows Options.Severity of
// that name.
const TemplateRule = "syntax"

// ErrNoRules is the error of Run and CheckFile when Options.Rules is empty.
var ErrNoRules = errors.New("no rules to run: set Options.Rules (rules.All() has daemonlint's)")

// check returns why opts cannot be run, or nil.
func (opts *Options) check() error {
	if len(opts.Rules) == 0 {
		return ErrNoRules
	}
	if err := opts.Settings.check(); err != nil {
		return err
	}
	return CheckRules(opts.Rules)
}

// Run checks files with the rules of opts. Files are read concurrently,
// and the documents of a file are checked concurrently as they are read
// (opts.Jobs at a time), so that one large file uses every core; a
// document's node tree is dropped once its rules have run. The result does
// not depend on the order in which they finish.
//
// Run returns an error, and checks nothing, when opts has no rules or its
// rules are invalid (see CheckRules).
func Run(files []*manifest.File, opts Options) (*Result, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	opts.enabled = enabledRules(opts)
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
	inline := func(task func()) { task() }
	results := make([]fileResult, len(files))
	readers := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	for i, f := range files {
		readers <- struct{}{}
		// While other files keep the other cores busy, a small file is
		// read and checked by one goroutine, its documents still in the
		// cache of the core that read them. The last files, and large
		// ones, share their documents with the workers.
		s := submit
		if i < len(files)-jobs && len(f.Src) <= partSize {
			s = inline
		}
		wg.Go(func() {
			results[i] = checkFile(f, opts, s, partSize)
			<-readers
		})
	}
	wg.Wait()
	close(tasks)
	workers.Wait()
	res := &Result{Files: files}
	n := 0
	for _, r := range results {
		n += len(r.diags)
	}
	// One copy of the findings at a time: a large stream's are most of
	// what the run keeps.
	switch {
	case len(results) == 1:
		res.Diagnostics = results[0].diags
	case n > 0:
		res.Diagnostics = make([]Diagnostic, 0, n)
	}
	for i, r := range results {
		if len(results) > 1 {
			res.Diagnostics = append(res.Diagnostics, r.diags...)
		}
		results[i].diags = nil
		res.Documents += r.docs
		res.Skipped += r.skipped
		res.NotManifests += r.notManifests
		if r.notManifestFile {
			res.NotManifestFiles++
		}
	}
	return res, nil
}

// CheckFile runs the rules of opts on one file, one document after the
// other, and returns its diagnostics, sorted, and the number of documents
// it holds. Like Run, it returns an error when opts has no rules or its
// rules are invalid.
func CheckFile(f *manifest.File, opts Options) ([]Diagnostic, int, error) {
	if err := opts.check(); err != nil {
		return nil, 0, err
	}
	opts.enabled = enabledRules(opts)
	r := checkFile(f, opts, func(task func()) { task() }, 0)
	return r.diags, r.docs, nil
}

// enabledRules returns the names of the rules of opts.
func enabledRules(opts Options) map[string]bool {
	m := make(map[string]bool, len(opts.Rules))
	for _, r := range opts.Rules {
		m[r.Name] = true
	}
	return m
}

// A fileResult is what checking one file found.
type fileResult struct {
	diags []Diagnostic
	// docs counts the file's documents (List items not apart from their
	// List), skipped those of API groups Kubernetes does not define, and
	// notManifests those that are not Kubernetes objects (see IsManifest).
	docs, skipped, notManifests int
	// notManifestFile is set when every document of the file is one of
	// notManifests and none is a template: no rule ran on the file.
	notManifestFile bool
}

// A docResult is what checking one document (with its List items) found,
// and what the file-wide steps need to know of it once its tree is gone.
type docResult struct {
	diags []packedDiagnostic
	// template is the first template marker of the document, or nil.
	template *manifest.Span
	// summary describes the document for ignore directives.
	summary docSummary
	// scalars and annotations feed ignore directives (see applyDirectives);
	// they are only collected when the file mentions daemonlint.
	scalars     []manifest.Span
	annotations []*directive
	skipped     bool
	// notManifest is set when the document is not a Kubernetes object
	// (see IsManifest): no rule ran on it.
	notManifest bool
}

// A docSummary is what ignore directives need of a document.
type docSummary struct {
	index  int
	span   manifest.Span
	object manifest.Object
}

// checkFile reads f document by document and hands each one, with its List
// items, to submit, which runs it now or on a worker. Then it decides what
// only the whole file tells (templates, syntax errors, ignore directives)
// and runs the FileScope rules. A file larger than size is read in parts
// of that size, at the same time (see checkParts); size 0 reads every file
// as one.
func checkFile(f *manifest.File, opts Options, submit func(func()), size int) fileResult {
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
		tab     = new(findingTable)
		serrs   []*manifest.SyntaxError
		results []*docResult
		pending sync.WaitGroup
		broke   any // what reading the file panicked with
	)
	if size > 0 && len(f.Src) > size {
		if parts, ok := manifest.Split(f, size); ok && len(parts) > 1 {
			if results, ok = checkParts(f, parts, opts, need, tab, submit); !ok {
				results = nil // read again below, as one
			}
		}
	}
	func() {
		defer func() { broke = recover() }()
		if results != nil {
			return
		}
		for p := range manifest.ParseSeq(f) {
			if p.Err != nil {
				serrs = append(serrs, p.Err)
				continue
			}
			r := new(docResult)
			results = append(results, r)
			pending.Add(1)
			submit(func() {
				defer pending.Done()
				checkDocument(f, p.Docs, opts, need, tab, r)
			})
		}
	}()
	pending.Wait()
	if broke != nil {
		report(internalError(f, nil, fmt.Sprintf("reading %s panicked (%v) after %d documents", f.Name, broke, len(results)+len(serrs))))
	}

	var tmpl *manifest.Span
	if slices.ContainsFunc(serrs, func(e *manifest.SyntaxError) bool { return !e.TooLarge }) {
		tmpl = f.TemplateText()
	} else {
		for _, r := range results {
			if r.template != nil {
				tmpl = r.template
				break
			}
		}
	}
	var res fileResult
	// A file of documents that are none of them Kubernetes objects (a
	// docker-compose file, a values file) is not a manifest: no rule,
	// not even a file-wide one, has anything to say about it.
	if tmpl == nil && len(serrs) == 0 && len(results) > 0 && !slices.ContainsFunc(results, func(r *docResult) bool { return !r.notManifest }) {
		SortDiagnostics(diags) // an internal error, if reading panicked
		return fileResult{diags: diags, docs: len(results), notManifests: len(results), notManifestFile: true}
	}
	if tmpl == nil {
		n := len(diags)
		for _, r := range results {
			n += len(r.diags)
		}
		diags = slices.Grow(diags, n-len(diags))
		for _, r := range results {
			for _, p := range r.diags {
				diags = append(diags, tab.unpack(p))
			}
			r.diags = nil
		}
	} else {
		report(templateDiagnostic(f, *tmpl))
	}
	for _, r := range opts.Rules {
		if r.Scope == FileScope {
			runRule(&Pass{Rule: r, File: f, SyntaxErrors: serrs, Template: tmpl, Settings: opts.Settings, enabled: opts.enabled}, r.Run, report)
		}
	}
	kept, problems := applyDirectives(f, results, need, tmpl == nil && len(serrs) == 0, opts, diags)
	diags = kept
	for _, r := range opts.Rules {
		if r.Scope == DirectiveScope {
			runRule(&Pass{Rule: r, File: f, SyntaxErrors: serrs, Template: tmpl, Settings: opts.Settings, enabled: opts.enabled, Directives: problems}, r.Run, report)
		}
	}
	SortDiagnostics(diags)
	res.diags = diags
	res.docs = len(serrs) + len(results)
	for _, r := range results {
		if r.skipped {
			res.skipped++
		}
		if r.notManifest {
			res.notManifests++
		}
	}
	return res
}

// partSize is the size of the parts of a large file that Run reads at the
// same time (see manifest.Split): a file of one part is read as it is.
const partSize = 256 << 10

// checkParts reads the parts of a file, each on a worker, and checks their
// documents as checkFile does. It reports false, and the file must be
// read as one, when a part is not what its lines promised (a syntax error
// among them); its remaining parts are then not read.
func checkParts(f *manifest.File, parts []manifest.Part, opts Options, need directiveNeeds, tab *findingTable, submit func(func())) ([]*docResult, bool) {
	last := parts[len(parts)-1]
	results := make([]*docResult, last.Index+last.Docs)
	for i := range results {
		results[i] = new(docResult)
	}
	var (
		unsure  atomic.Bool
		pending sync.WaitGroup
	)
	for _, part := range parts {
		if unsure.Load() {
			break
		}
		pending.Add(1)
		submit(func() {
			defer pending.Done()
			defer func() {
				if v := recover(); v != nil {
					unsure.Store(true) // reading it as one reports the panic
				}
			}()
			i := part.Index
			ok := part.Parse(f, func(docs []*manifest.Document) bool {
				if unsure.Load() {
					return false
				}
				checkDocument(f, docs, opts, need, tab, results[i])
				i++
				return true
			})
			if !ok {
				unsure.Store(true)
			}
		})
	}
	pending.Wait()
	return results, !unsure.Load()
}

// MaxFindingsPerRule is the most findings of one rule that Run reports in
// one document (with its List items); one more finding says how many were
// left out.
const MaxFindingsPerRule = 100

// templateDiagnostic is the finding of a file that is an unrendered
// template, whose first marker is at tmpl (see TemplateRule).
func templateDiagnostic(f *manifest.File, tmpl manifest.Span) Diagnostic {
	pos := f.Position(tmpl.Start)
	return Diagnostic{File: f.Name, Span: tmpl, Rule: TemplateRule, Severity: Error,
		Message: fmt.Sprintf("this file is an unrendered template ({{ … }} on line %d), not a manifest; "+
			"render it first (helm template …) and lint the output", pos.Line)}
}

// checkDocument runs the rules on one document and the items of a List
// (docs[0] is the document) and fills r.
func checkDocument(f *manifest.File, docs []*manifest.Document, opts Options, need directiveNeeds, tab *findingTable, r *docResult) {
	doc := docs[0]
	defer func() {
		// Rules recover their own panics (see runRule); this is for the
		// engine's work on the document.
		if v := recover(); v != nil {
			d := internalError(f, doc, fmt.Sprintf("checking document %d of %s panicked (%v)", doc.Index, f.Name, v))
			d.Start = f.Position(d.Span.Start)
			d.End = d.Start
			r.diags = append(r.diags, tab.pack(d))
		}
	}()
	// A document with thousands of the same mistake gets the first
	// MaxFindingsPerRule of them and a count of the rest: they cost time
	// and memory, and tell nothing more.
	if !IsManifest(doc) {
		// Not a Kubernetes object nor a try at one: no rule judges it.
		// Template text that makes its structure still shows a template
		// ({{ range … }} around manifests); quoted template text is data
		// (a values file's, for tpl).
		r.notManifest = true
		r.template = doc.TemplateStructure()
		r.summary = docSummary{index: doc.Index, span: doc.Span(), object: doc.Object()}
		if need.comments {
			r.scalars = scalarSpans(f, doc)
		}
		return
	}
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
		// Documents alike get findings alike: the file's findings share
		// one copy of each text, and are kept packed until it is done.
		r.diags = append(r.diags, tab.pack(d))
	}
	defer func() {
		for rule, d := range dropped {
			n := found[rule] - MaxFindingsPerRule
			d.Message = fmt.Sprintf("%d more %s of %s in this document, from here on, are not shown (at most %d are); fix the ones above first",
				n, plural.Word(n, "finding"), rule, MaxFindingsPerRule)
			d.Span.End = d.Span.Start
			d.Field = ""
			d.Fixes = nil
			d.Start = f.Position(d.Span.Start)
			d.End = d.Start
			r.diags = append(r.diags, tab.pack(d))
		}
	}()
	// One Pass serves every rule on the document: rules do not keep it
	// past their Run, and thirty of them for each of thousands of
	// documents would be as many allocations.
	p := &Pass{File: f, Docs: docs, Settings: opts.Settings, enabled: opts.enabled}
	p.report = func(d Diagnostic) {
		if d.Severity == 0 {
			d.Severity = p.Rule.Severity
		}
		report(d)
	}
	for _, rule := range opts.Rules {
		if rule.Scope == FileScope && rule.EachDocument != nil {
			p.Rule, p.Doc = rule, doc
			runRule(p, rule.EachDocument, report)
		}
	}
	p.found = found
	for _, d := range docs {
		for _, rule := range opts.Rules {
			if rule.Scope == DocumentScope && rule.reads(d.Kind) {
				p.Rule, p.Doc = rule, d
				runRule(p, rule.Run, report)
			}
		}
	}
	r.template = doc.Template()
	if need.comments || need.annotations { // only ignore directives read it
		r.summary = docSummary{index: doc.Index, span: doc.Span(), object: doc.Object()}
	}
	if need.comments {
		r.scalars = scalarSpans(f, doc)
	}
	if need.annotations {
		r.annotations = annotationDirectives(f, docs)
	}
	r.skipped = doc.APIVersion != "" && manifest.IsCustomResource(doc.APIVersion, doc.Kind)
	if c := opts.Settings.CustomResources; r.skipped && c != nil && opts.enabled["custom-resource"] && c.Knows(doc.APIVersion, doc.Kind) {
		r.skipped = false // checked against its definition
	}
}

// runRule runs one rule on one pass. A panic or an error in the rule becomes
// an internal-error diagnostic that names the rule, file and document.
func runRule(p *Pass, run func(*Pass) error, report func(Diagnostic)) {
	if p.report == nil {
		p.report = func(d Diagnostic) {
			if d.Severity == 0 {
				d.Severity = p.Rule.Severity
			}
			report(d)
		}
	}
	internal := func(what string) {
		where := "file"
		if p.Doc != nil {
			where = fmt.Sprintf("document %d", p.Doc.Index)
		}
		report(internalError(p.File, p.Doc, fmt.Sprintf("rule %s %s on %s of %s", p.Rule.Name, what, where, p.File.Name)))
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
