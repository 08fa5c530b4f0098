// Package names tells, without a regular expression, that a name or a
// label is certainly valid, so that the validation of the common case
// skips k8s.io/apimachinery's regular expressions. Each function answers
// true only where the apimachinery function it stands for finds nothing
// wrong; a false sends the caller to that function, for its verdict and
// its words. The Errors functions (DNS1123LabelErrors and the others) and
// NameIsDNSSubdomain and NameIsDNSLabel do both: they give what the
// apimachinery function gives, and call it only for a value the fast check
// doubts.
package names

import (
	"strings"

	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/validation"
)

// LabelKey reports whether apimachinery's validation.IsQualifiedName (a
// label key, an annotation key) accepts s: an optional DNS subdomain and
// '/', then a name of at most 63 characters.
func LabelKey(s string) bool {
	name := s
	if prefix, rest, ok := strings.Cut(s, "/"); ok {
		if !DNS1123Subdomain(prefix) || strings.IndexByte(rest, '/') >= 0 {
			return false
		}
		name = rest
	}
	return name != "" && len(name) <= 63 && labelName(name)
}

// LabelValue reports whether apimachinery's validation.IsValidLabelValue
// accepts s: empty, or a name of at most 63 characters.
func LabelValue(s string) bool {
	return s == "" || len(s) <= 63 && labelName(s)
}

// labelName matches ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9], for a
// non-empty s.
func labelName(s string) bool {
	if !alnum(s[0]) || !alnum(s[len(s)-1]) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if c := s[i]; !alnum(c) && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}

func alnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// DNS1123Label reports whether apimachinery's validation.IsDNS1123Label
// accepts s: [a-z0-9]([-a-z0-9]*[a-z0-9])?, at most 63 characters.
func DNS1123Label(s string) bool {
	return len(s) <= 63 && dnsLabel(s)
}

// DNS1123Subdomain reports whether apimachinery's
// validation.IsDNS1123Subdomain accepts s: DNS labels joined by '.', at
// most 253 characters.
func DNS1123Subdomain(s string) bool {
	if len(s) > 253 {
		return false
	}
	for {
		label, rest, more := strings.Cut(s, ".")
		if !dnsLabel(label) {
			return false
		}
		if !more {
			return true
		}
		s = rest
	}
}

// dnsLabel matches [a-z0-9]([-a-z0-9]*[a-z0-9])?.
func dnsLabel(s string) bool {
	if s == "" || !lowerAlnum(s[0]) || !lowerAlnum(s[len(s)-1]) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if c := s[i]; !lowerAlnum(c) && c != '-' {
			return false
		}
	}
	return true
}

func lowerAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// PortName reports whether apimachinery's validation.IsValidPortName
// accepts s: at most 15 characters of [-a-z0-9], a letter among them, no
// "--", and no '-' first or last.
func PortName(s string) bool {
	if s == "" || len(s) > 15 || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	letter := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z':
			letter = true
		case c >= '0' && c <= '9', c == '-':
		default:
			return false
		}
	}
	return letter
}

// ConfigMapKey reports whether apimachinery's validation.IsConfigMapKey
// accepts s: at most 253 characters of [-._a-zA-Z0-9], neither "." nor
// starting with "..".
func ConfigMapKey(s string) bool {
	if s == "" || len(s) > 253 || s == "." || strings.HasPrefix(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !alnum(c) && c != '-' && c != '.' && c != '_' {
			return false
		}
	}
	return true
}

// PortNameErrors is apimachinery's validation.IsValidPortName, which a
// name that PortName accepts skips.
func PortNameErrors(s string) []string {
	if PortName(s) {
		return nil
	}
	return validation.IsValidPortName(s)
}

// ConfigMapKeyErrors is apimachinery's validation.IsConfigMapKey, which a
// key that ConfigMapKey accepts skips.
func ConfigMapKeyErrors(s string) []string {
	if ConfigMapKey(s) {
		return nil
	}
	return validation.IsConfigMapKey(s)
}

// DNS1123LabelErrors is apimachinery's validation.IsDNS1123Label, which a
// name that DNS1123Label accepts skips.
func DNS1123LabelErrors(s string) []string {
	if DNS1123Label(s) {
		return nil
	}
	return validation.IsDNS1123Label(s)
}

// DNS1123SubdomainErrors is apimachinery's validation.IsDNS1123Subdomain,
// which a name that DNS1123Subdomain accepts skips.
func DNS1123SubdomainErrors(s string) []string {
	if DNS1123Subdomain(s) {
		return nil
	}
	return validation.IsDNS1123Subdomain(s)
}

// LabelKeyErrors is apimachinery's validation.IsQualifiedName (label and
// annotation keys, and the other qualified names: condition types,
// protocols, classes), which a name that LabelKey accepts skips.
func LabelKeyErrors(s string) []string {
	if LabelKey(s) {
		return nil
	}
	return validation.IsQualifiedName(s)
}

// LabelValueErrors is apimachinery's validation.IsValidLabelValue, which
// a value that LabelValue accepts skips.
func LabelValueErrors(s string) []string {
	if LabelValue(s) {
		return nil
	}
	return validation.IsValidLabelValue(s)
}

// NameIsDNSSubdomain is apimachinery's
// apimachineryvalidation.NameIsDNSSubdomain, the name rule (a
// ValidateNameFunc) of the kinds whose names are DNS subdomains, which a
// name that DNS1123Subdomain accepts skips. With prefix (a generateName),
// the name is checked as apimachinery checks it (see maskTrailingDash).
func NameIsDNSSubdomain(name string, prefix bool) []string {
	if DNS1123Subdomain(maskTrailingDash(name, prefix)) {
		return nil
	}
	return apimachineryvalidation.NameIsDNSSubdomain(name, prefix)
}

// NameIsDNSLabel is apimachinery's apimachineryvalidation.NameIsDNSLabel,
// the name rule of the kinds whose names are DNS labels, which a name that
// DNS1123Label accepts skips; prefix is as for NameIsDNSSubdomain.
func NameIsDNSLabel(name string, prefix bool) []string {
	if DNS1123Label(maskTrailingDash(name, prefix)) {
		return nil
	}
	return apimachineryvalidation.NameIsDNSLabel(name, prefix)
}

// maskTrailingDash returns the name apimachinery's name rules check for
// name: with prefix, a name of two or more characters that ends in '-'
// has its last two characters replaced by "a" (the server appends
// characters to a generateName), as apimachinery's maskTrailingDash does.
func maskTrailingDash(name string, prefix bool) string {
	if prefix && len(name) > 1 && name[len(name)-1] == '-' {
		return name[:len(name)-2] + "a"
	}
	return name
}

// Percent reports whether apimachinery's validation.IsValidPercent
// accepts s: digits and a final '%'.
func Percent(s string) bool {
	if len(s) < 2 || s[len(s)-1] != '%' {
		return false
	}
	for i := 0; i < len(s)-1; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// PercentErrors is apimachinery's validation.IsValidPercent, which a
// string that Percent accepts skips.
func PercentErrors(s string) []string {
	if Percent(s) {
		return nil
	}
	return validation.IsValidPercent(s)
}
