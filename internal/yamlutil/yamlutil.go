// Package yamlutil holds the helpers on go.yaml.in/yaml/v3 node trees that
// the source model, the rules and the converter share: looking up mapping
// entries as the API server reads them, following aliases and merge keys,
// resolving scalars under YAML 1.1 (as sigs.k8s.io/yaml does) and writing
// scalars back. It is internal so that it can change with them.
package yamlutil

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// ResolveAlias follows an alias node to the node it names.
func ResolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// MappingPair returns the key and value nodes of key in mapping n, taking
// the last one when the key is repeated, as the API server reads it. It
// looks through merge keys (<<) when the key is not set directly.
func MappingPair(n *yaml.Node, key string) (k, v *yaml.Node) {
	return mappingPairDepth(n, key, 0, nil)
}

// mappingPairDepth looks for key in n and, through merge keys, in the
// mappings n merges, first to last, down to 10 levels of merges. searched
// holds the mappings already searched in vain, with the depth they were
// searched at: a search at the same depth or deeper would find nothing
// either, so that a mapping merged many times over (a merge bomb) is
// searched a few times rather than billions.
func mappingPairDepth(n *yaml.Node, key string, depth int, searched map[*yaml.Node]int) (k, v *yaml.Node) {
	n = ResolveAlias(n)
	if n == nil || n.Kind != yaml.MappingNode || depth > 10 {
		return nil, nil
	}
	if d, ok := searched[n]; ok && d <= depth {
		return nil, nil
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn := n.Content[i]
		if IsMergeKey(kn) {
			merges = append(merges, n.Content[i+1])
			continue
		}
		if kn.Kind == yaml.ScalarNode && kn.Value == key {
			k, v = kn, n.Content[i+1]
		}
	}
	if k != nil || len(merges) == 0 {
		return k, v
	}
	if searched == nil {
		searched = map[*yaml.Node]int{}
	}
	for _, m := range merges {
		m = ResolveAlias(m)
		if m.Kind == yaml.SequenceNode {
			for _, mm := range m.Content {
				if k, v := mappingPairDepth(mm, key, depth+1, searched); k != nil {
					return k, v
				}
			}
			continue
		}
		if k, v := mappingPairDepth(m, key, depth+1, searched); k != nil {
			return k, v
		}
	}
	searched[n] = depth
	return nil, nil
}

// MappingValue returns the value node of key in mapping n, or nil.
func MappingValue(n *yaml.Node, key string) *yaml.Node {
	_, v := MappingPair(n, key)
	return v
}

// IsMergeKey reports whether k is the YAML merge key <<.
func IsMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" &&
		(k.Tag == "!!merge" || k.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) == 0)
}

// StringField returns the value of key in mapping n when the API server
// would read it as a string.
func StringField(n *yaml.Node, key string) (string, bool) {
	v := ResolveAlias(MappingValue(n, key))
	if v == nil || v.Kind != yaml.ScalarNode {
		return "", false
	}
	s, ok := ResolveScalar(v).(string)
	return s, ok
}

// MappingKeys returns the key nodes of every entry of mapping m (after
// resolving an alias) whose key is key, in order. Merge keys are not looked
// through: these are the entries that an edit of m's text can remove.
func MappingKeys(m *yaml.Node, key string) []*yaml.Node {
	m = ResolveAlias(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	var keys []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key && !IsMergeKey(k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// Describe names what node n is, for messages: "a sequence", "a mapping",
// "null" or "the scalar \"x\"".
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a sequence"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "null"
		}
		return fmt.Sprintf("the scalar %q", n.Value)
	case yaml.MappingNode:
		return "a mapping"
	}
	return "not a mapping"
}
