package registry

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/yaml"
)

// mutationsDir holds corpus documents with seeded mutations and the
// server's answer to each, recorded by scripts/kindmutations.
const mutationsDir = "../../testdata/kinds-mutations"

// TestMutations checks every seeded mutation against the server's
// recorded answer: the same verdict, and the same field paths.
func TestMutations(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(mutationsDir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no recorded mutations")
	}
	for _, file := range files {
		kind := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(kind, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			docs, err := corpusDocs(data)
			if err != nil {
				t.Fatal(err)
			}
			tsv, err := os.ReadFile(strings.TrimSuffix(file, ".yaml") + ".tsv")
			if err != nil {
				t.Fatal(err)
			}
			var agree, paths, total int
			for _, line := range strings.Split(string(tsv), "\n") {
				if line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				f := strings.Split(line, "\t")
				if len(f) != 4 {
					t.Fatalf("bad line %q", line)
				}
				i, _ := strconv.Atoi(f[0])
				mutation, verdict := f[1], f[2]
				if verdict != "valid" && verdict != "invalid" {
					continue
				}
				if i >= len(docs) || len(docs[i]) != 1 {
					t.Fatalf("document %d not found", i)
				}
				var head metav1.TypeMeta
				if err := yaml.Unmarshal(docs[i][0], &head); err != nil {
					t.Fatal(err)
				}
				gvk := schema.FromAPIVersionAndKind(head.APIVersion, head.Kind)
				obj, err := Decode(gvk, docs[i][0])
				if err != nil {
					t.Errorf("document %d (%s): %v", i, mutation, err)
					continue
				}
				errs, _ := Validate(gvk, obj, Options{})
				total++
				got := "valid"
				if len(errs) > 0 {
					got = "invalid"
				}
				if got != verdict {
					t.Errorf("document %d (%s): got %s, the server says %s; our errors: %v", i, mutation, got, verdict, errs)
					continue
				}
				agree++
				gotFields := []string{}
				for _, e := range errs {
					gotFields = append(gotFields, e.Field)
				}
				slices.Sort(gotFields)
				var wantFields []string
				if err := json.Unmarshal([]byte(f[3]), &wantFields); err != nil {
					t.Fatalf("bad field paths %q: %v", f[3], err)
				}
				if !slices.Equal(gotFields, wantFields) {
					t.Errorf("document %d (%s): field paths %q, the server's %q", i, mutation, gotFields, wantFields)
					continue
				}
				paths++
			}
			t.Logf("%d/%d verdicts and %d/%d field path sets agree with the server", agree, total, paths, total)
		})
	}
}
