package lint

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// MaxObjectBytes is the largest object, as the JSON that kubectl sends, that
// daemonlint reads: the API server refuses request bodies over 3 MiB. It
// also bounds alias expansion ("billion laughs").
const MaxObjectBytes = 3 << 20

// A ValueError is a place where a document cannot be read as the API server
// reads it: a value YAML 1.1 cannot convert, a key JSON cannot hold, an
// object over the size limit.
type ValueError struct {
	// Node is where the problem is.
	Node *yaml.Node
	Msg  string
}

func (e *ValueError) Error() string { return e.Msg }

// JSON returns the object as the JSON that kubectl sends to the API server:
// YAML 1.1 scalars (an unquoted yes, on or off is a boolean; 0777 is an
// octal integer), merge keys applied, aliases expanded, and, where a key is
// repeated, the last value kept. The result is computed once.
func (d *Document) JSON() ([]byte, error) {
	d.valueOnce.Do(func() {
		if d.Node == nil {
			d.valueErr = &ValueError{Node: d.Root, Msg: "empty document"}
			return
		}
		// JSON takes about as many bytes as the YAML it comes from.
		size := d.Span().Len()
		w := jsonWriter{buf: make([]byte, 0, size+size/8+64)}
		if err := w.node(d.Node, 0); err != nil {
			d.valueErr = err
			return
		}
		d.value = w.buf
	})
	b, _ := d.value.([]byte)
	return b, d.valueErr
}

type jsonWriter struct {
	buf []byte
}

const maxDepth = 10000

func (w *jsonWriter) node(n *yaml.Node, depth int) error {
	if len(w.buf) > MaxObjectBytes {
		return &ValueError{Node: n, Msg: fmt.Sprintf("the object is larger than %d bytes (3 MiB) as JSON, the most the API server accepts; aliases may expand it", MaxObjectBytes)}
	}
	if depth > maxDepth {
		return &ValueError{Node: n, Msg: fmt.Sprintf("the object nests deeper than %d levels", maxDepth)}
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return &ValueError{Node: n, Msg: "alias to an unknown anchor"}
		}
		return w.node(n.Alias, depth+1)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			w.buf = append(w.buf, "null"...)
			return nil
		}
		return w.node(n.Content[0], depth+1)
	case yaml.SequenceNode:
		w.buf = append(w.buf, '[')
		for i, c := range n.Content {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			if err := w.node(c, depth+1); err != nil {
				return err
			}
		}
		w.buf = append(w.buf, ']')
		return nil
	case yaml.MappingNode:
		pairs, err := mappingPairs(n, depth)
		if err != nil {
			return err
		}
		w.buf = append(w.buf, '{')
		for i, p := range pairs {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.buf = appendJSONString(w.buf, p.key)
			w.buf = append(w.buf, ':')
			if err := w.node(p.value, depth+1); err != nil {
				return err
			}
		}
		w.buf = append(w.buf, '}')
		return nil
	case yaml.ScalarNode:
		if str, ok := stringScalar(n); ok {
			w.buf = appendJSONString(w.buf, str)
			return nil
		}
		v, err := scalarValue(n)
		if err != nil {
			return err
		}
		switch v := v.(type) {
		case nil:
			w.buf = append(w.buf, "null"...)
		case bool:
			w.buf = strconv.AppendBool(w.buf, v)
		case int64:
			w.buf = strconv.AppendInt(w.buf, v, 10)
		case uint64:
			w.buf = strconv.AppendUint(w.buf, v, 10)
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return &ValueError{Node: n, Msg: fmt.Sprintf("%s cannot be sent as JSON (json: unsupported value: %v)", n.Value, v)}
			}
			b, _ := json.Marshal(v)
			w.buf = append(w.buf, b...)
		case string:
			w.buf = appendJSONString(w.buf, v)
		}
		return nil
	}
	return &ValueError{Node: n, Msg: "unexpected YAML node"}
}

type pair struct {
	key   string
	value *yaml.Node
}

// mappingPairs returns the pairs of a mapping as kubectl's YAML reading
// leaves them: keys converted to strings, merge keys applied in YAML 1.1
// order, the last value kept for a repeated key, first-seen order.
func mappingPairs(n *yaml.Node, depth int) ([]pair, error) {
	return flattenMapping(n, depth, new(map[*yaml.Node][]pair))
}

// A pairTable collects the pairs of a mapping in first-seen order.
type pairTable struct {
	pairs []pair
	index map[string]int
}

// set gives key k the value v, keeping k's place when it has one.
func (t *pairTable) set(k string, v *yaml.Node) {
	if t.index == nil && len(t.pairs) < 16 {
		for i := range t.pairs {
			if t.pairs[i].key == k {
				t.pairs[i].value = v
				return
			}
		}
		t.pairs = append(t.pairs, pair{k, v})
		return
	}
	if t.index == nil {
		t.index = make(map[string]int, 2*len(t.pairs))
		for i, p := range t.pairs {
			t.index[p.key] = i
		}
	}
	if i, ok := t.index[k]; ok {
		t.pairs[i].value = v
		return
	}
	t.index[k] = len(t.pairs)
	t.pairs = append(t.pairs, pair{k, v})
}

// flattenMapping returns the pairs of mapping n with its merge keys
// applied. A merged mapping is flattened once and its pairs reused
// (memo): applying them is the same as applying its keys and merges one
// by one, and a merge bomb, a mapping merged ten times at each of ten
// levels, costs a hundred merges rather than ten billion.
func flattenMapping(n *yaml.Node, depth int, memo *map[*yaml.Node][]pair) ([]pair, error) {
	if depth > maxDepth {
		return nil, &ValueError{Node: n, Msg: fmt.Sprintf("the object nests deeper than %d levels", maxDepth)}
	}
	t := pairTable{pairs: make([]pair, 0, len(n.Content)/2)}
	merged := func(m *yaml.Node, depth int) error {
		if *memo == nil {
			*memo = map[*yaml.Node][]pair{}
		}
		ps, ok := (*memo)[m]
		if !ok {
			var err error
			if ps, err = flattenMapping(m, depth, memo); err != nil {
				return err
			}
			(*memo)[m] = ps
		}
		for _, p := range ps {
			t.set(p.key, p.value)
		}
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !isMergeKey(k) {
			ks, err := keyString(k)
			if err != nil {
				return nil, err
			}
			t.set(ks, v)
			continue
		}
		m := resolveAlias(v)
		switch m.Kind {
		case yaml.MappingNode:
			if err := merged(m, depth+1); err != nil {
				return nil, err
			}
		case yaml.SequenceNode:
			// YAML 1.1: earlier mappings in the list take precedence.
			for i := len(m.Content) - 1; i >= 0; i-- {
				mm := resolveAlias(m.Content[i])
				if mm.Kind != yaml.MappingNode {
					return nil, &ValueError{Node: mm, Msg: "map merge requires map or sequence of maps as the value"}
				}
				if err := merged(mm, depth+2); err != nil {
					return nil, err
				}
			}
		default:
			return nil, &ValueError{Node: m, Msg: "map merge requires map or sequence of maps as the value"}
		}
	}
	return t.pairs, nil
}

// keyString converts a mapping key the way sigs.k8s.io/yaml does on its way
// to JSON.
func keyString(k *yaml.Node) (string, error) {
	k = resolveAlias(k)
	if k.Kind != yaml.ScalarNode {
		return "", &ValueError{Node: k, Msg: "a mapping key must be a scalar to be sent as JSON"}
	}
	if s, ok := stringScalar(k); ok {
		return s, nil
	}
	v, err := scalarValue(k)
	if err != nil {
		return "", err
	}
	switch v := v.(type) {
	case string:
		return v, nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case uint64:
		return strconv.FormatUint(v, 10), nil
	case float64:
		s := strconv.FormatFloat(v, 'g', -1, 32)
		switch s {
		case "+Inf":
			s = ".inf"
		case "-Inf":
			s = "-.inf"
		case "NaN":
			s = ".nan"
		}
		return s, nil
	case bool:
		return strconv.FormatBool(v), nil
	}
	return "", &ValueError{Node: k, Msg: "a null mapping key cannot be sent as JSON"}
}

// resolveScalar returns the value of a scalar node as the API server reads
// it, or nil when it cannot be read.
func resolveScalar(n *yaml.Node) any {
	v, _ := scalarValue(n)
	return v
}

// stringScalar returns the value of scalar n when it is certainly read as
// a string: a quoted or block scalar without a tag, or a plain one whose
// first character cannot start anything else under YAML 1.1 (the test
// go.yaml.in/yaml/v2 makes first). It saves scalarValue's work, and its
// allocation, on the keys and most values of a manifest.
func stringScalar(n *yaml.Node) (string, bool) {
	if n.Style&yaml.TaggedStyle != 0 {
		return "", false
	}
	if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return n.Value, true
	}
	if n.Value == "" {
		return "", false
	}
	switch c := n.Value[0]; {
	case c >= '0' && c <= '9', c == '+', c == '-', c == '.', c == '~', c == '<':
		return "", false
	case strings.IndexByte("yYnNtTfFoO", c) >= 0:
		return "", false
	}
	return n.Value, true
}

// scalarValue resolves a scalar node as go.yaml.in/yaml/v2 does under
// sigs.k8s.io/yaml (YAML 1.1): nil, bool, int64, uint64, float64 or string.
// Timestamps stay strings, as they do there.
func scalarValue(n *yaml.Node) (any, error) {
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
			return nil, &ValueError{Node: n, Msg: "!!binary value is not valid base64: " + err.Error()}
		}
		return strings.ToValidUTF8(string(b), string(utf8.RuneError)), nil
	default:
		return n.Value, nil // custom tags are ignored
	}
	if tag == "!!str" {
		return n.Value, nil
	}
	rtag, v := resolve11(n.Value)
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
	return nil, &ValueError{Node: n, Msg: fmt.Sprintf("cannot decode %s `%s` as a %s", rtag, n.Value, tag)}
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

// resolve11 resolves an untagged plain scalar with YAML 1.1 rules, as
// go.yaml.in/yaml/v2 does.
func resolve11(s string) (tag string, v any) {
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

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it (without HTML escaping).
func appendJSONString(buf []byte, s string) []byte {
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
