// Package schema holds the JSON schemas of the kinds Kubernetes itself
// defines, generated from the OpenAPI document of a pinned release
// (Release) and embedded compressed, one file per kind.
//
// The schemas are strict, as the API server's decoding is: an unknown field
// anywhere, a value of the wrong JSON type, an unparsable quantity or time,
// and a missing required field are all errors (see package gen for the
// exact translation). Nothing happens when the package is loaded: a kind's
// schema is decompressed and compiled the first time Lookup asks for it,
// once, and kept.
//
// The data is made by go generate (gen/main.go), which fetches the
// k8s.io/kubernetes module of the release through the module proxy.
package schema

//go:generate go run gen/main.go

import (
	"compress/gzip"
	"embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"k8s.io/apimachinery/pkg/api/resource"
)

//go:embed data/*.json.gz
var data embed.FS

// A Kind is a group/version/kind that the API server of the release can
// create.
type Kind struct {
	// Group is the API group, "" for the core group.
	Group string
	// Version is the API version within the group ("v1", "v1beta1").
	Version string
	// Kind is the kind ("Service").
	Kind string
	// Served reports whether the release's API server serves the version
	// by default: GA versions are served, alpha and beta ones are not (and
	// have no schema here).
	Served bool

	apiVersion string // APIVersion, precomputed
	file       string
}

// APIVersion returns the kind's apiVersion: "group/version", or the
// version alone for the core group.
func (k Kind) APIVersion() string {
	if k.apiVersion != "" {
		return k.apiVersion
	}
	if k.Group == "" {
		return k.Version
	}
	return k.Group + "/" + k.Version
}

// Kinds returns every creatable kind of the release, served or not, sorted
// by apiVersion and then kind. The slice is new on every call.
func Kinds() []Kind {
	return slices.Clone(kinds[:])
}

// find returns the index of (apiVersion, kind) in kinds, or -1.
func find(apiVersion, kind string) int {
	i, ok := slices.BinarySearchFunc(kinds[:], [2]string{apiVersion, kind}, func(k Kind, key [2]string) int {
		if c := strings.Compare(k.APIVersion(), key[0]); c != 0 {
			return c
		}
		return strings.Compare(k.Kind, key[1])
	})
	if !ok {
		return -1
	}
	return i
}

// Find returns the kind named by apiVersion and kind, if it is a creatable
// kind of the release (served or not).
func Find(apiVersion, kind string) (Kind, bool) {
	i := find(apiVersion, kind)
	if i < 0 {
		return Kind{}, false
	}
	return kinds[i], true
}

// IsBuiltinGroup reports whether group ("" for core) is an API group of the
// release. Custom resources are in other groups.
func IsBuiltinGroup(group string) bool {
	_, ok := slices.BinarySearch(groups[:], group)
	return ok
}

type compiled struct {
	once   sync.Once
	schema *jsonschema.Schema
	err    error
}

// cache holds each kind's compiled schema, filled on first use.
var cache [len(kinds)]compiled

// Lookup returns the compiled schema of a served kind. ok is false when the
// release has no schema for (apiVersion, kind): the kind is not a built-in
// one, or its version is not served. The schema is decompressed and
// compiled on the first call for the kind; later calls, from any goroutine,
// return the same schema. An error means the embedded data is broken.
func Lookup(apiVersion, kind string) (s *jsonschema.Schema, ok bool, err error) {
	i := find(apiVersion, kind)
	if i < 0 || !kinds[i].Served {
		return nil, false, nil
	}
	c := &cache[i]
	c.once.Do(func() { c.schema, c.err = compile(kinds[i]) })
	return c.schema, true, c.err
}

// compile decompresses and compiles one kind's schema.
func compile(k Kind) (*jsonschema.Schema, error) {
	doc, err := load(k.file)
	if err != nil {
		return nil, fmt.Errorf("loading the schema of %s %s: %w", k.APIVersion(), k.Kind, err)
	}
	url := "file:///daemonlint/schema/" + strings.TrimSuffix(k.file, ".gz")
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.UseLoader(jsonschema.SchemeURLLoader{}) // everything is embedded: load nothing
	c.AssertFormat()
	for _, f := range formats() {
		c.RegisterFormat(f)
	}
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("compiling the schema of %s %s: %w", k.APIVersion(), k.Kind, err)
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("compiling the schema of %s %s: %w", k.APIVersion(), k.Kind, err)
	}
	return s, nil
}

// load reads and decompresses one embedded schema file.
func load(file string) (any, error) {
	f, err := data.Open("data/" + file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(zr)
	if err != nil {
		return nil, err
	}
	return doc, zr.Close()
}

// formats are the custom formats of the generated schemas: the checks the
// API server's decoding makes, with its error messages.
func formats() []*jsonschema.Format {
	return []*jsonschema.Format{
		{Name: "k8s-quantity", Validate: validateQuantity},
		{Name: "k8s-time", Validate: stringFormat(func(s string) error {
			_, err := time.Parse(time.RFC3339, s)
			return err
		})},
		{Name: "k8s-micro-time", Validate: stringFormat(func(s string) error {
			_, err := time.Parse("2006-01-02T15:04:05.000000Z07:00", s)
			return err
		})},
		{Name: "k8s-duration", Validate: stringFormat(func(s string) error {
			_, err := time.ParseDuration(s)
			return err
		})},
		{Name: "k8s-byte", Validate: stringFormat(func(s string) error {
			_, err := base64.StdEncoding.DecodeString(s)
			return err
		})},
	}
}

// stringFormat applies check to string values and lets others pass (their
// type is checked apart).
func stringFormat(check func(string) error) func(any) error {
	return func(v any) error {
		s, ok := v.(string)
		if !ok {
			return nil
		}
		return check(s)
	}
}

// validateQuantity checks a resource.Quantity as its UnmarshalJSON does: a
// string (trimmed) or a JSON number, parsed by resource.ParseQuantity.
func validateQuantity(v any) error {
	var s string
	switch v := v.(type) {
	case string:
		s = strings.TrimSpace(v)
	case json.Number:
		s = string(v)
	default:
		return nil
	}
	_, err := resource.ParseQuantity(s)
	return err
}
