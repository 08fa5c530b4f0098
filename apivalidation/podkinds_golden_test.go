package apivalidation_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
	sigsjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"

	"github.com/daemonlint/daemonlint/apivalidation/apps"
	"github.com/daemonlint/daemonlint/apivalidation/batch"
	"github.com/daemonlint/daemonlint/apivalidation/core"
)

// podKinds are the pod-bearing kinds these tests decode, by apiVersion and
// kind.
var podKinds = map[metav1.TypeMeta]func() runtime.Object{
	{APIVersion: "v1", Kind: "Pod"}:                   func() runtime.Object { return new(corev1.Pod) },
	{APIVersion: "v1", Kind: "PodTemplate"}:           func() runtime.Object { return new(corev1.PodTemplate) },
	{APIVersion: "v1", Kind: "ReplicationController"}: func() runtime.Object { return new(corev1.ReplicationController) },
	{APIVersion: "apps/v1", Kind: "DaemonSet"}:        func() runtime.Object { return new(appsv1.DaemonSet) },
	{APIVersion: "apps/v1", Kind: "ReplicaSet"}:       func() runtime.Object { return new(appsv1.ReplicaSet) },
	{APIVersion: "apps/v1", Kind: "Deployment"}:       func() runtime.Object { return new(appsv1.Deployment) },
	{APIVersion: "apps/v1", Kind: "StatefulSet"}:      func() runtime.Object { return new(appsv1.StatefulSet) },
	{APIVersion: "batch/v1", Kind: "Job"}:             func() runtime.Object { return new(batchv1.Job) },
	{APIVersion: "batch/v1", Kind: "CronJob"}:         func() runtime.Object { return new(batchv1.CronJob) },
}

// decodePodKind reads one manifest as the API server reads the JSON body
// kubectl sends: obj is nil for a kind not in podKinds, and err reports a
// document the strict decoder rejects.
func decodePodKind(src []byte) (typ metav1.TypeMeta, obj runtime.Object, err error) {
	data, err := yaml.YAMLToJSON(src)
	if err != nil {
		return typ, nil, fmt.Errorf("reading YAML: %w", err)
	}
	if err := sigsjson.UnmarshalCaseSensitivePreserveInts(data, &typ); err != nil {
		return typ, nil, err
	}
	newObj := podKinds[typ]
	if newObj == nil {
		return typ, nil, nil
	}
	obj = newObj()
	strict, err := sigsjson.UnmarshalStrict(data, obj, sigsjson.DisallowUnknownFields)
	if err == nil && len(strict) > 0 {
		err = strict[0]
	}
	return typ, obj, err
}

// validatePodKind runs the entry point of obj's kind.
func validatePodKind(t *testing.T, obj runtime.Object, opts core.Options) field.ErrorList {
	t.Helper()
	for _, validate := range []func(runtime.Object, core.Options) (field.ErrorList, bool){core.ValidateObject, apps.ValidateObject, batch.ValidateObject} {
		if errs, ok := validate(obj, opts); ok {
			return errs
		}
	}
	t.Fatalf("no entry point validates %T", obj)
	return nil
}

// uidRE matches a UID, which the server generates at random for a new
// object: details that quote one are compared without it.
var uidRE = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// errorLines renders errors as the golden files list them: type, field and
// detail, with UIDs blanked, sorted.
func errorLines(errs field.ErrorList) []string {
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		out = append(out, uidRE.ReplaceAllString(string(e.Type)+" "+e.Field+" "+e.ErrorBody(), "<uid>"))
	}
	slices.Sort(out)
	return out
}

// TestGoldenPodKinds checks every case of testdata/apiserver-golden-pods
// against the real API server's recorded answer: the verdict, and for a
// 422 the same (type, field, detail) errors.
func TestGoldenPodKinds(t *testing.T) {
	wants, err := filepath.Glob("../testdata/apiserver-golden-pods/*.want")
	if err != nil || len(wants) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	perKind := map[string]int{}
	for _, wantFile := range wants {
		name := strings.TrimSuffix(filepath.Base(wantFile), ".want")
		t.Run(name, func(t *testing.T) {
			verdict, wantErrs, allowPrivileged := readWant(t, wantFile)
			src, err := os.ReadFile(strings.TrimSuffix(wantFile, ".want") + ".yaml")
			if err != nil {
				t.Fatal(err)
			}
			typ, obj, decodeErr := decodePodKind(src)
			if obj == nil {
				t.Fatalf("%s %s is not a pod-bearing kind", typ.APIVersion, typ.Kind)
			}
			perKind[typ.Kind]++
			if decodeErr != nil {
				t.Fatalf("decoding: %v", decodeErr)
			}
			got := errorLines(validatePodKind(t, obj, core.Options{DisallowPrivileged: !allowPrivileged}))
			switch verdict {
			case "201":
				if len(got) > 0 {
					t.Errorf("got errors, want the object accepted:\n  %s", strings.Join(got, "\n  "))
				}
			case "422":
				if !slices.Equal(got, wantErrs) {
					t.Errorf("validation errors:\ngot:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(wantErrs, "\n  "))
				}
			default:
				t.Fatalf("unexpected verdict %q", verdict)
			}
		})
	}
	for _, kind := range []string{"Pod", "PodTemplate", "ReplicationController", "StatefulSet", "Job", "CronJob"} {
		if perKind[kind] < 5 {
			t.Errorf("%d golden cases for %s, want at least 5", perKind[kind], kind)
		}
	}
}

// readWant reads a .want file: the verdict, the sorted error lines, and
// whether the server allowed privileged containers.
func readWant(t *testing.T, name string) (verdict string, errs []string, allowPrivileged bool) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(data)) {
		key, value, _ := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		switch key {
		case "verdict":
			verdict = value
		case "error":
			errs = append(errs, uidRE.ReplaceAllString(value, "<uid>"))
		case "allow-privileged":
			allowPrivileged = value == "true"
		case "#", "message":
		default:
			t.Fatalf("%s: unknown line %q", name, line)
		}
	}
	slices.Sort(errs)
	return verdict, errs, allowPrivileged
}
