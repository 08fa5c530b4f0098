package apps

import (
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
)

// checkPlainMatch fails when plainMatch answers for a selector of
// matchLabels (pairs "k=v" joined by ",") otherwise than parsing it and
// matching the labels (the same notation) does. It reports whether
// plainMatch answered.
func checkPlainMatch(t *testing.T, sel, lbls string) bool {
	t.Helper()
	pairs := func(s string) map[string]string {
		if s == "-" {
			return nil
		}
		m := map[string]string{}
		for p := range strings.SplitSeq(s, ",") {
			k, v, _ := strings.Cut(p, "=")
			m[k] = v
		}
		return m
	}
	selector := &metav1.LabelSelector{MatchLabels: pairs(sel)}
	matches, ok := plainMatch(selector, pairs(lbls))
	if !ok {
		return false
	}
	parsed, err := metav1.LabelSelectorAsSelector(selector)
	if err != nil {
		t.Fatalf("plainMatch(%q, %q) answered, but the selector does not parse: %v", sel, lbls, err)
	}
	if want := parsed.Matches(labels.Set(pairs(lbls))); matches != want {
		t.Errorf("plainMatch(%q, %q) = %v, parsing and matching say %v", sel, lbls, matches, want)
	}
	return true
}

// TestPlainMatch holds the shortcut of the selector checks to
// apimachinery's parsing and matching.
func TestPlainMatch(t *testing.T) {
	answered := 0
	for _, tc := range [][2]string{
		{"app=a", "app=a"}, {"app=a", "app=b"}, {"app=a", "-"}, {"app=a,tier=x", "app=a"}, {"app=a,tier=x", "tier=x,app=a,z=1"},
		{"example.com/app=a", "example.com/app=a"}, {"app=", "app="}, {"app=", "-"}, {"app=a", "app=a,app2=b"},
		{"-", "app=a"}, {"Bad_Key!=a", "Bad_Key!=a"}, {"app=-bad", "app=-bad"}, {"a/b/c=x", "a/b/c=x"},
		{strings.Repeat("k", 64) + "=v", strings.Repeat("k", 64) + "=v"},
	} {
		if checkPlainMatch(t, tc[0], tc[1]) {
			answered++
		}
	}
	if answered < 9 {
		t.Errorf("plainMatch answered %d cases, want the plain selectors", answered)
	}
}

func FuzzPlainMatch(f *testing.F) {
	f.Add("app=a,tier=x", "app=a")
	f.Add("example.com/app=a", "example.com/app=b")
	f.Fuzz(func(t *testing.T, sel, lbls string) { checkPlainMatch(t, sel, lbls) })
}
