package manifest

import (
	"strings"

	"github.com/daemonlint/daemonlint/internal/suggest"
)

// MisspeltGroup returns the built-in API group that group most likely
// misspells, and true: one in another letter case ("Apps"), with a stray
// or missing ".k8s.io" ("apps.k8s.io", "networking"), the first word of a
// built-in group ("rbac"), "core" for the core group (which is written
// without a group), or one or two letters off ("app", "extension"). A
// built-in group, and a group far from every built-in one, misspell none.
func MisspeltGroup(group string) (string, bool) {
	if IsBuiltinGroup(group) {
		return "", false
	}
	lower := strings.ToLower(group)
	if lower == "core" {
		return "", true
	}
	candidates := []string{lower, lower + ".k8s.io"}
	for _, suffix := range []string{".k8s.io", ".kubernetes.io"} {
		if base, ok := strings.CutSuffix(lower, suffix); ok {
			candidates = append(candidates, base, base+".k8s.io")
		}
	}
	for _, c := range candidates {
		if c != "" && IsBuiltinGroup(c) {
			return c, true
		}
	}
	var groups []string
	firstWord := map[string][]string{}
	for _, g := range builtinGroupOrder {
		if g == "" {
			continue
		}
		groups = append(groups, g)
		w, _, _ := strings.Cut(g, ".")
		firstWord[w] = append(firstWord[w], g)
	}
	if gs := firstWord[lower]; len(gs) == 1 && !strings.Contains(lower, ".") {
		return gs[0], true
	}
	near := suggest.Search{Max: func(candidate string) int {
		if len(candidate) <= 5 {
			return 1
		}
		return 2
	}}.Closest(lower, groups)
	return near, near != ""
}

// IsCustomResource reports whether an object of apiVersion and kind is a
// custom resource, whose kinds and versions are its own definition's: its
// group is not a built-in one, and either its kind is not a built-in kind,
// or its group can be a custom resource's (lower case, with a dot, as
// CustomResourceDefinitions require) and is not a misspelling of a
// built-in group (see MisspeltGroup). A built-in kind in any other group
// ("app/v1", "Apps/v1", "apps.k8s.io/v1", "core/v1") is a mistake that
// kubectl refuses with "no matches for kind".
func IsCustomResource(apiVersion, kind string) bool {
	group, _ := SplitAPIVersion(apiVersion)
	if IsBuiltinGroup(group) {
		return false
	}
	if len(GroupsOfKind(kind)) == 0 {
		return true
	}
	if _, ok := MisspeltGroup(group); ok {
		return false
	}
	return strings.Contains(group, ".") && group == strings.ToLower(group)
}
