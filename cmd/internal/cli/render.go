package cli

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"

	"github.com/daemonlint/daemonlint/cmd/internal/engine"
	"github.com/daemonlint/daemonlint/internal/atomicfile"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/report"
	"github.com/daemonlint/daemonlint/render"
)

// buildRule is the rule name of a kustomization that kustomize could not
// build; renderRule that of a chart that Helm could not render (the name
// render.FailureDiagnostic gives).
const (
	renderRule = "render"
	buildRule  = "build"
)

// outcomeRules document the findings that are outcomes of daemonlint lint
// itself rather than of a rule run on documents: they are listed by
// daemonlint rules and explained by daemonlint explain, and have no Run.
var outcomeRules = []*lint.Rule{
	{
		Name:     renderRule,
		Severity: lint.Error,
		Since:    "v0.1.0",
		Doc: `Helm charts render without error

daemonlint lint renders every Helm chart it finds (a directory holding
Chart.yaml) with Helm's own engine, with the chart's values.yaml and then
with each ci/*-values.yaml, and lints what the templates render. A render
that fails (a required value that is not set, a fail call, a template that
does not parse or execute, a values file that does not parse or does not
satisfy values.schema.json) is one finding at the file and line Helm names;
the chart's other renders and the rest of the run go on. Set the value, or
fix the template, as Helm's message says.`,
	},
	{
		Name:     buildRule,
		Severity: lint.Error,
		Since:    "v0.1.0",
		Doc: `Kustomizations build without error

daemonlint lint builds every kustomization that no other kustomization
uses (the overlays) with kustomize's own engine, as kubectl apply -k does,
and lints the objects it builds, each finding traced to the resource,
patch or kustomization.yaml line that wrote the field. A build that fails
(a missing resource, a patch whose target does not exist, a remote
resource, which daemonlint does not fetch) is one finding on the
kustomization.yaml line that names the failing entry.`,
	},
}

// allRules are the rules that daemonlint rules lists: the lint rules, then
// the outcomes of the command.
func allRules() []*lint.Rule {
	return append(rules.All(), outcomeRules...)
}

// ruleByName returns the rule called name among allRules, or nil.
func ruleByName(name string) *lint.Rule {
	if r := rules.ByName(name); r != nil {
		return r
	}
	i := slices.IndexFunc(outcomeRules, func(r *lint.Rule) bool { return r.Name == name })
	if i < 0 {
		return nil
	}
	return outcomeRules[i]
}

// reportRules are the rules a report describes: those that ran, and the
// outcome rules when charts or kustomizations were built.
func reportRules(ran []*lint.Rule, b report.Built) []*lint.Rule {
	if b == (report.Built{}) {
		return ran
	}
	return append(slices.Clone(ran), outcomeRules...)
}

// renderOptions are the options of the charts and kustomizations of a run.
type renderOptions struct {
	helm engine.HelmOptions
	// engines render and build; nil when ls holds no chart and no
	// kustomization.
	engines *engine.Engines
	// engineLog receives what the engines print themselves (krusty's
	// warnings about deprecated kustomization fields); nil drops it.
	engineLog io.Writer
}

// builtSet is what rendering the charts and building the kustomizations of
// a run gave.
type builtSet struct {
	outputs  []render.Output
	failures []render.Failure
	counts   report.Built
}

// renderAll renders every chart and builds every kustomization of ls.
func renderAll(ls lintSet, ro renderOptions) builtSet {
	var b builtSet
	for _, c := range ls.charts {
		outs, fails := ro.engines.RenderChart(c, ro.helm)
		b.counts.Charts++
		b.counts.Renders += countRenders(outs, fails)
		b.outputs = append(b.outputs, outs...)
		b.failures = append(b.failures, fails...)
	}
	for _, k := range ls.kustomizations {
		var outs []render.Output
		var fails []render.Failure
		logged := captureStderr(func() { outs, fails = ro.engines.BuildKustomization(k) })
		if ro.engineLog != nil {
			for line := range strings.SplitSeq(strings.TrimSpace(logged), "\n") {
				if line = strings.TrimSpace(strings.TrimPrefix(line, "#")); line != "" {
					fmt.Fprintf(ro.engineLog, "daemonlint: kustomize, building %s: %s\n", k, line)
				}
			}
		}
		b.counts.Kustomizations++
		b.outputs = append(b.outputs, outs...)
		b.failures = append(b.failures, fails...)
	}
	return b
}

// files returns the rendered outputs as files to lint, each under a name
// of its own (renders share their Names), in the order of b.outputs.
func (b builtSet) files() []*manifest.File {
	fs := make([]*manifest.File, len(b.outputs))
	for i, o := range b.outputs {
		fs[i] = manifest.NewFile(fmt.Sprintf("%s#%d", o.Name, i), o.Src)
	}
	return fs
}

// countRenders counts the distinct renders (values sets) of one chart,
// failed ones included.
func countRenders(outs []render.Output, fails []render.Failure) int {
	var seen [][]string
	add := func(v []string) {
		if !slices.ContainsFunc(seen, func(s []string) bool { return slices.Equal(s, v) }) {
			seen = append(seen, v)
		}
	}
	for _, o := range outs {
		add(o.Origin.Values)
	}
	for _, f := range fails {
		add(f.Origin.Values)
	}
	return max(len(seen), 1)
}

// lintAll lints the plain files and the rendered outputs of b together,
// maps the findings on rendered outputs back to the files that produced
// them (deduplicated across renders), adds the failed renders as findings,
// and returns one result whose Files are the plain files, and the source
// files that findings point at.
func lintAll(files []*manifest.File, b builtSet, cs *configs, skipKinds []string) (*lint.Result, []*manifest.File, error) {
	// The files are linted in groups, one per configuration that applies.
	var keys []string
	groups := map[string][]*manifest.File{}
	add := func(path string, f *manifest.File) {
		k := cs.key(path)
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], f)
	}
	for _, f := range files {
		add(f.Name, f)
	}
	byName := map[string]render.Output{}
	for i, f := range b.files() {
		byName[f.Name] = b.outputs[i]
		add(b.outputs[i].Origin.Root, f)
	}
	res := &lint.Result{}
	for _, k := range keys {
		opts := cs.entry(k).lintOptions()
		if cs.settings != nil {
			cs.settings(&opts.Settings)
		}
		r, err := runLintOnce(groups[k], opts)
		if err != nil {
			return nil, nil, err
		}
		if len(keys) == 1 {
			res.Diagnostics = r.Diagnostics // no copy of a large run's findings
		} else {
			res.Diagnostics = append(res.Diagnostics, r.Diagnostics...)
		}
		res.Documents += r.Documents
		res.Skipped += r.Skipped
		res.NotManifests += r.NotManifests
		res.NotManifestFiles += r.NotManifestFiles
	}
	res.Files = files
	sources := map[string][]byte{}
	read := func(name string) ([]byte, error) {
		if src, ok := sources[name]; ok {
			return src, nil
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		sources[name] = src
		return src, nil
	}
	// The findings of plain files are kept in place, in the same array.
	plain := res.Diagnostics[:0]
	var found []render.Finding
	for _, d := range res.Diagnostics {
		if slices.Contains(skipKinds, d.Object.Kind) && d.Object.Kind != "" {
			continue
		}
		out, ok := byName[d.File]
		if !ok {
			plain = append(plain, d)
			continue
		}
		f, err := render.MapDiagnostic(d, out, read)
		if err != nil {
			// The source is gone: report the finding on the rendered stream.
			f.Diagnostic = d
			f.Diagnostic.File = out.Name
		}
		found = append(found, f)
	}
	for _, fl := range b.failures {
		f := render.FailureDiagnostic(fl, read)
		if fl.Origin.Kind == "kustomization" {
			f.Diagnostic.Rule = buildRule
		}
		sev, on := cs.forPath(fl.Origin.Root).outcome(f.Diagnostic.Rule, f.Diagnostic.Severity)
		if !on {
			continue
		}
		f.Diagnostic.Severity = sev
		found = append(found, f)
	}
	for _, f := range render.Dedupe(found) {
		d := f.Diagnostic
		o := f.Origins[0]
		d.Rendered = &lint.Rendered{Kind: o.Kind, Root: o.Root, Values: o.Values, Renders: f.RenderNames(),
			Line: f.Rendered.Line, Text: f.RenderedLine}
		if d.Rule == renderRule || d.Rule == buildRule {
			d.Rendered.Line, d.Rendered.Text = 0, ""
		}
		if sfx := renderedSuffix(f); !strings.Contains(d.Message, strings.TrimSuffix(strings.TrimPrefix(sfx, " ("), ")")) {
			d.Message += sfx
		}
		plain = append(plain, d)
	}
	sortDiagnostics(plain, files)
	res.Diagnostics = plain
	var srcs []*manifest.File
	for name, src := range sources {
		srcs = append(srcs, manifest.NewFile(name, src))
	}
	slices.SortFunc(srcs, func(a, b *manifest.File) int { return cmp.Compare(a.Name, b.Name) })
	return res, srcs, nil
}

// renderedSuffix says, after a message, in which renders a finding on a
// rendered object was made: the renders of a chart when there were
// several, the overlay of a kustomization.
func renderedSuffix(f render.Finding) string {
	o := f.Origins[0]
	if o.Kind == "kustomization" {
		if len(f.Origins) == 1 {
			return " (in overlay " + o.Root + ")"
		}
		s := " (in overlays " + o.Root
		for _, x := range f.Origins[1:] {
			s += ", " + x.Root
		}
		return s + ")"
	}
	if n := f.RenderNames(); n != "" {
		return " (in renders with " + n + ")"
	}
	return ""
}

// sortDiagnostics sorts diagnostics by file (the plain files in the order
// given, then other files by name), position, rule and message.
func sortDiagnostics(ds []lint.Diagnostic, files []*manifest.File) {
	order := make(map[string]int, len(files))
	for i, f := range files {
		order[f.Name] = i
	}
	rank := func(name string) int {
		if i, ok := order[name]; ok {
			return i
		}
		return len(files)
	}
	slices.SortStableFunc(ds, func(a, b lint.Diagnostic) int {
		return cmp.Or(cmp.Compare(rank(a.File), rank(b.File)), cmp.Compare(a.File, b.File),
			cmp.Compare(a.Span.Start, b.Span.Start), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	})
}

// fixSources applies the certain fixes of findings on rendered objects
// whose edits map onto a source file (a template, a resource, a patch) to
// those files, atomically. It returns how many fixes it applied to each
// file, and the files it could not fix with why.
func fixSources(diags []lint.Diagnostic) (fixed map[string]int, problems []string) {
	byFile := map[string][]lint.Diagnostic{}
	var names []string
	for _, d := range diags {
		if d.Rendered == nil || len(d.Fixes) == 0 {
			continue
		}
		if _, ok := byFile[d.File]; !ok {
			names = append(names, d.File)
		}
		byFile[d.File] = append(byFile[d.File], d)
	}
	slices.Sort(names)
	fixed = map[string]int{}
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			problems = append(problems, describeError(name, err))
			continue
		}
		out, n, err := lint.ApplyFixes(manifest.NewFile(name, src), byFile[name])
		if err == nil && n > 0 {
			err = atomicfile.Replace(name, src, out)
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("fixing %s: %v", name, err))
			continue
		}
		if n > 0 {
			fixed[name] += n
		}
	}
	return fixed, problems
}

// runLintOnce runs lint on files. A configuration that turns every rule off
// checks nothing, which is the user's choice and not an error; other
// errors of lint.Run are the command's bugs.
func runLintOnce(files []*manifest.File, opts lint.Options) (*lint.Result, error) {
	if len(opts.Rules) == 0 {
		return &lint.Result{Files: files}, nil
	}
	return lint.Run(files, opts)
}

// captureStderr runs fn with the process's standard error going to a pipe
// and returns what was written there: krusty prints its warnings about
// deprecated kustomization fields to os.Stderr itself, and only what
// daemonlint writes may reach the user's terminal (with --verbose, the
// warnings are passed on). Builds run one at a time, so nothing else
// writes meanwhile.
func captureStderr(fn func()) string {
	r, w, err := os.Pipe()
	if err != nil {
		fn()
		return ""
	}
	saved := os.Stderr
	os.Stderr = w
	var buf strings.Builder
	done := make(chan struct{})
	go func() {
		io.Copy(&buf, r)
		close(done)
	}()
	func() {
		defer func() { os.Stderr = saved }()
		fn()
	}()
	w.Close()
	<-done
	r.Close()
	return buf.String()
}
