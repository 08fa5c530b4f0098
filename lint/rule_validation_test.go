package lint_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/linttest"
)

func TestValidation(t *testing.T) {
	linttest.Run(t, "testdata/validation", lint.Validation)
}

func TestValidationDisallowPrivileged(t *testing.T) {
	linttest.RunOptions(t, "testdata/validation/disallow-privileged", lint.Options{
		Rules:    []*lint.Rule{lint.Validation},
		Settings: lint.Settings{DisallowPrivileged: true},
	})
}

func TestAPIVersion(t *testing.T) {
	linttest.Run(t, "testdata/api-version", lint.APIVersion)
}

// TestCorpusWorkloadVerdicts checks daemonlint's verdict on every DaemonSet,
// ReplicaSet and Deployment document of the shared corpus against the API
// server's, recorded from the reference oracle in
// ../testdata/corpus-verdicts.txt (see scripts/parity).
func TestCorpusWorkloadVerdicts(t *testing.T) {
	corpus := corpusDir(t)
	if corpus == "" {
		t.Skip("the shared corpus is not here; set DAEMONLINT_CORPUS to run this test")
	}
	data, err := os.ReadFile("../testdata/corpus-verdicts.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{} // path#doc[.item] -> verdict
	files := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 3 {
			t.Fatalf("bad line %q", line)
		}
		want[fields[0]] = fields[2]
		path, _, _ := strings.Cut(fields[0], "#")
		files[path] = true
	}
	got := map[string]string{}
	for path := range files {
		src, err := os.ReadFile(filepath.Join(corpus, filepath.FromSlash(path)))
		if err != nil {
			t.Fatal(err)
		}
		docs, _ := lint.Parse(lint.NewFile(path, src))
		for _, d := range docs {
			verdict := lint.ServerVerdict(d, lint.Settings{})
			if verdict == "" {
				continue
			}
			key := fmt.Sprintf("%s#%d", path, d.Index)
			if d.Item >= 0 {
				key = fmt.Sprintf("%s#%d.%d", path, d.Index, d.Item)
			}
			got[key] = verdict
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
}
