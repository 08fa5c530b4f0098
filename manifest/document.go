package lint

import (
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// A Document is one Kubernetes object of a file: a YAML document, or one
// item of a List.
type Document struct {
	// File is the file the document is in.
	File *File
	// Index is the 0-based index of the document in its file, counting only
	// documents that hold more than comments and whitespace. The items of a
	// List share the List's index.
	Index int
	// Item is the index of the document among its List's items, or -1 when
	// it is not a List item.
	Item int
	// List is the List document this item was taken from, or nil.
	List *Document
	// Root is the yaml.v3 document node; for a List item, the List's.
	Root *yaml.Node
	// Node is the object itself: normally a mapping node. It is something
	// else when the document is not an object at all (a scalar, a sequence).
	Node *yaml.Node

	// APIVersion, Kind, Name and Namespace are read from the object the way
	// the API server reads them; they are empty when absent or not strings.
	APIVersion string
	Kind       string
	Name       string
	Namespace  string

	valueOnce sync.Once
	value     any
	valueErr  error

	treeOnce sync.Once
	tree     any
	treeErr  error

	decodeOnce sync.Once
	decoded    decodeResult
}

// newDocument wraps a decoded yaml.v3 document node.
func newDocument(f *File, root *yaml.Node, index int) *Document {
	d := &Document{File: f, Index: index, Item: -1, Root: root}
	if len(root.Content) > 0 {
		d.Node = root.Content[0]
	}
	d.readHeader()
	return d
}

// readHeader fills APIVersion, Kind, Name and Namespace.
func (d *Document) readHeader() {
	n := resolveAlias(d.Node)
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	d.APIVersion, _ = stringField(n, "apiVersion")
	d.Kind, _ = stringField(n, "kind")
	if meta := mappingValue(n, "metadata"); meta != nil && meta.Kind == yaml.MappingNode {
		d.Name, _ = stringField(meta, "name")
		d.Namespace, _ = stringField(meta, "namespace")
	}
}

// IsList reports whether the document is a List: kubectl treats every
// object with a top-level items sequence as one, whatever its kind.
func (d *Document) IsList() bool {
	n := resolveAlias(d.Node)
	if n == nil || n.Kind != yaml.MappingNode || d.Item >= 0 {
		return false
	}
	items := resolveAlias(mappingValue(n, "items"))
	return items != nil && items.Kind == yaml.SequenceNode
}

// items returns a Document for each item of a List document.
func (d *Document) items() []*Document {
	if !d.IsList() {
		return nil
	}
	items := resolveAlias(mappingValue(resolveAlias(d.Node), "items"))
	out := make([]*Document, 0, len(items.Content))
	for i, item := range items.Content {
		it := &Document{File: d.File, Index: d.Index, Item: i, List: d, Root: d.Root, Node: item}
		it.readHeader()
		out = append(out, it)
	}
	return out
}

// GroupVersion splits APIVersion into its group and version: "apps/v1"
// gives ("apps", "v1"), "v1" gives ("", "v1").
func (d *Document) GroupVersion() (group, version string) {
	return SplitAPIVersion(d.APIVersion)
}

// SplitAPIVersion splits an apiVersion into group and version.
func SplitAPIVersion(apiVersion string) (group, version string) {
	if i := strings.LastIndexByte(apiVersion, '/'); i >= 0 {
		return apiVersion[:i], apiVersion[i+1:]
	}
	return "", apiVersion
}

// Span returns the byte span of the whole object.
func (d *Document) Span() Span {
	if d.Node == nil {
		off := d.File.NodeStart(d.Root)
		return Span{off, off}
	}
	return d.File.NodeSpan(d.Node)
}

// Field returns the value node of a top-level field of the object, or nil.
func (d *Document) Field(name string) *yaml.Node {
	n := resolveAlias(d.Node)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	return mappingValue(n, name)
}

// resolveAlias follows an alias node to the node it names.
func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// mappingPair returns the key and value nodes of key in mapping n, taking
// the last one when the key is repeated, as the API server reads it. It
// looks through merge keys (<<) when the key is not set directly.
func mappingPair(n *yaml.Node, key string) (k, v *yaml.Node) {
	return mappingPairDepth(n, key, 0, nil)
}

// mappingPairDepth looks for key in n and, through merge keys, in the
// mappings n merges, first to last, down to 10 levels of merges. searched
// holds the mappings already searched in vain, with the depth they were
// searched at: a search at the same depth or deeper would find nothing
// either, so that a mapping merged many times over (a merge bomb) is
// searched a few times rather than billions.
func mappingPairDepth(n *yaml.Node, key string, depth int, searched map[*yaml.Node]int) (k, v *yaml.Node) {
	n = resolveAlias(n)
	if n == nil || n.Kind != yaml.MappingNode || depth > 10 {
		return nil, nil
	}
	if d, ok := searched[n]; ok && d <= depth {
		return nil, nil
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn := n.Content[i]
		if isMergeKey(kn) {
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
		m = resolveAlias(m)
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

// mappingValue returns the value node of key in mapping n, or nil.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	_, v := mappingPair(n, key)
	return v
}

// isMergeKey reports whether k is the YAML merge key <<.
func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" &&
		(k.Tag == "!!merge" || k.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) == 0)
}

// stringField returns the value of key in mapping n when the API server
// would read it as a string.
func stringField(n *yaml.Node, key string) (string, bool) {
	v := resolveAlias(mappingValue(n, key))
	if v == nil || v.Kind != yaml.ScalarNode {
		return "", false
	}
	s, ok := resolveScalar(v).(string)
	return s, ok
}
