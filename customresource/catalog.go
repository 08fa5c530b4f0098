package customresource

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// catalogKey finds a catalog schema: the group, the kind in lower case (as
// the catalogs name their files) and the version.
type catalogKey struct{ group, kind, version string }

// catalogEntry is one schema file of a catalog, compiled on first use.
type catalogEntry struct {
	path string
	once sync.Once
	sch  *jsonschema.Schema
	err  error
}

// AddCatalogDir adds the JSON-schema files of a CRD catalog directory laid
// out as {group}/{kind}_{version}.json (the layout of datreeio/CRDs-catalog
// and of kubeconform's CRD schema locations). Custom resources whose CRD
// was not added with AddCRD are then judged by these schemas alone: no
// pruning, defaulting or CEL rules, which a JSON schema does not carry. A
// CRD added with AddCRD wins over a catalog schema for the same kind.
// Files are read and compiled when a custom resource first needs them. It
// returns the number of schema files found.
func (r *Registry) AddCatalogDir(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".json") {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		group, file, ok := strings.Cut(filepath.ToSlash(rel), "/")
		if !ok || strings.Contains(file, "/") {
			return nil // not {group}/{file}
		}
		k, version, ok := strings.Cut(strings.TrimSuffix(file, ".json"), "_")
		if !ok || k == "" || version == "" {
			return nil
		}
		r.catalog[catalogKey{group: group, kind: strings.ToLower(k), version: version}] = &catalogEntry{path: path}
		n++
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("reading the CRD catalog %s: %w", dir, err)
	}
	return n, nil
}

// compile compiles the entry's schema once.
func (e *catalogEntry) compile() (*jsonschema.Schema, error) {
	e.once.Do(func() {
		data, err := os.ReadFile(e.path)
		if err != nil {
			e.err = fmt.Errorf("reading %s: %w", e.path, err)
			return
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			e.err = fmt.Errorf("reading %s: %w", e.path, err)
			return
		}
		c := jsonschema.NewCompiler()
		// The catalogs are converted from OpenAPI v3 schemas, which follow
		// draft 4 where they say nothing else.
		c.DefaultDraft(jsonschema.Draft4)
		c.UseLoader(jsonschema.SchemeURLLoader{}) // a catalog file stands alone
		url := "file:///" + strings.TrimPrefix(filepath.ToSlash(e.path), "/")
		if err := c.AddResource(url, doc); err != nil {
			e.err = fmt.Errorf("reading %s: %w", e.path, err)
			return
		}
		e.sch, e.err = c.Compile(url)
		if e.err != nil {
			e.err = fmt.Errorf("compiling %s: %w", e.path, e.err)
		}
	})
	return e.sch, e.err
}

// validateCatalog judges u with a catalog schema, if there is one.
func (r *Registry) validateCatalog(u map[string]any, gvk schema.GroupVersionKind) (field.ErrorList, bool) {
	e, ok := r.catalog[catalogKey{group: gvk.Group, kind: strings.ToLower(gvk.Kind), version: gvk.Version}]
	if !ok {
		return nil, false
	}
	sch, err := e.compile()
	if err != nil {
		return field.ErrorList{field.InternalError(field.NewPath("kind"), err)}, true
	}
	// jsonschema wants encoding/json's value types; ValidateJSON decoded
	// integers as int64.
	verr := sch.Validate(jsonValue(u))
	if verr == nil {
		return nil, true
	}
	var ve *jsonschema.ValidationError
	if !errors.As(verr, &ve) {
		return field.ErrorList{field.InternalError(field.NewPath("kind"), verr)}, true
	}
	var errs field.ErrorList
	p := message.NewPrinter(language.English)
	for _, leaf := range leaves(ve, nil) {
		path := instancePath(u, leaf.InstanceLocation)
		switch k := leaf.ErrorKind.(type) {
		case *kind.AdditionalProperties:
			for _, name := range k.Properties {
				child := childPath(path, name)
				errs = append(errs, &field.Error{Type: field.ErrorTypeNotFound, Field: child.String(), BadValue: field.OmitValueType{}, Detail: fmt.Sprintf("unknown field %q (catalog schema %s)", child.String(), e.path)})
			}
		case *kind.Required:
			for _, name := range k.Missing {
				errs = append(errs, field.Required(childPath(path, name), fmt.Sprintf("required by the catalog schema %s", e.path)))
			}
		default:
			errs = append(errs, field.Invalid(path, field.OmitValueType{}, fmt.Sprintf("%s (catalog schema %s)", leaf.ErrorKind.LocalizedString(p), e.path)))
		}
	}
	// The order of jsonschema's errors follows map iteration: sort.
	slices.SortStableFunc(errs, func(a, b *field.Error) int {
		return cmp.Or(strings.Compare(a.Field, b.Field), strings.Compare(a.Detail, b.Detail))
	})
	return errs, true
}

// leaves returns the errors of a validation error tree that have no
// causes: the actual findings.
func leaves(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = leaves(c, out)
	}
	return out
}

// instancePath turns a JSON-pointer location into a field path, indexing
// where the instance holds a list.
func instancePath(inst any, loc []string) *field.Path {
	var p *field.Path
	for _, tok := range loc {
		switch v := inst.(type) {
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v) {
				return childPath(p, tok)
			}
			if p == nil {
				p = field.NewPath("")
			}
			p = p.Index(i)
			inst = v[i]
		case map[string]any:
			p = childPath(p, tok)
			inst = v[tok]
		default:
			return childPath(p, tok)
		}
	}
	return p
}

// childPath is p.Child(name), starting a path at the root when p is nil.
func childPath(p *field.Path, name string) *field.Path {
	if p == nil {
		return field.NewPath(name)
	}
	return p.Child(name)
}

// jsonValue converts the int64 numbers of a decoded object to json.Number,
// which jsonschema accepts without losing precision.
func jsonValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case int64:
		return json.Number(strconv.FormatInt(x, 10))
	default:
		return v
	}
}
