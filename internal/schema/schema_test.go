package schema

import (
	"bytes"
	"compress/gzip"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/daemonlint/daemonlint/internal/schema/gen"
)

var allReleases = flag.Bool("all-releases", false, "TestGeneratedDataIsUpToDate: check every release, not only the oldest and Default")

func TestReleaseTables(t *testing.T) {
	used := make([]bool, len(schemas))
	for _, r := range releases {
		for i, k := range r.kinds {
			if i > 0 {
				prev := r.kinds[i-1]
				if prev.APIVersion() > k.APIVersion() || prev.APIVersion() == k.APIVersion() && prev.Kind >= k.Kind {
					t.Errorf("%s: kinds are not sorted: %s %s before %s %s", r.name, prev.APIVersion(), prev.Kind, k.APIVersion(), k.Kind)
				}
			}
			if k.Served != (k.schema != 0) {
				t.Errorf("%s: %s %s: served %t but schema %d", r.name, k.APIVersion(), k.Kind, k.Served, k.schema)
			}
			used[k.schema] = true
		}
		if !slices.IsSorted(r.groups) {
			t.Errorf("%s: groups are not sorted: %q", r.name, r.groups)
		}
	}
	for id := 1; id < len(schemas); id++ {
		if !used[id] {
			t.Errorf("schema %d is used by no kind", id)
		}
	}
	for i := 1; i < len(releases); i++ {
		if compareReleases(releases[i-1].name, releases[i].name) >= 0 {
			t.Errorf("releases are not in order: %s before %s", releases[i-1].name, releases[i].name)
		}
	}
	if got := releases[len(releases)-1].name; got != Default {
		t.Errorf("the last release is %s, want Default %s", got, Default)
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

// TestEveryKindCompiles assembles and compiles the schema of every served
// kind of every release: the embedded data round-trips.
func TestEveryKindCompiles(t *testing.T) {
	for _, name := range Versions() {
		t.Run(name, func(t *testing.T) {
			v, err := ForVersion(name)
			if err != nil {
				t.Fatal(err)
			}
			served := 0
			for _, k := range v.Kinds() {
				if !k.Served {
					continue
				}
				served++
				s, ok, err := v.Lookup(k.APIVersion(), k.Kind)
				if err != nil || !ok || s == nil {
					t.Errorf("Lookup(%s, %s) = %v, %t, %v", k.APIVersion(), k.Kind, s, ok, err)
				}
			}
			if served < 50 {
				t.Errorf("%d served kinds, want at least 50", served)
			}
		})
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

// TestGeneratedDataIsUpToDate regenerates the schemas of each release whose
// k8s.io/kubernetes module is in the module cache from its OpenAPI
// documents (without the beta resources the release enables, which need
// the k8s.io/api module too) and compares every GA kind's schema with the
// one assembled from the embedded data. It checks the oldest release and
// Default unless -all-releases is given.
func TestGeneratedDataIsUpToDate(t *testing.T) {
	cache := os.Getenv("GOMODCACHE")
	if cache == "" {
		out, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			t.Skipf("go env GOMODCACHE: %v", err)
		}
		cache = strings.TrimSpace(string(out))
	}
	for _, r := range releases {
		if !*allReleases && r.name != Default && r.name != releases[0].name {
			continue
		}
		t.Run(r.name, func(t *testing.T) {
			dir := filepath.Join(cache, "k8s.io", "kubernetes@"+r.module, "api", "openapi-spec", "v3")
			if _, err := os.Stat(dir); err != nil {
				t.Skipf("k8s.io/kubernetes@%s is not in the module cache (go mod download k8s.io/kubernetes@%s)", r.module, r.module)
			}
			out, err := gen.Generate(os.DirFS(dir))
			if err != nil {
				t.Fatal(err)
			}
			ga := 0
			for _, k := range out.Kinds {
				have, ok := r.Find(k.APIVersion(), k.Kind)
				if !ok {
					t.Errorf("%s %s is not embedded: run go generate ./internal/schema", k.APIVersion(), k.Kind)
					continue
				}
				if !k.Served {
					continue // a beta kind: served only if the release enables it
				}
				ga++
				if !have.Served {
					t.Errorf("%s %s is not served in the embedded data: run go generate ./internal/schema", k.APIVersion(), k.Kind)
					continue
				}
				doc, err := assemble(have.schema)
				if err != nil {
					t.Fatal(err)
				}
				want, err := jsonschema.UnmarshalJSON(bytes.NewReader(out.Raw[k.File]))
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(doc, want) {
					t.Errorf("the embedded schema of %s %s is out of date: run go generate ./internal/schema", k.APIVersion(), k.Kind)
				}
			}
			if ga < 50 {
				t.Errorf("%d GA kinds regenerated, want at least 50", ga)
			}
		})
	}
}

func benchmarkCompile(b *testing.B, apiVersion, kind string) {
	k, ok := Find(apiVersion, kind)
	if !ok {
		b.Fatalf("no kind %s %s", apiVersion, kind)
	}
	for b.Loop() {
		if _, err := compile(k.schema); err != nil {
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

// BenchmarkAssembleStatefulSet measures assembling a schema from the
// decompressed definitions alone.
func BenchmarkAssembleStatefulSet(b *testing.B) {
	k, _ := Find("apps/v1", "StatefulSet")
	for b.Loop() {
		if _, err := assemble(k.schema); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecompress measures decompressing the definitions, which the
// first Lookup of a run does once.
func BenchmarkDecompress(b *testing.B) {
	for b.Loop() {
		zr, err := gzip.NewReader(bytes.NewReader(packed))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, zr); err != nil {
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
