package manifest

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/yamlutil"
)

// A Location is where a field path leads in a document.
type Location struct {
	// Found is the longest prefix of the path that exists, in the same
	// notation ("" for the object itself).
	Found string
	// Exact reports whether the whole path exists.
	Exact bool
	// Key is the key node of the last path element found, when that element
	// is a mapping key; nil for a sequence item or the object itself.
	Key *yaml.Node
	// Node is the value node of the last path element found.
	Node *yaml.Node
	// Span runs from the start of Key (or of Node when there is no key) to
	// the end of Node.
	Span Span
}

// A PathElement is one step of a field path: a field name, a map key in
// brackets, or a list index in brackets.
type PathElement struct {
	// Name is the field name or map key.
	Name string
	// Index is the list index, or -1.
	Index int
	// Bracketed reports whether the element was written in brackets
	// (a map key or an index) rather than after a dot.
	Bracketed bool
}

// ParsePath splits a field path as k8s.io/apimachinery's field.Path prints
// it: "spec.template.spec.containers[1].name", "metadata.labels[app]",
// "spec.template.annotations[controller.kubernetes.io/pod-deletion-cost]".
func ParsePath(path string) []PathElement { return appendPath(nil, path) }

// appendPath appends the elements of path (see ParsePath) to out.
func appendPath(out []PathElement, path string) []PathElement {
	for i := 0; i < len(path); {
		switch path[i] {
		case '.':
			i++
		case '[':
			end := strings.IndexByte(path[i:], ']')
			// A key may itself hold brackets; take the last ']' before the
			// next element.
			if end < 0 {
				end = len(path) - i
			} else {
				for j := i + end + 1; j < len(path) && path[j] != '.' && path[j] != '['; j++ {
					if path[j] == ']' {
						end = j - i
					}
				}
			}
			name := path[i+1 : min(i+end, len(path))]
			idx := -1
			if n, err := strconv.Atoi(name); err == nil && n >= 0 {
				idx = n
			}
			out = append(out, PathElement{Name: name, Index: idx, Bracketed: true})
			i += end + 1
		default:
			j := i
			for j < len(path) && path[j] != '.' && path[j] != '[' {
				j++
			}
			out = append(out, PathElement{Name: path[i:j], Index: -1})
			i = j
		}
	}
	return out
}

// Lookup resolves an API-server field path to the node it names and its
// span. When the field is absent it falls back to the nearest parent that
// exists: a missing spec.selector gives the location of spec. Where a key
// is repeated the last one counts, as the API server reads it. A key is
// found by what kubectl sends, as the API server names it in a field path:
// an unquoted on is the key "true" (data[true]), 0x1F the key "31"; a key
// written as the path spells it is found as well.
func (d *Document) Lookup(path string) Location {
	loc := Location{Node: d.Node, Exact: true}
	if d.Node == nil {
		loc.Node = d.Root
		loc.Span = Span{d.File.NodeStart(d.Root), d.File.NodeStart(d.Root)}
		return loc
	}
	found := 0              // bytes of path consumed by found elements
	var buf [16]PathElement // most paths are shorter: no allocation
	elems := appendPath(buf[:0], path)
	consumed := 0
	for _, e := range elems {
		n := yamlutil.ResolveAlias(loc.Node)
		var k, v *yaml.Node
		switch {
		case n.Kind == yaml.SequenceNode && e.Index >= 0:
			if e.Index < len(n.Content) {
				v = n.Content[e.Index]
			}
		case n.Kind == yaml.MappingNode:
			k, v = mappingKey(n, e.Name)
		}
		if v == nil {
			loc.Exact = false
			break
		}
		loc.Key, loc.Node = k, v
		consumed = advance(path, consumed, e)
		found = consumed
	}
	loc.Found = path[:found]
	start := loc.Node
	if loc.Key != nil {
		start = loc.Key
	}
	loc.Span = Span{d.File.NodeStart(start), d.File.NodeEnd(loc.Node)}
	if loc.Span.End < loc.Span.Start {
		loc.Span.End = loc.Span.Start
	}
	return loc
}

// mappingKey returns the key and value nodes of the field name of mapping
// n: the last key that kubectl sends as name (KeyString), else the last key
// written as name, looking through merge keys.
func mappingKey(n *yaml.Node, name string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn := n.Content[i]
		if yamlutil.IsMergeKey(kn) {
			continue
		}
		if ks, err := keyString(kn); err == nil && ks == name {
			k, v = kn, n.Content[i+1]
		}
	}
	if k != nil {
		return k, v
	}
	return yamlutil.MappingPair(n, name)
}

// advance returns the offset in path just past element e, which starts at
// or after off.
func advance(path string, off int, e PathElement) int {
	if off < len(path) && path[off] == '.' {
		off++
	}
	if e.Bracketed {
		return min(off+len(e.Name)+2, len(path))
	}
	return min(off+len(e.Name), len(path))
}
