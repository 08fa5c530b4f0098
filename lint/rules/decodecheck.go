package rules

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	appsv1 "k8s.io/api/apps/v1"
	sigsjson "sigs.k8s.io/json"

	"github.com/daemonlint/daemonlint/internal/suggest"
	"github.com/daemonlint/daemonlint/manifest"
)

// A decodeProblem is one thing the API server's decoding refuses in an
// object: an unknown field or a value of the wrong type. Decode stops at
// the first type error and then drops the unknown fields; checkDecode finds
// them all.
type decodeProblem struct {
	// Path is the field path of the problem, in field.Path notation
	// ("spec.template.spec.containers[0].bogus", "metadata.labels[app]").
	Path string
	// Parent is the field path of the object or list that holds it, and
	// Key its JSON key there ("" for a list item).
	Parent, Key string
	// JSONPath is Path as sigs.k8s.io/json writes it in strict errors: map
	// keys after a dot ("spec.foo.key" for "spec.foo[key]").
	JSONPath string
	// Unknown reports an unknown field; Struct is then the Go type that
	// has no such field.
	Unknown bool
	Struct  reflect.Type
	// For a type error: Value is the JSON value, Type the Go type it cannot
	// be decoded into, and Msg the decoder's message with its context
	// ("json: cannot unmarshal string into Go struct field
	// DaemonSetSpec.spec.minReadySeconds of type int32").
	Value any
	Type  reflect.Type
	Msg   string
	// Abort reports an error that makes the decoder stop at once (one
	// returned by a type's own UnmarshalJSON): the server reports the first
	// of these if there is one, and otherwise the first type error.
	Abort bool
}

// walkProblems walks the value of an object (what its JSON decodes into,
// numbers as json.Number, as Document.Value gives it) along the Go type t
// that the API server decodes it into, and returns every unknown field and
// every value of the wrong type, in the order the server meets them
// (object keys sorted, as kubectl sends them). It reproduces
// sigs.k8s.io/json's case-sensitive matching and messages; values that may
// not fit are checked by decoding them with that package, so the verdict
// on each is the server's.
func walkProblems(v any, t reflect.Type) []decodeProblem {
	w := decodeWalker{}
	w.walk(v, t, &walkPos{index: -1})
	return w.problems
}

// decodeCheckKey is the Document.Memo key of a document's walkProblems.
type decodeCheckKey struct{ t reflect.Type }

// decodeCheck is a memoized walkProblems.
type decodeCheck struct {
	problems []decodeProblem
	err      error
}

// checkDecodeDoc is walkProblems of the document's value, computed once
// for the rules that need it (unknown-field and field-type).
func checkDecodeDoc(d *manifest.Document, t reflect.Type) ([]decodeProblem, error) {
	c := d.Memo(decodeCheckKey{t}, func() any {
		// The document's value is its JSON read back, without writing
		// and reading the text.
		v, err := d.Value()
		if err != nil {
			return decodeCheck{err: fmt.Errorf("reading the object's value: %w", err)}
		}
		return decodeCheck{problems: walkProblems(v, t)}
	}).(decodeCheck)
	return c.problems, c.err
}

// A walkPos is where a value sits: the position of its parent (nil at the
// top) and its key or index there. Positions make their field paths only
// for a problem, by walking up.
type walkPos struct {
	up    *walkPos
	key   string
	index int  // -1 for a key
	field bool // a struct field (as opposed to a map key)
	// For a field: the name of the struct that has it, and the Go names of
	// the embedded structs it is promoted from, which the decoder names in
	// its error context.
	structName string
	embedded   []string
}

// jsonPath returns the position in sigs.k8s.io/json's notation.
func (p *walkPos) jsonPath() string {
	if p == nil {
		return ""
	}
	parent := p.up.jsonPath()
	switch {
	case p.key == "" && p.index < 0:
		return parent
	case p.index >= 0:
		return parent + "[" + strconv.Itoa(p.index) + "]"
	case parent == "":
		return p.key
	}
	return parent + "." + p.key
}

// path returns the position as a field path.
func (p *walkPos) path() string {
	if p == nil {
		return ""
	}
	parent := p.up.path()
	switch {
	case p.key == "" && p.index < 0:
		return parent
	case p.index >= 0:
		return parent + "[" + strconv.Itoa(p.index) + "]"
	case !p.field:
		return parent + "[" + p.key + "]"
	case parent == "":
		return p.key
	}
	return parent + "." + p.key
}

// context returns the decoder's error context at p: the innermost struct
// and the JSON field names leading to p (with the embedded structs' Go
// names; no indices, no map keys).
func (p *walkPos) context() (structName string, fields []string) {
	var chain []*walkPos
	for q := p; q != nil; q = q.up {
		if q.field {
			if structName == "" {
				structName = q.structName
			}
			chain = append(chain, q)
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		fields = append(append(fields, chain[i].embedded...), chain[i].key)
	}
	return structName, fields
}

type decodeWalker struct {
	problems []decodeProblem
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// walk checks value v against type t.
func (w *decodeWalker) walk(v any, t reflect.Type, pos *walkPos) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if v == nil {
		return // null decodes into anything (or is handled by UnmarshalJSON)
	}
	if hasUnmarshaler(t) {
		w.leaf(v, t, pos, true)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			w.leaf(v, t, pos, false)
			return
		}
		index := structFields(t)
		for _, k := range sortedKeys(obj) {
			f, ok := index[k]
			fp := walkPos{up: pos, key: k, index: -1, field: true, structName: t.Name(), embedded: f.embedded}
			if !ok {
				w.problems = append(w.problems, decodeProblem{Path: fp.path(), JSONPath: fp.jsonPath(), Parent: pos.path(), Key: k, Unknown: true, Struct: t})
				continue
			}
			w.walk(obj[k], f.typ, &fp)
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			w.leaf(v, t, pos, false)
			return
		}
		list, ok := v.([]any)
		if !ok {
			w.leaf(v, t, pos, false)
			return
		}
		for i, item := range list {
			w.walk(item, t.Elem(), &walkPos{up: pos, index: i})
		}
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok || t.Key().Kind() != reflect.String {
			w.leaf(v, t, pos, false)
			return
		}
		for _, k := range sortedKeys(obj) {
			w.walk(obj[k], t.Elem(), &walkPos{up: pos, key: k, index: -1})
		}
	case reflect.Interface:
		// any JSON value
	default:
		w.leaf(v, t, pos, false)
	}
}

// leaf decodes v into a new value of type t with sigs.k8s.io/json, as the
// server does, and records the error, if any, with the decoder's context.
func (w *decodeWalker) leaf(v any, t reflect.Type, pos *walkPos, custom bool) {
	if !custom && decodesPlainly(v, t) {
		return
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return
	}
	err = sigsjson.UnmarshalCaseSensitivePreserveInts(raw, reflect.New(t).Interface())
	if err == nil {
		return
	}
	msg := err.Error()
	structName, fields := pos.context()
	if rest, ok := strings.CutPrefix(msg, "json: cannot unmarshal "); ok && len(fields) > 0 {
		if what, typ, ok := strings.Cut(rest, " into Go value of type "); ok {
			msg = "json: cannot unmarshal " + what + " into Go struct field " + structName + "." + strings.Join(fields, ".") + " of type " + typ
		}
	}
	w.problems = append(w.problems, decodeProblem{Path: pos.path(), JSONPath: pos.jsonPath(), Parent: pos.up.path(), Key: pos.key, Value: v, Type: t, Msg: msg, Abort: custom})
}

// decodesPlainly reports whether JSON value v (as encoding/json decodes
// it with UseNumber) certainly decodes into a value of type t, which has
// no UnmarshalJSON of its own, without an error: a string into a string,
// a boolean into a boolean, a number that fits into a number. Anything
// else is left to the decoder, whose error is the server's.
func decodesPlainly(v any, t reflect.Type) bool {
	switch v := v.(type) {
	case string:
		return t.Kind() == reflect.String
	case bool:
		return t.Kind() == reflect.Bool
	case json.Number:
		switch t.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			_, err := strconv.ParseInt(string(v), 10, t.Bits())
			return err == nil
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			_, err := strconv.ParseUint(string(v), 10, t.Bits())
			return err == nil
		}
	}
	return false
}

// unmarshalers caches hasUnmarshaler by type.
var unmarshalers sync.Map // reflect.Type → bool

// hasUnmarshaler reports whether *t has its own UnmarshalJSON.
func hasUnmarshaler(t reflect.Type) bool {
	if u, ok := unmarshalers.Load(t); ok {
		return u.(bool)
	}
	u := reflect.PointerTo(t).Implements(unmarshalerType)
	unmarshalers.Store(t, u)
	return u
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// A structField is a JSON field of a Go struct type.
type structField struct {
	typ reflect.Type
	// embedded are the Go names of the embedded structs the field is
	// promoted from ("VolumeSource" for a Volume's hostPath), which the
	// decoder names in its error context.
	embedded []string
}

// fieldIndex caches structFields by type.
var fieldIndex sync.Map // reflect.Type → map[string]structField

// structFields returns the JSON field names of struct type t, as
// encoding/json sees them: tag names, promoted fields of embedded structs
// without a name of their own (json:",inline"), "-" and unexported fields
// left out.
func structFields(t reflect.Type) map[string]structField {
	if m, ok := fieldIndex.Load(t); ok {
		return m.(map[string]structField)
	}
	m := map[string]structField{}
	depth := map[string]int{}
	var add func(t reflect.Type, d int, embedded []string)
	add = func(t reflect.Type, d int, embedded []string) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			ft := f.Type
			if f.Anonymous && name == "" {
				for ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					add(ft, d+1, append(slices.Clip(embedded), f.Name))
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if old, ok := depth[name]; ok && old <= d {
				continue
			}
			depth[name] = d
			m[name] = structField{typ: f.Type, embedded: embedded}
		}
	}
	add(t, 0, nil)
	fieldIndex.Store(t, m)
	return m
}

// typeAt returns the Go type that the field path elems leads to from t,
// or nil when it leads nowhere.
func typeAt(t reflect.Type, elems []manifest.PathElement) reflect.Type {
	for _, e := range elems {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Struct:
			f, ok := structFields(t)[e.Name]
			if !ok || e.Bracketed {
				return nil
			}
			t = f.typ
		case reflect.Slice, reflect.Array:
			if e.Index < 0 {
				return nil
			}
			t = t.Elem()
		case reflect.Map:
			if !e.Bracketed {
				return nil
			}
			t = t.Elem()
		default:
			return nil
		}
	}
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// suggestName returns the one name of names that name most likely
// misspells: the same but for letter case, or the closest within a small
// edit distance. It returns "" when none is close or two are equally close.
func suggestName(name string, names []string) string {
	// Folding the case of ASCII keeps the length, and the distance is at
	// least the difference in length: a name too much longer or shorter
	// cannot be suggested, and is not measured.
	ascii := isASCII(name)
	others := make([]string, 0, len(names))
	for _, n := range names {
		if n == name || ascii && isASCII(n) && abs(len(n)-len(name)) > maxNameDistance(n) {
			continue
		}
		others = append(others, n)
	}
	return suggest.Search{Distance: suggest.FoldedDistance, Max: maxNameDistance}.Closest(name, others)
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func abs(n int) int { return max(n, -n) }

func maxNameDistance(name string) int {
	switch {
	case len(name) <= 3:
		return 0 // only a change of case
	case len(name) <= 5:
		return 1
	case len(name) <= 12:
		return 2
	}
	return 3
}

// A workloadKind is an apps/v1 kind whose spec people move fields from
// and to when they turn one kind into another.
type workloadKind struct {
	kind string
	typ  reflect.Type
}

var workloadKinds = []workloadKind{
	{"DaemonSet", reflect.TypeFor[appsv1.DaemonSet]()},
	{"ReplicaSet", reflect.TypeFor[appsv1.ReplicaSet]()},
	{"Deployment", reflect.TypeFor[appsv1.Deployment]()},
}

// knownElsewhere returns the other workload kinds that have field key at
// parent ("replicas" at "spec" gives ReplicaSet and Deployment when kind
// is DaemonSet), or nil.
func knownElsewhere(kind, parent, key string) []string {
	if !slices.ContainsFunc(workloadKinds, func(w workloadKind) bool { return w.kind == kind }) {
		return nil
	}
	var out []string
	elems := manifest.ParsePath(parent)
	for _, w := range workloadKinds {
		if w.kind == kind {
			continue
		}
		t := typeAt(w.typ, elems)
		if t == nil || t.Kind() != reflect.Struct {
			continue
		}
		if _, ok := structFields(t)[key]; ok {
			out = append(out, w.kind)
		}
	}
	return out
}
