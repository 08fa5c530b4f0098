package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"maps"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/daemonlint/daemonlint/cmd/internal/engine"
	"github.com/daemonlint/daemonlint/internal/atomicfile"
	"github.com/daemonlint/daemonlint/internal/plural"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/report"
	"github.com/daemonlint/daemonlint/manifest"
)

// lintFlags are the flags of daemonlint lint.
type lintFlags struct {
	format     string
	failOn     lint.Severity
	fix        bool
	allowEmpty bool
	config     string
	paths      []string
	// values and set are the values files and assignments of the one
	// chart named; namespace the release namespace of every chart.
	values, set []string
	namespace   string
	// exclude are globs of paths not to lint; skipKinds kinds whose
	// documents get no findings.
	exclude, skipKinds []string
	verbose            bool
	target             targetFlags
}

// lintFlagSet returns the flag set of daemonlint lint and what it fills in.
func lintFlagSet(e *env) (*flag.FlagSet, *lintFlags) {
	fs := newFlagSet("lint", e)
	lf := &lintFlags{failOn: lint.Error}
	fs.StringVar(&lf.format, "format", "text", "output `FORMAT`: "+strings.Join(report.Formats, ", "))
	fs.TextVar(&lf.failOn, "fail-on", lint.Error, "exit 1 when a finding is at least as severe as `LEVEL`: error, warning or info")
	fs.BoolVar(&lf.fix, "fix", false, "apply certain fixes to the files, again until none is left (at most 10 rounds), then report what is left")
	fs.BoolVar(&lf.allowEmpty, "allow-empty", false, "accept standard input that holds no document")
	fs.StringVar(&lf.config, "config", "", "read the configuration from `FILE` instead of the nearest "+lint.ConfigFileName+" found walking up from each linted path")
	fs.Func("values", "render the chart named with the values `FILE` over its values.yaml, as helm template -f (repeatable)", appendTo(&lf.values))
	fs.Func("set", "render the chart named with `key=value`, as helm template --set (repeatable)", appendTo(&lf.set))
	fs.StringVar(&lf.namespace, "namespace", "default", "render charts into the release `NAMESPACE`")
	fs.Func("exclude", "do not lint paths matching `GLOB`, as ignore: in "+lint.ConfigFileName+" (repeatable)", appendTo(&lf.exclude))
	fs.Func("skip-kinds", "report nothing on documents of the kinds `KIND,...`", func(s string) error {
		for k := range strings.SplitSeq(s, ",") {
			if k = strings.TrimSpace(k); k != "" {
				lf.skipKinds = append(lf.skipKinds, k)
			}
		}
		return nil
	})
	fs.BoolVar(&lf.verbose, "verbose", false, "list on standard error every path a walk skips, and why, and the kinds of custom resources skipped for want of a definition")
	lf.target.register(fs)
	return fs, lf
}

// parseLintFlags turns the arguments of daemonlint lint into lintFlags.
func parseLintFlags(args []string, e *env) (*lintFlags, error) {
	fs, lf := lintFlagSet(e)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return nil, err
	}
	lf.paths = paths
	if err := lf.target.check(); err != nil {
		return nil, err
	}
	if !slices.Contains(report.Formats, lf.format) {
		return nil, fmt.Errorf("--format: unknown format %q: use one of %s", lf.format, strings.Join(report.Formats, ", "))
	}
	return lf, nil
}

func runLint(args []string, e *env) int {
	lf, err := parseLintFlags(args, e)
	if err != nil {
		return flagsFailed("lint", err, e)
	}
	if (len(lf.paths) == 0 || slices.Contains(lf.paths, "-")) && e.stdinTerminal {
		fmt.Fprintln(e.stderr, "daemonlint lint: no paths given and standard input is a terminal; name files or directories, or pipe manifests in (… | daemonlint lint -)")
		return exitUsage
	}
	if lf.fix && (len(lf.paths) == 0 || slices.Contains(lf.paths, "-")) {
		fmt.Fprintln(e.stderr, "daemonlint lint: --fix rewrites files and cannot rewrite standard input; name the files to fix")
		return exitUsage
	}
	cs, err := newConfigs(lf.config, e)
	if err != nil {
		printConfigError(e, err)
		return exitUsage
	}
	if e.engines == nil {
		if reason := needsEngines(lf); reason != "" {
			return handOver(reason, nil, e)
		}
	}
	ls := collectInputs(lf.paths, e, func(path string) string { return lf.skipReason(cs.forPath(path).cfg, path, e) })
	if len(cs.errs) > 0 {
		for _, err := range cs.errs {
			printConfigError(e, err)
		}
		return exitUsage
	}
	opts := cs.forPath(e.dir).lintOptions()
	if (len(lf.values) > 0 || len(lf.set) > 0) && len(ls.charts) != 1 {
		fmt.Fprintf(e.stderr, "daemonlint lint: --values and --set apply to one chart, and the paths hold %s; name one chart\n", plural.Count(len(ls.charts), "chart"))
		return exitUsage
	}
	inputs, problems := ls.inputs, ls.problems
	if e.engines == nil {
		if reason := definitionsIn(inputs); reason != "" {
			if why := rereadable(inputs); why != "" {
				fmt.Fprintf(e.stderr, "daemonlint: %s needs %s, and %s\n", reason, EnginesProgram, why)
				return exitUsage
			}
			return handOver(reason, stdinRead(inputs), e)
		}
	}
	code := exitOK
	for _, p := range problems {
		fmt.Fprintf(e.stderr, "daemonlint: %s\n", p)
		code = exitUsage
	}
	if lf.verbose {
		for _, s := range ls.skips {
			fmt.Fprintf(e.stderr, "daemonlint: skipped %s: %s\n", s.path, s.reason)
		}
	}
	ro := renderOptions{helm: engine.HelmOptions{ValuesFiles: lf.values, Set: lf.set, Namespace: lf.namespace}, engines: e.engines}
	if lf.verbose {
		ro.engineLog = e.stderr
	}
	files := newFiles(inputs)
	size, onHeap := 0, 0
	for _, in := range inputs {
		size += len(in.src)
		if !in.offHeap {
			onHeap += cap(in.src) // a pipe's buffer grows past its length
		}
	}
	tuneMemory(size, onHeap, e)
	built := renderAll(ls, ro)
	// The definitions of custom resources come from the plain files and
	// from what charts and kustomizations render (a chart's crds/, a base
	// that lists its CRDs), besides --crds.
	crs, err := customResources(lf.target.crds, append(slices.Clip(files), built.files()...), e)
	if err != nil {
		fmt.Fprintf(e.stderr, "daemonlint lint: %v\n", err)
		return exitUsage
	}
	cs.settings = func(s *lint.Settings) {
		lf.target.apply(s)
		s.CustomResources = crs
	}
	res, sources, err := lintAll(files, built, cs, lf.skipKinds)
	if err != nil {
		fmt.Fprintf(e.stderr, "daemonlint: %v\n", err)
		return exitInternal
	}
	relint := func(files []*manifest.File) (*lint.Result, error) {
		built = renderAll(ls, ro)
		var err error
		res, sources, err = lintAll(files, built, cs, lf.skipKinds)
		return res, err
	}

	for i, in := range inputs {
		if in.path == "" && !lf.allowEmpty && isEmptyInput(files[i]) {
			fmt.Fprintln(e.stderr, "daemonlint: standard input holds no Kubernetes objects (did the command before the pipe fail?); use --allow-empty to accept that")
			code = exitUsage
		}
	}

	if lf.fix {
		var c int
		res, c = fixAll(inputs, files, res, relint, e)
		code = max(code, c)
	}

	rep, err := report.New(lf.format, report.Options{
		Color:   lf.format == "text" && e.color,
		FixHint: "run with --fix to apply",
		FailOn:  lf.failOn,
		BaseDir: e.dir,
		Rules:   reportRules(opts.Rules, built.counts),
		Version: version(),
		Sources: sources,
		Built:   built.counts,
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "daemonlint lint: %v\n", err)
		return exitUsage
	}
	if err := rep.Report(e.stdout, res); err != nil {
		fmt.Fprintf(e.stderr, "daemonlint: writing the report: %v\n", err)
		return exitUsage
	}
	if s := skippedSummary(crs); s != "" && lf.verbose {
		fmt.Fprintln(e.stderr, s)
	}
	for _, d := range res.Diagnostics {
		if d.Rule == lint.InternalErrorRule {
			return exitInternal
		}
	}
	if code != exitOK {
		return code
	}
	for _, d := range res.Diagnostics {
		if d.Severity <= lf.failOn {
			return exitFindings
		}
	}
	return exitOK
}

// newFiles returns the files of inputs, their line tables made on every
// core.
func newFiles(inputs []input) []*manifest.File {
	files := make([]*manifest.File, len(inputs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(inputs)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(inputs); i = int(next.Add(1)) - 1 {
				files[i] = manifest.NewFile(inputs[i].name, inputs[i].src)
			}
		})
	}
	wg.Wait()
	return files
}

// tuneMemory sets the garbage collector of a real run (not of tests, which
// share their process): the heap may grow to five times what is live,
// under a cap sized by the input. Large inputs are read outside the Go heap
// (see readAllLimited) and their cap is tight, so that a large run's heap
// stays near what the documents being checked and the findings need: the
// collector then runs when the heap reaches the cap, not each time it
// doubles what is live (the findings kept), which would be far more often
// for no less memory. GOGC or GOMEMLIMIT, when set, win.
func tuneMemory(inputBytes, onHeap int, e *env) {
	if !e.tuneGC || e.getenv("GOGC") != "" || e.getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(400)
	if inputBytes < 64<<20 {
		debug.SetMemoryLimit(128<<20 + 2*int64(inputBytes))
		return
	}
	// The line tables take a sixth of the inputs; the findings and the
	// documents in flight fit in the rest. (Far more findings than that
	// make the collector work hard, never fail.) Inputs read into the heap
	// (standard input) count in full.
	debug.SetMemoryLimit(40<<20 + int64(inputBytes)/3 + int64(onHeap))
}

// isEmptyInput reports whether f held no document and no syntax error. A
// line that is more than blanks, a comment, a directive or a document
// marker makes a document or a syntax error, so only a file without one is
// parsed again.
func isEmptyInput(f *manifest.File) bool {
	for line := 1; line <= f.LineCount(); line++ {
		text := bytes.TrimSpace(f.Line(line))
		for _, marker := range []string{"---", "..."} {
			if rest, ok := bytes.CutPrefix(text, []byte(marker)); ok && (len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t') {
				text = bytes.TrimSpace(rest)
			}
		}
		if len(text) > 0 && text[0] != '#' && text[0] != '%' {
			return false
		}
	}
	docs, serrs := manifest.Parse(f)
	return len(docs) == 0 && len(serrs) == 0
}

// maxFixRounds bounds how often --fix lints and fixes again: a fix can
// bring out a finding whose fix is certain only then (a DaemonSet's
// replicas once its kind is spelled right), and fixes must not chase each
// other forever.
const maxFixRounds = 10

// fixAll applies the certain fixes of res to the files they belong to,
// lints again, and repeats until no certain fix is left or maxFixRounds
// rounds were made. inputs and files are updated with what was written; it
// returns the findings of the last lint and exit code 2 when a file could
// not be fixed (0 otherwise).
func fixAll(inputs []input, files []*manifest.File, res *lint.Result, relint func([]*manifest.File) (*lint.Result, error), e *env) (*lint.Result, int) {
	code := exitOK
	fixed := make([]int, len(inputs))
	fixedSources := map[string]int{}
	failedSources := false
	failed := make([]bool, len(inputs))
	rounds := 0
	for changed := true; changed; {
		if rounds == maxFixRounds {
			fmt.Fprintf(e.stderr, "daemonlint: stopped fixing after %d rounds, as fixes still brought out new ones; what is left is reported\n", maxFixRounds)
			break
		}
		rounds++
		changed = false
		for i := range inputs {
			if failed[i] {
				continue
			}
			out, n, err := fixFile(inputs[i], res.Diagnostics)
			if err != nil {
				fmt.Fprintf(e.stderr, "daemonlint: fixing %s: %v\n", inputs[i].name, err)
				failed[i] = true
				code = exitUsage
				continue
			}
			if n > 0 {
				changed = true
				fixed[i] += n
				inputs[i].src, inputs[i].offHeap = out, false
				files[i] = manifest.NewFile(inputs[i].name, out)
			}
		}
		if !failedSources {
			n, problems := fixSources(res.Diagnostics)
			for _, p := range problems {
				fmt.Fprintf(e.stderr, "daemonlint: %s\n", p)
				failedSources, code = true, exitUsage
			}
			for name, k := range n {
				fixedSources[name] += k
				changed = true
			}
		}
		if changed {
			next, err := relint(files)
			if err != nil {
				fmt.Fprintf(e.stderr, "daemonlint: %v\n", err)
				return res, exitInternal
			}
			res = next
		}
	}
	for i, n := range fixed {
		if n > 0 {
			fmt.Fprintf(e.stderr, "daemonlint: fixed %s in %s\n", plural.Count(n, "problem"), inputs[i].name)
		}
	}
	names := slices.Sorted(maps.Keys(fixedSources))
	for _, name := range names {
		fmt.Fprintf(e.stderr, "daemonlint: fixed %s in %s\n", plural.Count(fixedSources[name], "problem"), name)
	}
	return res, code
}

// fixFile applies the certain fixes of in's diagnostics and rewrites the
// file atomically. It returns what it wrote and the number of fixes
// applied.
func fixFile(in input, diags []lint.Diagnostic) ([]byte, int, error) {
	if in.path == "" {
		return nil, 0, nil
	}
	var mine []lint.Diagnostic
	for _, d := range diags {
		if d.File == in.name {
			mine = append(mine, d)
		}
	}
	out, n, err := lint.ApplyFixes(manifest.NewFile(in.name, in.src), mine)
	if err != nil || n == 0 {
		return nil, 0, err
	}
	if err := atomicfile.Replace(in.path, in.src, out); err != nil {
		return nil, 0, err
	}
	return out, n, nil
}

// printConfigError prints a configuration error: problems in the file as
// file:line:col: message lines, as a compiler would, and other errors with
// the command's name.
func printConfigError(e *env, err error) {
	var cerr *lint.ConfigError
	if errors.As(err, &cerr) {
		fmt.Fprintln(e.stderr, err)
		return
	}
	fmt.Fprintf(e.stderr, "daemonlint: %v\n", err)
}
