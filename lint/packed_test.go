package lint

import (
	"reflect"
	"testing"

	"github.com/daemonlint/daemonlint/manifest"
)

// fill sets every field under v to a value that depends on n, so that a
// field that packing forgets comes back different.
func fill(v reflect.Value, n int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("text " + string(rune('a'+n%26)) + v.Type().Name())
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(n))
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n+i+1)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), n+1)
		v.Set(s)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), n+1)
		v.Set(p)
	}
}

// TestPackedDiagnostic checks that a Diagnostic comes back from its packed
// form as it was, every field set, and that findings alike share texts.
func TestPackedDiagnostic(t *testing.T) {
	var tab findingTable
	var want [3]Diagnostic
	var packed [3]packedDiagnostic
	for i := range want {
		fill(reflect.ValueOf(&want[i]).Elem(), i)
		packed[i] = tab.pack(want[i])
	}
	plain := Diagnostic{File: "a.yaml", Rule: "r", Message: "m", Span: manifest.Span{Start: 1, End: 2}}
	p := tab.pack(plain)
	for i := range want {
		if got := tab.unpack(packed[i]); !reflect.DeepEqual(got, want[i]) {
			t.Errorf("unpack(pack(d)) =\n%+v\nwant\n%+v", got, want[i])
		}
	}
	if got := tab.unpack(p); !reflect.DeepEqual(got, plain) {
		t.Errorf("unpack(pack(d)) =\n%+v\nwant\n%+v", got, plain)
	}
	n := len(tab.texts)
	tab.pack(want[0])
	if len(tab.texts) != n {
		t.Errorf("packing a finding again added %d texts", len(tab.texts)-n)
	}
}
