package manifest

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/yamlutil"
)

// Value returns the object as the value that JSON decodes into when numbers
// are kept as json.Number: map[string]any, []any, json.Number, string, bool
// and nil. It is what JSON returns, read back, but built directly from the
// node tree, so that a check that works on values (a JSON schema) does not
// pay for writing and parsing the text. The same limits and errors apply.
// The result is computed once.
func (d *Document) Value() (any, error) {
	d.treeOnce.Do(func() {
		if d.Node == nil {
			d.treeErr = &ValueError{Node: d.Root, Msg: "empty document"}
			return
		}
		b := treeBuilder{stack: getPairStack()}
		d.tree, d.treeErr = walkValue(&b, d.Node, 0)
		putPairStack(b.stack)
	})
	return d.tree, d.treeErr
}

// treeBuilder builds the value of a node tree and counts the bytes its JSON
// would take, to apply MaxObjectBytes as the JSON writer does; it is the
// valueSink of walkValue for Value.
type treeBuilder struct {
	size  int
	stack []pair
}

func (b *treeBuilder) written() int       { return b.size }
func (b *treeBuilder) pairStack() *[]pair { return &b.stack }
func (b *treeBuilder) null() any          { b.size += 4; return nil }
func (b *treeBuilder) str(s string) any {
	b.size += jsonStringLen(s)
	if !utf8.ValidString(s) {
		// JSON carries the replacement character, as the text does.
		var dec string
		json.Unmarshal(yamlutil.AppendJSONString(nil, s), &dec)
		return dec
	}
	return s
}
func (b *treeBuilder) boolean(v bool) any { b.size += 5; return v }
func (b *treeBuilder) int64(v int64) any  { return b.number(strconv.FormatInt(v, 10)) }
func (b *treeBuilder) uint64(v uint64) any {
	return b.number(strconv.FormatUint(v, 10))
}
func (b *treeBuilder) float(v float64) any {
	s, _ := json.Marshal(v)
	return b.number(string(s))
}
func (b *treeBuilder) number(s string) any {
	b.size += len(s)
	return json.Number(s)
}

func (b *treeBuilder) sequence(items []*yaml.Node, depth int) (any, error) {
	out := make([]any, len(items))
	b.size += 1 + len(items)
	for i, c := range items {
		v, err := walkValue(b, c, depth)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (b *treeBuilder) mapping(pairs []pair, depth int) (any, error) {
	out := make(map[string]any, len(pairs))
	b.size += 1 + len(pairs)
	for _, p := range pairs {
		b.size += jsonStringLen(p.key) + 1
		v, err := walkValue(b, p.value, depth)
		if err != nil {
			return nil, err
		}
		out[p.key] = v
	}
	return out, nil
}

// jsonStringLen returns the length of s written as a JSON string by
// yamlutil.AppendJSONString.
func jsonStringLen(s string) int {
	n := 2
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t':
				n += 2
			case c < 0x20:
				n += 6
			default:
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			n += 6
		case r == '\u2028' || r == '\u2029':
			n += 6
		default:
			n += size
		}
		i += size
	}
	return n
}
