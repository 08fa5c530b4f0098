package rules

import (
	"reflect"
	"slices"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/daemonlint/daemonlint/internal/suggest"
)

// TestSuggestNameSkipsOnlyTheUnreachable holds suggestName, which leaves
// out names too much longer or shorter to be suggested, to the search over
// every name: on the field names of a few types and misspellings of them
// (a letter dropped, doubled, changed or moved, case changed, words added).
func TestSuggestNameSkipsOnlyTheUnreachable(t *testing.T) {
	want := func(name string, names []string) string {
		others := slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == name })
		return suggest.Search{Distance: suggest.FoldedDistance, Max: maxNameDistance}.Closest(name, others)
	}
	suggested := 0
	for _, typ := range []reflect.Type{
		reflect.TypeFor[corev1.Container](), reflect.TypeFor[corev1.PodSpec](),
		reflect.TypeFor[appsv1.DaemonSetSpec](), reflect.TypeFor[corev1.Probe](),
	} {
		names := sortedNames(structFields(typ))
		for _, n := range names {
			for _, m := range []string{
				n, n[1:], n[:len(n)-1], n + n[len(n)-1:], n + "s", n + "Name", "x" + n, n + "Ä",
				n[:len(n)/2] + n[len(n)/2+1:], n[:len(n)/2] + "q" + n[len(n)/2+1:],
				n[:len(n)/2] + "ab" + n[len(n)/2:], swapHalf(n), upper(n), "İ" + n,
			} {
				got, w := suggestName(m, names), want(m, names)
				if got != w {
					t.Errorf("suggestName(%q) = %q, the search over every name gives %q", m, got, w)
				}
				if got != "" {
					suggested++
				}
			}
		}
	}
	if suggested == 0 {
		t.Fatal("no misspelling was given a suggestion")
	}
}

func swapHalf(s string) string {
	i := len(s) / 2
	if i == 0 || i >= len(s) {
		return s
	}
	b := []byte(s)
	b[i-1], b[i] = b[i], b[i-1]
	return string(b)
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
