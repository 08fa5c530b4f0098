// Package gen makes the data that package schema embeds, from the sources
// of each Kubernetes release:
//
//   - Generate turns the OpenAPI v3 documents of a release
//     (api/openapi-spec/v3 in the k8s.io/kubernetes module) into one
//     standalone, strict JSON schema per creatable group/version/kind, and
//     says which kinds the release serves by default: GA versions, and the
//     beta resources that LegacyBetaResources reads from the release's
//     pkg/controlplane/instance.go;
//   - PackReleases stores the schemas of several releases with each
//     definition once (releases and kinds share most of them), and
//     GoSource writes the tables of package schema (kinds_gen.go);
//   - ReadLifecycles reads the zz_generated.prerelease-lifecycle.go files
//     of a k8s.io/api module (introduced, deprecated, removed, replacement
//     of each type, as the k8s:prerelease-lifecycle-gen tags say), with
//     go/parser, and MergeLifecycles merges those of several releases.
//
// It is used by the generator program (main.go, run by go generate in
// package schema) and by its tests; the product never imports it. To add a
// release, add it to the lists in main.go and run go generate
// ./internal/schema.
//
// The schemas read a manifest the way the API server decodes it
// (sigs.k8s.io/json, case-sensitive, unknown fields refused):
//   - every object with properties refuses other properties
//     (additionalProperties: false), as kubeconform's -strict schemas do;
//     objects that hold arbitrary JSON (RawExtension, FieldsV1, the JSON of
//     a CustomResourceDefinition's schema) accept anything;
//   - every value may be null, which Go's JSON decoding accepts anywhere;
//   - IntOrString is an integer or a string, Quantity a string or a number
//     that parses as a quantity, int32 and int64 fields are bounded;
//   - formats the server checks while decoding (quantities, RFC 3339 times,
//     base64 bytes, which Go also reads from a list of numbers) become the
//     custom formats k8s-quantity, k8s-time, k8s-micro-time, k8s-duration
//     and k8s-byte; other formats, enums and
//     descriptions are dropped, since the server only checks them, if at
//     all, in validation;
//   - required lists are kept.
package gen

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// A Kind is one group/version/kind that the API server can create.
type Kind struct {
	Group, Version, Kind string
	// Resource is the kind's resource, the last element of its path
	// ("daemonsets").
	Resource string
	// Served reports whether a default API server of the release serves
	// the kind: GA versions are served, alpha and beta ones are off by
	// default unless the release names the resource among those it still
	// enables (see Generate).
	Served bool
	// File is the name of the kind's schema (a key of Output.Raw), or ""
	// for a kind that is not served (no schema is generated for it). The
	// name is made from the schema's content (see FileName), so that
	// releases with the same schema for a kind share it.
	File string
	// Def is the name of the kind's definition in the OpenAPI document.
	Def string
}

// APIVersion returns "group/version", or "version" for the core group.
func (k Kind) APIVersion() string {
	if k.Group == "" {
		return k.Version
	}
	return k.Group + "/" + k.Version
}

// Output is what Generate produces.
type Output struct {
	// Kinds are sorted by apiVersion, then kind.
	Kinds []Kind
	// Groups are the API groups of the release ("" for core), sorted.
	Groups []string
	// Raw maps a schema's file name (see FileName) to its JSON schema.
	Raw map[string][]byte
}

var (
	coreFile  = regexp.MustCompile(`^api__(v[0-9a-z]+)_openapi\.json$`)
	groupFile = regexp.MustCompile(`^apis__([a-z0-9.-]+)__(v[0-9a-z]+)_openapi\.json$`)
	gaVersion = regexp.MustCompile(`^v[0-9]+$`)
)

type document struct {
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]map[string]any `json:"schemas"`
	} `json:"components"`
}

type operation struct {
	Action string `json:"x-kubernetes-action"`
	GVK    *struct {
		Group, Version, Kind string
	} `json:"x-kubernetes-group-version-kind"`
}

// A GroupVersionResource names a resource of an API version.
type GroupVersionResource struct {
	Group, Version, Resource string
}

// Generate reads the OpenAPI v3 documents at the root of fsys (files named
// api__v1_openapi.json and apis__<group>__<version>_openapi.json) and
// returns a schema for every served kind that can be created at a path of
// its own (subresource-only kinds such as TokenRequest are left out).
//
// The documents of a release describe every API it has, enabled by default
// or not. A kind is served when its version is GA or when its resource is
// one of enabled: the beta resources the release still serves by default
// (see LegacyBetaResources). Every resource of enabled must be found.
func Generate(fsys fs.FS, enabled ...GroupVersionResource) (*Output, error) {
	on := map[GroupVersionResource]bool{}
	for _, r := range enabled {
		on[r] = false
	}
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	out := &Output{Raw: map[string][]byte{}}
	groups := map[string]bool{}
	for _, name := range names {
		var group, version string
		if m := coreFile.FindStringSubmatch(name); m != nil {
			version = m[1]
		} else if m := groupFile.FindStringSubmatch(name); m != nil {
			group, version = m[1], m[2]
		} else {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var doc document
		if err := json.Unmarshal(data, &doc); err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
		groups[group] = true
		kinds, err := creatableKinds(&doc, group, version)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
		for _, k := range kinds {
			gvr := GroupVersionResource{k.Group, k.Version, k.Resource}
			_, enabled := on[gvr]
			if enabled {
				on[gvr] = true
			}
			k.Served = gaVersion.MatchString(version) || enabled
			if k.Served {
				raw, err := kindSchema(&doc, k.Def)
				if err != nil {
					return nil, fmt.Errorf("%s: %s %s: %w", name, k.APIVersion(), k.Kind, err)
				}
				k.File = FileName(raw)
				out.Raw[k.File] = raw
			}
			out.Kinds = append(out.Kinds, k)
		}
	}
	slices.SortFunc(out.Kinds, func(a, b Kind) int {
		if c := strings.Compare(a.APIVersion(), b.APIVersion()); c != 0 {
			return c
		}
		return strings.Compare(a.Kind, b.Kind)
	})
	for g := range groups {
		out.Groups = append(out.Groups, g)
	}
	slices.Sort(out.Groups)
	if len(out.Kinds) == 0 {
		return nil, fmt.Errorf("no OpenAPI v3 documents with creatable kinds found")
	}
	for _, r := range enabled {
		if !on[r] {
			return nil, fmt.Errorf("enabled resource %s/%s %s: no creatable kind has it", r.Group, r.Version, r.Resource)
		}
	}
	return out, nil
}

// FileName is the name of a schema: the first 16 bytes of the SHA-256 of
// its JSON, in hex, and .json.gz. Identical schemas of different releases
// have the same name and are stored once.
func FileName(raw []byte) string {
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:16]) + ".json.gz"
}

// creatableKinds returns the kinds of group/version that have a create
// (POST) operation at a path that is not a subresource, with the name of
// their definition.
func creatableKinds(doc *document, group, version string) ([]Kind, error) {
	seen := map[string]bool{}
	var kinds []Kind
	paths := make([]string, 0, len(doc.Paths))
	for p := range doc.Paths {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		raw, ok := doc.Paths[p]["post"]
		if !ok || strings.Contains(p, "{name}/") {
			continue
		}
		var op operation
		if err := json.Unmarshal(raw, &op); err != nil {
			return nil, fmt.Errorf("path %s: %w", p, err)
		}
		if op.Action != "post" || op.GVK == nil || op.GVK.Group != group || op.GVK.Version != version || seen[op.GVK.Kind] {
			continue
		}
		seen[op.GVK.Kind] = true
		def, err := kindDef(doc, group, version, op.GVK.Kind)
		if err != nil {
			return nil, err
		}
		resource := p[strings.LastIndex(p, "/")+1:]
		kinds = append(kinds, Kind{Group: group, Version: version, Kind: op.GVK.Kind, Resource: resource, Def: def})
	}
	return kinds, nil
}

// kindDef finds the definition of a kind: the one whose only
// x-kubernetes-group-version-kind is that kind.
func kindDef(doc *document, group, version, kind string) (string, error) {
	var found []string
	for name, s := range doc.Components.Schemas {
		gvks, _ := s["x-kubernetes-group-version-kind"].([]any)
		if len(gvks) != 1 {
			continue
		}
		g, _ := gvks[0].(map[string]any)
		if g["group"] == group && g["version"] == version && g["kind"] == kind {
			found = append(found, name)
		}
	}
	if len(found) != 1 {
		return "", fmt.Errorf("kind %s: %d definitions found, want 1 (%v)", kind, len(found), found)
	}
	return found[0], nil
}

const refPrefix = "#/components/schemas/"

// kindSchema returns the standalone JSON schema of definition def: a
// $ref to it and the $defs it reaches.
func kindSchema(doc *document, def string) ([]byte, error) {
	defs := map[string]any{}
	queue := []string{def}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if _, ok := defs[name]; ok {
			continue
		}
		s, ok := doc.Components.Schemas[name]
		if !ok {
			return nil, fmt.Errorf("definition %s not found", name)
		}
		c := converter{}
		defs[name] = c.definition(name, s)
		if c.err != nil {
			return nil, fmt.Errorf("definition %s: %w", name, c.err)
		}
		queue = append(queue, c.refs...)
	}
	root := map[string]any{
		"$schema": "https://json-schema.org/draft/2020-12/schema",
		"$ref":    "#/$defs/" + def,
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

// anyValue lists the definitions that hold arbitrary JSON.
var anyValue = map[string]bool{
	"io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": true,
	"io.k8s.apimachinery.pkg.runtime.RawExtension":  true,
	"io.k8s.apimachinery.pkg.apis.meta.v1.Patch":    true,
	"io.k8s.apimachinery.pkg.runtime.Unknown":       true,
}

// special are definitions whose Go type decodes JSON by a method of its
// own, with the schema that says what that method accepts.
var special = map[string]map[string]any{
	"io.k8s.apimachinery.pkg.api.resource.Quantity": {
		"type": []any{"string", "number", "null"}, "format": "k8s-quantity",
	},
	"io.k8s.apimachinery.pkg.util.intstr.IntOrString": {
		"type": []any{"integer", "string", "null"}, "minimum": math.MinInt32, "maximum": math.MaxInt32,
	},
	"io.k8s.apimachinery.pkg.apis.meta.v1.Time": {
		"type": []any{"string", "null"}, "format": "k8s-time",
	},
	"io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": {
		"type": []any{"string", "null"}, "format": "k8s-micro-time",
	},
	"io.k8s.apimachinery.pkg.apis.meta.v1.Duration": {
		"type": []any{"string", "null"}, "format": "k8s-duration",
	},
}

type converter struct {
	refs []string
	err  error
}

// definition converts one top-level definition.
func (c *converter) definition(name string, s map[string]any) any {
	if sp, ok := special[name]; ok {
		return sp
	}
	if anyValue[name] {
		return true
	}
	if _, typed := s["type"]; !typed && s["$ref"] == nil && s["allOf"] == nil && s["oneOf"] == nil {
		return true // JSON, JSONSchemaPropsOrBool and the like: any value
	}
	return c.schema(s)
}

// schema converts an OpenAPI v3 schema to a strict JSON schema.
func (c *converter) schema(s map[string]any) any {
	if ref := refOf(s); ref != "" {
		name, ok := strings.CutPrefix(ref, refPrefix)
		if !ok {
			c.err = fmt.Errorf("unexpected $ref %q", ref)
			return true
		}
		c.refs = append(c.refs, name)
		return map[string]any{"$ref": "#/$defs/" + name}
	}
	if s["x-kubernetes-preserve-unknown-fields"] == true {
		return true
	}
	out := map[string]any{}
	typ, _ := s["type"].(string)
	if typ != "" {
		out["type"] = []any{typ, "null"}
	} else if s["oneOf"] != nil || s["anyOf"] != nil || s["allOf"] != nil {
		c.err = fmt.Errorf("unsupported composition %v", keys(s))
		return true
	} else if len(s) > 0 && !onlyAnnotations(s) {
		c.err = fmt.Errorf("schema without a type: %v", keys(s))
		return true
	} else {
		return true
	}
	switch f, _ := s["format"].(string); f {
	case "int32":
		out["minimum"], out["maximum"] = math.MinInt32, math.MaxInt32
	case "int64":
		out["minimum"], out["maximum"] = json.Number(strconv.FormatInt(math.MinInt64, 10)), json.Number(strconv.FormatInt(math.MaxInt64, 10))
	case "byte":
		// []byte: base64 in a string, or (as Go decodes it too) a list
		// of bytes.
		out["format"] = "k8s-byte"
		out["type"] = []any{"string", "array", "null"}
		out["items"] = map[string]any{"type": []any{"integer", "null"}, "minimum": 0, "maximum": 255}
	case "date-time":
		out["format"] = "k8s-time"
	case "int-or-string":
		out["type"] = []any{"integer", "string", "null"}
	}
	switch typ {
	case "object":
		props, _ := s["properties"].(map[string]any)
		if len(props) > 0 {
			cp := make(map[string]any, len(props))
			for name, p := range props {
				ps, _ := p.(map[string]any)
				cp[name] = c.schema(ps)
			}
			out["properties"] = cp
		}
		switch ap := s["additionalProperties"].(type) {
		case bool:
			out["additionalProperties"] = ap
		case map[string]any:
			out["additionalProperties"] = c.schema(ap)
		default:
			// A struct: its fields and nothing else (an empty struct
			// takes no fields at all).
			out["additionalProperties"] = false
		}
		if req, _ := s["required"].([]any); len(req) > 0 {
			out["required"] = req
		}
	case "array":
		if items, ok := s["items"].(map[string]any); ok {
			out["items"] = c.schema(items)
		}
	}
	return out
}

// refOf returns the $ref of s, looking through the allOf: [{$ref}] wrapper
// that OpenAPI v3 uses to put a default or description beside a $ref.
func refOf(s map[string]any) string {
	if ref, ok := s["$ref"].(string); ok {
		return ref
	}
	if all, ok := s["allOf"].([]any); ok && len(all) == 1 {
		if m, ok := all[0].(map[string]any); ok {
			if ref, ok := m["$ref"].(string); ok && len(m) == 1 {
				return ref
			}
		}
	}
	return ""
}

// onlyAnnotations reports whether s holds nothing that constrains a value.
func onlyAnnotations(s map[string]any) bool {
	for k := range s {
		switch {
		case k == "description", k == "default", k == "example", strings.HasPrefix(k, "x-"):
		default:
			return false
		}
	}
	return true
}

func keys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// Compress gzips data deterministically: no name, no time stamp.
func Compress(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
