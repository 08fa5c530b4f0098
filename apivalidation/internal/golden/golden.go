// Package golden reads the API server's answers recorded in
// testdata/apiserver-golden-kinds (see scripts/record-kinds-golden.sh) and
// compares a validation's errors with them, for the tests of apivalidation's
// packages.
package golden

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/yaml"

	"github.com/daemonlint/daemonlint/internal/diff"
)

// Dir returns the folder of the recorded cases.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "apiserver-golden-kinds")
}

// A Want is a recorded answer of the server.
type Want struct {
	// Verdict is 201, 400, 422 or unknown-kind.
	Verdict string
	// Errors are the causes of a 422, "type field detail" each, sorted.
	Errors []string
}

// ReadWant reads a .want file.
func ReadWant(name string) (Want, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return Want{}, err
	}
	var w Want
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "verdict "):
			w.Verdict = strings.TrimPrefix(line, "verdict ")
		case strings.HasPrefix(line, "error "):
			w.Errors = append(w.Errors, strings.TrimPrefix(line, "error "))
		}
	}
	slices.Sort(w.Errors)
	return w, sc.Err()
}

// Lines renders errs as the .want files hold them, sorted.
func Lines(errs field.ErrorList) []string {
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		out = append(out, string(e.Type)+" "+e.Field+" "+e.ErrorBody())
	}
	slices.Sort(out)
	return out
}

// Run runs, for each recorded case of kind, validate on the case's
// document decoded strictly into a new T, and checks its errors against
// the server's: the same verdict, and the same type, field and detail of
// every error. A case the server refused to decode (400) must fail to
// decode here too. It fails the test when there are no cases.
func Run[T any](t *testing.T, kind string, validate func(*T) field.ErrorList) {
	t.Helper()
	cases, err := filepath.Glob(filepath.Join(Dir(), kind, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatalf("no golden cases for %s", kind)
	}
	for _, name := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".yaml"), func(t *testing.T) {
			doc, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			w, err := ReadWant(strings.TrimSuffix(name, ".yaml") + ".want")
			if err != nil {
				t.Fatal(err)
			}
			obj := new(T)
			decodeErr := yaml.UnmarshalStrict(doc, obj)
			switch w.Verdict {
			case "400":
				if decodeErr == nil {
					t.Fatal("decoding succeeded, the server refuses to decode it")
				}
				return
			case "201", "422":
				if decodeErr != nil {
					t.Fatal(decodeErr)
				}
			default:
				t.Fatalf("verdict %s is not validation's", w.Verdict)
			}
			got := Lines(validate(obj))
			if !slices.Equal(got, w.Errors) {
				d := diff.Unified("want", "got", []byte(strings.Join(w.Errors, "\n")+"\n"), []byte(strings.Join(got, "\n")+"\n"))
				t.Errorf("errors differ from the server's:\n%s", d)
			}
		})
	}
}
