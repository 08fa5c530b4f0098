package rules

import "github.com/daemonlint/daemonlint/lint"

// IgnoreDirective reports ignore directives that lack a reason, name a rule
// that does not exist, or suppress nothing. The directives themselves are
// honoured by the engine whether this rule runs or not.
var IgnoreDirective = &lint.Rule{
	Name: "ignore-directive",
	Doc: `An ignore directive must name real rules, give a reason, and suppress something

A comment "# daemonlint:ignore RULE[,RULE] REASON" at the end of a line, or
on a line of its own just above it, suppresses those rules' findings that
start on that line; "# daemonlint:file-ignore RULE[,RULE] REASON" anywhere
in a file suppresses them in the whole file. kubectl ignores comments, so
the manifest applies exactly as before.

The reason is required, so that every exception in a repository says why it
is there: a directive without one suppresses nothing. It runs to the end of
the line, or to a further comment (" #"). A directive that names
a rule daemonlint does not have, or that suppresses nothing (the problem was
fixed, or the comment is on the wrong line), is reported too, so that stale
exceptions do not pile up; the fix removes it.

Tools that generate YAML cannot keep comments; they can set the annotation
daemonlint.io/ignore on an object instead. Its value has the same form,
"RULE[,RULE] REASON", but the reason is optional there, and it suppresses
those rules for the whole object. An annotation that suppresses nothing is
not reported, as generators put the same one on many objects.`,
	Bad: `metadata:
  labels:
    app: agent
    app: agent # daemonlint:ignore duplicate-key
`,
	Good: `metadata:
  labels:
    app: agent
    app: agent # daemonlint:ignore duplicate-key generated; both values are equal
`,
	Since:    "v0.1.0",
	Severity: lint.Warning,
	// The engine checks directives after every other rule has run (it must
	// know what they found) and hands their problems to this rule.
	Scope: lint.DirectiveScope,
	Run:   runIgnoreDirective,
}

func runIgnoreDirective(p *lint.Pass) error {
	for _, d := range p.Directives {
		p.Report(d)
	}
	return nil
}
