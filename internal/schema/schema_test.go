package schema

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/daemonlint/daemonlint/internal/schema/gen"
)

func TestKindsAndFiles(t *testing.T) {
	files, err := fs.Glob(data, "data/*.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	var served []string
	for i, k := range kinds {
		if i > 0 {
			prev := kinds[i-1]
			if prev.APIVersion() > k.APIVersion() || prev.APIVersion() == k.APIVersion() && prev.Kind >= k.Kind {
				t.Errorf("kinds are not sorted: %s %s before %s %s", prev.APIVersion(), prev.Kind, k.APIVersion(), k.Kind)
			}
		}
		if k.Served != (k.file != "") {
			t.Errorf("%s %s: served %t but file %q", k.APIVersion(), k.Kind, k.Served, k.file)
		}
		if k.Served {
			served = append(served, "data/"+k.file)
		}
	}
	slices.Sort(served)
	if !slices.Equal(files, served) {
		t.Errorf("embedded files %q do not match the served kinds %q", files, served)
	}
	for i := 1; i < len(groups); i++ {
		if groups[i-1] >= groups[i] {
			t.Errorf("groups are not sorted: %q before %q", groups[i-1], groups[i])
		}
	}
}

func TestFindAndGroups(t *testing.T) {
	for _, tc := range []struct {
		apiVersion, kind string
		found, served    bool
	}{
		{"v1", "Service", true, true},
		{"apps/v1", "StatefulSet", true, true},
		{"apps/v1", "DaemonSet", true, true},
		{"networking.k8s.io/v1", "Ingress", true, true},
		{"apiextensions.k8s.io/v1", "CustomResourceDefinition", true, true},
		{"resource.k8s.io/v1beta1", "ResourceClaim", true, false},
		{"v1", "Servic", false, false},
		{"batch/v1beta1", "CronJob", false, false},
		{"extensions/v1beta1", "DaemonSet", false, false},
		{"v1", "ServiceList", false, false},
		{"authentication.k8s.io/v1", "TokenRequest", false, false}, // a subresource
	} {
		t.Run(tc.apiVersion+" "+tc.kind, func(t *testing.T) {
			k, ok := Find(tc.apiVersion, tc.kind)
			if ok != tc.found || k.Served != tc.served {
				t.Errorf("Find = %+v, %t; want found %t, served %t", k, ok, tc.found, tc.served)
			}
			_, ok, err := Lookup(tc.apiVersion, tc.kind)
			if err != nil {
				t.Fatal(err)
			}
			if ok != tc.served {
				t.Errorf("Lookup ok = %t, want %t", ok, tc.served)
			}
		})
	}
	for _, tc := range []struct {
		group string
		want  bool
	}{
		{"", true}, {"apps", true}, {"rbac.authorization.k8s.io", true}, {"apiextensions.k8s.io", true},
		{"monitoring.coreos.com", false}, {"extensions", false}, {"Apps", false},
	} {
		if got := IsBuiltinGroup(tc.group); got != tc.want {
			t.Errorf("IsBuiltinGroup(%q) = %t, want %t", tc.group, got, tc.want)
		}
	}
}

// TestEveryKindCompiles decompresses and compiles every embedded schema.
func TestEveryKindCompiles(t *testing.T) {
	for _, k := range Kinds() {
		if !k.Served {
			continue
		}
		s, ok, err := Lookup(k.APIVersion(), k.Kind)
		if err != nil || !ok || s == nil {
			t.Errorf("Lookup(%s, %s) = %v, %t, %v", k.APIVersion(), k.Kind, s, ok, err)
		}
	}
}

func validate(t *testing.T, apiVersion, kind, doc string) error {
	t.Helper()
	s, ok, err := Lookup(apiVersion, kind)
	if err != nil || !ok {
		t.Fatalf("Lookup(%s, %s) = %t, %v", apiVersion, kind, ok, err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	return s.Validate(inst)
}

func TestServiceSchema(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      string // "" when valid, else text the error must hold
	}{
		{"valid", `{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "creationTimestamp": null},
			"spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": "http"}]}}`, ""},
		{"unknown field", `{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}, "spec": {"selectr": {"app": "web"}}}`,
			"additional properties 'selectr' not allowed"},
		{"port as a string", `{"apiVersion": "v1", "kind": "Service", "spec": {"ports": [{"port": "80"}]}}`, "got string, want null or integer"},
		{"port missing", `{"apiVersion": "v1", "kind": "Service", "spec": {"ports": [{"name": "x"}]}}`, "missing property 'port'"},
		{"bad creation time", `{"apiVersion": "v1", "kind": "Service", "metadata": {"creationTimestamp": "yesterday"}}`, `parsing time "yesterday"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := validate(t, "v1", "Service", tc.doc)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("valid Service refused: %v", err)
			case tc.want != "" && err == nil:
				t.Errorf("Service accepted, want an error with %q", tc.want)
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Errorf("error %q does not hold %q", err, tc.want)
			}
		})
	}
}

func TestCustomFormats(t *testing.T) {
	for _, tc := range []struct {
		name, apiVersion, kind, doc string
		ok                          bool
	}{
		{"quantity string", "v1", "ResourceQuota", `{"spec": {"hard": {"cpu": " 500m ", "memory": "1Gi"}}}`, true},
		{"quantity number", "v1", "ResourceQuota", `{"spec": {"hard": {"cpu": 1.5}}}`, true},
		{"bad quantity", "v1", "ResourceQuota", `{"spec": {"hard": {"cpu": "1.2.3"}}}`, false},
		{"base64", "v1", "Secret", `{"data": {"a": "aGVsbG8="}}`, true},
		{"not base64", "v1", "Secret", `{"data": {"a": "hello!"}}`, false},
		{"micro time", "events.k8s.io/v1", "Event", `{"eventTime": "2024-01-02T15:04:05.000000Z"}`, true},
		{"bad micro time", "events.k8s.io/v1", "Event", `{"eventTime": "2024-01-02"}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := validate(t, tc.apiVersion, tc.kind, tc.doc)
			if got := err == nil; got != tc.ok {
				t.Errorf("valid = %t, want %t (%v)", got, tc.ok, err)
			}
		})
	}
}

func TestLookupConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	got := make([]*jsonschema.Schema, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, _, err := Lookup("v1", "ConfigMap")
			if err != nil {
				t.Error(err)
			}
			got[i] = s
		}()
	}
	wg.Wait()
	for _, s := range got[1:] {
		if s != got[0] {
			t.Fatal("Lookup compiled the same kind twice")
		}
	}
}

// TestGeneratedDataIsUpToDate regenerates the schemas from the OpenAPI
// documents of the release, when its module is in the module cache, and
// compares them with the embedded ones.
func TestGeneratedDataIsUpToDate(t *testing.T) {
	cache := os.Getenv("GOMODCACHE")
	if cache == "" {
		out, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			t.Skipf("go env GOMODCACHE: %v", err)
		}
		cache = strings.TrimSpace(string(out))
	}
	dir := filepath.Join(cache, "k8s.io", "kubernetes@"+Release, "api", "openapi-spec", "v3")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("k8s.io/kubernetes@%s is not in the module cache (go mod download k8s.io/kubernetes@%s)", Release, Release)
	}
	out, err := gen.Generate(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	src, err := out.GoSource(Release, "go run gen/main.go")
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("kinds_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(src, have) {
		t.Error("kinds_gen.go is out of date: run go generate ./internal/schema")
	}
	for name, raw := range out.Raw {
		f, err := data.Open("data/" + name)
		if err != nil {
			t.Errorf("%s: %v (run go generate ./internal/schema)", name, err)
			continue
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		embedded, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(embedded, raw) {
			t.Errorf("data/%s is out of date: run go generate ./internal/schema", name)
		}
	}
}

func benchmarkCompile(b *testing.B, apiVersion, kind string) {
	i := find(apiVersion, kind)
	if i < 0 {
		b.Fatalf("no kind %s %s", apiVersion, kind)
	}
	for b.Loop() {
		if _, err := compile(kinds[i]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompile measures what the first Lookup of a kind costs:
// decompressing and compiling its schema.
func BenchmarkCompileConfigMap(b *testing.B) { benchmarkCompile(b, "v1", "ConfigMap") }
func BenchmarkCompileService(b *testing.B)   { benchmarkCompile(b, "v1", "Service") }
func BenchmarkCompileClusterRole(b *testing.B) {
	benchmarkCompile(b, "rbac.authorization.k8s.io/v1", "ClusterRole")
}
func BenchmarkCompileStatefulSet(b *testing.B) { benchmarkCompile(b, "apps/v1", "StatefulSet") }
func BenchmarkCompileCRD(b *testing.B) {
	benchmarkCompile(b, "apiextensions.k8s.io/v1", "CustomResourceDefinition")
}

// BenchmarkLoadStatefulSet measures decompressing and parsing alone.
func BenchmarkLoadStatefulSet(b *testing.B) {
	i := find("apps/v1", "StatefulSet")
	for b.Loop() {
		if _, err := load(kinds[i].file); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLookup measures a Lookup of a kind already compiled.
func BenchmarkLookup(b *testing.B) {
	if _, _, err := Lookup("v1", "Service"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, ok, _ := Lookup("v1", "Service"); !ok {
			b.Fatal("no schema")
		}
	}
}
