package lint

import "strings"

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
