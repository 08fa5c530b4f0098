package manifest

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/daemonlint/daemonlint/internal/benchgen"
	"github.com/daemonlint/daemonlint/internal/testcorpus"
)

// TestTemplateAfterDecode holds Template, which trusts a decoding that read
// every scalar without a brace, to Template without a decoding first: the
// generated corpus, the shared corpus when present and documents with
// template actions in values, keys and quantities find the same markers.
func TestTemplateAfterDecode(t *testing.T) {
	srcs := map[string][]byte{
		"value.yaml":    []byte("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: c, image: \"{{ .Values.image }}\"}\n"),
		"plain.yaml":    []byte("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  k: repo:{{ .Values.tag }}\n"),
		"key.yaml":      []byte("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  \"{{ include \\\"x\\\" . }}\": v\n"),
		"quantity.yaml": []byte("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {cpu: \"{{ .Values.cpu }}\"}}\n"),
		"port.yaml":     []byte("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  strategy: {rollingUpdate: {maxSurge: \"{{ .Values.surge }}\"}}\n"),
		"data.yaml":     []byte("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  alert: \"{{ $labels.pod }}\"\n"),
	}
	g := benchgen.New(4)
	for i := range 5 {
		srcs[fmt.Sprintf("gen%d.yaml", i)] = g.File(100)
	}
	if dir, ok := testcorpus.Find(); ok {
		for _, f := range testcorpus.Files(t, dir) {
			srcs[f.Path] = f.Src
		}
	}
	found := 0
	for name, src := range srcs {
		plain, _ := Parse(NewFile(name, src))
		decoded, _ := Parse(NewFile(name, src))
		for i := range plain {
			want := plain[i].Template()
			decoded[i].Decode()
			if got := decoded[i].Template(); !reflect.DeepEqual(got, want) {
				t.Errorf("%s document %d: Template after Decode = %v, without %v", name, plain[i].Index, got, want)
			}
			if want != nil {
				found++
			}
		}
	}
	if found < 5 {
		t.Errorf("%d documents with template markers, want those of the seeds", found)
	}
}
