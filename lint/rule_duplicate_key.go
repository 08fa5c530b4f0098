package lint

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// DuplicateKey reports a key repeated in one mapping.
var DuplicateKey = &Rule{
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
	Severity: Warning,
	Run:      runDuplicateKey,
}

func runDuplicateKey(p *Pass) error {
	d := p.Doc
	var walk func(n *yaml.Node, path string, depth int)
	walk = func(n *yaml.Node, path string, depth int) {
		if depth > maxDepth {
			return
		}
		switch n.Kind {
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, fmt.Sprintf("%s[%d]", path, i), depth+1)
			}
		case yaml.MappingNode:
			first := make(map[string]*yaml.Node, len(n.Content)/2)
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if isMergeKey(k) {
					continue
				}
				key, err := keyString(k)
				if err != nil {
					continue
				}
				child := childPath(path, key, depth == 0)
				if prev, ok := first[key]; ok {
					p.Report(Diagnostic{
						Span:  Span{p.File.NodeStart(k), p.File.NodeEnd(k)},
						Field: child,
						Message: fmt.Sprintf("key %q is repeated (first on line %d): kubectl keeps only the last value and silently drops the earlier one; remove one of them",
							key, prev.Line),
					})
				} else {
					first[key] = k
				}
				if depth == 0 && key == "items" && d.IsList() {
					continue // each item is checked as a document of its own
				}
				walk(v, child, depth+1)
			}
		}
	}
	walk(d.Node, "", 0)
	return nil
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
