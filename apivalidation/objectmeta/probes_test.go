package objectmeta

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// TestProbes checks the metadata rule of every served kind against the
// server's answers recorded by scripts/kindmetadata: the same errors under
// metadata, by type and field.
func TestProbes(t *testing.T) {
	data, err := os.ReadFile("../../testdata/kinds-metadata/probes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var docs [][]byte
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(bytes.TrimSpace(doc)) > 0 {
			docs = append(docs, doc)
		}
	}
	tsv, err := os.ReadFile("../../testdata/kinds-metadata/probes.tsv")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(tsv), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			t.Fatalf("bad line %q", line)
		}
		i, _ := strconv.Atoi(f[0])
		var want []string
		if err := json.Unmarshal([]byte(f[3]), &want); err != nil {
			t.Fatal(err)
		}
		others, _ := strconv.Atoi(f[4])
		if i >= len(docs) {
			t.Fatalf("document %d not found", i)
		}
		var head struct {
			metav1.TypeMeta `json:",inline"`
			Metadata        metav1.ObjectMeta `json:"metadata"`
		}
		if err := yaml.Unmarshal(docs[i], &head); err != nil {
			t.Fatal(err)
		}
		if head.APIVersion != f[1] || head.Kind != f[2] {
			t.Fatalf("document %d is a %s %s, the record says %s %s", i, head.APIVersion, head.Kind, f[1], f[2])
		}
		gk := schema.FromAPIVersionAndKind(head.APIVersion, head.Kind).GroupKind()
		r, ok := RuleFor(gk)
		if !ok {
			t.Errorf("document %d: no rule for %s", i, gk)
			continue
		}
		var errs []string
		var list []*field.Error
		if others == 0 {
			// The generic check runs only when nothing else failed, as in
			// ValidateMetadata.
			list, _ = ValidateMetadata(&head.Metadata, gk)
		} else {
			m := head.Metadata.DeepCopy()
			Prepare(m, r.Namespaced)
			list = ValidateRule(m, r)
		}
		for _, e := range list {
			errs = append(errs, string(e.Type)+" "+e.Field)
		}
		slices.Sort(errs)
		errs = slices.Compact(errs)
		if !slices.Equal(errs, want) && !(len(errs) == 0 && len(want) == 0) {
			t.Errorf("document %d (%s, %q): got %q, the server's %q", i, gk, head.Metadata.Name+head.Metadata.GenerateName, errs, want)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no probes")
	}
}
