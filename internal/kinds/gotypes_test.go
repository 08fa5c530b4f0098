package kinds

import (
	"reflect"
	"testing"

	"github.com/daemonlint/daemonlint/internal/schema"
)

// TestGoTypesCoverServedKinds checks that every kind a supported release
// serves has its Go type, and that each type is named after its kind.
func TestGoTypesCoverServedKinds(t *testing.T) {
	outside := map[Key]bool{
		{"apiextensions.k8s.io/v1", "CustomResourceDefinition"}: true,
		{"apiregistration.k8s.io/v1", "APIService"}:             true,
	}
	for _, release := range schema.Versions() {
		v, err := schema.ForVersion(release)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range v.Kinds() {
			key := Key{k.APIVersion(), k.Kind}
			if !k.Served || outside[key] {
				continue
			}
			t.Run(release+"/"+key.APIVersion+"/"+key.Kind, func(t *testing.T) {
				typ, ok := GoType(key.APIVersion, key.Kind)
				if !ok {
					t.Fatalf("GoType(%q, %q): no Go type for a kind %s serves", key.APIVersion, key.Kind, release)
				}
				if got, want := typ.Name(), key.Kind; got != want {
					t.Errorf("GoType(%q, %q) = %s, want a type named %s", key.APIVersion, key.Kind, typ, want)
				}
				if got, want := typ.Kind(), reflect.Struct; got != want {
					t.Errorf("GoType(%q, %q) is a %s, want a %s", key.APIVersion, key.Kind, got, want)
				}
			})
		}
	}
	for key := range goTypes {
		if _, ok := schema.Find(key.APIVersion, key.Kind); !ok && key.APIVersion != "flowcontrol.apiserver.k8s.io/v1beta3" {
			t.Errorf("GoType knows %s %s, which is not a kind of %s", key.APIVersion, key.Kind, schema.Default)
		}
	}
}
