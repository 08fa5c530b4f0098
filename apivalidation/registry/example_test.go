package registry_test

import (
	"fmt"

	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/daemonlint/daemonlint/apivalidation/registry"
)

// A Service named My_Service with two ports of the same name, judged as
// kube-apiserver v1.37.2 judges it.
func ExampleValidate() {
	doc := []byte(`
apiVersion: v1
kind: Service
metadata:
  name: My_Service
spec:
  selector:
    app: agent
  ports:
  - name: metrics
    port: 9100
  - name: metrics
    port: 9101
`)
	gvk := schema.GroupVersionKind{Version: "v1", Kind: "Service"}
	obj, err := registry.Decode(gvk, doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	errs, _ := registry.Validate(gvk, obj, registry.Options{})
	for _, e := range errs {
		fmt.Println(e.Field, e.Type)
	}
	// Output:
	// metadata.name Invalid value
	// spec.ports[1].name Duplicate value
}
