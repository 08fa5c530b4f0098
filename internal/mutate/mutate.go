// Package mutate seeds mutations into a Kubernetes manifest, one or two at
// a time, to compare daemonlint's validation with the API server's on
// many near-valid objects. Each mutation replaces one value with another
// of the same JSON type (so that the object still decodes) or removes a
// key; pairs combine a mutation with another further down the document.
// The mutations depend only on the document, so a test and the script
// that records the server's verdicts on them see the same list.
package mutate

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"sigs.k8s.io/yaml"
)

// A Mutation is a mutated copy of a document.
type Mutation struct {
	// Name says what was changed: a field path and its new value, or two
	// of them joined by " & ".
	Name string
	// Doc is the mutated document, as JSON.
	Doc []byte
}

// removed stands for a key taken out of its object.
type removed struct{}

// The values that replace a string, a number or a boolean: each a value
// the API server has rules about somewhere (names, quantities, enums,
// counts, restart policies, paths, schedules).
var (
	stringValues = []any{"Bad_Value", "", "a b", "-1", "999999", "Always", "Never", "../x", "TZ=UTC 0 * * * *"}
	numberValues = []any{-1, 0, 1, 100001}
)

// Mutations returns the mutations of a one-document YAML or JSON manifest:
// every value replaced by each of the values of its type, every key
// removed (except apiVersion and kind), and pairs of single mutations a
// third of the document apart.
func Mutations(src []byte) ([]Mutation, error) {
	data, err := yaml.YAMLToJSON(src)
	if err != nil {
		return nil, fmt.Errorf("reading the manifest: %w", err)
	}
	var base any
	if err := json.Unmarshal(data, &base); err != nil {
		return nil, fmt.Errorf("reading the manifest: %w", err)
	}
	type single struct {
		path []any
		r    any
	}
	var singles []single
	for _, p := range ValuePaths(base, nil) {
		if len(p) == 1 && (p[0] == "apiVersion" || p[0] == "kind") {
			continue
		}
		switch get(base, p).(type) {
		case string:
			for _, r := range stringValues {
				singles = append(singles, single{p, r})
			}
		case float64:
			for _, r := range numberValues {
				singles = append(singles, single{p, r})
			}
		case bool:
			singles = append(singles, single{p, !get(base, p).(bool)})
		}
		if _, isKey := p[len(p)-1].(string); isKey {
			singles = append(singles, single{p, removed{}})
		}
	}
	var out []Mutation
	add := func(name string, v any) error {
		doc, err := json.Marshal(v)
		if err != nil {
			return err
		}
		out = append(out, Mutation{Name: name, Doc: doc})
		return nil
	}
	for i, s := range singles {
		m := Set(base, s.path, s.r)
		name := describe(s.path, s.r)
		if err := add(name, m); err != nil {
			return nil, err
		}
		if j := i + len(singles)/3; i%3 == 0 && j < len(singles) {
			o := singles[j]
			if err := add(name+" & "+describe(o.path, o.r), Set(m, o.path, o.r)); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// describe names a single mutation.
func describe(path []any, r any) string {
	var b strings.Builder
	for i, k := range path {
		switch k := k.(type) {
		case string:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(k)
		case int:
			b.WriteString("[" + strconv.Itoa(k) + "]")
		}
	}
	if _, ok := r.(removed); ok {
		return b.String() + " removed"
	}
	v, _ := json.Marshal(r)
	return b.String() + "=" + string(v)
}

// ValuePaths returns the paths of every value under v (a JSON value as
// encoding/json decodes it into any), in document order with object keys
// sorted; prefix is prepended to each.
func ValuePaths(v any, prefix []any) [][]any {
	var out [][]any
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p := append(slices.Clip(prefix), k)
			out = append(out, p)
			out = append(out, ValuePaths(v[k], p)...)
		}
	case []any:
		for i, item := range v {
			p := append(slices.Clip(prefix), i)
			out = append(out, p)
			out = append(out, ValuePaths(item, p)...)
		}
	}
	return out
}

// get returns the value at path in v, or nil.
func get(v any, path []any) any {
	for _, k := range path {
		switch k := k.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// Set returns a copy of v with the value at path replaced by r (or, for
// this package's own mutations, its key removed); v is not changed. A path
// that leads nowhere in v leaves the copy as v is.
func Set(v any, path []any, r any) any {
	if len(path) == 0 {
		return r
	}
	switch k := path[0].(type) {
	case string:
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		if _, present := m[k]; !present {
			return v
		}
		c := make(map[string]any, len(m))
		for key, val := range m {
			c[key] = val
		}
		if _, rm := r.(removed); rm && len(path) == 1 {
			delete(c, k)
		} else {
			c[k] = Set(m[k], path[1:], r)
		}
		return c
	case int:
		l, ok := v.([]any)
		if !ok || k >= len(l) {
			return v
		}
		c := slices.Clone(l)
		c[k] = Set(l[k], path[1:], r)
		return c
	}
	return v
}
