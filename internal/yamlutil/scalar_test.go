package yamlutil

import (
	"regexp"
	"testing"
)

// TestIsYAML11Float compares the float matcher with the regular expression
// of go.yaml.in/yaml/v2 that it stands for.
func TestIsYAML11Float(t *testing.T) {
	re := regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
	for _, s := range []string{"", "1", "-1", "+1", "1.", "1.5", ".5", ".", "-.5", "+.", "1e3", "1E-3", "1.5e+10",
		"1e", "1e+", "e3", ".e3", "1.2.3", "--1", "1_000", "0x1F", "12abc", " 1", "1 ", "١"} {
		if got, want := isYAML11Float(s), re.MatchString(s); got != want {
			t.Errorf("isYAML11Float(%q) = %v, want %v", s, got, want)
		}
	}
}
