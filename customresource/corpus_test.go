package customresource

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"

	"github.com/daemonlint/daemonlint/internal/testcorpus"
)

// sharedDirs returns the shared folders of manifests that are here: the
// corpus and the slices of real repositories beside it.
func sharedDirs(t *testing.T) []string {
	t.Helper()
	corpus, ok := testcorpus.Find()
	if !ok {
		t.Skip("the shared corpus is not here; set DAEMONLINT_CORPUS to its path to run this test")
	}
	dirs := []string{corpus}
	if info, err := os.Stat(filepath.Join(filepath.Dir(corpus), "repos")); err == nil && info.IsDir() {
		dirs = append(dirs, filepath.Join(filepath.Dir(corpus), "repos"))
	}
	return dirs
}

// manifest is one document of a shared file, as JSON.
type manifest struct {
	file       string // relative to the shared folder's parent
	index      int
	json       []byte
	apiVersion string
	kind       string
}

// readManifests reads every YAML and JSON document under dirs that
// decodes, as kubectl splits and converts them. The templates of Helm
// charts are left out.
func readManifests(t *testing.T, dirs []string) []manifest {
	t.Helper()
	var out []manifest
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch filepath.Ext(path) {
			case ".yaml", ".yml", ".json":
			default:
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if slices.Contains(strings.Split(filepath.ToSlash(path), "/"), "templates") {
				return nil // a chart's templates: render them first
			}
			rel, _ := filepath.Rel(filepath.Dir(dir), path)
			r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
			for i := 0; ; i++ {
				doc, err := r.Read()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					break // not YAML: other tests cover it
				}
				j, err := yaml.YAMLToJSON(doc)
				if err != nil {
					continue
				}
				var head struct {
					APIVersion string `json:"apiVersion"`
					Kind       string `json:"kind"`
				}
				if json.Unmarshal(j, &head) != nil || head.Kind == "" {
					continue
				}
				out = append(out, manifest{file: rel, index: i, json: j, apiVersion: head.APIVersion, kind: head.Kind})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// ruleOf matches what Validate appends to the messages of CEL rules.
var ruleOf = regexp.MustCompile(` \(rule of CustomResourceDefinition [^ ]+ \(.*\)\)$`)

// serverVerdict is the API server's answer that the kubectl-validate
// fixtures keep in their leading comment.
type serverVerdict struct {
	Details struct {
		Causes []struct {
			Message string `json:"message"`
			Field   string `json:"field"`
		} `json:"causes"`
	} `json:"details"`
}

// leadingVerdict reads the JSON status in the leading comment of a
// kubectl-validate fixture; ok is false when there is none.
func leadingVerdict(t *testing.T, path string) (causes []string, ok bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var js strings.Builder
	for line := range strings.SplitSeq(string(data), "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		js.WriteString(strings.TrimPrefix(line, "#"))
	}
	var v serverVerdict
	if json.Unmarshal([]byte(js.String()), &v) != nil {
		return nil, false
	}
	for _, c := range v.Details.Causes {
		f := c.Field
		if f == "<nil>" {
			f = ""
		}
		causes = append(causes, f+": "+c.Message)
	}
	return causes, true
}

// TestSharedManifests loads every CustomResourceDefinition of the shared
// corpus and repositories and validates every custom resource there
// against them. Where the fixture records the real API server's verdict
// (kubectl-validate's fixtures) the findings must be the same; the
// node-feature-discovery samples must be clean; CRDs must be valid except
// those the server refuses.
func TestSharedManifests(t *testing.T) {
	dirs := sharedDirs(t)
	docs := readManifests(t, dirs)
	reg := NewRegistry()

	// CRD manifests the API server refuses (verdict in the fixture).
	refused := map[string]bool{"corpus/peer-kubectl-validate/error_crd_typo.yaml": true}
	crds := 0
	for _, d := range docs {
		if d.kind != "CustomResourceDefinition" || d.apiVersion != "apiextensions.k8s.io/v1" {
			continue
		}
		crds++
		r := reg
		if refused[d.file] {
			r = NewRegistry() // keep it from shadowing the CRD kind
			causes, _ := leadingVerdict(t, filepath.Join(filepath.Dir(dirs[0]), d.file))
			var got []string
			for _, e := range r.AddCRDManifest(d.json, d.file) {
				got = append(got, e.Field+": "+e.ErrorBody())
			}
			for i, c := range causes { // the server's paths are into its internal version
				f, msg, _ := strings.Cut(c, ": ")
				causes[i] = manifestPath(f) + ": " + msg
			}
			if !slices.Equal(got, causes) {
				t.Errorf("%s: got %q, want the server's %q", d.file, got, causes)
			}
			continue
		}
		if errs := r.AddCRDManifest(d.json, d.file); len(errs) > 0 {
			t.Errorf("%s#%d: CRD errors: %v", d.file, d.index, errs)
		}
	}
	if crds == 0 {
		t.Fatal("no CustomResourceDefinitions in the shared folders")
	}

	var found, clean, compared int
	for _, d := range docs {
		if d.kind == "CustomResourceDefinition" {
			continue
		}
		errs, ok := reg.ValidateJSON(d.json)
		if !ok {
			continue
		}
		found++
		var got []string
		for _, e := range errs {
			// The server's own text, without the CRD this package names.
			got = append(got, e.Field+": "+ruleOf.ReplaceAllString(e.ErrorBody(), ""))
		}
		t.Logf("%s#%d %s: %d errors", d.file, d.index, d.kind, len(errs))
		if len(errs) == 0 {
			clean++
		}
		switch {
		case strings.HasPrefix(d.file, "corpus/peer-kubectl-validate/"):
			want, ok := leadingVerdict(t, filepath.Join(filepath.Dir(dirs[0]), d.file))
			if !ok {
				want = nil // no verdict kept: the fixture is valid
			}
			compared++
			if !slices.Equal(got, want) {
				t.Errorf("%s#%d: got %q, want the server's %q", d.file, d.index, got, want)
			}
		case strings.Contains(d.file, "nodefeaturerule/samples/"):
			if len(errs) > 0 {
				t.Errorf("%s#%d: got %q, want no errors", d.file, d.index, got)
			}
		default:
			if len(errs) > 0 {
				t.Logf("%s#%d %s: %q", d.file, d.index, d.kind, got)
			}
		}
	}
	t.Logf("%d CRDs, %d custom resources with a CRD at hand (%d clean), %d compared with recorded server verdicts", crds, found, clean, compared)
	if found == 0 || compared == 0 {
		t.Errorf("found %d custom resources and compared %d verdicts; want some of each", found, compared)
	}
}
