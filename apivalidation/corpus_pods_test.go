package apivalidation_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"

	"github.com/daemonlint/daemonlint/apivalidation/core"
	"github.com/daemonlint/daemonlint/internal/testcorpus"
)

// TestCorpusPodKinds checks every Pod, PodTemplate, ReplicationController,
// Deployment, StatefulSet, Job and CronJob document of the shared corpus
// against the API server's verdict recorded in
// testdata/apiserver-corpus-pods/verdicts.tsv (scripts/oracle-verdicts-pods.sh):
// decoding fails where the server's does, and otherwise the verdict (any
// error or none) is the server's, per kind. It is skipped when the corpus
// is not here.
func TestCorpusPodKinds(t *testing.T) {
	dir := testcorpus.Dir(t)
	f, err := os.Open("../testdata/apiserver-corpus-pods/verdicts.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docsOf := map[string][][]byte{}
	agree, total := map[string]int{}, map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 8 {
			t.Fatalf("bad line %q", line)
		}
		file, kind, verdict := cols[0], cols[4], cols[6]
		docIdx, _ := strconv.Atoi(cols[1])
		item, _ := strconv.Atoi(cols[2])
		docs, ok := docsOf[file]
		if !ok {
			docs, err = splitDocuments(filepath.Join(dir, file))
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			docsOf[file] = docs
		}
		name := fmt.Sprintf("%s#%d", file, docIdx)
		if docIdx >= len(docs) {
			t.Errorf("%s: the file has %d documents", name, len(docs))
			continue
		}
		doc := docs[docIdx]
		if item >= 0 {
			name += fmt.Sprintf(".%d", item)
			if doc, err = listItem(doc, item); err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
		}
		total[kind]++
		typ, obj, decodeErr := decodePodKind(doc)
		if obj == nil || typ.Kind != kind {
			t.Errorf("%s: got a %s, the server judged a %s", name, typ.Kind, kind)
			continue
		}
		switch {
		case verdict == "decode-error":
			if decodeErr == nil {
				t.Errorf("%s: decodes, the server's decoding fails", name)
				continue
			}
		case decodeErr != nil:
			t.Errorf("%s: decoding: %v; the server's verdict is %s", name, decodeErr, verdict)
			continue
		default:
			errs := validatePodKind(t, obj, core.Options{})
			if (len(errs) > 0) != (verdict == "invalid") {
				t.Errorf("%s: got errors %v, the server's verdict is %s (%s)", name, errs, verdict, cols[7])
				continue
			}
		}
		agree[kind]++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(total) == 0 {
		t.Fatal("no recorded documents")
	}
	for kind, n := range total {
		t.Logf("%s: %d of %d verdicts agree", kind, agree[kind], n)
	}
}

// splitDocuments splits a YAML stream as kubectl does, leaving out the
// documents that are empty or hold only comments (the oracle gives those
// no index).
func splitDocuments(path string) ([][]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var docs [][]byte
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		j, err := yaml.YAMLToJSON(doc)
		if err == nil && (len(bytes.TrimSpace(j)) == 0 || string(bytes.TrimSpace(j)) == "null") {
			continue
		}
		docs = append(docs, doc)
	}
}

// listItem returns item i of a List document, as JSON.
func listItem(doc []byte, i int) ([]byte, error) {
	j, err := yaml.YAMLToJSON(doc)
	if err != nil {
		return nil, err
	}
	var list struct {
		Items []json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(j, &list); err != nil {
		return nil, err
	}
	if i >= len(list.Items) {
		return nil, fmt.Errorf("the list has %d items", len(list.Items))
	}
	return list.Items[i], nil
}
