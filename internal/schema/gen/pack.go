package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// A Pack holds the schemas of several releases with each definition stored
// once. The standalone schemas that Generate makes repeat definitions
// (every kind with a pod template has the whole PodSpec), and releases
// repeat most of them; a schema is stored as the list of its definitions.
type Pack struct {
	// Blob is the JSON of the distinct definitions, one after another.
	Blob []byte
	// Defs are the definitions in Blob, in order.
	Defs []PackedDef
	// Schemas are the schema files of the releases, sorted by name, with
	// "" first (standing for no schema).
	Schemas []string
	// Closures holds, for each schema of Schemas, the indices in Defs of
	// its definitions: the root one first, then the others sorted by name.
	Closures [][]int
}

// A PackedDef is one definition of a Pack: its name and its JSON,
// Blob[Start:End].
type PackedDef struct {
	Name       string
	Start, End int
}

// PackReleases packs the schemas of releases.
func PackReleases(releases []Release) (*Pack, error) {
	raw := map[string][]byte{}
	for _, r := range releases {
		for name, data := range r.Raw {
			raw[name] = data
		}
	}
	p := &Pack{Schemas: []string{""}, Closures: [][]int{nil}}
	for name := range raw {
		p.Schemas = append(p.Schemas, name)
	}
	slices.Sort(p.Schemas[1:])
	index := map[string]int{} // name + "\x00" + JSON → index in Defs
	var blob bytes.Buffer
	for _, name := range p.Schemas[1:] {
		var doc struct {
			Ref  string                     `json:"$ref"`
			Defs map[string]json.RawMessage `json:"$defs"`
		}
		if err := json.Unmarshal(raw[name], &doc); err != nil {
			return nil, fmt.Errorf("schema %s: %w", name, err)
		}
		root, ok := strings.CutPrefix(doc.Ref, "#/$defs/")
		if !ok || doc.Defs[root] == nil {
			return nil, fmt.Errorf("schema %s: no root definition", name)
		}
		names := make([]string, 0, len(doc.Defs))
		for n := range doc.Defs {
			if n != root {
				names = append(names, n)
			}
		}
		slices.Sort(names)
		names = append([]string{root}, names...)
		closure := make([]int, 0, len(names))
		for _, n := range names {
			def, err := compact(doc.Defs[n])
			if err != nil {
				return nil, fmt.Errorf("schema %s: definition %s: %w", name, n, err)
			}
			key := n + "\x00" + string(def)
			i, ok := index[key]
			if !ok {
				i = len(p.Defs)
				index[key] = i
				p.Defs = append(p.Defs, PackedDef{Name: n, Start: blob.Len(), End: blob.Len() + len(def)})
				blob.Write(def)
			}
			closure = append(closure, i)
		}
		p.Closures = append(p.Closures, closure)
	}
	p.Blob = blob.Bytes()
	return p, nil
}

// compact returns data without insignificant space.
func compact(data []byte) ([]byte, error) {
	var b bytes.Buffer
	if err := json.Compact(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Unpack rebuilds the standalone schema of p.Schemas[i]: the JSON that
// Generate made, up to the order of keys and space.
func (p *Pack) Unpack(i int) ([]byte, error) {
	if i <= 0 || i >= len(p.Closures) {
		return nil, fmt.Errorf("no schema %d", i)
	}
	defs := map[string]json.RawMessage{}
	for _, d := range p.Closures[i] {
		def := p.Defs[d]
		defs[def.Name] = p.Blob[def.Start:def.End]
	}
	root := map[string]any{
		"$schema": "https://json-schema.org/draft/2020-12/schema",
		"$ref":    "#/$defs/" + p.Defs[p.Closures[i][0]].Name,
		"$defs":   defs,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
