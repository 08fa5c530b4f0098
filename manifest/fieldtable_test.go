package manifest

import (
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/daemonlint/daemonlint/internal/kinds"
)

// TestFieldTable holds each struct's fieldTable to its map of fields, on
// every struct that the kinds Decode reads can reach: every name finds its
// own field, and names that are not fields (a letter dropped, added or
// changed, another case, a field of another struct) find none. It also
// checks that a table could be built for nearly every struct, as the
// table is what makes finding a field cheap.
func TestFieldTable(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var structs []*typeInfo
	var visit func(reflect.Type)
	visit = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if seen[typ] || typ.Kind() != reflect.Struct {
			return
		}
		seen[typ] = true
		ti := typeInfoOf(typ)
		if ti.unmarshaler || ti.unsupported {
			return
		}
		structs = append(structs, ti)
		for _, f := range ti.fields {
			visit(typ.FieldByIndex(f.index).Type)
		}
	}
	for _, k := range kinds.All() {
		obj, _ := kinds.New(k.APIVersion, k.Kind)
		visit(reflect.TypeOf(obj))
	}
	all := map[string]bool{}
	for _, ti := range structs {
		for name := range ti.fields {
			all[name] = true
		}
	}
	withTable := 0
	for _, ti := range structs {
		if ti.table == nil {
			continue
		}
		withTable++
		for name, f := range ti.fields {
			if got := ti.table.find(name); got != f {
				t.Fatalf("find(%q) = %p, want %p", name, got, f)
			}
		}
		try := func(name string) {
			if got, want := ti.table.find(name), ti.fields[name]; got != want {
				t.Fatalf("find(%q) = %p, the map has %p", name, got, want)
			}
		}
		try("")
		try("x")
		for name := range all {
			try(name)
			try(name[1:])
			try(name + "s")
			try("X" + name[1:])
			try(name[:len(name)-1] + "Q")
		}
	}
	for _, typ := range []reflect.Type{
		reflect.TypeFor[corev1.PodSpec](), reflect.TypeFor[corev1.Container](), reflect.TypeFor[metav1.ObjectMeta](),
	} {
		if typeInfoOf(typ).table == nil {
			t.Errorf("%v has no table", typ)
		}
	}
	t.Logf("%d of %d structs have a table", withTable, len(structs))
	if len(structs) < 50 || withTable < len(structs)*95/100 {
		t.Errorf("%d of %d structs have a table", withTable, len(structs))
	}
}
