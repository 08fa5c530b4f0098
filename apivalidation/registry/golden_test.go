package registry

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/yaml"

	"github.com/daemonlint/daemonlint/apivalidation/objectmeta"
	"github.com/daemonlint/daemonlint/internal/diff"
)

// goldenDir holds the cases recorded from kube-apiserver v1.37.2 by
// scripts/record-kinds-golden.sh.
const goldenDir = "../../testdata/apiserver-golden-kinds"

// want is a recorded answer of the server.
type want struct {
	verdict string   // 201, 400, 422 or unknown-kind
	errors  []string // "type field detail", one per cause
}

func readWant(t *testing.T, name string) want {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var w want
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "verdict "):
			w.verdict = strings.TrimPrefix(line, "verdict ")
		case strings.HasPrefix(line, "error "):
			w.errors = append(w.errors, strings.TrimPrefix(line, "error "))
		}
	}
	if w.verdict == "" {
		t.Fatalf("%s: no verdict", name)
	}
	return w
}

// errorLines renders errs as the .want files hold them, sorted.
func errorLines(errs field.ErrorList) []string {
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		out = append(out, string(e.Type)+" "+e.Field+" "+e.ErrorBody())
	}
	slices.Sort(out)
	return out
}

// validateDoc judges one document: in full when its kind is judged,
// otherwise its metadata alone.
func validateDoc(t *testing.T, doc []byte) (field.ErrorList, error) {
	t.Helper()
	var head struct {
		metav1.TypeMeta `json:",inline"`
		Metadata        metav1.ObjectMeta `json:"metadata"`
	}
	if err := yaml.Unmarshal(doc, &head); err != nil {
		return nil, err
	}
	gvk := schema.FromAPIVersionAndKind(head.APIVersion, head.Kind)
	if Judged(gvk) {
		obj, err := Decode(gvk, doc)
		if err != nil {
			return nil, err
		}
		errs, _ := Validate(gvk, obj, Options{})
		return errs, nil
	}
	errs, ok := objectmeta.ValidateMetadata(&head.Metadata, gvk.GroupKind())
	if !ok {
		t.Fatalf("kind %s is neither judged nor known to objectmeta", gvk)
	}
	return errs, nil
}

func TestGolden(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join(goldenDir, "*", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no golden cases")
	}
	for _, name := range cases {
		rel, _ := filepath.Rel(goldenDir, name)
		t.Run(strings.TrimSuffix(rel, ".yaml"), func(t *testing.T) {
			doc, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			w := readWant(t, strings.TrimSuffix(name, ".yaml")+".want")
			errs, err := validateDoc(t, doc)
			switch w.verdict {
			case "400":
				if err == nil {
					t.Fatalf("decoding succeeded, the server refuses to decode it")
				}
				return
			case "201", "422":
				if err != nil {
					t.Fatal(err)
				}
			default:
				t.Skipf("verdict %s is not validation's", w.verdict)
			}
			got := errorLines(errs)
			wantLines := slices.Sorted(slices.Values(w.errors))
			if !slices.Equal(got, wantLines) {
				d := diff.Unified("want", "got", []byte(strings.Join(wantLines, "\n")+"\n"), []byte(strings.Join(got, "\n")+"\n"))
				t.Errorf("errors differ from the server's:\n%s", d)
			}
		})
	}
}
