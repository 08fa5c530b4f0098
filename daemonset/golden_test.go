package daemonset_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/manifest"
	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// goldenWant is the API server's answer to one golden case (see
// scripts/gengolden).
type goldenWant struct {
	title           string
	verdict         string // 201, 400, 422, unknown-kind
	kubectlVerdict  string // when the harness sent a raw body instead
	message         string // of a 400 or unknown-kind
	errors          []string
	allowPrivileged bool
}

func readGoldenWant(t *testing.T, name string) goldenWant {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var w goldenWant
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		key, value, _ := strings.Cut(line, " ")
		switch key {
		case "#":
			w.title = value
		case "verdict":
			w.verdict = value
		case "kubectl-verdict":
			w.kubectlVerdict = value
		case "message":
			w.message = value
		case "error":
			w.errors = append(w.errors, value)
		case "allow-privileged":
			w.allowPrivileged = value == "true"
		case "mode":
		default:
			t.Fatalf("%s: unknown line %q", name, line)
		}
	}
	return w
}

// causes renders errors as the golden file lists the server's causes:
// type, field and message, sorted (the server's order is random where it
// iterates maps).
func causes(errs field.ErrorList) []string {
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		out = append(out, string(e.Type)+" "+e.Field+" "+e.ErrorBody())
	}
	slices.Sort(out)
	return out
}

// TestGolden checks every case the real API server answered in
// testdata/apiserver-golden: the verdict, and for a 422 the same set of
// (type, field, message) causes. A 400 is a decoding failure: Decode must
// report it (the wording is the strict decoder's), or, for an annotation
// the server cannot convert, Validate gives the server's own text.
func TestGolden(t *testing.T) {
	wants, err := filepath.Glob("../testdata/apiserver-golden/*.want")
	if err != nil || len(wants) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, wantFile := range wants {
		name := strings.TrimSuffix(filepath.Base(wantFile), ".want")
		t.Run(name, func(t *testing.T) {
			want := readGoldenWant(t, wantFile)
			src, err := os.ReadFile(strings.TrimSuffix(wantFile, ".want") + ".yaml")
			if err != nil {
				t.Fatal(err)
			}
			src = expandPlaceholders(src)
			docs, serrs := manifest.Parse(manifest.NewFile(name+".yaml", src))
			if len(serrs) > 0 || len(docs) != 1 {
				t.Fatalf("got %d documents and syntax errors %v, want one document", len(docs), serrs)
			}
			d := docs[0]
			verdict := want.verdict
			if want.kubectlVerdict != "" {
				verdict = want.kubectlVerdict
			}
			opts := daemonset.Options{DisallowPrivileged: !want.allowPrivileged}

			if verdict == "unknown-kind" {
				if obj, _, _ := d.Decode(); obj != nil {
					t.Errorf("%s %s decodes as a served type, want it not served: %s", d.APIVersion, d.Kind, want.message)
				}
				return
			}
			obj, strict, decodeErr := d.Decode()
			if obj == nil {
				t.Fatalf("%s %s does not decode to a typed object", d.APIVersion, d.Kind)
			}
			var errs field.ErrorList
			if decodeErr == nil {
				switch o := obj.(type) {
				case *appsv1.DaemonSet:
					errs = daemonset.Validate(o, opts)
				case *appsv1.ReplicaSet:
					errs = daemonset.ValidateReplicaSet(o, opts)
				default:
					t.Fatalf("unexpected type %T", obj)
				}
			}
			switch verdict {
			case "201":
				if decodeErr != nil || len(strict) > 0 || len(errs) > 0 {
					t.Errorf("got decode error %v, strict errors %v, validation errors %v; want the object accepted", decodeErr, strict, causes(errs))
				}
			case "422":
				if decodeErr != nil || len(strict) > 0 {
					t.Fatalf("got decode error %v, strict errors %v; want it decoded", decodeErr, strict)
				}
				got, wantErrs := causes(errs), slices.Sorted(slices.Values(want.errors))
				if !slices.Equal(got, wantErrs) {
					t.Errorf("validation errors:\ngot:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(wantErrs, "\n  "))
				}
			case "400":
				switch {
				case decodeErr != nil:
					if !strings.Contains(want.message, decodeErrorText(decodeErr)) {
						t.Errorf("got decode error %q, want one the server's message contains: %s", decodeErr, want.message)
					}
				case len(strict) > 0:
					for _, e := range strict {
						if !strings.Contains(want.message, e.Error()) {
							t.Errorf("got strict error %q, which the server's message does not contain: %s", e, want.message)
						}
					}
				case len(errs) == 1 && daemonset.IsConversionError(errs[0]):
					if !strings.HasSuffix(want.message, ": "+errs[0].Detail) {
						t.Errorf("got conversion error %q, want the server's: %s", errs[0].Detail, want.message)
					}
				default:
					t.Errorf("got no decoding error (validation errors %v), want: %s", causes(errs), want.message)
				}
			default:
				t.Fatalf("unknown verdict %q", verdict)
			}
		})
	}
}

// decodeErrorText is the part of a decode error the server's 400 message
// must contain.
func decodeErrorText(err error) string {
	s := err.Error()
	// sigs.k8s.io/json names the field path after the Go type, as the
	// server does; quantity errors are shared word for word.
	return s
}

// placeholderRE matches "<N times x>", which a golden case writes instead
// of an N-byte value (the annotation-size case needs 256 KiB of it).
var placeholderRE = regexp.MustCompile(`<(\d+) times (\w)>`)

// expandPlaceholders writes out the values that placeholders stand for.
func expandPlaceholders(src []byte) []byte {
	return placeholderRE.ReplaceAllFunc(src, func(m []byte) []byte {
		sub := placeholderRE.FindSubmatch(m)
		n, _ := strconv.Atoi(string(sub[1]))
		return bytes.Repeat(sub[2], n)
	})
}
