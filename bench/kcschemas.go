//go:build ignore

// Kcschemas writes the JSON schemas kubeconform's users get from its
// default schema location, made from a Kubernetes release's OpenAPI
// document as that location makes them (openapi2jsonschema --expanded
// --kubernetes --stand-alone --strict):
//
//	go run bench/kcschemas.go [-no-descriptions] SWAGGER.json DIR/vX.Y.Z-standalone-strict
//
// SWAGGER.json is api/openapi-spec/swagger.json of the k8s.io/kubernetes
// module of the release. Every definition becomes one file, named as
// kubeconform asks for it: KIND-VERSION.json for the core group and
// KIND-GROUP-VERSION.json otherwise (GROUP is the group's first label),
// lower case. What openapi2jsonschema does, and this program with it:
//
//   - --kubernetes: IntOrString becomes oneOf string or integer, Quantity
//     oneOf string or number; apiVersion and kind get an enum from
//     x-kubernetes-group-version-kind; a format int-or-string among a
//     kind's properties becomes the same oneOf; every type under a kind's
//     properties that its parent does not require also allows null.
//   - --expanded: one file per group and version (the names above), and the
//     apiVersion enum.
//   - --strict: additionalProperties: false on every object with
//     properties, and on each kind's top level.
//   - --stand-alone: every $ref replaced by the definition it names, the
//     keywords beside the $ref dropped (jsonref does so); the definitions
//     that describe JSON schemas themselves (CustomResourceDefinition's)
//     are left out, as openapi2jsonschema leaves them out.
//
// Descriptions are kept, as users download them; -no-descriptions drops
// them, to measure what they cost kubeconform.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	noDesc := flag.Bool("no-descriptions", false, "drop every description")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run bench/kcschemas.go [-no-descriptions] SWAGGER.json OUTDIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	n, err := run(flag.Arg(0), flag.Arg(1), *noDesc)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kcschemas:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "kcschemas: %d schemas in %s\n", n, flag.Arg(1))
}

// skipped are the kinds openapi2jsonschema --kubernetes --stand-alone does
// not write: they describe JSON schemas and recur into themselves.
var skipped = []string{
	"jsonschemaprops", "jsonschemapropsorarray", "customresourcevalidation",
	"customresourcedefinition", "customresourcedefinitionspec", "customresourcedefinitionlist",
	"jsonschemapropsorstringarray", "jsonschemapropsorbool",
}

func run(swagger, out string, noDesc bool) (int, error) {
	data, err := os.ReadFile(swagger)
	if err != nil {
		return 0, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return 0, fmt.Errorf("%s: %w", swagger, err)
	}
	defs, ok := doc["definitions"].(map[string]any)
	if !ok {
		return 0, fmt.Errorf("%s: no definitions", swagger)
	}

	// The shared definitions (_definitions.json), which the $refs name.
	defs["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] = oneOf("string", "integer")
	defs["io.k8s.apimachinery.pkg.api.resource.Quantity"] = oneOf("string", "number")
	for _, def := range defs {
		def, _ := def.(map[string]any)
		gvks, _ := def["x-kubernetes-group-version-kind"].([]any)
		props, _ := def["properties"].(map[string]any)
		for _, gvk := range gvks {
			gvk, _ := gvk.(map[string]any)
			group, _ := gvk["group"].(string)
			version, _ := gvk["version"].(string)
			kind, _ := gvk["kind"].(string)
			if p, ok := props["apiVersion"].(map[string]any); ok {
				apiVersion := version
				if group != "" {
					apiVersion = group + "/" + version
				}
				appendEnum(p, apiVersion)
			}
			if p, ok := props["kind"].(map[string]any); ok {
				appendEnum(p, kind)
			}
		}
	}
	additionalProperties(defs)
	shared := deepCopy(defs).(map[string]any)

	if err := os.MkdirAll(out, 0o755); err != nil {
		return 0, err
	}
	titles := make([]string, 0, len(defs))
	for t := range defs {
		titles = append(titles, t)
	}
	slices.Sort(titles)
	n := 0
	for _, title := range titles {
		parts := strings.Split(title, ".")
		if len(parts) < 4 {
			continue
		}
		kind := strings.ToLower(parts[len(parts)-1])
		group := strings.ToLower(parts[len(parts)-3])
		version := strings.ToLower(parts[len(parts)-2])
		if parts[2] == "kubernetes" && parts[3] == "pkg" || slices.Contains(skipped, kind) {
			continue
		}
		spec, ok := defs[title].(map[string]any)
		if !ok {
			continue
		}
		spec["$schema"] = "http://json-schema.org/schema#"
		if _, ok := spec["type"]; !ok {
			spec["type"] = "object"
		}
		spec["additionalProperties"] = false
		if props, ok := spec["properties"].(map[string]any); ok {
			props = replaceIntOrString(props).(map[string]any)
			spec["properties"] = allowNull(props, nil, nil, "")
		}
		standalone := inline(spec, shared, nil)
		if noDesc {
			standalone = stripDescriptions(standalone, false)
		}
		name := kind + "-" + group + "-" + version + ".json"
		if group == "core" || group == "api" {
			name = kind + "-" + version + ".json"
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(standalone); err != nil {
			return n, fmt.Errorf("%s: %w", title, err)
		}
		if err := os.WriteFile(filepath.Join(out, name), b.Bytes(), 0o644); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func oneOf(a, b string) map[string]any {
	return map[string]any{"oneOf": []any{map[string]any{"type": a}, map[string]any{"type": b}}}
}

func appendEnum(p map[string]any, v string) {
	enum, _ := p["enum"].([]any)
	if slices.Contains(enum, any(v)) {
		return
	}
	p["enum"] = append(enum, v)
}

// additionalProperties sets additionalProperties: false on every mapping
// below v that has properties and no additionalProperties, as
// openapi2jsonschema's util.additional_properties does (it descends into
// mappings only, not lists).
func additionalProperties(v map[string]any) {
	for _, x := range v {
		m, ok := x.(map[string]any)
		if !ok {
			continue
		}
		if _, ok := m["properties"]; ok {
			if _, ok := m["additionalProperties"]; !ok {
				m["additionalProperties"] = false
			}
		}
		additionalProperties(m)
	}
}

// replaceIntOrString replaces every mapping whose format is int-or-string
// by oneOf string or integer.
func replaceIntOrString(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			if m, ok := x.(map[string]any); ok && m["format"] == "int-or-string" {
				out[k] = oneOf("string", "integer")
				continue
			}
			out[k] = replaceIntOrString(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = replaceIntOrString(x)
		}
		return out
	}
	return v
}

// allowNull is openapi2jsonschema's util.allow_null_optional_fields: a
// "type" string becomes [type, "null"] unless the mapping two levels up
// lists key, the name under which the type's schema sits, as required.
func allowNull(data, parent, grandParent any, key string) any {
	switch d := data.(type) {
	case map[string]any:
		out := make(map[string]any, len(d))
		for k, v := range d {
			switch v := v.(type) {
			case map[string]any:
				out[k] = allowNull(v, d, parent, k)
			case []any:
				l := make([]any, len(v))
				for i, x := range v {
					l[i] = allowNull(x, v, parent, k)
				}
				out[k] = l
			case string:
				out[k] = v
				if k == "type" && v != "null" && !required(grandParent, key) {
					out[k] = []any{v, "null"}
				}
			default:
				out[k] = v
			}
		}
		return out
	}
	return data
}

func required(m any, key string) bool {
	mm, ok := m.(map[string]any)
	if !ok {
		return false
	}
	req, _ := mm["required"].([]any)
	return slices.Contains(req, any(key))
}

// inline returns v with every mapping that holds a $ref replaced by the
// definition it names, itself inlined; the keywords beside the $ref are
// dropped. stack holds the definitions being expanded: one that recurs
// becomes {} (no kind that openapi2jsonschema writes has one).
func inline(v any, defs map[string]any, stack []string) any {
	switch v := v.(type) {
	case map[string]any:
		if ref, ok := v["$ref"].(string); ok {
			name := strings.TrimPrefix(ref, "#/definitions/")
			if slices.Contains(stack, name) {
				return map[string]any{}
			}
			return inline(defs[name], defs, append(stack, name))
		}
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = inline(x, defs, stack)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = inline(x, defs, stack)
		}
		return out
	}
	return v
}

// stripDescriptions drops the description keyword everywhere below v; in a
// properties mapping, a property named description is kept.
func stripDescriptions(v any, properties bool) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			if k == "description" && !properties {
				continue
			}
			out[k] = stripDescriptions(x, k == "properties" && !properties)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = stripDescriptions(x, false)
		}
		return out
	}
	return v
}

func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = deepCopy(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = deepCopy(x)
		}
		return out
	}
	return v
}
