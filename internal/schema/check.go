package schema

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// A ProblemKind says what a Problem is.
type ProblemKind int

const (
	// UnknownField is a field that the release's definition of the object
	// does not have.
	UnknownField ProblemKind = iota + 1
	// MissingField is a required field that the object lacks.
	MissingField
	// WrongType is a value of a JSON type the definition does not allow,
	// base64 data that does not decode, or an integer out of its range.
	WrongType
)

// A Problem is one thing that a release's definition of a kind says is
// wrong with an object: see Version.Check.
type Problem struct {
	Kind ProblemKind
	// Path is the field path of the object that holds the field (for
	// UnknownField and MissingField) or of the value (for WrongType), in
	// the API server's notation: struct fields after dots, list indices
	// and map keys in brackets ("spec.ports[0]", "data[key]"); "" is the
	// object itself.
	Path string
	// Field is the unknown or missing field's name.
	Field string
	// Known are the properties of the object at Path, sorted, for an
	// UnknownField.
	Known []string
	// For a WrongType: Want are the JSON types the definition allows
	// ("integer", "string"; null left out), Got the value's JSON type
	// ("number", "string", "boolean", "array", "object"; "integer" for an
	// integer out of range), and Value the value.
	Want  []string
	Got   string
	Value any
	// Detail says more about a WrongType whose JSON type is right: "base64"
	// for data that does not decode (Err says why), "range" for an integer
	// out of its bounds (Max is the bound it exceeds).
	Detail string
	Err    error
	Max    *big.Rat
}

// FieldPath returns the path of the field a Problem is about: Path, and
// Field after a dot for UnknownField and MissingField.
func (p Problem) FieldPath() string {
	if p.Field == "" {
		return p.Path
	}
	if p.Path == "" {
		return p.Field
	}
	return p.Path + "." + p.Field
}

// CheckOptions says which problems Check looks for.
type CheckOptions struct {
	// Unknown, Required and Types turn on the search for UnknownField,
	// MissingField and WrongType problems.
	Unknown, Required, Types bool
}

// Check reads inst, an object as JSON decodes it with numbers kept as
// json.Number (map[string]any, []any, json.Number, string, bool, nil),
// along the release's definition of (apiVersion, kind), and returns the
// problems that opts asks for, in the order of the object's sorted keys.
// It looks up properties, required lists and JSON types in the release's
// OpenAPI definitions; it is not a JSON-schema validator, and formats
// other than base64 data are not checked. ok is false when the release
// does not serve the kind. An error means the embedded data is broken.
func (v *Version) Check(apiVersion, kind string, inst any, opts CheckOptions) (problems []Problem, ok bool, err error) {
	i := v.find(apiVersion, kind)
	if i < 0 || !v.kinds[i].Served {
		return nil, false, nil
	}
	k := v.kinds[i]
	t, err := treeOf(k.schema)
	if err != nil {
		return nil, true, fmt.Errorf("the definitions of %s %s: %w", k.APIVersion(), k.Kind, err)
	}
	c := checker{t: t, opts: opts}
	c.walk(inst, t.root, "")
	return c.problems, true, nil
}

// A node is one definition, or a part of one: the keywords that package
// gen writes.
type node struct {
	Ref        string           `json:"$ref"`
	Type       []string         `json:"type"`
	Properties map[string]*node `json:"properties"`
	Items      *node            `json:"items"`
	Required   []string         `json:"required"`
	Format     string           `json:"format"`
	Minimum    *json.Number     `json:"minimum"`
	Maximum    *json.Number     `json:"maximum"`
	// AdditionalProperties is false (no other property), a schema, or
	// absent (anything).
	AdditionalProperties json.RawMessage `json:"additionalProperties"`

	additional *node // AdditionalProperties as a schema
	closed     bool  // additionalProperties: false
	any        bool  // the schema true: any value
}

// open reports whether an object of n may have properties it does not
// name.
func (n *node) open() bool { return n == nil || n.any || !n.closed }

// UnmarshalJSON reads a node, the schema true or false included.
func (n *node) UnmarshalJSON(data []byte) error {
	switch strings.TrimSpace(string(data)) {
	case "true":
		n.any = true
		return nil
	case "false":
		n.closed = true
		return nil
	}
	type plain node
	if err := json.Unmarshal(data, (*plain)(n)); err != nil {
		return err
	}
	switch strings.TrimSpace(string(n.AdditionalProperties)) {
	case "":
	case "false":
		n.closed = true
	case "true":
	default:
		n.additional = new(node)
		if err := json.Unmarshal(n.AdditionalProperties, n.additional); err != nil {
			return err
		}
	}
	n.AdditionalProperties = nil
	return nil
}

// A tree is one kind's schema: its root definition and its definitions by
// name.
type tree struct {
	root *node
	defs map[string]*node
}

// deref follows $ref.
func (t *tree) deref(n *node) *node {
	for i := 0; n != nil && n.Ref != "" && i < 100; i++ {
		n = t.defs[strings.TrimPrefix(n.Ref, "#/$defs/")]
	}
	return n
}

// parsedDefs holds each definition parsed, filled on first use.
var parsedDefs [len(defs)]struct {
	once sync.Once
	node *node
	err  error
}

// parsed returns definition d, parsed once.
func parsed(d uint16) (*node, error) {
	if int(d) >= len(defs) {
		return nil, fmt.Errorf("no definition %d", d)
	}
	p := &parsedDefs[d]
	p.once.Do(func() {
		data, err := definitions()
		if err != nil {
			p.err = err
			return
		}
		def := defs[d]
		n := new(node)
		if err := json.Unmarshal(data[def.start:def.end], n); err != nil {
			p.err = fmt.Errorf("definition %s: %w", def.name, err)
			return
		}
		p.node = n
	})
	return p.node, p.err
}

// trees holds each schema's tree, filled on first use.
var trees [len(schemas)]struct {
	once sync.Once
	tree *tree
	err  error
}

// treeOf returns the tree of schema id.
func treeOf(id int) (*tree, error) {
	if id <= 0 || id >= len(schemas) {
		return nil, fmt.Errorf("no schema %d", id)
	}
	c := &trees[id]
	c.once.Do(func() {
		t := &tree{defs: make(map[string]*node, len(schemas[id]))}
		for _, d := range schemas[id] {
			n, err := parsed(d)
			if err != nil {
				c.err = err
				return
			}
			t.defs[defs[d].name] = n
		}
		t.root = t.defs[defs[schemas[id][0]].name]
		c.tree = t
	})
	return c.tree, c.err
}

type checker struct {
	t        *tree
	opts     CheckOptions
	problems []Problem
}

// jsonType returns the JSON type of v: "null", "boolean", "string",
// "integer", "number", "array" or "object".
func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := v.Int64(); err == nil {
			return "integer"
		}
		if r, ok := new(big.Rat).SetString(string(v)); ok && r.IsInt() {
			return "integer"
		}
		return "number"
	case float64:
		if v == float64(int64(v)) {
			return "integer"
		}
		return "number"
	case int, int64:
		return "integer"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

func joinPath(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

func (c *checker) walk(v any, n *node, path string) {
	n = c.t.deref(n)
	if n == nil || n.any {
		return
	}
	got := jsonType(v)
	if c.opts.Types && len(n.Type) > 0 && got != "null" {
		allowed := slices.Contains(n.Type, got) || (got == "integer" && slices.Contains(n.Type, "number"))
		if !allowed {
			want := slices.DeleteFunc(slices.Clone(n.Type), func(t string) bool { return t == "null" })
			if got == "integer" {
				got = "number" // JSON has numbers; "integer" is a schema's word
			}
			c.problems = append(c.problems, Problem{Kind: WrongType, Path: path, Want: want, Got: got, Value: v})
			return
		}
	}
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var known []string
		for _, k := range keys {
			if p, ok := n.Properties[k]; ok {
				c.walk(v[k], p, joinPath(path, k))
				continue
			}
			if n.additional != nil {
				c.walk(v[k], n.additional, path+"["+k+"]")
				continue
			}
			if n.closed && c.opts.Unknown {
				if known == nil {
					known = make([]string, 0, len(n.Properties))
					for name := range n.Properties {
						known = append(known, name)
					}
					slices.Sort(known)
				}
				c.problems = append(c.problems, Problem{Kind: UnknownField, Path: path, Field: k, Known: known})
			}
		}
		if c.opts.Required {
			for _, r := range n.Required {
				if _, ok := v[r]; !ok {
					c.problems = append(c.problems, Problem{Kind: MissingField, Path: path, Field: r})
				}
			}
		}
	case []any:
		if n.Items == nil {
			return
		}
		for i, item := range v {
			c.walk(item, n.Items, path+"["+strconv.Itoa(i)+"]")
		}
	case string:
		if c.opts.Types && n.Format == "k8s-byte" {
			if _, err := base64.StdEncoding.DecodeString(v); err != nil {
				c.problems = append(c.problems, Problem{Kind: WrongType, Path: path, Got: got, Value: v, Detail: "base64", Err: err})
			}
		}
	case json.Number:
		if !c.opts.Types || got != "integer" {
			return
		}
		r, ok := new(big.Rat).SetString(string(v))
		if !ok {
			return
		}
		for _, b := range []*json.Number{n.Minimum, n.Maximum} {
			if b == nil {
				continue
			}
			bound, ok := new(big.Rat).SetString(string(*b))
			if !ok {
				continue
			}
			if (b == n.Minimum && r.Cmp(bound) < 0) || (b == n.Maximum && r.Cmp(bound) > 0) {
				c.problems = append(c.problems, Problem{Kind: WrongType, Path: path, Got: got, Value: v, Detail: "range", Max: bound})
				return
			}
		}
	}
}
