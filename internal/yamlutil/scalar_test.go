package yamlutil

import (
	"go.yaml.in/yaml/v3"

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

// TestStringScalarAgreesWithScalarValue checks StringScalar's shortcut:
// a plain scalar it reads as a string, ScalarValue reads as the same
// string, and it leaves the booleans, nulls and numbers of YAML 1.1 (and
// strings that look a little like numbers) to ScalarValue.
func TestStringScalarAgreesWithScalarValue(t *testing.T) {
	for _, tc := range []struct {
		value  string
		string bool
	}{
		{"nginx", true}, {"tcp", true}, {"onward", true}, {"offset", true}, {"nothing", true},
		{"100m", true}, {"64Mi", true}, {"1.2.3-alpha", true}, {"12abc", false}, {"2001-12-14", true},
		{"2001-12-14T21:59:43.10-05:00", true}, {"-rf", true}, {"+x", false},
		{"yes", false}, {"Yes", false}, {"YES", false}, {"y", false}, {"n", false}, {"No", false},
		{"on", false}, {"On", false}, {"off", false}, {"OFF", false}, {"true", false}, {"FALSE", false},
		{"False", false}, {"null", false}, {"Null", false}, {"NULL", false}, {"~", false}, {"<<", false},
		{"+.inf", false}, {"-.Inf", false}, {".inf", false}, {".5", false}, {"1", false}, {"-1", false},
		{"+1", false}, {"0x1F", false}, {"0777", false}, {"1e3", false}, {"1_000", false}, {"0b101", false},
		{"-0b1", false}, {"-", false}, {"1.5", false},
	} {
		t.Run(tc.value, func(t *testing.T) {
			n := &yaml.Node{Kind: yaml.ScalarNode, Value: tc.value}
			s, ok := StringScalar(n)
			if ok != tc.string {
				t.Fatalf("StringScalar(%q) = %v, want %v", tc.value, ok, tc.string)
			}
			v, err := ScalarValue(n)
			if err != nil {
				t.Fatal(err)
			}
			if ok && v != any(s) {
				t.Errorf("StringScalar(%q) = %q, ScalarValue = %#v", tc.value, s, v)
			}
		})
	}
}
