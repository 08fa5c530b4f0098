package helm

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkRender20Templates renders a chart of 20 DaemonSet templates
// (the test chart's, each under its own name) with its values.yaml, source
// maps included.
func BenchmarkRender20Templates(b *testing.B) {
	dir := b.TempDir()
	tpl, err := os.ReadFile("testdata/agent/templates/daemonset.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range []string{"Chart.yaml", "values.yaml", "templates/_helpers.tpl"} {
		src, err := os.ReadFile(filepath.Join("testdata/agent", f))
		if err != nil {
			b.Fatal(err)
		}
		writeB(b, filepath.Join(dir, f), src)
	}
	for i := range 20 {
		src := strings.Replace(string(tpl), `{{ include "agent.fullname" . }}`, fmt.Sprintf(`{{ include "agent.fullname" . }}-%d`, i), 1)
		writeB(b, filepath.Join(dir, "templates", fmt.Sprintf("ds%02d.yaml", i)), []byte(src))
	}
	b.ResetTimer()
	for b.Loop() {
		outs, fails := Render(dir, Options{})
		if len(outs) != 20 || len(fails) != 0 {
			b.Fatalf("got %d outputs, %v", len(outs), fails)
		}
	}
}

// BenchmarkRenderFluentBit renders the fluent-bit chart of the shared
// repositories (18 templates) with its values.yaml and its ci values file.
func BenchmarkRenderFluentBit(b *testing.B) {
	dir := filepath.Join(sharedRepos(b), "fluent-bit/charts/fluent-bit")
	for b.Loop() {
		if _, fails := Render(dir, Options{}); len(fails) != 0 {
			b.Fatal(fails)
		}
	}
}

func writeB(b *testing.B, p string, src []byte) {
	b.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(p, src, 0o644); err != nil {
		b.Fatal(err)
	}
}
