package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/daemonlint/daemonlint/lint"
)

// runExplain prints a rule's documentation.
func runExplain(args []string, e *env) int {
	if len(args) == 1 && isHelpArg(args[0]) {
		printCommandHelp(e.stdout, "explain", e)
		return exitOK
	}
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(e.stderr, "usage: daemonlint explain RULE (daemonlint rules lists them)")
		return exitUsage
	}
	r := ruleByName(args[0])
	if r == nil {
		msg := fmt.Sprintf("daemonlint explain: unknown rule %q", args[0])
		if s := lint.SuggestRuleName(args[0], allRules()); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else {
			msg += "; daemonlint rules lists the rules"
		}
		fmt.Fprintln(e.stderr, msg)
		return exitUsage
	}
	explain(e.stdout, r)
	return exitOK
}

// explain writes a rule's whole documentation as plain text.
func explain(w io.Writer, r *lint.Rule) {
	fmt.Fprintf(w, "%s: %s\n\n", r.Name, r.Title())
	fmt.Fprintf(w, "Default severity: %s. Since %s.\n", r.Severity, r.Since)
	if desc := r.Description(); desc != "" {
		fmt.Fprintf(w, "\n%s\n", desc)
	}
	for _, ex := range []struct{ name, yaml string }{{"Bad", r.Bad}, {"Good", r.Good}} {
		if ex.yaml == "" {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n\n", ex.name)
		for line := range strings.SplitSeq(strings.TrimRight(ex.yaml, "\n"), "\n") {
			if line == "" {
				fmt.Fprintln(w)
			} else {
				fmt.Fprintf(w, "    %s\n", line)
			}
		}
	}
	fmt.Fprintf(w, "\nTurn it off or change its severity in %s (rules: {%s: {enabled: false}}),\n", lint.ConfigFileName, r.Name)
	fmt.Fprintf(w, "or suppress one finding with a comment: # daemonlint:ignore %s REASON\n", r.Name)
	fmt.Fprintf(w, "More: %s\n", r.URL())
}
