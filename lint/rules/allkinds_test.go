package rules_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	k8sschema "k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/daemonlint/daemonlint/apivalidation/registry"
	"github.com/daemonlint/daemonlint/internal/kinds"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// TestDecodeKnowsJudgedKinds checks that manifest's Decode turns every kind
// the registry judges in full into the Go type the registry validates, so
// that the validation rule judges every one of them.
func TestDecodeKnowsJudgedKinds(t *testing.T) {
	for _, gvk := range registry.JudgedKinds() {
		apiVersion := gvk.Version
		if gvk.Group != "" {
			apiVersion = gvk.Group + "/" + gvk.Version
		}
		t.Run(apiVersion+"/"+gvk.Kind, func(t *testing.T) {
			src := "apiVersion: " + apiVersion + "\nkind: " + gvk.Kind + "\nmetadata:\n  name: x\n"
			docs, errs := manifest.Parse(manifest.NewFile("x.yaml", []byte(src)))
			if len(errs) > 0 || len(docs) != 1 {
				t.Fatalf("Parse: %d documents, errors %v", len(docs), errs)
			}
			if !manifest.Typed(apiVersion, gvk.Kind) {
				t.Errorf("manifest.Typed(%q, %q) = false, want true", apiVersion, gvk.Kind)
			}
			obj, _, err := docs[0].Decode()
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			want, _ := registry.New(gvk)
			if got, ok := obj.(interface{ GetName() string }); !ok || got.GetName() != "x" || reflect.TypeOf(obj) != reflect.TypeOf(want) {
				t.Errorf("Decode gave %T, want a %T named x", obj, want)
			}
			if _, ok := rules.ServerErrors(docs[0], lint.Settings{}); !ok {
				t.Errorf("ServerErrors does not judge %s", gvk)
			}
			if _, ok := registry.Validate(gvk, want, registry.Options{}); !ok {
				t.Fatalf("registry.Validate does not judge %s", gvk)
			}
		})
	}
}

// TestTypedKindsAreJudged checks the other direction: every kind
// internal/kinds decodes is judged in full, but for v1 Node, which
// placement reads.
func TestTypedKindsAreJudged(t *testing.T) {
	for _, k := range kinds.All() {
		if k == (kinds.Key{APIVersion: "v1", Kind: "Node"}) {
			continue
		}
		gv, err := k8sschema.ParseGroupVersion(k.APIVersion)
		if err != nil {
			t.Fatal(err)
		}
		if gvk := gv.WithKind(k.Kind); !registry.Judged(gvk) {
			t.Errorf("%s %s is decoded but not judged by the registry", k.APIVersion, k.Kind)
		}
	}
}

// TestEachProblemOnce lints objects of kinds judged in full with every rule
// and checks that no field gets two errors of one problem from two rules
// (schema and validation both know a missing required field), and that
// metadata is judged for kinds that are not judged in full.
func TestEachProblemOnce(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		// want are the field and rule of every error, in order.
		want []string
	}{
		{
			name: "job without containers",
			src: `apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  template:
    spec:
      restartPolicy: Never
`,
			want: []string{"spec.template.spec.containers validation"},
		},
		{
			name: "service with an unknown field and no port",
			src: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selectr:
    app: web
  ports:
  - name: http
`,
			// The oracle: spec.ports[0].port and targetPort: Invalid value: 0.
			want: []string{"spec.selectr unknown-field", "spec.ports[0].port validation", "spec.ports[0].targetPort validation"},
		},
		{
			name: "service with a wrong type",
			src: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: "80"
`,
			want: []string{"spec.ports[0].port field-type"},
		},
		{
			name: "rolebinding without roleRef",
			src: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read
  namespace: default
subjects:
- kind: ServiceAccount
  name: agent
  namespace: default
`,
			want: []string{"roleRef.kind validation", "roleRef.name validation"},
		},
		{
			name: "metadata of a kind not judged in full",
			src: `apiVersion: v1
kind: PersistentVolume
metadata:
  name: Data_Volume
spec:
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /data
`,
			want: []string{"metadata.name validation"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			diags, _, err := lint.CheckFile(manifest.NewFile("x.yaml", []byte(tc.src)), lint.Options{Rules: rules.All()})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range diags {
				if d.Severity == lint.Error {
					got = append(got, d.Field+" "+d.Rule)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("errors (field rule):\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestValidationDocListsJudgedKinds checks that daemonlint explain
// validation names every kind judged in full, under its apiVersion.
func TestValidationDocListsJudgedKinds(t *testing.T) {
	doc := rules.Validation.Doc
	for _, gvk := range registry.JudgedKinds() {
		av := gvk.GroupVersion().String()
		i := strings.Index(doc, "\n  "+av+": ")
		if i < 0 {
			t.Errorf("the validation rule's doc has no line for %s", av)
			continue
		}
		// The section runs until a line that is not a continuation.
		section := doc[i+1:]
		for j := 0; j < len(section); j++ {
			if section[j] == '\n' && !strings.HasPrefix(section[j:], "\n    ") {
				section = section[:j]
				break
			}
		}
		words := strings.FieldsFunc(section, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' })
		if !slices.Contains(words, gvk.Kind) {
			t.Errorf("the validation rule's doc does not list %s under %s", gvk.Kind, av)
		}
	}
}
