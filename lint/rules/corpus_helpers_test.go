package rules_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/internal/testcorpus"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// A verdict is the API server's answer to one corpus document, recorded
// in testdata/corpus/verdicts.tsv by scripts/oracle-verdicts.sh.
type verdict struct {
	file                          string
	doc, item                     int // item is -1 outside a List
	apiVersion, kind, name, state string
	code                          int // the HTTP status; 0 when kubectl refuses before sending
}

// key names the document as file#doc or file#doc/item.
func (v verdict) key() string {
	k := v.file + "#" + strconv.Itoa(v.doc)
	if v.item >= 0 {
		k += "/" + strconv.Itoa(v.item)
	}
	return k
}

func readVerdicts(t *testing.T) []verdict {
	t.Helper()
	f, err := os.Open("testdata/corpus/verdicts.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []verdict
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 8 {
			t.Fatalf("verdicts.tsv: bad line %q", line)
		}
		doc, err1 := strconv.Atoi(cols[1])
		item, err2 := strconv.Atoi(cols[2])
		code, err3 := strconv.Atoi(cols[7])
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("verdicts.tsv: bad line %q", line)
		}
		out = append(out, verdict{file: cols[0], doc: doc, item: item, apiVersion: cols[3], kind: cols[4], name: cols[5], state: cols[6], code: code})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCorpus lints every file of the shared corpus with all rules: no rule
// may break, documents are numbered as kubectl numbers them, and the
// header, selector, validation and schema rules never call an object wrong
// that the API server accepts.
func TestCorpus(t *testing.T) {
	dir := testcorpus.Dir(t)
	verdicts := map[string]verdict{}
	for _, v := range readVerdicts(t) {
		verdicts[v.key()] = v
	}
	seen := map[string]bool{}
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
		f := manifest.NewFile(rel, src)
		docs, serrs := manifest.Parse(f)
		for _, e := range serrs {
			seen[fmt.Sprintf("%s#%d", rel, e.Document)] = true
		}
		for _, doc := range docs {
			key := fmt.Sprintf("%s#%d", rel, doc.Index)
			if doc.Item >= 0 {
				key += fmt.Sprintf("/%d", doc.Item)
			} else if doc.IsList() {
				continue // the API server sees the items only
			}
			seen[key] = true
			if _, ok := verdicts[key]; !ok {
				t.Errorf("%s: document %s (%s/%s) is not in the recorded verdicts", rel, key, doc.Kind, doc.Name)
			}
		}
		diags, _, err := lint.CheckFile(f, lint.Options{Rules: rules.All()})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diags {
			if d.Rule == lint.InternalErrorRule {
				t.Errorf("%s: %s", rel, d.Message)
			}
			if d.Severity != lint.Error || (d.Rule != "kind-spelling" && d.Rule != "selector-mismatch" && d.Rule != "api-version" && d.Rule != "validation" && d.Rule != "schema") {
				continue
			}
			for key, v := range verdicts {
				if strings.HasPrefix(key, fmt.Sprintf("%s#%d", rel, d.Document)) && v.kind == d.Object.Kind && v.name == d.Object.Name && v.state == "valid" {
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
			t.Errorf("the API server judged %s, which Parse did not find", key)
		}
	}
	t.Logf("%d files, %d documents", files, len(seen))
}
