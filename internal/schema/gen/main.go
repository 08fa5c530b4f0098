//go:build ignore

// The generator of package schema's data. For each pinned release it finds
// the k8s.io/kubernetes module (go mod download), reads its OpenAPI v3
// documents and the beta resources its API server still enables by default
// (pkg/controlplane/instance.go), and for the lifecycles it reads the
// zz_generated.prerelease-lifecycle.go files of the k8s.io/api modules of
// 1.22 on. It writes data/*.json.gz (each distinct schema once, named by
// its content) and kinds_gen.go in the current directory. go generate runs
// it in internal/schema:
//
//	go run gen/main.go
//
// The build constraint keeps it out of go build, go vet and go install.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/daemonlint/daemonlint/internal/schema/gen"
)

// releases are the supported Kubernetes releases, oldest first, each the
// newest patch of its minor release that the module proxy serves, and the
// k8s.io/api module of the same minor release (for the API group names).
// The last one is the default.
var releases = []struct{ minor, kubernetes, api string }{
	{"1.29", "v1.29.6", "v0.29.15"},
	{"1.30", "v1.30.14", "v0.30.14"},
	{"1.31", "v1.31.14", "v0.31.14"},
	{"1.32", "v1.32.13", "v0.32.13"},
	{"1.33", "v1.33.13", "v0.33.13"},
	{"1.34", "v1.34.4", "v0.34.13"},
	{"1.35", "v1.35.4", "v0.35.10"},
	{"1.36", "v1.36.3", "v0.36.6"},
	{"1.37", "v1.37.2", "v0.37.2"},
}

// lifecycleAPIs are the k8s.io/api modules whose
// zz_generated.prerelease-lifecycle.go files give the lifecycles, oldest
// first. They go back further than the schemas so that the alpha and beta
// versions removed since (autoscaling/v2beta2 in 1.26, batch/v1beta1 in
// 1.25) are known: a release's types of a version are deleted a few
// releases after its removal.
var lifecycleAPIs = []string{
	"v0.22.5", "v0.23.16", "v0.24.3", "v0.25.9", "v0.26.9", "v0.27.4", "v0.28.3",
	"v0.29.15", "v0.30.14", "v0.31.14", "v0.32.13", "v0.33.13", "v0.34.13",
	"v0.35.10", "v0.36.6", "v0.37.2",
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "schema generator:", err)
		os.Exit(1)
	}
}

func run() error {
	var gens []gen.Release
	for _, r := range releases {
		out, err := generate(r.kubernetes, r.api)
		if err != nil {
			return fmt.Errorf("%s: %w", r.kubernetes, err)
		}
		gens = append(gens, gen.Release{Minor: r.minor, Module: r.kubernetes, Output: out})
	}
	var all [][]gen.Lifecycle
	for _, v := range lifecycleAPIs {
		dir, err := moduleDir("k8s.io/api@" + v)
		if err != nil {
			return err
		}
		ls, err := gen.ReadLifecycles(os.DirFS(dir), "k8s.io/api@"+v)
		if err != nil {
			return fmt.Errorf("k8s.io/api@%s: %w", v, err)
		}
		all = append(all, ls)
	}
	lifecycles := gen.MergeLifecycles(all...)
	pack, err := gen.PackReleases(gens)
	if err != nil {
		return err
	}
	blob, err := gen.Compress(pack.Blob)
	if err != nil {
		return err
	}
	if err := os.MkdirAll("data", 0o755); err != nil {
		return err
	}
	old, err := filepath.Glob(filepath.Join("data", "*"))
	if err != nil {
		return err
	}
	for _, f := range old {
		if filepath.Base(f) != "defs.gz" {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	if err := writeIfChanged(filepath.Join("data", "defs.gz"), blob); err != nil {
		return err
	}
	src, err := gen.GoSource(gens, pack, lifecycles, "go run gen/main.go")
	if err != nil {
		return err
	}
	if err := writeIfChanged("kinds_gen.go", src); err != nil {
		return err
	}
	kinds := 0
	for _, g := range gens {
		kinds += len(g.Kinds)
	}
	fmt.Fprintf(os.Stderr, "schema generator: %d releases, %d kinds, %d schemas, %d definitions, %d bytes (%d compressed), %d lifecycles\n",
		len(gens), kinds, len(pack.Schemas)-1, len(pack.Defs), len(pack.Blob), len(blob), len(lifecycles))
	return nil
}

// generate reads the OpenAPI v3 documents and the default-enabled beta
// resources of one release of k8s.io/kubernetes.
func generate(kubernetes, api string) (*gen.Output, error) {
	dir, err := moduleDir("k8s.io/kubernetes@" + kubernetes)
	if err != nil {
		return nil, err
	}
	apiDir, err := moduleDir("k8s.io/api@" + api)
	if err != nil {
		return nil, err
	}
	const controlplane = "pkg/controlplane/instance.go"
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(controlplane)))
	if err != nil {
		return nil, err
	}
	enabled, err := gen.LegacyBetaResources(controlplane, src, func(importPath string) (string, error) {
		if pkg, ok := strings.CutPrefix(importPath, "k8s.io/api/"); ok {
			return gen.GroupName(os.DirFS(apiDir), pkg)
		}
		if pkg, ok := strings.CutPrefix(importPath, "k8s.io/kubernetes/"); ok {
			return gen.GroupName(os.DirFS(dir), pkg)
		}
		return "", fmt.Errorf("%s is not a package of k8s.io/api or k8s.io/kubernetes", importPath)
	})
	if err != nil {
		return nil, err
	}
	return gen.Generate(os.DirFS(filepath.Join(dir, "api", "openapi-spec", "v3")), enabled...)
}

// moduleDir returns the directory of a module version in the module cache,
// downloading it through the module proxy when needed. It runs outside the
// daemonlint module so that go.mod and go.sum stay as they are.
func moduleDir(modVersion string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", modVersion)
	cmd.Dir = os.TempDir()
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %w: %s", modVersion, err, strings.TrimSpace(stderr.String()))
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(stdout, &info); err != nil {
		return "", fmt.Errorf("go mod download %s: %w", modVersion, err)
	}
	if info.Error != "" || info.Dir == "" {
		return "", fmt.Errorf("go mod download %s: %s", modVersion, info.Error)
	}
	return info.Dir, nil
}

func writeIfChanged(name string, data []byte) error {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return os.WriteFile(name, data, 0o644)
}
