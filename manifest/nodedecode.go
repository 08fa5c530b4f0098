package manifest

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/daemonlint/daemonlint/internal/yamlutil"
)

// A nodeDecoding is what decodeNodesSize found besides the object.
type nodeDecoding struct {
	// size bounds the size of the document's JSON: at least its size, at
	// most six times it.
	size int
	ok   bool
	// uniqueKeys: the decoding read every mapping of the tree and found
	// no key twice in any of them (no merge key either).
	uniqueKeys bool
	// noBraces: the decoding read every scalar of the tree, keys
	// included, and none holds a '{' (so none is a template action).
	noBraces bool
	// strict are the strict errors of sigs.k8s.io/json's decoding: the
	// unknown fields, in the order and the words it reports them.
	strict []error
}

// decodeNodesSize decodes node tree n into obj, a pointer to a k8s.io/api
// type, as sigs.k8s.io/json's strict decoding of the document's JSON
// would, without writing the JSON and scanning it again. A field that
// obj's type does not have is passed over as that decoding passes over
// it, and listed in strict as it lists it. Its ok is false as soon as the
// document leaves the common case (a value of the wrong type, a number out of range, base64 bytes,
// a float or free-form field, anything whose decoding could report an
// error or a strict error, an object near MaxObjectBytes), and the caller
// then decodes the JSON: the errors and their wording are always
// sigs.k8s.io/json's. When ok is true, JSON succeeds on n, and obj
// is what the JSON decoding gives, which reports no error:
// FuzzNodeDecodeMatchesJSON holds the two to the same result. (It visits
// every node that JSON visits, with the same depths, refuses what JSON
// would refuse, and adds up a bound of the size of the JSON as it goes: a
// string counts as if every byte needed the longest escape, so that no
// string is scanned for the size; only a document whose bound passes
// MaxObjectBytes, which means hundreds of kilobytes of text, is left to
// the JSON for its exact size.)
func decodeNodesSize(n *yaml.Node, obj any) nodeDecoding {
	v := reflect.ValueOf(obj)
	if n == nil || v.Kind() != reflect.Pointer || v.IsNil() {
		return nodeDecoding{}
	}
	dec := nodeDecoder{stack: getPairStack()}
	ok := dec.node(n, v.Elem(), nil, 0) && dec.size <= MaxObjectBytes && !dec.badPath
	putPairStack(dec.stack)
	nd := nodeDecoding{size: dec.size, ok: ok, uniqueKeys: ok && !dec.unsureKeys, noBraces: ok && !dec.braces}
	if ok {
		for _, u := range dec.unknown {
			nd.strict = append(nd.strict, &unknownFieldError{path: u.path()})
		}
	}
	return nd
}

// maxStrictErrors is how many strict errors sigs.k8s.io/json keeps; a
// document with more is left to it.
const maxStrictErrors = 100

// An unknownField is a field that the decoding found no place for: the
// steps from it up to the document's root, innermost first, added as the
// decoding returns from each mapping and sequence.
type unknownField struct {
	steps []pathStep
}

// A pathStep is a key of a mapping, or an index of a sequence.
type pathStep struct {
	key     string
	index   int
	isIndex bool
}

// path spells the field's path as sigs.k8s.io/json's strict errors do:
// keys joined by '.', indexes in brackets (spec.containers[0].imag).
func (u unknownField) path() string {
	var b strings.Builder
	first := true
	for i := len(u.steps) - 1; i >= 0; i-- {
		s := u.steps[i]
		if s.isIndex {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
		} else {
			if !first {
				b.WriteByte('.')
			}
			b.WriteString(s.key)
		}
		first = false
	}
	return b.String()
}

// An unknownFieldError is the strict error of sigs.k8s.io/json's decoding
// for a field that the type does not have, in its words; like it, it is a
// sigs.k8s.io/json FieldError.
type unknownFieldError struct {
	path string
}

func (e *unknownFieldError) Error() string { return "unknown field " + strconv.Quote(e.path) }

// FieldPath returns the path of the unknown field (spec.template.spec.foo).
func (e *unknownFieldError) FieldPath() string { return e.path }

// SetFieldPath changes the path that Error reports.
func (e *unknownFieldError) SetFieldPath(path string) { e.path = path }

// passUnknown passes over the value of pair p, at depth, whose key is not
// a field of the struct being decoded, as sigs.k8s.io/json passes over
// it: the value must still be JSON, and counts in the size.
func (dec *nodeDecoder) passUnknown(p pair, depth int) bool {
	if len(dec.unknown) >= maxStrictErrors || !utf8.ValidString(p.key) {
		return false
	}
	dec.json.buf = dec.json.buf[:0]
	if _, err := walkValue(&dec.json, p.value, depth); err != nil {
		return false
	}
	dec.size += len(dec.json.buf)
	// The value was not read here.
	dec.unsureKeys, dec.braces = true, true
	dec.unknown = append(dec.unknown, unknownField{steps: []pathStep{{key: p.key}}})
	return true
}

// within adds step s to the paths of the unknown fields found since the
// decoding had found mark of them: those within the value at s.
func (dec *nodeDecoder) within(mark int, s pathStep) {
	if mark == len(dec.unknown) {
		return
	}
	if !s.isIndex && !utf8.ValidString(s.key) {
		dec.badPath = true // JSON would spell the key otherwise
	}
	for i := mark; i < len(dec.unknown); i++ {
		dec.unknown[i].steps = append(dec.unknown[i].steps, s)
	}
}

// A nodeDecoder holds the scratch space of one decodeNodesSize.
type nodeDecoder struct {
	stack []pair // see mappingPairs
	json  jsonWriter
	// unsureKeys is set when a mapping may repeat a key or was not read
	// here (a merge key, a repeated key, a value given to UnmarshalJSON).
	unsureKeys bool
	// braces is set when a scalar holds a '{' or was not read here.
	braces bool
	// size bounds the length of the JSON of what has been decoded so far
	// (see jsonStringMax).
	size int
	// unknown are the unknown fields found so far, in the order of the
	// document (see passUnknown).
	unknown []unknownField
	// badPath is set when an unknown field's path holds a key that is not
	// valid UTF-8.
	badPath bool
}

var (
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// node decodes n into v, which is addressable; info is where the
// typeInfo of v's type (pointers taken away) is kept, or nil.
func (dec *nodeDecoder) node(n *yaml.Node, v reflect.Value, info *lazyInfo, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return false
		}
		return dec.node(n.Alias, v, info, depth+1)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return false
		}
		return dec.node(n.Content[0], v, info, depth+1)
	}
	// A scalar is read as walkValue reads it: a string (without boxing
	// it in an interface), or nil, a bool, an int64, a uint64 or a
	// float64.
	var (
		str      string
		isString bool
		scalar   any
	)
	if n.Kind == yaml.ScalarNode {
		if str, isString = yamlutil.StringScalar(n); !isString {
			var err error
			if scalar, err = yamlutil.ScalarValue(n); err != nil {
				return false
			}
			if scalar == nil {
				dec.size += len("null")
				return decodeNull(v, info)
			}
			str, isString = scalar.(string)
		}
	}
	// encoding/json's indirect: allocate pointers on the way down, and
	// stop at a type with its own UnmarshalJSON.
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	if n.Kind == yaml.ScalarNode {
		switch v.Type() {
		case quantityType, intOrStringType:
			if ok, done := dec.knownScalar(v, str, isString, scalar); done {
				return ok
			}
		}
	}
	ti := info.of(v.Type())
	if ti.unmarshaler {
		return dec.unmarshaler(n, v, depth)
	}
	if ti.unsupported {
		return false
	}
	switch n.Kind {
	case yaml.MappingNode:
		return dec.mapping(n, v, ti, depth)
	case yaml.SequenceNode:
		if v.Kind() != reflect.Slice {
			return false
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		dec.size += max(2, 1+len(n.Content)) // [a,b]
		for i, c := range n.Content {
			mark := len(dec.unknown)
			if !dec.node(c, s.Index(i), &ti.elem, depth+1) {
				return false
			}
			dec.within(mark, pathStep{index: i, isIndex: true})
		}
		v.Set(s)
		return true
	case yaml.ScalarNode:
		if isString {
			// encoding/json turns invalid UTF-8 into U+FFFD.
			if v.Kind() != reflect.String || !utf8.ValidString(str) {
				return false
			}
			v.SetString(str)
			dec.size += jsonStringMax(str)
			dec.braces = dec.braces || strings.IndexByte(str, '{') >= 0
			return true
		}
		return dec.scalar(scalar, v)
	}
	return false
}

var (
	quantityType    = reflect.TypeFor[resource.Quantity]()
	intOrStringType = reflect.TypeFor[intstr.IntOrString]()
)

// knownScalar decodes a scalar into a quantity or an int-or-string, the
// two types with their own UnmarshalJSON that most documents hold, as
// their UnmarshalJSON would decode the scalar's JSON, without writing it:
// a quantity from an integer or a string of the characters quantities are
// made of, an int-or-string from a string of valid UTF-8 or an integer
// that fits into 32 bits. done is false for any other scalar, which
// UnmarshalJSON is then given.
func (dec *nodeDecoder) knownScalar(v reflect.Value, str string, isString bool, scalar any) (ok, done bool) {
	i, isInt := scalar.(int64)
	switch v.Type() {
	case quantityType:
		text := str
		switch {
		case isString && quantityChars(str):
		case isInt:
			text = strconv.FormatInt(i, 10)
		default:
			return false, false
		}
		q, err := resource.ParseQuantity(text)
		if err != nil {
			return false, true
		}
		v.Set(reflect.ValueOf(q))
	case intOrStringType:
		switch {
		case isString && utf8.ValidString(str):
			v.Set(reflect.ValueOf(intstr.IntOrString{Type: intstr.String, StrVal: str}))
		case isInt && i == int64(int32(i)):
			v.Set(reflect.ValueOf(intstr.IntOrString{Type: intstr.Int, IntVal: int32(i)}))
		default:
			return false, false
		}
	}
	if isString {
		dec.size += jsonStringMax(str)
		dec.braces = dec.braces || strings.IndexByte(str, '{') >= 0
	} else {
		dec.size += intLen(i)
	}
	return true, true
}

// quantityChars reports whether s is made of the characters a quantity
// may hold (digits, letters, '.', '+' and '-'), none of which JSON
// escapes or TrimSpace removes.
func quantityChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '+' || c == '-') {
			return false
		}
	}
	return true
}

// decodeNull stores a JSON null as encoding/json does: a pointer, map,
// slice or interface becomes nil, a type with its own UnmarshalJSON is
// given "null", and anything else is left as it is.
func decodeNull(v reflect.Value, info *lazyInfo) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Interface:
		v.SetZero()
		return true
	}
	if info.of(v.Type()).unmarshaler {
		return v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON([]byte("null")) == nil
	}
	return true
}

// decodeUnmarshaler gives a type with its own UnmarshalJSON (a quantity,
// an int-or-string, a time, a raw extension) the JSON of n, the same
// bytes that Document.JSON writes for it.
func (dec *nodeDecoder) unmarshaler(n *yaml.Node, v reflect.Value, depth int) bool {
	if n.Kind != yaml.ScalarNode {
		dec.unsureKeys, dec.braces = true, true
	} else if strings.IndexByte(n.Value, '{') >= 0 {
		dec.braces = true
	}
	dec.json.buf = dec.json.buf[:0]
	if _, err := walkValue(&dec.json, n, depth); err != nil {
		return false
	}
	// UnmarshalJSON may keep the bytes it is given.
	data := append([]byte(nil), dec.json.buf...)
	dec.size += len(data)
	return v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(data) == nil
}

func (dec *nodeDecoder) mapping(n *yaml.Node, v reflect.Value, info *typeInfo, depth int) bool {
	mark := len(dec.stack)
	defer func() { dec.stack = dec.stack[:mark] }()
	pairs, simple := simplePairs(n, &dec.stack)
	if !simple {
		var err error
		if pairs, err = mappingPairs(n, depth, &dec.stack); err != nil {
			return false
		}
		dec.unsureKeys = dec.unsureKeys || 2*len(pairs) != len(n.Content) || hasMergeKey(n)
	}
	dec.size += max(2, 1+len(pairs)) // {"a":1,"b":2}
	for _, p := range pairs {
		dec.size += jsonStringMax(p.key) + 1
		dec.braces = dec.braces || strings.IndexByte(p.key, '{') >= 0
	}
	switch v.Kind() {
	case reflect.Struct:
		for _, p := range pairs {
			var f *fieldInfo
			if info.table != nil {
				f = info.table.find(p.key)
			} else {
				f = info.fields[p.key]
			}
			if f == nil {
				// An unknown field: a strict error.
				if !dec.passUnknown(p, depth+1) {
					return false
				}
				continue
			}
			mark := len(dec.unknown)
			if !dec.node(p.value, v.FieldByIndex(f.index), &f.info, depth+1) {
				return false
			}
			dec.within(mark, pathStep{key: p.key})
		}
		return true
	case reflect.Map:
		t := v.Type()
		if info.badKey {
			return false
		}
		if t == stringMapType && depth < maxDepth {
			return dec.stringMap(pairs, v)
		}
		m := reflect.MakeMapWithSize(t, len(pairs))
		elem := reflect.New(t.Elem()).Elem()
		for _, p := range pairs {
			elem.SetZero()
			mark := len(dec.unknown)
			if !dec.node(p.value, elem, &info.elem, depth+1) {
				return false
			}
			dec.within(mark, pathStep{key: p.key})
			key := reflect.New(t.Key()).Elem()
			key.SetString(p.key)
			m.SetMapIndex(key, elem)
		}
		v.Set(m)
		return true
	}
	return false
}

// stringMapType is the type of labels, annotations, selectors and data.
var stringMapType = reflect.TypeFor[map[string]string]()

// stringMap decodes the pairs of a mapping into v, a map[string]string
// (the values one level deeper, within maxDepth), as node decodes each
// value into a string, without reflection: a string
// scalar is stored, a null stores "", and any other value leaves the map
// to the JSON decoding.
func (dec *nodeDecoder) stringMap(pairs []pair, v reflect.Value) bool {
	m := make(map[string]string, len(pairs))
	for _, p := range pairs {
		n := p.value
		if n.Kind != yaml.ScalarNode {
			return false
		}
		str, ok := yamlutil.StringScalar(n)
		if !ok {
			scalar, err := yamlutil.ScalarValue(n)
			if err != nil {
				return false
			}
			if scalar == nil {
				dec.size += len("null")
				m[p.key] = ""
				continue
			}
			if str, ok = scalar.(string); !ok {
				return false
			}
		}
		if !utf8.ValidString(str) {
			return false
		}
		dec.size += jsonStringMax(str)
		dec.braces = dec.braces || strings.IndexByte(str, '{') >= 0
		m[p.key] = str
	}
	v.Set(reflect.ValueOf(m))
	return true
}

// hasMergeKey reports whether mapping n has a merge key (<<).
func hasMergeKey(n *yaml.Node) bool {
	for i := 0; i < len(n.Content); i += 2 {
		if yamlutil.IsMergeKey(n.Content[i]) {
			return true
		}
	}
	return false
}

// jsonStringMax returns the most bytes that s takes as a JSON string:
// each byte written as a six-byte escape (\u00XX), within quotes.
// jsonStringLen is exact but reads every byte.
func jsonStringMax(s string) int { return 6*len(s) + 2 }

// decodeScalar stores a boolean or an integer; a float, and any
// value of a kind it does not match, is left to the JSON decoding.
func (dec *nodeDecoder) scalar(val any, v reflect.Value) bool {
	switch val := val.(type) {
	case bool:
		if v.Kind() != reflect.Bool {
			return false
		}
		v.SetBool(val)
		dec.size += len("false")
		if val {
			dec.size += len("true") - len("false")
		}
		return true
	case int64:
		switch v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if v.OverflowInt(val) {
				return false
			}
			v.SetInt(val)
			dec.size += intLen(val)
			return true
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			if val < 0 || v.OverflowUint(uint64(val)) {
				return false
			}
			v.SetUint(uint64(val))
			dec.size += intLen(val)
			return true
		}
	}
	return false
}

// A typeInfo is what decodeNode needs to know of a Go type.
type typeInfo struct {
	// unmarshaler: *T has an UnmarshalJSON method.
	unmarshaler bool
	// unsupported: values of the type are left to the JSON decoding (a
	// text unmarshaler, a float, an interface, an array, base64 bytes, a
	// struct whose fields encoding/json would resolve in ways this
	// decoder does not follow).
	unsupported bool
	// fields are a struct's fields by JSON name, embedded structs'
	// fields included.
	fields map[string]*fieldInfo
	// table finds the fields faster than the map, when it could be built.
	table *fieldTable
	// elem is the typeInfo of a slice's or a map's elements.
	elem lazyInfo
	// badKey: a map's keys are not plain strings.
	badKey bool
}

// A fieldInfo is a struct field as decodeNode reaches it.
type fieldInfo struct {
	index []int
	info  lazyInfo
}

// A lazyInfo holds the typeInfo of one type, pointers taken away, once it
// is looked up: the types a decoding reaches are found from their parent
// rather than in typeInfos each time.
type lazyInfo struct{ p atomic.Pointer[typeInfo] }

// of returns the typeInfo of t, the type l stands for; a nil l looks it
// up every time.
func (l *lazyInfo) of(t reflect.Type) *typeInfo {
	if l == nil {
		return typeInfoOf(t)
	}
	if ti := l.p.Load(); ti != nil {
		return ti
	}
	ti := typeInfoOf(t)
	l.p.Store(ti)
	return ti
}

var typeInfos sync.Map // reflect.Type → *typeInfo

func typeInfoOf(t reflect.Type) *typeInfo {
	if ti, ok := typeInfos.Load(t); ok {
		return ti.(*typeInfo)
	}
	info := &typeInfo{}
	pt := reflect.PointerTo(t)
	switch {
	case pt.Implements(jsonUnmarshalerType):
		info.unmarshaler = true
	case pt.Implements(textUnmarshalerType):
		info.unsupported = true
	default:
		switch t.Kind() {
		case reflect.Struct:
			info.fields, info.unsupported = structFields(t)
			info.table = newFieldTable(info.fields)
		case reflect.Slice:
			info.unsupported = t.Elem().Kind() == reflect.Uint8
		case reflect.Map:
			info.badKey = t.Key().Kind() != reflect.String || typeInfoOf(t.Key()).unsupported
		case reflect.Pointer, reflect.String, reflect.Bool,
			reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		default:
			info.unsupported = true
		}
	}
	ti, _ := typeInfos.LoadOrStore(t, info)
	return ti.(*typeInfo)
}

// structFields returns the JSON names of struct t's fields, with those of
// its embedded structs that carry no name of their own, and reports
// unsupported for what it does not follow encoding/json in: an embedded
// pointer or non-struct, a ",string" field, and a name given twice (where
// encoding/json's rules of dominance decide).
func structFields(t reflect.Type) (map[string]*fieldInfo, bool) {
	fields := map[string]*fieldInfo{}
	depthOf := map[string]int{}
	unsupported := false
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if strings.Contains(","+opts+",", ",string,") {
				unsupported = true
				return
			}
			idx := append(append([]int(nil), index...), i)
			if f.Anonymous && name == "" {
				if f.Type.Kind() != reflect.Struct {
					unsupported = true
					return
				}
				walk(f.Type, idx)
				continue
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if d, ok := depthOf[name]; ok {
				if d == len(idx) {
					unsupported = true
					return
				}
				if d < len(idx) {
					continue
				}
			}
			depthOf[name] = len(idx)
			fields[name] = &fieldInfo{index: idx}
		}
	}
	walk(t, nil)
	return fields, unsupported
}

// intLen is the length of v in decimal.
func intLen(v int64) int {
	var buf [20]byte
	return len(strconv.AppendInt(buf[:0], v, 10))
}
