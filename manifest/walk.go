package manifest

import (
	"fmt"
	"math"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/yamlutil"
)

// A valueSink receives the values of a node tree as walkValue reads them,
// the way kubectl's YAML 1.1 reading does, and makes something of them: the
// JSON text (jsonWriter) or the Go values (treeBuilder). Each method
// returns the value made, when the sink makes values.
type valueSink interface {
	// written is the size so far of the object as JSON, which walkValue
	// holds to MaxObjectBytes.
	written() int
	null() any
	str(s string) any
	boolean(v bool) any
	int64(v int64) any
	uint64(v uint64) any
	float(v float64) any // finite
	// sequence and mapping walk each element, in order, with walkValue at
	// depth and the sink itself. (Calling back rather than being handed a
	// closure keeps the walk free of an allocation per node.)
	sequence(items []*yaml.Node, depth int) (any, error)
	mapping(pairs []pair, depth int) (any, error)
	// pairStack is the walk's scratch space for the pairs of mappings
	// (see mappingPairs).
	pairStack() *[]pair
}

// walkValue reads node n at depth as the API server will see it, through
// aliases and merge keys, and hands what it reads to sink. It is the one
// place that applies MaxObjectBytes and MaxDepth and says what cannot be
// sent as JSON.
func walkValue(sink valueSink, n *yaml.Node, depth int) (any, error) {
	if sink.written() > MaxObjectBytes {
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
		return walkValue(sink, n.Alias, depth+1)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return sink.null(), nil
		}
		return walkValue(sink, n.Content[0], depth+1)
	case yaml.SequenceNode:
		return sink.sequence(n.Content, depth+1)
	case yaml.MappingNode:
		stack := sink.pairStack()
		mark := len(*stack)
		pairs, err := mappingPairs(n, depth, stack)
		if err != nil {
			return nil, err
		}
		v, err := sink.mapping(pairs, depth+1)
		*stack = (*stack)[:mark]
		return v, err
	case yaml.ScalarNode:
		if s, ok := yamlutil.StringScalar(n); ok {
			return sink.str(s), nil
		}
		v, err := scalarValue(n)
		if err != nil {
			return nil, err
		}
		switch v := v.(type) {
		case nil:
			return sink.null(), nil
		case bool:
			return sink.boolean(v), nil
		case int64:
			return sink.int64(v), nil
		case uint64:
			return sink.uint64(v), nil
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, &ValueError{Node: n, Msg: fmt.Sprintf("%s cannot be sent as JSON (json: unsupported value: %v)", n.Value, v)}
			}
			return sink.float(v), nil
		case string:
			return sink.str(v), nil
		}
	}
	return nil, &ValueError{Node: n, Msg: "unexpected YAML node"}
}
