package lint

import (
	"fmt"
	"slices"
	"strings"

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
	// DirectiveScope rules run once per file, last, after ignore
	// directives were applied to every other rule's findings; Pass.Directives
	// holds the problems of the file's directives.
	DirectiveScope
)

// A Rule is one check. Rules are plain values listed in slices
// (lint/rules.All is daemonlint's); nothing registers itself.
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

// CheckRules checks a list of rules: unique kebab-case names, a doc that
// starts with a title line, a valid default severity, and a Run function.
// Run and CheckFile call it on Options.Rules.
func CheckRules(rules []*Rule) error {
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

// HomeURL is the address of daemonlint's documentation. Each rule has an
// anchor there, named after the rule, in the README's rule table.
const HomeURL = "https://github.com/daemonlint/daemonlint"

// URL returns the address of the rule's entry in the README's rule table.
func (r *Rule) URL() string {
	return HomeURL + "#" + r.Name
}

// Description returns the rule's documentation without its title: the
// paragraphs that say why it matters and what to write instead, or "".
func (r *Rule) Description() string {
	_, rest, _ := strings.Cut(r.Doc, "\n")
	return strings.TrimSpace(rest)
}

// SuggestRuleName returns the name among rules that name most likely
// misspells, or "" when none is close.
func SuggestRuleName(name string, rules []*Rule) string {
	known := make(map[string]bool, len(rules))
	for _, r := range rules {
		known[r.Name] = true
	}
	return closestRuleName(name, known)
}
