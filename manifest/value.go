package manifest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/yamlutil"
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
		w := jsonWriter{buf: make([]byte, 0, size+size/8+64), stack: getPairStack()}
		_, err := walkValue(&w, d.Node, 0)
		putPairStack(w.stack)
		if err != nil {
			d.valueErr = err
			return
		}
		d.value = w.buf
	})
	b, _ := d.value.([]byte)
	return b, d.valueErr
}

// A jsonWriter writes the JSON of a node tree, as the valueSink of
// walkValue.
type jsonWriter struct {
	buf   []byte
	stack []pair
}

func (w *jsonWriter) written() int       { return len(w.buf) }
func (w *jsonWriter) pairStack() *[]pair { return &w.stack }
func (w *jsonWriter) null() any          { w.buf = append(w.buf, "null"...); return nil }
func (w *jsonWriter) str(s string) any {
	w.buf = yamlutil.AppendJSONString(w.buf, s)
	return nil
}
func (w *jsonWriter) boolean(v bool) any  { w.buf = strconv.AppendBool(w.buf, v); return nil }
func (w *jsonWriter) int64(v int64) any   { w.buf = strconv.AppendInt(w.buf, v, 10); return nil }
func (w *jsonWriter) uint64(v uint64) any { w.buf = strconv.AppendUint(w.buf, v, 10); return nil }
func (w *jsonWriter) float(v float64) any {
	b, _ := json.Marshal(v)
	w.buf = append(w.buf, b...)
	return nil
}

func (w *jsonWriter) sequence(items []*yaml.Node, depth int) (any, error) {
	w.buf = append(w.buf, '[')
	for i, c := range items {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		if _, err := walkValue(w, c, depth); err != nil {
			return nil, err
		}
	}
	w.buf = append(w.buf, ']')
	return nil, nil
}

func (w *jsonWriter) mapping(pairs []pair, depth int) (any, error) {
	w.buf = append(w.buf, '{')
	for i, p := range pairs {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.buf = yamlutil.AppendJSONString(w.buf, p.key)
		w.buf = append(w.buf, ':')
		if _, err := walkValue(w, p.value, depth); err != nil {
			return nil, err
		}
	}
	w.buf = append(w.buf, '}')
	return nil, nil
}

// MaxDepth is how deep an object may nest; deeper ones are refused (a
// ValueError), and walks over a node tree stop there.
const MaxDepth = 10000

const maxDepth = MaxDepth

type pair struct {
	key   string
	value *yaml.Node
}

// mappingPairs returns the pairs of a mapping as kubectl's YAML reading
// leaves them: keys converted to strings, merge keys applied in YAML 1.1
// order, the last value kept for a repeated key, first-seen order.
//
// A mapping of at most 16 keys with no merge key and no repeated key, the
// common case, has its pairs appended to *stack, which the caller cuts
// back to its length before the call once it is done with them; the pairs
// of nested mappings are appended after them, so that a whole walk uses
// one slice. Other mappings get a slice of their own.
func mappingPairs(n *yaml.Node, depth int, stack *[]pair) ([]pair, error) {
	if pairs, ok := simplePairs(n, stack); ok {
		return pairs, nil
	}
	return flattenMapping(n, depth, new(map[*yaml.Node][]pair))
}

// pairStacks holds the scratch slices of finished walks (see
// mappingPairs), so that each walk does not grow its own.
var pairStacks = sync.Pool{New: func() any { s := make([]pair, 0, 128); return &s }}

// getPairStack returns an empty scratch slice for a walk.
func getPairStack() []pair { return *pairStacks.Get().(*[]pair) }

// putPairStack gives back the scratch slice of a finished walk, cleared so
// that it keeps no node tree alive.
func putPairStack(s []pair) {
	if cap(s) > 1<<12 {
		return
	}
	s = s[:cap(s)]
	clear(s)
	s = s[:0]
	pairStacks.Put(&s)
}

// simplePairs appends the pairs of mapping n to *stack and returns them,
// when n has at most 16 keys, no merge key, and no key twice (all of which
// it checks without allocating).
func simplePairs(n *yaml.Node, stack *[]pair) ([]pair, bool) {
	if len(n.Content) > 32 {
		return nil, false
	}
	start := len(*stack)
	out := *stack
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if yamlutil.IsMergeKey(k) {
			return nil, false
		}
		ks, err := keyString(k)
		if err != nil {
			return nil, false
		}
		for _, p := range out[start:] {
			if p.key == ks {
				return nil, false
			}
		}
		out = append(out, pair{ks, n.Content[i+1]})
	}
	*stack = out
	return out[start:len(out):len(out)], true
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
		if !yamlutil.IsMergeKey(k) {
			ks, err := keyString(k)
			if err != nil {
				return nil, err
			}
			t.set(ks, v)
			continue
		}
		// sigs.k8s.io/yaml (yaml.v2) merges a mapping, an alias to a
		// mapping, or a sequence written in place whose items are
		// mappings or aliases to mappings; anything else, an alias to a
		// sequence included, is refused.
		m := yamlutil.ResolveAlias(v)
		switch {
		case m.Kind == yaml.MappingNode:
			if err := merged(m, depth+1); err != nil {
				return nil, err
			}
		case v.Kind == yaml.SequenceNode:
			for _, c := range v.Content {
				if yamlutil.ResolveAlias(c).Kind != yaml.MappingNode {
					return nil, mergeError(k)
				}
			}
			// YAML 1.1: earlier mappings in the list take precedence.
			for i := len(v.Content) - 1; i >= 0; i-- {
				if err := merged(yamlutil.ResolveAlias(v.Content[i]), depth+2); err != nil {
					return nil, err
				}
			}
		default:
			return nil, mergeError(k)
		}
	}
	return t.pairs, nil
}

// mergeError is kubectl's refusal of merge key k, whose value is neither
// a mapping nor a sequence of mappings.
func mergeError(k *yaml.Node) error {
	return &ValueError{Node: k, Msg: "error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value; " +
		"merge a mapping (<<: *anchor) or a list of mappings (<<: [*a, *b]), and write list items out in full"}
}

// KeyString returns mapping key k as sigs.k8s.io/yaml turns it into a JSON
// object key on its way to the API server, or a ValueError when it cannot
// be one.
func KeyString(k *yaml.Node) (string, error) { return keyString(k) }

func keyString(k *yaml.Node) (string, error) {
	k = yamlutil.ResolveAlias(k)
	if k.Kind != yaml.ScalarNode {
		return "", &ValueError{Node: k, Msg: "a mapping key must be a scalar to be sent as JSON"}
	}
	if s, ok := yamlutil.StringScalar(k); ok {
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

// scalarValue resolves a scalar node as the API server reads it (see
// yamlutil.ScalarValue), with its error as a ValueError on the node.
func scalarValue(n *yaml.Node) (any, error) {
	v, err := yamlutil.ScalarValue(n)
	if err != nil {
		return nil, &ValueError{Node: n, Msg: err.Error()}
	}
	return v, nil
}
