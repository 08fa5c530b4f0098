package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/daemonlint/daemonlint/convert"
	"github.com/daemonlint/daemonlint/internal/atomicfile"
	"github.com/daemonlint/daemonlint/internal/diff"
	"github.com/daemonlint/daemonlint/manifest"
)

// convertFlags are the flags of daemonlint convert.
type convertFlags struct {
	write bool
	diff  bool
	kinds []string
	name  string
	paths []string
}

// convertFlagSet returns the flag set of daemonlint convert, what it fills
// in, and where it puts --kind.
func convertFlagSet(e *env) (*flag.FlagSet, *convertFlags, *string) {
	fs := newFlagSet("convert", e)
	cf := &convertFlags{}
	kinds := new(string)
	*kinds = strings.Join(convert.SupportedKinds, ",")
	fs.BoolVar(&cf.write, "w", false, "rewrite each file in place (atomically, keeping its permissions) instead of printing the result")
	fs.BoolVar(&cf.diff, "diff", false, "print a unified diff of the changes instead of the result")
	fs.StringVar(kinds, "kind", *kinds, "comma-separated `KINDS` to convert: ReplicaSet, Deployment")
	fs.StringVar(&cf.name, "name", "", "convert only the objects with this `NAME`; naming none that exists is an error")
	return fs, cf, kinds
}

// parseConvertFlags turns the arguments of daemonlint convert into
// convertFlags.
func parseConvertFlags(args []string, e *env) (*convertFlags, error) {
	fs, cf, kindsFlag := convertFlagSet(e)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return nil, err
	}
	cf.paths = paths
	for _, k := range strings.Split(*kindsFlag, ",") {
		k = strings.TrimSpace(k)
		i := slices.IndexFunc(convert.SupportedKinds, func(s string) bool { return strings.EqualFold(s, k) })
		if i < 0 {
			return nil, fmt.Errorf("--kind: cannot convert %q; use %s", k, strings.Join(convert.SupportedKinds, " or "))
		}
		if !slices.Contains(cf.kinds, convert.SupportedKinds[i]) {
			cf.kinds = append(cf.kinds, convert.SupportedKinds[i])
		}
	}
	return cf, nil
}

// runConvert is daemonlint convert: it converts ReplicaSets and
// Deployments into DaemonSets and prints the result, a diff, or rewrites
// the files. Notes go to standard error. It exits 1 when a document cannot
// be converted (that file is then neither printed nor rewritten), and 2
// when the command cannot do its job.
func runConvert(args []string, e *env) int {
	cf, err := parseConvertFlags(args, e)
	if err != nil {
		return flagsFailed("convert", err, e)
	}
	readsStdin := len(cf.paths) == 0 || slices.Contains(cf.paths, "-")
	if readsStdin && e.stdinTerminal {
		fmt.Fprintln(e.stderr, "daemonlint convert: no paths given and standard input is a terminal; name files or directories, or pipe manifests in (… | daemonlint convert -)")
		return exitUsage
	}
	if cf.write && readsStdin {
		fmt.Fprintln(e.stderr, "daemonlint convert: -w rewrites files and cannot rewrite standard input; name the files to convert")
		return exitUsage
	}
	inputs, problems := readInputs(cf.paths, e, noIgnore)
	code := exitOK
	fail := func(c int) {
		if c > code {
			code = c
		}
	}
	for _, p := range problems {
		fmt.Fprintf(e.stderr, "daemonlint: %s\n", p)
		fail(exitUsage)
	}
	opts := convert.Options{Kinds: cf.kinds, Name: cf.name}
	// The results are printed once every file is converted, so that
	// nothing is printed when --name names no object.
	type result struct {
		in  input
		out []byte
	}
	var results []result
	converted := 0
	failed := false
	for _, in := range inputs {
		if in.path == "" && isEmptyStream(in.src) {
			fmt.Fprintln(e.stderr, "daemonlint: standard input holds no Kubernetes objects (did the command before the pipe fail?)")
			fail(exitUsage)
			continue
		}
		opts.File = in.name
		out, notes, err := convert.Convert(in.src, opts)
		if err != nil {
			// Nothing of this file is written, so its notes would only
			// confuse: the errors say what to fix first.
			for _, line := range strings.Split(err.Error(), "\n") {
				fmt.Fprintln(e.stderr, line)
			}
			what := "printed"
			if cf.write {
				what = "rewritten"
			}
			fmt.Fprintf(e.stderr, "%s: note: not %s, as a document cannot be converted\n", in.name, what)
			fail(exitFindings)
			failed = true
			continue
		}
		for _, n := range notes {
			fmt.Fprintln(e.stderr, n)
		}
		if !bytes.Equal(out, in.src) {
			converted++
		}
		results = append(results, result{in, out})
	}
	if converted == 0 && !failed && cf.name != "" {
		// --name names one object; that it is not there is a mistake
		// (a typo, the wrong file), not a stream to pass through.
		fmt.Fprintf(e.stderr, "daemonlint convert: --name %q: no %s of that name in the input; nothing is printed or rewritten\n", cf.name, strings.Join(cf.kinds, " or "))
		return exitUsage
	}
	printed := 0
	endsWithBreak := true
	for _, r := range results {
		in, out := r.in, r.out
		changed := !bytes.Equal(out, in.src)
		switch {
		case cf.diff:
			e.stdout.Write(diff.Unified("a/"+strings.TrimPrefix(in.name, "/"), "b/"+strings.TrimPrefix(in.name, "/"), in.src, out))
		case !cf.write:
			if printed > 0 {
				// The files become documents of one stream.
				if !endsWithBreak {
					io.WriteString(e.stdout, "\n")
				}
				io.WriteString(e.stdout, "---\n")
			}
			e.stdout.Write(out)
			printed++
			endsWithBreak = len(out) == 0 || out[len(out)-1] == '\n'

		}
		if cf.write && changed {
			if err := atomicfile.Replace(in.path, in.src, out); err != nil {
				fmt.Fprintf(e.stderr, "daemonlint: rewriting %s: %s\n", in.name, describeWriteError(err))
				fail(exitUsage)
				continue
			}
			fmt.Fprintf(e.stderr, "%s: note: rewritten\n", in.name)
		}
	}
	if converted == 0 && code == exitOK {
		fmt.Fprintf(e.stderr, "daemonlint: nothing to convert: no %s found\n", strings.Join(cf.kinds, " or "))
	}
	return code
}

// isEmptyStream reports whether src holds no document and no syntax error.
func isEmptyStream(src []byte) bool {
	docs, serrs := manifest.Parse(manifest.NewFile("-", src))
	return len(docs) == 0 && len(serrs) == 0
}

// describeWriteError words an error of atomicfile.Replace for a person.
func describeWriteError(err error) string {
	switch {
	case errors.Is(err, atomicfile.ErrChanged):
		return "the file changed on disk while it was being converted; run again"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied (the file is read-only); it is left unchanged"
	}
	return err.Error()
}
