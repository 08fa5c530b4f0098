package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
	exitInternal = 3
)

const usage = `daemonlint checks Kubernetes manifests the way the API server would.

Usage:
  daemonlint lint    [--format text|json|sarif|github|junit] [--fail-on error|warning|info]
                     [--fix] [--config FILE] [--allow-empty] [--values FILE] [--set key=value]
                     [--namespace NS] [--exclude GLOB] [--skip-kinds KIND,...] [--verbose] [PATH ...]
  daemonlint placement [--nodes FILE] [--format text|json] [PATH ...]
  daemonlint convert [-w] [--diff] [--kind ReplicaSet,Deployment] [--name NAME] [PATH ...]
  daemonlint rules   [--format text|json]
  daemonlint explain RULE
  daemonlint config init
  daemonlint version
  daemonlint help COMMAND       (or daemonlint COMMAND --help)

placement shows on which nodes each DaemonSet would run, and why not: FILE
holds Node objects (kubectl get nodes -o yaml > nodes.yaml); without it,
built-in node profiles (a kubeadm control plane, workers, a GPU node) are used.

A PATH is a file, a directory (walked for *.yaml, *.yml, *.json) or - for
standard input. The configuration is the first .daemonlint.yaml found walking
up from the working directory, or --config FILE. Exit codes: 0 clean,
1 findings at or above --fail-on, 2 the command could not do its job (a bad
flag or configuration, a missing path, empty standard input), 3 internal
error.

convert turns ReplicaSets and Deployments into DaemonSets with a few byte
edits, keeping comments and formatting: the result goes to standard output
(or, with -w, back into each file; with --diff, as a unified diff), notes
to standard error. It exits 1 when a document cannot be converted.
`

// run is the whole command: it returns the exit code.
func run(args []string, e *env) (code int) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(e.stderr, "daemonlint: internal error: %v\n%s", v, debug.Stack())
			code = exitInternal
		}
	}()
	if len(args) == 0 {
		fmt.Fprint(e.stderr, e.usage())
		return exitUsage
	}
	switch args[0] {
	case "lint":
		return runLint(args[1:], e)
	case "placement":
		return runPlacement(args[1:], e)
	case "convert":
		return runConvert(args[1:], e)
	case "rules":
		return runRules(args[1:], e)
	case "explain":
		return runExplain(args[1:], e)
	case "config":
		return runConfig(args[1:], e)
	case "version", "--version", "-version":
		if len(args) > 1 && isHelpArg(args[1]) {
			printCommandHelp(e.stdout, "version", e)
			return exitOK
		}
		return runVersion(e)
	case "help":
		return runHelp(args[1:], e)
	case "-h", "--help", "-help":
		fmt.Fprint(e.stdout, e.usage())
		return exitOK
	}
	fmt.Fprintf(e.stderr, "daemonlint: unknown command %q\n\n%s", args[0], e.usage())
	return exitUsage
}

// newFlagSet returns a flag set that prints nothing and does not exit: its
// errors are returned (see parseFlags), and -h or --help is errHelp, on
// which the command prints its usage (printCommandHelp).
func newFlagSet(name string, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet("daemonlint "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args, allowing flags after paths as most linters do.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, errHelp) {
				return nil, err
			}
			return nil, flagError(fs, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return paths, nil
		}
		if args[0] == "--" {
			return append(paths, args[1:]...), nil
		}
		paths = append(paths, args[0])
		args = args[1:]
	}
}

func runVersion(e *env) int {
	goVersion := ""
	if info, ok := debug.ReadBuildInfo(); ok {
		goVersion = info.GoVersion
	}
	fmt.Fprintf(e.stdout, "%s %s %s\n", e.programName(), version(), strings.TrimSpace(goVersion))
	if e.program == EnginesProgram {
		fmt.Fprintf(e.stdout, "daemonlint with the engines of Helm charts, kustomizations and custom resources, which daemonlint runs when it needs them\n")
	}
	return exitOK
}

// version returns daemonlint's module version, or "(devel)" for a build
// from a working tree.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

// errHelp is flag.ErrHelp: -h or --help was asked for.
var errHelp = flag.ErrHelp

// flagsFailed ends a command whose flags could not be parsed: on -h or
// --help it prints the command's usage to standard output (exit 0), and
// otherwise the one-line error (exit 2).
func flagsFailed(name string, err error, e *env) int {
	if errors.Is(err, errHelp) {
		printCommandHelp(e.stdout, name, e)
		return exitOK
	}
	fmt.Fprintf(e.stderr, "daemonlint %s: %v\n", name, err)
	return exitUsage
}
