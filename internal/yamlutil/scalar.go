package yamlutil

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// ResolveScalar returns the value of a scalar node as the API server reads
// it, or nil when it cannot be read.
func ResolveScalar(n *yaml.Node) any {
	v, _ := ScalarValue(n)
	return v
}

// StringScalar returns the value of scalar n when it is certainly read as
// a string: a quoted or block scalar without a tag, or a plain one whose
// first character cannot start anything else under YAML 1.1 (the test
// go.yaml.in/yaml/v2 makes first). It saves ScalarValue's work, and its
// allocation, on the keys and most values of a manifest.
func StringScalar(n *yaml.Node) (string, bool) {
	if n.Style&yaml.TaggedStyle != 0 {
		return "", false
	}
	if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return n.Value, true
	}
	if n.Value == "" {
		return "", false
	}
	switch s := n.Value; {
	case (s[0] == '+' || s[0] == '-') && len(s) > 1 && s[1] == '.': // +.inf
		return "", false
	case s[0] >= '0' && s[0] <= '9', s[0] == '+', s[0] == '-':
		// "100m", "64Mi", "1.2.3-alpha": no number has these characters,
		// and a timestamp stays a string.
		if maybeNumber(s) && !isTimestamp(s) {
			return "", false
		}
	case s[0] == '.', s[0] == '~', s[0] == '<':
		return "", false
	case strings.IndexByte("yYnNtTfFoO", s[0]) >= 0:
		switch s {
		case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
			"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
			"null", "Null", "NULL":
			return "", false
		}
	}
	return n.Value, true
}

// ScalarValue resolves a scalar node as go.yaml.in/yaml/v2 does under
// sigs.k8s.io/yaml (YAML 1.1): nil, bool, int64, uint64, float64 or string.
// Timestamps stay strings, as they do there.
func ScalarValue(n *yaml.Node) (any, error) {
	explicit := n.Style&yaml.TaggedStyle != 0
	tag := ""
	if explicit {
		tag = shortTag(n.Tag)
	} else if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return n.Value, nil
	}
	switch tag {
	case "", "!!str", "!!bool", "!!int", "!!float", "!!null", "!!timestamp", "!!merge":
	case "!!binary":
		b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(n.Value), ""))
		if err != nil {
			return nil, errors.New("!!binary value is not valid base64: " + err.Error())
		}
		return strings.ToValidUTF8(string(b), string(utf8.RuneError)), nil
	default:
		return n.Value, nil // custom tags are ignored
	}
	if tag == "!!str" {
		return n.Value, nil
	}
	rtag, v := Resolve11(n.Value)
	if tag == "" || tag == rtag || tag == "!!merge" {
		return v, nil
	}
	if tag == "!!float" && rtag == "!!int" {
		switch i := v.(type) {
		case int64:
			return float64(i), nil
		case uint64:
			return float64(i), nil
		}
	}
	if tag == "!!timestamp" && rtag == "!!str" {
		return n.Value, nil
	}
	return nil, errors.New(fmt.Sprintf("cannot decode %s `%s` as a %s", rtag, n.Value, tag))
}

func shortTag(tag string) string {
	const long = "tag:yaml.org,2002:"
	if strings.HasPrefix(tag, long) {
		return "!!" + tag[len(long):]
	}
	return tag
}

// maybeNumber reports whether s holds only characters that an integer or
// a float of YAML 1.1 can be written with (digits, signs, '.', '_', the
// letters of hexadecimal, binary, octal and exponent notation): a quick
// test that spares the parsers the strings that cannot be numbers.
func maybeNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f', c >= 'A' && c <= 'F':
		case c == '+', c == '-', c == '.', c == '_', c == 'x', c == 'X', c == 'o', c == 'O':
		default:
			return false
		}
	}
	return true
}

// isYAML11Float reports whether s has the form of a YAML 1.1 float as
// go.yaml.in/yaml/v2 accepts it: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
func isYAML11Float(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// Resolve11 resolves an untagged plain scalar with YAML 1.1 rules, as
// go.yaml.in/yaml/v2 does.
func Resolve11(s string) (tag string, v any) {
	if s == "" {
		return "!!null", nil
	}
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
		return "!!bool", true
	case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
		return "!!bool", false
	case "~", "null", "Null", "NULL":
		return "!!null", nil
	case ".nan", ".NaN", ".NAN":
		return "!!float", math.NaN()
	case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
		return "!!float", math.Inf(1)
	case "-.inf", "-.Inf", "-.INF":
		return "!!float", math.Inf(-1)
	case "<<":
		return "!!merge", "<<"
	}
	switch c := s[0]; {
	case c == '.':
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return "!!float", f
		}
	case c == '+' || c == '-' || c >= '0' && c <= '9':
		if isTimestamp(s) {
			return "!!timestamp", s
		}
		if !maybeNumber(s) {
			return "!!str", s // "100m", "64Mi", "1.2.3-alpha": not worth parsing
		}
		plain := strings.ReplaceAll(s, "_", "")
		if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return "!!int", i
		}
		if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return "!!int", u
		}
		if isYAML11Float(plain) {
			if f, err := strconv.ParseFloat(plain, 64); err == nil {
				return "!!float", f
			}
		}
		if strings.HasPrefix(plain, "0b") {
			if i, err := strconv.ParseInt(plain[2:], 2, 64); err == nil {
				return "!!int", i
			}
			if u, err := strconv.ParseUint(plain[2:], 2, 64); err == nil {
				return "!!int", u
			}
		} else if strings.HasPrefix(plain, "-0b") {
			if i, err := strconv.ParseInt("-"+plain[3:], 2, 64); err == nil {
				return "!!int", i
			}
		}
	}
	return "!!str", s
}

var timestampFormats = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

func isTimestamp(s string) bool {
	i := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, f := range timestampFormats {
		if _, err := time.Parse(f, s); err == nil {
			return true
		}
	}
	return false
}

// QuoteScalar returns s written as a YAML scalar that the API server reads
// back as the string s: plain when that is unambiguous under YAML 1.1,
// double-quoted otherwise ("true", "1.0", "on", "" and the like).
func QuoteScalar(s string) string {
	if s == "" || strings.TrimSpace(s) != s {
		return DoubleQuote(s)
	}
	if tag, _ := Resolve11(s); tag != "!!str" {
		return DoubleQuote(s)
	}
	if strings.ContainsAny(s[:1], "!&*-?{}[],#|>@`\"'%:") || strings.ContainsAny(s, "\n\t\\") ||
		strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return DoubleQuote(s)
	}
	// yaml.v3 reads YAML 1.2, which resolves a little differently; quote
	// whatever it would not read as the same string either.
	var n yaml.Node
	if err := yaml.Unmarshal([]byte("v: "+s), &n); err != nil || len(n.Content) == 0 ||
		len(n.Content[0].Content) != 2 || n.Content[0].Content[1].Value != s || n.Content[0].Content[1].Tag != "!!str" {
		return DoubleQuote(s)
	}
	return s
}

// DoubleQuote returns s as a double-quoted YAML (and JSON) string.
func DoubleQuote(s string) string {
	return string(AppendJSONString(nil, s))
}

// AppendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it (without HTML escaping).
func AppendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
