package rules

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// KindSpelling reports a kind that Kubernetes does not define in the
// object's API group, with the kind that was most likely meant, and objects
// without an apiVersion or kind.
var KindSpelling = &Rule{
	Name: "kind-spelling",
	Doc: `The kind must be a kind of its API group, spelled exactly

kubectl looks kinds up case-sensitively, so "Daemonset", "daemonset",
"DaemonSets" and "DeamonSet" all fail with "no matches for kind". When a kind
is not defined in a built-in API group but is one letter case, a plural or a
small typo away from a kind that is, the rule names that kind and offers the
fix. Kinds of API groups that Kubernetes does not define (custom resources,
such as DaemonSetProfile in profiles.example.com) are never flagged.

Every object also needs an apiVersion and a kind, both strings.`,
	Bad: `apiVersion: apps/v1
kind: Daemonset
`,
	Good: `apiVersion: apps/v1
kind: DaemonSet
`,
	Since:    "v0.1.0",
	Severity: Error,
	Run:      runKindSpelling,
}

func runKindSpelling(p *Pass) error {
	d := p.Doc
	n := resolveAlias(d.Node)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil // the syntax rule reports documents that are not objects
	}
	where := ""
	if d.Item >= 0 {
		where = fmt.Sprintf("item %d of the List: ", d.Item)
	}
	avKey, avNode := mappingPair(n, "apiVersion")
	kindKey, kindNode := mappingPair(n, "kind")
	if problem := headerProblem(avNode, "apiVersion"); problem != "" {
		span := d.Span()
		span.End = span.Start
		if avKey != nil {
			span = Span{p.File.NodeStart(avKey), p.File.NodeEnd(avNode)}
		}
		p.Report(Diagnostic{Span: span, Field: "apiVersion", Message: where + "apiVersion " + problem})
	}
	if problem := headerProblem(kindNode, "kind"); problem != "" {
		span := d.Span()
		span.End = span.Start
		if kindKey != nil {
			span = Span{p.File.NodeStart(kindKey), p.File.NodeEnd(kindNode)}
		}
		p.Report(Diagnostic{Span: span, Field: "kind", Message: where + "kind " + problem})
		return nil
	}
	kind := d.Kind
	group, _ := d.GroupVersion()
	if avNode != nil && d.APIVersion != "" && !IsBuiltinGroup(group) {
		return nil // a custom resource: its kinds are its own
	}
	if d.APIVersion != "" && IsBuiltinKind(group, kind) {
		return nil
	}
	if d.APIVersion == "" && len(GroupsOfKind(kind)) > 0 {
		return nil // spelled right; the missing apiVersion is reported above
	}
	if len(GroupsOfKind(kind)) > 0 {
		return nil // a real kind in another group: a wrong apiVersion, not a misspelling
	}
	kindSpan := p.File.ScalarSpan(kindNode)
	suggestion, sgroup := suggestKind(kind, group, d.APIVersion != "")
	if suggestion == "" {
		msg := fmt.Sprintf("kind %q is not a Kubernetes kind", kind)
		if d.APIVersion != "" {
			msg = fmt.Sprintf("kind %q is not a kind of %s, which defines %s", kind, d.APIVersion, strings.Join(kindsOf(group), ", "))
		}
		p.Report(Diagnostic{Span: kindSpan, Field: "kind", Message: msg})
		return nil
	}
	fix := Fix{Message: fmt.Sprintf("Change the kind to %s", suggestion), Edits: []Edit{p.File.ReplaceScalar(kindNode, suggestion)}}
	msg := fmt.Sprintf("kind %q is not a Kubernetes kind; did you mean %q?", kind, suggestion)
	if d.APIVersion == "" || sgroup != group {
		av := preferredAPIVersion(sgroup, suggestion)
		msg = fmt.Sprintf("kind %q is not a Kubernetes kind; did you mean %q (apiVersion %s)?", kind, suggestion, av)
		if avNode != nil && d.APIVersion != "" {
			fix.Message = fmt.Sprintf("Change the kind to %s and the apiVersion to %s", suggestion, av)
			fix.Edits = append(fix.Edits, p.File.ReplaceScalar(avNode, av))
		} else {
			fix = Fix{}
		}
	}
	var fixes []Fix
	if fix.Message != "" {
		fixes = []Fix{fix}
	}
	p.Report(Diagnostic{Span: kindSpan, Field: "kind", Message: msg, Fixes: fixes})
	return nil
}

// headerProblem says what is wrong with the value of apiVersion or kind, or
// returns "".
func headerProblem(v *yaml.Node, field string) string {
	v = resolveAlias(v)
	if v == nil {
		return "is not set; kubectl refuses an object without it"
	}
	if v.Kind != yaml.ScalarNode {
		return fmt.Sprintf("must be a string, not %s", describeNode(v))
	}
	switch val := resolveScalar(v).(type) {
	case nil:
		return "is empty; kubectl refuses an object without it"
	case string:
		if val == "" {
			return "is empty; kubectl refuses an object without it"
		}
		return ""
	default:
		return fmt.Sprintf("must be a string, but %s is read as the %T %v; quote it", v.Value, val, val)
	}
}

func kindsOf(group string) []string {
	kinds := slices.Clone(builtinKinds[group])
	slices.Sort(kinds)
	return kinds
}

// suggestKind returns the built-in kind that kind most likely misspells,
// and its group: first among the kinds of group, then among all built-in
// kinds. It matches case-insensitively, as a plural, and within a small
// edit distance, and returns "" when no single kind is closest.
func suggestKind(kind, group string, haveGroup bool) (string, string) {
	if haveGroup {
		if k := closestKind(kind, builtinKinds[group]); k != "" {
			return k, group
		}
	}
	var best, bestGroup string
	bestDist := -1
	ambiguous := false
	for _, g := range builtinGroupOrder {
		k := closestKind(kind, builtinKinds[g])
		if k == "" {
			continue
		}
		d := kindDistance(kind, k)
		switch {
		case bestDist < 0 || d < bestDist:
			best, bestGroup, bestDist, ambiguous = k, g, d, false
		case d == bestDist && k != best:
			ambiguous = true
		}
	}
	if ambiguous {
		return "", ""
	}
	return best, bestGroup
}

// closestKind returns the one kind of kinds that kind is closest to, within
// the allowed distance, or "".
func closestKind(kind string, kinds []string) string {
	best, bestDist, ambiguous := "", -1, false
	for _, k := range kinds {
		if k == "List" {
			continue
		}
		d := kindDistance(kind, k)
		if d > maxKindDistance(k) {
			continue
		}
		switch {
		case bestDist < 0 || d < bestDist:
			best, bestDist, ambiguous = k, d, false
		case d == bestDist:
			ambiguous = true
		}
	}
	if ambiguous {
		return ""
	}
	return best
}

func maxKindDistance(k string) int {
	switch {
	case len(k) <= 4:
		return 1
	case len(k) <= 12:
		return 2
	}
	return 3
}

// kindDistance measures how far a written kind is from a real one: 0 when
// they differ only in case or by a plural ending, otherwise the
// Damerau-Levenshtein distance of their lower-case forms.
func kindDistance(written, real string) int {
	w, r := strings.ToLower(written), strings.ToLower(real)
	if w == r {
		return 0
	}
	for _, plural := range []string{r + "s", r + "es", strings.TrimSuffix(r, "y") + "ies"} {
		if w == plural {
			return 0
		}
	}
	return editDistance(w, r)
}

// editDistance returns the optimal-string-alignment distance between a and
// b: insertions, deletions, substitutions and transpositions of adjacent
// bytes each cost one.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// SuggestKind returns the built-in kind that kind names or most likely
// misspells, for an object of apiVersion: kind itself when it is a kind of
// the apiVersion's group, otherwise the one kind it is a letter case, a
// plural ending or a small typo away from (as the kind-spelling rule
// suggests it), or "" when no single kind is closest. The converter uses it
// to recognise a ReplicaSet written "Replicaset" or "ReplicaSets".
func SuggestKind(kind, apiVersion string) string {
	if kind == "" {
		return ""
	}
	group, _ := SplitAPIVersion(apiVersion)
	if apiVersion != "" && IsBuiltinKind(group, kind) {
		return kind
	}
	k, _ := suggestKind(kind, group, apiVersion != "")
	return k
}
