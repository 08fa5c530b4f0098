//go:build ignore

// The generator of package schema's data: it finds the k8s.io/kubernetes
// module of the pinned release (go mod download), reads its OpenAPI v3
// documents, and writes data/*.json.gz and kinds_gen.go in the current
// directory. go generate runs it in internal/schema:
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
	"slices"
	"strings"

	"github.com/daemonlint/daemonlint/internal/schema/gen"
)

// release is the Kubernetes release the schemas come from.
const release = "v1.37.2"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "schema generator:", err)
		os.Exit(1)
	}
}

func run() error {
	dir, err := moduleDir("k8s.io/kubernetes@" + release)
	if err != nil {
		return err
	}
	out, err := gen.Generate(os.DirFS(filepath.Join(dir, "api", "openapi-spec", "v3")))
	if err != nil {
		return err
	}
	if err := os.MkdirAll("data", 0o755); err != nil {
		return err
	}
	old, err := filepath.Glob(filepath.Join("data", "*.json.gz"))
	if err != nil {
		return err
	}
	for _, f := range old {
		if _, keep := out.Files[filepath.Base(f)]; !keep {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	names := make([]string, 0, len(out.Files))
	for name := range out.Files {
		names = append(names, name)
	}
	slices.Sort(names)
	total := 0
	for _, name := range names {
		data := out.Files[name]
		total += len(data)
		if err := writeIfChanged(filepath.Join("data", name), data); err != nil {
			return err
		}
	}
	src, err := out.GoSource(release, "go run gen/main.go")
	if err != nil {
		return err
	}
	if err := writeIfChanged("kinds_gen.go", src); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "schema generator: %d kinds, %d schemas, %d bytes compressed\n", len(out.Kinds), len(names), total)
	return nil
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
