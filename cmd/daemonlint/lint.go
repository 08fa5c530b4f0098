package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/daemonlint/daemonlint/internal/atomicfile"
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
}

// parseLintFlags turns the arguments of daemonlint lint into lintFlags.
func parseLintFlags(args []string, e *env) (*lintFlags, error) {
	fs := newFlagSet("lint", e)
	lf := &lintFlags{failOn: lint.Error}
	fs.StringVar(&lf.format, "format", "text", "output format: "+strings.Join(report.Formats, ", "))
	fs.TextVar(&lf.failOn, "fail-on", lint.Error, "exit 1 when a finding is at least this severe: error, warning or info")
	fs.BoolVar(&lf.fix, "fix", false, "apply certain fixes to the files, then report what is left")
	fs.BoolVar(&lf.allowEmpty, "allow-empty", false, "accept standard input that holds no document")
	fs.StringVar(&lf.config, "config", "", "read the configuration from `FILE` instead of the first "+lint.ConfigFileName+" found walking up from the working directory")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return nil, err
	}
	lf.paths = paths
	if !slices.Contains(report.Formats, lf.format) {
		return nil, fmt.Errorf("unknown format %q: use one of %s", lf.format, strings.Join(report.Formats, ", "))
	}
	return lf, nil
}

func runLint(args []string, e *env) int {
	lf, err := parseLintFlags(args, e)
	if err != nil {
		if !errors.Is(err, errHelp) {
			fmt.Fprintf(e.stderr, "daemonlint lint: %v\n", err)
		}
		return exitUsage
	}
	if (len(lf.paths) == 0 || slices.Contains(lf.paths, "-")) && e.stdinTerminal {
		fmt.Fprintln(e.stderr, "daemonlint lint: no paths given and standard input is a terminal; name files or directories, or pipe manifests in (… | daemonlint lint -)")
		return exitUsage
	}
	if lf.fix && (len(lf.paths) == 0 || slices.Contains(lf.paths, "-")) {
		fmt.Fprintln(e.stderr, "daemonlint lint: --fix rewrites files and cannot rewrite standard input; name the files to fix")
		return exitUsage
	}
	cfg, err := loadConfig(lf.config, e)
	if err != nil {
		printConfigError(e, err)
		return exitUsage
	}
	opts, err := cfg.Options(e.lintRules())
	if err != nil {
		printConfigError(e, err)
		return exitUsage
	}
	inputs, problems := readInputs(lf.paths, e, func(path string) bool { return cfg.ignored(path, e) })
	code := exitOK
	for _, p := range problems {
		fmt.Fprintf(e.stderr, "daemonlint: %s\n", p)
		code = exitUsage
	}
	files := make([]*manifest.File, len(inputs))
	size, onHeap := 0, 0
	for i, in := range inputs {
		files[i] = manifest.NewFile(in.name, in.src)
		size += len(in.src)
		if !in.offHeap {
			onHeap += cap(in.src) // a pipe's buffer grows past its length
		}
	}
	tuneMemory(size, onHeap, e)
	res, err := lint.Run(files, opts)
	if err != nil {
		fmt.Fprintf(e.stderr, "daemonlint: %v\n", err)
		return exitUsage
	}

	for i, in := range inputs {
		if in.path == "" && !lf.allowEmpty && isEmptyInput(files[i]) {
			fmt.Fprintln(e.stderr, "daemonlint: standard input holds no Kubernetes objects (did the command before the pipe fail?); use --allow-empty to accept that")
			code = exitUsage
		}
	}

	if lf.fix {
		changed := false
		for i, in := range inputs {
			n, err := fixFile(in, res.Diagnostics)
			if err != nil {
				fmt.Fprintf(e.stderr, "daemonlint: fixing %s: %v\n", in.name, err)
				code = exitUsage
				continue
			}
			if n > 0 {
				changed = true
				fmt.Fprintf(e.stderr, "daemonlint: fixed %d %s in %s\n", n, pluralWord(n, "problem"), in.name)
				src, err := os.ReadFile(in.path)
				if err == nil {
					files[i] = manifest.NewFile(in.name, src)
				}
			}
		}
		if changed {
			if res, err = lint.Run(files, opts); err != nil {
				fmt.Fprintf(e.stderr, "daemonlint: %v\n", err)
				return exitUsage
			}
		}
	}

	rep, err := report.New(lf.format, report.Options{
		Color:   lf.format == "text" && e.color,
		FixHint: "run with --fix to apply",
		FailOn:  lf.failOn,
		BaseDir: e.dir,
		Rules:   opts.Rules,
		Version: version(),
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "daemonlint lint: %v\n", err)
		return exitUsage
	}
	if err := rep.Report(e.stdout, res); err != nil {
		fmt.Fprintf(e.stderr, "daemonlint: writing the report: %v\n", err)
		return exitUsage
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

// tuneMemory sets the garbage collector of a real run (not of tests, which
// share their process). Large inputs are read outside the Go heap (see
// readAllLimited), so the collector's default, a heap up to twice what is
// live, stays near what the documents being checked and the findings need;
// a cap keeps it there on a large run. A small run does better letting the
// heap grow five times, under a cap. GOGC or GOMEMLIMIT, when set, win.
func tuneMemory(inputBytes, onHeap int, e *env) {
	if !e.tuneGC || e.getenv("GOGC") != "" || e.getenv("GOMEMLIMIT") != "" {
		return
	}
	if inputBytes < 64<<20 {
		debug.SetGCPercent(400)
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

// fixFile applies the certain fixes of in's diagnostics and rewrites the
// file atomically. It returns the number of fixes applied.
func fixFile(in input, diags []lint.Diagnostic) (int, error) {
	if in.path == "" {
		return 0, nil
	}
	var mine []lint.Diagnostic
	for _, d := range diags {
		if d.File == in.name {
			mine = append(mine, d)
		}
	}
	out, n, err := lint.ApplyFixes(manifest.NewFile(in.name, in.src), mine)
	if err != nil || n == 0 {
		return 0, err
	}
	if err := atomicfile.Replace(in.path, in.src, out); err != nil {
		return 0, err
	}
	return n, nil
}

func pluralWord(n int, w string) string {
	if n == 1 {
		return w
	}
	return w + "s"
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
