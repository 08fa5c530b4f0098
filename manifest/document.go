package manifest

import (
	"strings"
	"sync"
	"sync/atomic"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/yamlutil"
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
	// decodedDirect is set, after decoded, when Decode read the object
	// straight from the node tree (see Template).
	decodedDirect atomic.Bool

	memoMu sync.Mutex
	memo   map[any]any
}

// Memo returns what compute returns for key, computed once per document:
// a later call with the same key returns the first result. It is how the
// rules that derive the same thing from a document (the decoding problems
// of a document that the server refuses, say) share it. key must be
// comparable; a package keeps its keys apart from others' with a type of
// its own.
func (d *Document) Memo(key any, compute func() any) any {
	d.memoMu.Lock()
	defer d.memoMu.Unlock()
	if v, ok := d.memo[key]; ok {
		return v
	}
	v := compute()
	if d.memo == nil {
		d.memo = map[any]any{}
	}
	d.memo[key] = v
	return v
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
	n := yamlutil.ResolveAlias(d.Node)
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	d.APIVersion, _ = yamlutil.StringField(n, "apiVersion")
	d.Kind, _ = yamlutil.StringField(n, "kind")
	if meta := yamlutil.MappingValue(n, "metadata"); meta != nil && meta.Kind == yaml.MappingNode {
		d.Name, _ = yamlutil.StringField(meta, "name")
		d.Namespace, _ = yamlutil.StringField(meta, "namespace")
	}
}

// IsList reports whether the document is a List: kubectl treats every
// object with a top-level items sequence as one, whatever its kind.
func (d *Document) IsList() bool {
	n := yamlutil.ResolveAlias(d.Node)
	if n == nil || n.Kind != yaml.MappingNode || d.Item >= 0 {
		return false
	}
	items := yamlutil.ResolveAlias(yamlutil.MappingValue(n, "items"))
	return items != nil && items.Kind == yaml.SequenceNode
}

// items returns a Document for each item of a List document.
func (d *Document) items() []*Document {
	if !d.IsList() {
		return nil
	}
	items := yamlutil.ResolveAlias(yamlutil.MappingValue(yamlutil.ResolveAlias(d.Node), "items"))
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
	n := yamlutil.ResolveAlias(d.Node)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	return yamlutil.MappingValue(n, name)
}

// An Object names the Kubernetes object a diagnostic is about.
type Object struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Namespace  string `json:"namespace"`
	Name       string `json:"name"`
}

// Object returns the name of the document's object.
func (d *Document) Object() Object {
	return Object{APIVersion: d.APIVersion, Kind: d.Kind, Namespace: d.Namespace, Name: d.Name}
}
