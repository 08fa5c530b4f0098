package daemonset_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/manifest"
	appsv1 "k8s.io/api/apps/v1"
)

// TestValidateDoesNotMutate checks that Validate works on a copy: the
// defaults it applies must not leak into the caller's object.
func TestValidateDoesNotMutate(t *testing.T) {
	ds := decodeDaemonSet(t, "../testdata/apiserver-golden/03-ds-selector-does-not-match-template-labels.yaml")
	before := ds.DeepCopy()
	daemonset.Validate(ds, daemonset.Options{})
	if ds.Spec.UpdateStrategy.Type != before.Spec.UpdateStrategy.Type || ds.Spec.RevisionHistoryLimit != nil ||
		ds.Spec.Template.Spec.DNSPolicy != "" || ds.Namespace != "" {
		t.Errorf("Validate changed its argument: got %+v, want %+v", ds.Spec, before.Spec)
	}
}

// decodeDaemonSet reads the one DaemonSet of a manifest, as lint does.
func decodeDaemonSet(tb testing.TB, name string) *appsv1.DaemonSet {
	tb.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	docs, _ := manifest.Parse(manifest.NewFile(filepath.Base(name), src))
	if len(docs) != 1 {
		tb.Fatalf("%s: got %d documents, want 1", name, len(docs))
	}
	ds := docs[0].DaemonSet()
	if ds == nil {
		tb.Fatalf("%s: not a DaemonSet", name)
	}
	return ds
}

// BenchmarkValidateDaemonSet measures Validate on a realistic DaemonSet
// (the tutorial's log collector, with volumes, probes and resources).
func BenchmarkValidateDaemonSet(b *testing.B) {
	ds := decodeDaemonSet(b, "testdata/bench-daemonset.yaml")
	if errs := daemonset.Validate(ds, daemonset.Options{}); len(errs) != 0 {
		b.Fatalf("the benchmark's DaemonSet is invalid: %v", errs)
	}
	b.ReportAllocs()
	for b.Loop() {
		daemonset.Validate(ds, daemonset.Options{})
	}
}
