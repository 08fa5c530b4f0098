package apivalidation_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/apps"
	"github.com/daemonlint/daemonlint/apivalidation/batch"
	"github.com/daemonlint/daemonlint/apivalidation/core"
	"github.com/daemonlint/daemonlint/internal/mutate"
)

// TestSeededMutations applies the seeded mutations of internal/mutate to
// the manifests of testdata/apiserver-mutations (a Deployment, a
// StatefulSet, two Jobs, a CronJob, two Pods, a ReplicationController, a
// PodTemplate, and a DaemonSet and a ReplicaSet) and compares each with the API server's recorded verdict
// (scripts/genmutations): decoding must fail where the server's decoding
// does, the verdict (any error or none) must always agree, and at least
// 98% of the server's (type, field) errors must be reported.
func TestSeededMutations(t *testing.T) {
	bases, err := filepath.Glob("../testdata/apiserver-mutations/*.yaml")
	if err != nil || len(bases) < 9 {
		t.Fatalf("want the manifests of nine kinds, got %v (%v)", bases, err)
	}
	for _, base := range bases {
		t.Run(strings.TrimSuffix(filepath.Base(base), ".yaml"), func(t *testing.T) {
			src, err := os.ReadFile(base)
			if err != nil {
				t.Fatal(err)
			}
			muts, err := mutate.Mutations(src)
			if err != nil {
				t.Fatal(err)
			}
			recorded := readVerdicts(t, strings.TrimSuffix(base, ".yaml")+".verdicts")
			if len(recorded) != len(muts) {
				t.Fatalf("%d recorded verdicts for %d mutations: run go run ./scripts/genmutations/main.go", len(recorded), len(muts))
			}
			var judged, agree, wantFields, gotFields int
			for i, m := range muts {
				rec := recorded[i]
				if rec.name != m.Name {
					t.Fatalf("mutation %d is %q, recorded %q: run go run ./scripts/genmutations/main.go", i, m.Name, rec.name)
				}
				_, obj, decodeErr := decodePodKind(m.Doc)
				if obj == nil {
					t.Fatalf("%s: not a pod-bearing kind", m.Name)
				}
				if rec.verdict == "decode-error" {
					if decodeErr == nil {
						t.Errorf("%s: decodes, the server's decoding fails", m.Name)
					}
					continue
				}
				if decodeErr != nil {
					t.Errorf("%s: decoding: %v; the server decodes it", m.Name, decodeErr)
					continue
				}
				errs := validatePodKind(t, obj, core.Options{})
				judged++
				if (len(errs) > 0) == (rec.verdict == "invalid") {
					agree++
				} else {
					t.Errorf("%s: got %d errors %v, the server's verdict is %s %v", m.Name, len(errs), errs, rec.verdict, rec.errors)
				}
				got := map[string]bool{}
				for _, e := range errs {
					got[string(e.Type)+" "+e.Field] = true
				}
				for _, w := range rec.errors {
					wantFields++
					if got[w] {
						gotFields++
					} else {
						t.Logf("%s: missing %s", m.Name, w)
					}
				}
			}
			t.Logf("%d judged, %d verdicts agree; %d of the server's %d field errors reported", judged, agree, gotFields, wantFields)
			if judged == 0 {
				t.Fatal("no mutation was judged")
			}
			if wantFields > 0 && float64(gotFields) < 0.98*float64(wantFields) {
				t.Errorf("%d of the server's %d field errors reported (%.1f%%), want at least 98%%", gotFields, wantFields, 100*float64(gotFields)/float64(wantFields))
			}
		})
	}
}

// A recordedVerdict is one line of a .verdicts file.
type recordedVerdict struct {
	name, verdict string
	errors        []string
}

// readVerdicts reads the server's verdicts recorded by scripts/genmutations.
func readVerdicts(t *testing.T, name string) []recordedVerdict {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []recordedVerdict
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSuffix(line, "\n")
		if strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("%s: bad line %q", name, line)
		}
		v := recordedVerdict{name: cols[0], verdict: cols[1]}
		if cols[2] != "" {
			v.errors = strings.Split(cols[2], "; ")
		}
		out = append(out, v)
	}
	return out
}

// BenchmarkValidatePodKinds measures the validation of the seeded
// mutations' base manifests, one of each pod-bearing kind.
func BenchmarkValidatePodKinds(b *testing.B) {
	bases, err := filepath.Glob("../testdata/apiserver-mutations/*.yaml")
	if err != nil || len(bases) == 0 {
		b.Fatalf("no manifests: %v", err)
	}
	var objs []runtime.Object
	for _, base := range bases {
		src, err := os.ReadFile(base)
		if err != nil {
			b.Fatal(err)
		}
		_, obj, err := decodePodKind(src)
		if err != nil || obj == nil {
			b.Fatalf("%s: %v", base, err)
		}
		objs = append(objs, obj)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, obj := range objs {
			for _, validate := range []func(runtime.Object, core.Options) (field.ErrorList, bool){core.ValidateObject, apps.ValidateObject, batch.ValidateObject} {
				if _, ok := validate(obj, core.Options{}); ok {
					break
				}
			}
		}
	}
}
