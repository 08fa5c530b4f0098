package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir returns the shared corpus of real manifests: $DAEMONLINT_CORPUS,
// or a shared/corpus folder above the working directory. Tests that need it
// are skipped when it is absent.
func corpusDir(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv("DAEMONLINT_CORPUS"); dir != "" {
		return dir
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		for _, c := range []string{filepath.Join(dir, "shared", "corpus"), filepath.Join(dir, "..", "shared", "corpus")} {
			if info, err := os.Stat(filepath.Join(c, "index.tsv")); err == nil && !info.IsDir() {
				return c
			}
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	t.Skip("the shared corpus is not here; set DAEMONLINT_CORPUS to run this test")
	return ""
}

// oracleVerdicts reads testdata/corpus/oracle-verdicts.txt: for each
// corpus document (file#doc or file#doc/item), the API server's verdict
// and the object's kind/name.
func oracleVerdicts(t *testing.T) map[string][2]string {
	t.Helper()
	data, err := os.ReadFile("testdata/corpus/oracle-verdicts.txt")
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string][2]string)
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 3 {
			t.Fatalf("bad line %q", line)
		}
		out[fields[0]] = [2]string{fields[1], fields[2]}
	}
	return out
}

// TestCorpus lints every file of the shared corpus with all rules: no rule
// may break, documents are numbered as kubectl numbers them, and the
// first rules never call a document wrong that the API server accepts.
func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	verdicts := oracleVerdicts(t)
	seen := make(map[string]bool)
	files := 0
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".yaml", ".yml", ".json":
		default:
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		f := NewFile(rel, src)
		docs, serrs := Parse(f)
		for _, e := range serrs {
			seen[fmt.Sprintf("%s#%d", rel, e.Document)] = true
		}
		for _, doc := range docs {
			key := fmt.Sprintf("%s#%d", rel, doc.Index)
			if doc.Item >= 0 {
				key += fmt.Sprintf("/%d", doc.Item)
			} else if doc.IsList() {
				continue // the oracle lists the items only
			}
			seen[key] = true
			if _, ok := verdicts[key]; !ok {
				t.Errorf("%s: document %s (%s/%s) is not in the oracle's list", rel, key, doc.Kind, doc.Name)
			}
		}
		diags, _ := CheckFile(f, Options{Rules: Rules()})
		for _, d := range diags {
			if d.Rule == InternalErrorRule {
				t.Errorf("%s: %s", rel, d.Message)
			}
			if d.Severity != Error || (d.Rule != "kind-spelling" && d.Rule != "selector-mismatch") {
				continue
			}
			for key, v := range verdicts {
				if strings.HasPrefix(key, fmt.Sprintf("%s#%d", rel, d.Document)) && v[0] == d.Object.Kind+"/"+orDash(d.Object.Name) && v[1] == "valid" {
					t.Errorf("%s:%d:%d: %s reports an object the API server accepts: %s", rel, d.Start.Line, d.Start.Column, d.Rule, d.Message)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for key := range verdicts {
		if !seen[key] {
			t.Errorf("the oracle judged %s, which Parse did not find", key)
		}
	}
	t.Logf("%d files, %d documents", files, len(seen))
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
