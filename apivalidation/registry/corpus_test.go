package registry

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"

	"github.com/daemonlint/daemonlint/apivalidation/objectmeta"
	"github.com/daemonlint/daemonlint/internal/testcorpus"
)

// verdictsFile holds the server's verdict on every document of the shared
// corpus, recorded by scripts/oracle-verdicts.sh.
const verdictsFile = "../../lint/rules/testdata/corpus/verdicts.tsv"

// corpusDocs splits a corpus file as the oracle (and kubectl) does and
// returns its documents that hold something, in order, each as a list of
// objects: the document itself, or the items of a List.
func corpusDocs(data []byte) ([][][]byte, error) {
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var docs [][][]byte
	for {
		chunk, err := r.Read()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, err
		}
		var m map[string]any
		if err := yaml.Unmarshal(chunk, &m); err != nil {
			docs = append(docs, nil) // a syntax error is a document too
			continue
		}
		if m == nil {
			continue
		}
		items, ok := m["items"].([]any)
		if !ok {
			docs = append(docs, [][]byte{chunk})
			continue
		}
		var objs [][]byte
		for _, it := range items {
			b, err := yaml.Marshal(it)
			if err != nil {
				return docs, err
			}
			objs = append(objs, b)
		}
		docs = append(docs, objs)
	}
}

// TestCorpusVerdicts checks that every document of a judged kind in the
// shared corpus gets the server's verdict: an error when the server
// refused it, none when it accepted it.
func TestCorpusVerdicts(t *testing.T) {
	dir := testcorpus.Dir(t)
	b, err := os.ReadFile(verdictsFile)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][][][]byte{}
	type tally struct{ agree, total int }
	perKind := map[string]*tally{}
	metaChecked := 0
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 8 {
			t.Fatalf("bad line in %s: %q", verdictsFile, line)
		}
		file, apiVersion, kind, name, verdict := f[0], f[3], f[4], f[5], f[6]
		docIdx, _ := strconv.Atoi(f[1])
		item, _ := strconv.Atoi(f[2])
		gvk := schema.FromAPIVersionAndKind(apiVersion, kind)
		if verdict != "valid" && verdict != "invalid" {
			continue
		}
		_, metaKnown := objectmeta.RuleFor(gvk.GroupKind())
		if !Judged(gvk) && !metaKnown {
			continue
		}
		docs, ok := files[file]
		if !ok {
			data, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			if docs, err = corpusDocs(data); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			files[file] = docs
		}
		where := file + "#" + f[1]
		if item >= 0 {
			where += "[" + f[2] + "]"
		}
		if docIdx >= len(docs) || docs[docIdx] == nil {
			t.Errorf("%s: %s %s: document not found", where, kind, name)
			continue
		}
		objs := docs[docIdx]
		if item < 0 {
			item = 0
		}
		if item >= len(objs) {
			t.Errorf("%s: %s %s: item not found", where, kind, name)
			continue
		}
		if !Judged(gvk) {
			// Only the metadata is judged: an error there must be one the
			// server also refuses the document for.
			var head struct {
				Metadata metav1.ObjectMeta `json:"metadata"`
			}
			if err := yaml.Unmarshal(objs[item], &head); err != nil {
				t.Errorf("%s: %v", where, err)
				continue
			}
			if errs, _ := objectmeta.ValidateMetadata(&head.Metadata, gvk.GroupKind()); len(errs) > 0 && verdict == "valid" {
				t.Errorf("%s: %s %q: the server accepts it, but its metadata gets %v", where, kind, name, errs)
			}
			metaChecked++
			continue
		}
		obj, err := Decode(gvk, objs[item])
		if err != nil && verdict == "valid" {
			// kubectl keeps the last of repeated keys, which strict
			// decoding refuses: read the document as kubectl does.
			obj, _ = New(gvk)
			err = yaml.Unmarshal(objs[item], obj)
		}
		if err != nil {
			// Decoding errors are the lint layer's to report; here it is
			// enough that the server refuses the document too.
			if verdict == "valid" {
				t.Errorf("%s: the server accepts it, but it does not decode: %v", where, err)
			}
			continue
		}
		if m, ok := obj.(interface{ GetName() string }); ok && name != "" && m.GetName() != name {
			t.Errorf("%s: %s is named %q here, %q in %s: the documents are not aligned", where, kind, m.GetName(), name, verdictsFile)
			continue
		}
		errs, _ := Validate(gvk, obj, Options{})
		got := "valid"
		if len(errs) > 0 {
			got = "invalid"
		}
		tl := perKind[kind]
		if tl == nil {
			tl = &tally{}
			perKind[kind] = tl
		}
		tl.total++
		if got != verdict {
			t.Errorf("%s: %s %q: got %s, the server says %s; our errors: %v", where, kind, name, got, verdict, errs)
			continue
		}
		tl.agree++
	}
	kinds := make([]string, 0, len(perKind))
	for k := range perKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		t.Logf("%-20s %d/%d documents agree with the server", k, perKind[k].agree, perKind[k].total)
	}
	t.Logf("%d documents of other built-in kinds had their metadata checked", metaChecked)
	if len(kinds) == 0 {
		t.Error("no document of a judged kind in the corpus")
	}
}
