package registry_test

import (
	"fmt"
	"testing"

	"k8s.io/apimachinery/pkg/runtime"

	"github.com/daemonlint/daemonlint/apivalidation/registry"
	"github.com/daemonlint/daemonlint/internal/benchgen"
	"github.com/daemonlint/daemonlint/manifest"
)

// BenchmarkValidate measures the validate stage: the API server's create
// validation of the typed objects of the generated corpus (the same 40
// files of 50 documents as lint/rules' BenchmarkLint), decoded before the
// timer starts.
func BenchmarkValidate(b *testing.B) {
	g := benchgen.New(2)
	var objs []runtime.Object
	for i := range 40 {
		docs, errs := manifest.Parse(manifest.NewFile(fmt.Sprintf("%03d.yaml", i), g.File(50)))
		if len(errs) > 0 {
			b.Fatal(errs[0])
		}
		for _, d := range docs {
			// A decoding error leaves the object half read: lint does not
			// validate it either.
			if obj, ok := decoded(d); ok {
				objs = append(objs, obj)
			}
		}
	}
	findings := 0
	for b.Loop() {
		findings = 0
		for _, obj := range objs {
			errs, ok := registry.ValidateObject(obj, registry.Options{})
			if !ok {
				b.Fatalf("%T is not judged", obj)
			}
			findings += len(errs)
		}
	}
	if findings == 0 {
		b.Fatal("no findings: the generated corpus has mistakes")
	}
	b.ReportMetric(float64(len(objs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

func decoded(d *manifest.Document) (runtime.Object, bool) {
	if !manifest.Typed(d.APIVersion, d.Kind) {
		return nil, false
	}
	obj, _, err := d.Decode()
	if err != nil {
		return nil, false
	}
	o, ok := obj.(runtime.Object)
	return o, ok
}
