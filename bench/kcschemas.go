//go:build ignore

// Kcschemas writes daemonlint's embedded schemas (internal/schema/data) as
// kubeconform reads them from a local schema location:
//
//	go run bench/kcschemas.go internal/schema/data DIR/v1.37.2-standalone-strict
//
// Each kind becomes KIND[-GROUP]-VERSION.json, standalone as the schemas of
// kubeconform's default location are (generated with openapi2jsonschema
// --stand-alone: every $ref replaced by the definition it names, a type that
// contains itself left open where it recurs), and strict as ours already are
// (additionalProperties: false).
package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go run bench/kcschemas.go SCHEMADATA OUTDIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "kcschemas:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	files, err := filepath.Glob(filepath.Join(in, "*.json.gz"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no schemas in %s", in)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, file := range files {
		schema, err := read(file)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		defs, _ := schema["$defs"].(map[string]any)
		standalone := inline(schema, defs, nil).(map[string]any)
		data, err := json.Marshal(standalone)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, kubeconformName(file)), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func read(file string) (map[string]any, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	var schema map[string]any
	if err := json.NewDecoder(zr).Decode(&schema); err != nil {
		return nil, err
	}
	return schema, nil
}

// inline returns v with every {"$ref": "#/$defs/NAME"} replaced by the
// definition (its other keywords kept beside it) and $defs dropped. stack
// holds the definitions being expanded: one that recurs becomes {}.
func inline(v any, defs map[string]any, stack []string) any {
	switch v := v.(type) {
	case map[string]any:
		if ref, ok := v["$ref"].(string); ok {
			name := strings.TrimPrefix(ref, "#/$defs/")
			for _, s := range stack {
				if s == name {
					return map[string]any{}
				}
			}
			out := map[string]any{}
			if def, ok := defs[name].(map[string]any); ok {
				for k, dv := range inline(def, defs, append(stack, name)).(map[string]any) {
					out[k] = dv
				}
			}
			for k, x := range v {
				if k != "$ref" {
					out[k] = inline(x, defs, stack)
				}
			}
			return out
		}
		out := make(map[string]any, len(v))
		for k, x := range v {
			if k != "$defs" {
				out[k] = inline(x, defs, stack)
			}
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

// kubeconformName turns GROUP.VERSION.KIND.json.gz ("core" for the core
// group) into kubeconform's KIND-GROUPPREFIX-VERSION.json (KIND-VERSION.json
// for the core group).
func kubeconformName(file string) string {
	base := strings.TrimSuffix(filepath.Base(file), ".json.gz")
	i := strings.LastIndexByte(base, '.')
	kind, rest := base[i+1:], base[:i]
	j := strings.LastIndexByte(rest, '.')
	version, group := rest[j+1:], rest[:j]
	name := strings.ToLower(kind)
	if group != "core" {
		name += "-" + strings.SplitN(group, ".", 2)[0]
	}
	return name + "-" + version + ".json"
}
