package apps_test

import (
	"os"
	"testing"

	appsv1 "k8s.io/api/apps/v1"

	"github.com/daemonlint/daemonlint/apivalidation/apps"
	"github.com/daemonlint/daemonlint/apivalidation/core"
)

// TestValidateDoesNotMutate checks that ValidateDaemonSet works on a copy:
// the defaults it applies must not leak into the caller's object.
func TestValidateDoesNotMutate(t *testing.T) {
	ds := decodeDaemonSet(t, "../../testdata/apiserver-golden/03-ds-selector-does-not-match-template-labels.yaml")
	before := ds.DeepCopy()
	apps.ValidateDaemonSet(ds, core.Options{})
	if ds.Spec.UpdateStrategy.Type != before.Spec.UpdateStrategy.Type || ds.Spec.RevisionHistoryLimit != nil ||
		ds.Spec.Template.Spec.DNSPolicy != "" || ds.Namespace != "" {
		t.Errorf("ValidateDaemonSet changed its argument: got %+v, want %+v", ds.Spec, before.Spec)
	}
}

// decodeDaemonSet reads the one DaemonSet of a manifest, as the server
// decodes it.
func decodeDaemonSet(tb testing.TB, name string) *appsv1.DaemonSet {
	tb.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	_, obj, _, err := decodeManifest(src)
	ds, ok := obj.(*appsv1.DaemonSet)
	if err != nil || !ok {
		tb.Fatalf("%s: not a DaemonSet (%v)", name, err)
	}
	return ds
}

// BenchmarkValidateDaemonSet measures ValidateDaemonSet on a realistic
// DaemonSet (the tutorial's log collector, with volumes, probes and
// resources).
func BenchmarkValidateDaemonSet(b *testing.B) {
	ds := decodeDaemonSet(b, "testdata/bench-daemonset.yaml")
	if errs := apps.ValidateDaemonSet(ds, core.Options{}); len(errs) != 0 {
		b.Fatalf("the benchmark's DaemonSet is invalid: %v", errs)
	}
	b.ReportAllocs()
	for b.Loop() {
		apps.ValidateDaemonSet(ds, core.Options{})
	}
}
