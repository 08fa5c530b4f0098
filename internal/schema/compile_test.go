package schema

// The tests check the embedded definitions by compiling them as JSON
// schemas with a JSON-schema validator, which the product does not link:
// Lookup and its helpers live here, in a test file.

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"k8s.io/apimachinery/pkg/api/resource"
)

// Lookup returns the compiled schema of a kind the release serves. ok is
// false when the release has no schema for (apiVersion, kind): the kind is
// not a built-in one, or the release does not serve it. The schema is
// assembled and compiled on the first call for it; later calls, from any
// goroutine and for any release with the same schema, return the same
// schema. An error means the embedded data is broken.
func (v *Version) Lookup(apiVersion, kind string) (s *jsonschema.Schema, ok bool, err error) {
	i := v.find(apiVersion, kind)
	if i < 0 || !v.kinds[i].Served {
		return nil, false, nil
	}
	k := v.kinds[i]
	c := &cache[k.schema]
	c.once.Do(func() { c.schema, c.err = compile(k.schema) })
	if c.err != nil {
		return nil, true, fmt.Errorf("the schema of %s %s: %w", k.APIVersion(), k.Kind, c.err)
	}
	return c.schema, true, nil
}

// Lookup returns the compiled schema of a kind that Default serves; see
// Version.Lookup.
func Lookup(apiVersion, kind string) (s *jsonschema.Schema, ok bool, err error) {
	return defaultVersion().Lookup(apiVersion, kind)
}

type compiled struct {
	once   sync.Once
	schema *jsonschema.Schema
	err    error
}

// cache holds each schema compiled, filled on first use.
var cache [len(schemas)]compiled

// compile assembles and compiles one schema.
func compile(id int) (*jsonschema.Schema, error) {
	doc, err := assemble(id)
	if err != nil {
		return nil, err
	}
	url := "file:///daemonlint/schema/" + strconv.Itoa(id) + ".json"
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.UseLoader(jsonschema.SchemeURLLoader{}) // everything is embedded: load nothing
	c.AssertFormat()
	for _, f := range formats() {
		c.RegisterFormat(f)
	}
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return c.Compile(url)
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
