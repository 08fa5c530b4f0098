package manifest

import (
	"encoding/json"
	"fmt"
	"math"
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
		var b treeBuilder
		d.tree, d.treeErr = b.node(d.Node, 0)
	})
	return d.tree, d.treeErr
}

// treeBuilder builds the value of a node tree and counts the bytes its JSON
// would take, to apply MaxObjectBytes as the JSON writer does.
type treeBuilder struct {
	size int
}

func (b *treeBuilder) node(n *yaml.Node, depth int) (any, error) {
	if b.size > MaxObjectBytes {
		return nil, &ValueError{Node: n, Msg: fmt.Sprintf("the object is larger than %d bytes (3 MiB) as JSON, the most the API server accepts; aliases may expand it", MaxObjectBytes)}
	}
	if depth > maxDepth {
		return nil, &ValueError{Node: n, Msg: fmt.Sprintf("the object nests deeper than %d levels", maxDepth)}
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, &ValueError{Node: n, Msg: "alias to an unknown anchor"}
		}
		return b.node(n.Alias, depth+1)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			b.size += 4
			return nil, nil
		}
		return b.node(n.Content[0], depth+1)
	case yaml.SequenceNode:
		out := make([]any, len(n.Content))
		b.size += 1 + len(n.Content)
		for i, c := range n.Content {
			v, err := b.node(c, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case yaml.MappingNode:
		pairs, err := mappingPairs(n, depth)
		if err != nil {
			return nil, err
		}
		out := make(map[string]any, len(pairs))
		b.size += 1 + len(pairs)
		for _, p := range pairs {
			b.size += jsonStringLen(p.key) + 1
			v, err := b.node(p.value, depth+1)
			if err != nil {
				return nil, err
			}
			out[p.key] = v
		}
		return out, nil
	case yaml.ScalarNode:
		if str, ok := yamlutil.StringScalar(n); ok && utf8.ValidString(str) {
			b.size += jsonStringLen(str)
			return str, nil
		}
		v, err := scalarValue(n)
		if err != nil {
			return nil, err
		}
		switch v := v.(type) {
		case nil:
			b.size += 4
			return nil, nil
		case bool:
			b.size += 5
			return v, nil
		case int64:
			s := strconv.FormatInt(v, 10)
			b.size += len(s)
			return json.Number(s), nil
		case uint64:
			s := strconv.FormatUint(v, 10)
			b.size += len(s)
			return json.Number(s), nil
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, &ValueError{Node: n, Msg: fmt.Sprintf("%s cannot be sent as JSON (json: unsupported value: %v)", n.Value, v)}
			}
			s, _ := json.Marshal(v)
			b.size += len(s)
			return json.Number(s), nil
		case string:
			b.size += jsonStringLen(v)
			if !utf8.ValidString(v) {
				// JSON carries the replacement character, as the text does.
				var dec string
				json.Unmarshal(yamlutil.AppendJSONString(nil, v), &dec)
				return dec, nil
			}
			return v, nil
		}
	}
	return nil, &ValueError{Node: n, Msg: "unexpected YAML node"}
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
