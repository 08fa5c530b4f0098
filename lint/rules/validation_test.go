package rules_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/daemonlint/daemonlint/apivalidation/registry"
	"github.com/daemonlint/daemonlint/internal/testcorpus"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/linttest"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

func TestValidationDisallowPrivileged(t *testing.T) {
	linttest.RunOptions(t, "testdata/validation/disallow-privileged", lint.Options{
		Rules:    []*lint.Rule{rules.Validation},
		Settings: lint.Settings{DisallowPrivileged: true},
	})
}

// TestCorpusVerdicts checks daemonlint's verdict on every document of the
// shared corpus whose kind it judges in full (registry.JudgedKinds: every
// DaemonSet, Deployment, Pod, Service, ConfigMap, ClusterRole, ...) against
// the API server's, recorded from the reference oracle in
// testdata/corpus/verdicts.tsv (scripts/parity.sh compares them live), and
// reports the agreement per kind. For the other built-in kinds, whose
// metadata alone daemonlint judges, a metadata error must be one the
// server has too.
func TestCorpusVerdicts(t *testing.T) {
	corpus := testcorpus.Dir(t)
	judged := map[string]bool{}
	for _, gvk := range registry.JudgedKinds() {
		judged[gvk.Kind] = true
	}
	want := map[string]string{} // file#doc[/item] -> verdict
	kindOf := map[string]string{}
	files := map[string]bool{}
	for _, v := range readVerdicts(t) {
		files[v.file] = true
		kindOf[v.key()] = v.kind
		if judged[v.kind] {
			want[v.key()] = v.state
		}
	}
	recorded := map[string]string{}
	for _, v := range readVerdicts(t) {
		recorded[v.key()] = v.state
	}
	got := map[string]string{}
	for path := range files {
		src, err := os.ReadFile(filepath.Join(corpus, filepath.FromSlash(path)))
		if err != nil {
			t.Fatal(err)
		}
		docs, _ := manifest.Parse(manifest.NewFile(path, src))
		for _, d := range docs {
			key := fmt.Sprintf("%s#%d", path, d.Index)
			if d.Item >= 0 {
				key += fmt.Sprintf("/%d", d.Item)
			}
			verdict := rules.ServerVerdict(d, lint.Settings{})
			if verdict != "" {
				got[key] = string(verdict)
				continue
			}
			// Metadata alone: an error must be the server's too.
			if errs, ok := rules.ServerErrors(d, lint.Settings{}); ok && len(errs) > 0 && recorded[key] != "invalid" {
				t.Errorf("%s: %s %s: metadata errors %v, but the API server says %q", key, d.Kind, d.Name, errs, recorded[key])
			}
		}
	}
	agree := map[string]int{}
	total := map[string]int{}
	for _, key := range slices.Sorted(maps.Keys(want)) {
		total[kindOf[key]]++
		if got[key] != want[key] {
			t.Errorf("%s (%s): got verdict %q, want %q (the API server's)", key, kindOf[key], got[key], want[key])
			continue
		}
		agree[kindOf[key]]++
	}
	for _, key := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[key]; !ok {
			t.Errorf("%s: got verdict %q for a document the API server's record does not have", key, got[key])
		}
	}
	if len(want) == 0 {
		t.Error("no recorded verdicts")
	}
	for _, kind := range slices.Sorted(maps.Keys(total)) {
		t.Logf("%-24s %3d of %3d documents agree with the API server", kind, agree[kind], total[kind])
	}
	if len(total) < 10 {
		t.Errorf("verdicts of %d kinds compared, want every judged kind of the corpus (at least 10)", len(total))
	}
}
