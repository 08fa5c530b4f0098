package rules_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

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

// TestCorpusWorkloadVerdicts checks daemonlint's verdict on every DaemonSet,
// ReplicaSet and Deployment document of the shared corpus against the API
// server's, recorded from the reference oracle in
// testdata/corpus/verdicts.tsv (scripts/parity.sh compares them live).
func TestCorpusWorkloadVerdicts(t *testing.T) {
	corpus := testcorpus.Dir(t)
	want := map[string]string{} // file#doc[/item] -> verdict
	files := map[string]bool{}
	for _, v := range readVerdicts(t) {
		switch v.kind {
		case "DaemonSet", "ReplicaSet", "Deployment":
			want[v.key()] = v.state
			files[v.file] = true
		}
	}
	got := map[string]string{}
	for path := range files {
		src, err := os.ReadFile(filepath.Join(corpus, filepath.FromSlash(path)))
		if err != nil {
			t.Fatal(err)
		}
		docs, _ := manifest.Parse(manifest.NewFile(path, src))
		for _, d := range docs {
			verdict := rules.ServerVerdict(d, lint.Settings{})
			if verdict == "" {
				continue
			}
			key := fmt.Sprintf("%s#%d", path, d.Index)
			if d.Item >= 0 {
				key += fmt.Sprintf("/%d", d.Item)
			}
			got[key] = string(verdict)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(want)) {
		if got[key] != want[key] {
			t.Errorf("%s: got verdict %q, want %q (the API server's)", key, got[key], want[key])
		}
	}
	for _, key := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[key]; !ok {
			t.Errorf("%s: got verdict %q for a document the API server's record does not have", key, got[key])
		}
	}
	if len(want) == 0 {
		t.Error("no recorded verdicts")
	}
	t.Logf("%d DaemonSet, ReplicaSet and Deployment documents agree with the API server", len(want))
}
