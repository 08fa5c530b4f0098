package cli

import (
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// A commandDoc is what daemonlint COMMAND --help prints.
type commandDoc struct {
	// name is the command as typed after daemonlint: "lint", "config init".
	name string
	// synopsis is the command line with its flags and arguments.
	synopsis string
	// text says what the command does and what its arguments are.
	text string
	// flags returns the command's flag set, for the list of flags; nil
	// for a command without flags.
	flags func(*env) *flag.FlagSet
	// examples are command lines, each with a comment saying what it does.
	examples []string
}

// pathText is what a PATH is, for every command that reads manifests.
const pathText = `A PATH is a file, a directory (walked for *.yaml, *.yml and *.json, leaving
out files and directories whose names start with a dot) or - for standard
input, which is also what no PATH means. A file named twice, or found again
through a link or a second walk, is read once.`

// commandDocs are the usages of the commands, in the order of the overview.
var commandDocs = []commandDoc{
	{
		name:     "lint",
		synopsis: "daemonlint lint [--format text|json|sarif|github|junit] [--fail-on error|warning|info] [--fix] [--config FILE] [--allow-empty] [--values FILE] [--set key=value] [--namespace NAMESPACE] [--exclude GLOB] [--skip-kinds KIND,...] [--verbose] [PATH ...]",
		text: `lint checks Kubernetes manifests the way the API server would and prints
each finding with its file, line and column, the field path and what to
write instead. With --fix it applies every certain fix, lints again, and
repeats until no certain fix is left, then reports what remains.

` + pathText + `

A directory holding Chart.yaml is a Helm chart: it is rendered with its
values.yaml and with each ci/*-values.yaml (or with --values and --set when
one chart is named), and each finding is reported at the template line that
wrote it. A chart directory, a packaged chart or any file of a chart can be
named. In a walk, every kustomization that no other one uses is built, and
its findings are reported in the resource, patch or kustomization.yaml that
wrote the field. Files that charts and kustomizations read, and files that
are never manifests (docker-compose*.yml, mkdocs.yml, package.json, ...),
vendor/ and node_modules/ are not linted on their own; --verbose lists them.

The configuration of each file is the nearest .daemonlint.yaml found walking
up from it, or --config FILE for every file. Exit codes: 0 nothing at or above
--fail-on, 1 findings at or above it, 2 the command could not do its job (a
bad flag or configuration, a missing path, standard input that holds no
document), 3 an internal error.`,
		flags: func(e *env) *flag.FlagSet { fs, _ := lintFlagSet(e); return fs },
		examples: []string{
			"daemonlint lint examples/                          # lint every manifest under examples/",
			"daemonlint lint --format github .                  # lint a repository in CI: manifests, charts, overlays",
			"daemonlint lint --set image.tag=2.0 charts/agent   # render one chart with other values",
		},
	},
	{
		name:     "convert",
		synopsis: "daemonlint convert [-w] [--diff] [--kind ReplicaSet,Deployment] [--name NAME] [PATH ...]",
		text: `convert turns ReplicaSets and Deployments into DaemonSets with a few byte
edits, keeping comments and formatting. The result goes to standard output
(with -w, back into each file; with --diff, as a unified diff), notes to
standard error. Documents that are not converted pass through byte for
byte. It exits 1 when a document cannot be converted, and 2 when --name
names no object of the kinds converted.

` + pathText,
		flags: func(e *env) *flag.FlagSet { fs, _, _ := convertFlagSet(e); return fs },
		examples: []string{
			"daemonlint convert replicaset.yaml > daemonset.yaml   # print the converted file",
			"daemonlint convert -w --kind Deployment --name node-exporter manifests/   # rewrite one Deployment in place",
		},
	},
	{
		name:     "placement",
		synopsis: "daemonlint placement [--nodes FILE] [--format text|json] [PATH ...]",
		text: `placement shows on which nodes each DaemonSet would run, and why not: taints
it does not tolerate, node selectors and affinity it does not match. The
nodes are the Node objects of --nodes FILE (kubectl get nodes -o yaml >
nodes.yaml); without it, built-in node profiles (a kubeadm control plane,
workers, a GPU node) are used.

` + pathText,
		flags: func(e *env) *flag.FlagSet { fs, _ := placementFlagSet(e); return fs },
		examples: []string{
			"daemonlint placement examples/daemonset.yaml        # against the built-in node profiles",
			"kubectl get nodes -o yaml > nodes.yaml && daemonlint placement --nodes nodes.yaml ds.yaml   # against a real cluster's nodes",
		},
	},
	{
		name:     "rules",
		synopsis: "daemonlint rules [--format text|json]",
		text: `rules lists the rules with their default severity, the release that added
them and what each checks. It takes no PATH.`,
		flags: func(e *env) *flag.FlagSet { fs, _ := rulesFlagSet(e); return fs },
		examples: []string{
			"daemonlint rules                    # a table of the rules",
			"daemonlint rules --format json      # every rule's whole documentation, for tools",
		},
	},
	{
		name:     "explain",
		synopsis: "daemonlint explain RULE",
		text: `explain prints a rule's documentation: what it checks and why, its default
severity, a bad and a good example, and how to turn it off. RULE is a rule
name as daemonlint rules lists it and findings end with; there is no PATH
and there are no flags.`,
		examples: []string{
			"daemonlint explain selector-mismatch",
			"daemonlint explain update-strategy",
		},
	},
	{
		name:     "config init",
		synopsis: "daemonlint config init",
		text: `config init writes .daemonlint.yaml in the working directory, listing every
rule with its default severity, commented out, so that you uncomment what
you want to change. It refuses to overwrite an existing file. It takes no
PATH and no flags.`,
		examples: []string{
			"daemonlint config init              # write ./.daemonlint.yaml",
			"daemonlint config init && daemonlint lint .   # then lint with it",
		},
	},
	{
		name:     "version",
		synopsis: "daemonlint version",
		text:     `version prints daemonlint's module version and the Go release it was built with.`,
		examples: []string{
			"daemonlint version",
			"go version -m $(command -v daemonlint)   # the versions of its dependencies too",
		},
	},
}

// findCommandDoc returns the usage of a command ("lint", "config init"),
// or nil.
func findCommandDoc(name string) *commandDoc {
	for i := range commandDocs {
		if commandDocs[i].name == name {
			return &commandDocs[i]
		}
	}
	return nil
}

// printCommandHelp writes the usage of the command named name, which must
// be one of commandDocs.
func printCommandHelp(w io.Writer, name string, e *env) {
	doc := findCommandDoc(name)
	fmt.Fprintf(w, "Usage:\n  %s\n\n%s\n", doc.synopsis, doc.text)
	if doc.flags != nil {
		fmt.Fprintf(w, "\nFlags:\n")
		fs := doc.flags(e)
		fs.VisitAll(func(f *flag.Flag) {
			value, usage := flag.UnquoteUsage(f)
			line := "  " + flagName(f.Name)
			if value != "" {
				line += " " + value
			}
			fmt.Fprintln(w, line)
			fmt.Fprintf(w, "        %s", usage)
			if f.DefValue != "" && f.DefValue != "false" {
				fmt.Fprintf(w, " (default %s)", f.DefValue)
			}
			fmt.Fprintln(w)
		})
		fmt.Fprintf(w, "  -h, --help\n        print this help\n")
	}
	fmt.Fprintf(w, "\nExamples:\n")
	for _, ex := range doc.examples {
		fmt.Fprintf(w, "  %s\n", ex)
	}
}

// runHelp is daemonlint help [COMMAND].
func runHelp(args []string, e *env) int {
	if len(args) == 0 {
		fmt.Fprint(e.stdout, e.usage())
		return exitOK
	}
	name := strings.Join(args, " ")
	if name == "config" {
		name = "config init"
	}
	if findCommandDoc(name) == nil {
		fmt.Fprintf(e.stderr, "daemonlint help: unknown command %q; daemonlint help lists the commands\n", name)
		return exitUsage
	}
	printCommandHelp(e.stdout, name, e)
	return exitOK
}

// isHelpArg reports whether an argument asks for help.
func isHelpArg(arg string) bool {
	switch arg {
	case "-h", "--h", "-help", "--help":
		return true
	}
	return false
}

// flagName spells a flag as the usage does: -w, --format.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// The errors of package flag, rewritten by flagError.
var (
	flagUndefined = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	flagBadValue  = regexp.MustCompile(`^invalid value ".*" for flag -+([^:]+): ((?s).*)$`)
	flagBadBool   = regexp.MustCompile(`^invalid boolean value (".*") for -+([^:]+): `)
	flagNoValue   = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
)

// flagError words an error of fs.Parse for a person, on one line that
// names the flag as the usage spells it and says what it takes.
func flagError(fs *flag.FlagSet, err error) error {
	msg := err.Error()
	if m := flagUndefined.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("unknown flag %s; %s --help lists the flags", flagName(m[1]), fs.Name())
	}
	if m := flagBadValue.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s: %s", flagName(m[1]), m[2])
	}
	if m := flagBadBool.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s takes no value, or true or false, not %s", flagName(m[2]), m[1])
	}
	if m := flagNoValue.FindStringSubmatch(msg); m != nil {
		what := ""
		if f := fs.Lookup(m[1]); f != nil {
			_, usage := flag.UnquoteUsage(f)
			what = fmt.Sprintf(" (%s)", usage)
		}
		return fmt.Errorf("%s needs a value%s", flagName(m[1]), what)
	}
	return err
}
