package rules

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// DuplicateKey reports a key repeated in one mapping.
var DuplicateKey = &lint.Rule{
	Name: "duplicate-key",
	Doc: `A key must appear once in a mapping

When a key is repeated, kubectl keeps the last value and silently drops the
others: the API server never sees the first one. That is almost always an
editing mistake, such as a second containers: list or two image: lines, and
the part that is dropped is often the one that was meant.`,
	Bad: `containers:
- name: agent
  image: agent:1.0
  image: agent:2.0
`,
	Good: `containers:
- name: agent
  image: agent:2.0
`,
	Since:    "v0.1.0",
	Severity: lint.Warning,
	Run:      runDuplicateKey,
}

func runDuplicateKey(p *lint.Pass) error {
	if p.Doc.KeysUnique() {
		return nil // decoding read every mapping and found no key twice
	}
	walkDuplicateKeys(p)
	return nil
}

// walkDuplicateKeys reports every repeated key of the document.
func walkDuplicateKeys(p *lint.Pass) {
	d := p.Doc
	// path holds the keys and indexes from the object down to the node
	// being walked; it is turned into a field path only for a finding.
	path := make([]pathStep, 0, 16)
	keys := make([]seenKey, 0, 64) // the keys of the mappings being walked, by level
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if depth > manifest.MaxDepth {
			return
		}
		switch n.Kind {
		case yaml.SequenceNode:
			for i, c := range n.Content {
				path = append(path, pathStep{index: i})
				walk(c, depth+1)
				path = path[:len(path)-1]
			}
		case yaml.MappingNode:
			// Small mappings are searched; large ones get a map.
			var first map[string]*yaml.Node
			if len(n.Content) > 32 {
				first = make(map[string]*yaml.Node, len(n.Content)/2)
			}
			level := len(keys)
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if yamlutil.IsMergeKey(k) {
					keys = append(keys, seenKey{})
					continue
				}
				key, err := manifest.KeyString(k)
				if err != nil {
					keys = append(keys, seenKey{})
					continue
				}
				var prev *yaml.Node
				if first != nil {
					prev = first[key]
					if prev == nil {
						first[key] = k
					}
				} else {
					for j, seen := range keys[level:] {
						if seen.ok && seen.key == key && prev == nil {
							prev = n.Content[2*j]
						}
					}
				}
				keys = append(keys, seenKey{key, true})
				path = append(path, pathStep{key: key, field: true})
				if prev != nil && p.Saturated() {
					// Counted, not shown: no message to build.
					p.Report(lint.Diagnostic{Span: manifest.Span{Start: p.File.NodeStart(k), End: p.File.NodeEnd(k)}})
				} else if prev != nil {
					p.Report(lint.Diagnostic{
						Span:  manifest.Span{Start: p.File.NodeStart(k), End: p.File.NodeEnd(k)},
						Field: fieldPath(path),
						Message: fmt.Sprintf("key %q is repeated (first on line %d): kubectl keeps only the last value and silently drops the earlier one; remove one of them",
							key, prev.Line),
					})
				}
				if !(depth == 0 && key == "items" && d.IsList()) { // items are checked as documents of their own
					walk(v, depth+1)
				}
				path = path[:len(path)-1]
			}
			keys = keys[:level]
		}
	}
	walk(d.Node, 0)
}

// A seenKey is a key of a mapping, as kubectl reads it; ok is false for a
// key that is not a string (a merge key, a bad key).
type seenKey struct {
	key string
	ok  bool
}

// A pathStep is one step of a field path: a mapping key or a sequence
// index.
type pathStep struct {
	key   string
	index int
	field bool // key is set; otherwise index
}

// fieldPath writes steps as the API server writes a field path.
func fieldPath(steps []pathStep) string {
	path := ""
	for i, s := range steps {
		if s.field {
			path = childPath(path, s.key, i == 0)
		} else {
			path = fmt.Sprintf("%s[%d]", path, s.index)
		}
	}
	return path
}

// childPath appends a mapping key to a field path the way the API server
// writes it: .name for fields, [key] for keys that hold a dot or slash.
func childPath(path, key string, top bool) string {
	if top || path == "" {
		return key
	}
	for _, c := range key {
		if c == '.' || c == '/' || c == '[' || c == ']' || c == ' ' {
			return path + "[" + key + "]"
		}
	}
	return path + "." + key
}
