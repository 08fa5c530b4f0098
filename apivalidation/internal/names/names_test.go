package names

import (
	"slices"
	"strings"
	"testing"

	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/validation"
)

// checks pairs each function with the apimachinery function it stands for.
var checks = []struct {
	name  string
	fast  func(string) bool
	exact func(string) []string
}{
	{"LabelKey", LabelKey, validation.IsQualifiedName},
	{"LabelValue", LabelValue, validation.IsValidLabelValue},
	{"DNS1123Label", DNS1123Label, validation.IsDNS1123Label},
	{"DNS1123Subdomain", DNS1123Subdomain, validation.IsDNS1123Subdomain},
	{"PortName", PortName, validation.IsValidPortName},
	{"ConfigMapKey", ConfigMapKey, validation.IsConfigMapKey},
}

// errorChecks pairs each function that gives apimachinery's errors with
// the apimachinery function it stands for, which must give the same for
// every input.
var errorChecks = []struct {
	name  string
	fast  func(string) []string
	exact func(string) []string
}{
	{"DNS1123LabelErrors", DNS1123LabelErrors, validation.IsDNS1123Label},
	{"DNS1123SubdomainErrors", DNS1123SubdomainErrors, validation.IsDNS1123Subdomain},
	{"LabelKeyErrors", LabelKeyErrors, validation.IsQualifiedName},
	{"LabelValueErrors", LabelValueErrors, validation.IsValidLabelValue},
	{"PortNameErrors", PortNameErrors, validation.IsValidPortName},
	{"ConfigMapKeyErrors", ConfigMapKeyErrors, validation.IsConfigMapKey},
	{"PercentErrors", PercentErrors, validation.IsValidPercent},
	{"NameIsDNSSubdomain", withPrefix(NameIsDNSSubdomain, false), withPrefix(apimachineryvalidation.NameIsDNSSubdomain, false)},
	{"NameIsDNSSubdomain prefix", withPrefix(NameIsDNSSubdomain, true), withPrefix(apimachineryvalidation.NameIsDNSSubdomain, true)},
	{"NameIsDNSLabel", withPrefix(NameIsDNSLabel, false), withPrefix(apimachineryvalidation.NameIsDNSLabel, false)},
	{"NameIsDNSLabel prefix", withPrefix(NameIsDNSLabel, true), withPrefix(apimachineryvalidation.NameIsDNSLabel, true)},
}

// withPrefix turns a name rule into a function of the name alone.
func withPrefix(nameFn func(string, bool) []string, prefix bool) func(string) []string {
	return func(s string) []string { return nameFn(s, prefix) }
}

var samples = []string{
	"%", "1%", "25%", "100%", "007%", "1.5%", "-1%", "+1%", " 1%", "1% ", "1%%", "%1", "1", "x%", "１%",
	"", "a", "A", "-", ".", "_", "a-b", "a_b", "a.b", "-a", "a-", "a.", ".a", "_a", "a_", "Ab", "ab9", "9",
	"app", "app.kubernetes.io/name", "kubernetes.io/", "/name", "a/b/c", "example.com/My_Name.1", "Example.com/x",
	"a..b", "a.-b", "my-name", "123-abc", "kube-system", "node-role.kubernetes.io/control-plane", "é", "a b",
	strings.Repeat("a", 63), strings.Repeat("a", 64), strings.Repeat("a", 253), strings.Repeat("a.", 126) + "a",
	strings.Repeat("a", 254), strings.Repeat("a", 250) + "/x", "x/" + strings.Repeat("a", 64),
	"http", "metrics-1", "a--b", "123", "-http", "http-", "abcdefghijklmno", "abcdefghijklmnop", "HTTP", "h2c",
	"config.yaml", "..a", "..", "a..", ".a.", "_x", "KEY_NAME", "key-name", ".env", "a/b", "a:b",
	"web-", "web--", "a.b-", "a.-", "-a-", "A-", "a_-", "x.", strings.Repeat("a", 63) + "-", strings.Repeat("a", 64) + "-",
	strings.Repeat("a", 253) + "-", strings.Repeat("a", 254) + "-",
}

// TestAgreeWithApimachinery checks every sample both ways: where the fast
// check says valid, apimachinery finds nothing; and on these samples the
// fast check does not send a valid name to the slow path either.
func TestAgreeWithApimachinery(t *testing.T) {
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			for _, s := range samples {
				if got, want := c.fast(s), len(c.exact(s)) == 0; got != want {
					t.Errorf("%s(%q) = %v, apimachinery says valid: %v (%q)", c.name, s, got, want, c.exact(s))
				}
			}
		})
	}
}

// FuzzAgreeWithApimachinery holds each fast check to its apimachinery
// function: never valid where apimachinery finds a fault.
func FuzzAgreeWithApimachinery(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range checks {
			if got, want := c.fast(s), len(c.exact(s)) == 0; got != want {
				t.Errorf("%s(%q) = %v, apimachinery says valid: %v", c.name, s, got, want)
			}
		}
	})
}

// TestErrorsAgreeWithApimachinery checks that each function of errorChecks
// gives, for every sample, what its apimachinery function gives.
func TestErrorsAgreeWithApimachinery(t *testing.T) {
	for _, c := range errorChecks {
		t.Run(c.name, func(t *testing.T) {
			for _, s := range samples {
				if got, want := c.fast(s), c.exact(s); !slices.Equal(got, want) {
					t.Errorf("%s(%q) = %q, apimachinery gives %q", c.name, s, got, want)
				}
			}
		})
	}
}

// FuzzErrorsAgreeWithApimachinery holds each function of errorChecks to
// its apimachinery function: the same errors for every input.
func FuzzErrorsAgreeWithApimachinery(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range errorChecks {
			if got, want := c.fast(s), c.exact(s); !slices.Equal(got, want) {
				t.Errorf("%s(%q) = %q, apimachinery gives %q", c.name, s, got, want)
			}
		}
	})
}
