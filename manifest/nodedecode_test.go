package manifest

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	sigsjson "sigs.k8s.io/json"

	"github.com/daemonlint/daemonlint/internal/benchgen"
	"github.com/daemonlint/daemonlint/internal/kinds"
	"github.com/daemonlint/daemonlint/internal/testcorpus"
)

// checkNodeDecode decodes each typed document of src both ways, from the
// node tree and from the JSON, and fails when the node tree's decoding
// claims a result that the JSON's decoding does not give (or a bound of
// the size of the JSON that is below its size or above six times it, or
// success where JSON fails). It returns how
// many documents the node tree decoded and how many it left to the JSON.
func checkNodeDecode(t *testing.T, src []byte) (direct, fallback int) {
	t.Helper()
	docs, _ := Parse(NewFile("in.yaml", src))
	for _, d := range docs {
		if d.Node == nil || !Typed(d.APIVersion, d.Kind) {
			continue
		}
		got, _ := kinds.New(d.APIVersion, d.Kind)
		nd := decodeNodesSize(d.Node, got)
		size, ok := nd.size, nd.ok
		if !ok {
			fallback++
			continue
		}
		direct++
		data, err := d.JSON()
		if err != nil {
			t.Fatalf("document %d: decoded from the node tree, but JSON fails: %v", d.Index, err)
		}
		if size < len(data) || size > 6*len(data) {
			t.Fatalf("document %d: the node tree bounds the JSON at %d bytes, JSON writes %d\n%s", d.Index, size, len(data), data)
		}
		want, _ := kinds.New(d.APIVersion, d.Kind)
		strict, err := sigsjson.UnmarshalStrict(data, want, sigsjson.DisallowUnknownFields)
		if err != nil {
			t.Fatalf("document %d: decoded from the node tree, but the JSON gives error %v\n%s", d.Index, err, data)
		}
		if got, want := errorTexts(nd.strict), errorTexts(strict); !slices.Equal(got, want) {
			t.Fatalf("document %d: the node tree finds strict errors\n%q\nthe JSON\n%q\n%s", d.Index, got, want, data)
		}
		for _, e := range nd.strict {
			var fe sigsjson.FieldError
			if !errors.As(e, &fe) {
				t.Fatalf("document %d: strict error %v is not a sigs.k8s.io/json FieldError", d.Index, e)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("document %d: the node tree decodes to\n%#v\nthe JSON to\n%#v\n%s", d.Index, got, want, data)
		}
	}
	return direct, fallback
}

// errorTexts returns the texts of errs.
func errorTexts(errs []error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// nodeDecodeSeeds are documents at the edges of decodeNodesSize's common case.
var nodeDecodeSeeds = []string{
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  strategy: {rollingUpdate: {maxUnavailable: 3000000000}}\n",
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  strategy: {rollingUpdate: {maxUnavailable: 2147483647}}\n",
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  strategy: {rollingUpdate: {maxUnavailable: -2147483648}}\n",
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  strategy: {rollingUpdate: {maxUnavailable: -2147483649}}\n",
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  strategy: {rollingUpdate: {maxUnavailable: \"25%\\n\"}}\n",
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  strategy: {rollingUpdate: {maxUnavailable: \"\"}}\n",
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  strategy: {rollingUpdate: {maxUnavailable: !!str 80}}\n",
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  strategy: {rollingUpdate: {maxUnavailable: 0x10}}\n",
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  strategy: {rollingUpdate: {maxUnavailable: 1.5}}\n",
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  strategy: {rollingUpdate: {maxUnavailable: true}}\n",
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {cpu: \"1\\n\"}}\n",
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {cpu: 0x10}}\n",
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {cpu: \"\"}}\n",
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {cpu: +1.5e3}}\n",
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {cpu: \" 1\"}}\n",
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {cpu: 1e3}}\n",
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {cpu: 18446744073709551615}}\n",
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {cpu: -1}}\n",
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {cpu: \"100m\"}}\n",
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {cpu: 1Gi}}\n",
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {cpu: \"1Ki \"}}\n",
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    resources: {limits: {cpu: .5}}\n",
	"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  creationTimestamp: null\n  labels: null\ndata:\n  on: yes\n  k: ~\n",
	"apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  k: aGVsbG8=\nstringData: {a: b}\n",
	"apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  k: '!!!'\n",
	"apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: a}}\n  updateStrategy: {rollingUpdate: {maxUnavailable: 10%, maxSurge: 1}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      terminationGracePeriodSeconds: 1e3\n      containers:\n      - name: c\n        image: i\n        ports: [{containerPort: \"80\"}]\n        resources: {limits: {cpu: 1, memory: 1.5Gi}, requests: {cpu: 0.5}}\n",
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: &m {name: d, labels: {app: a}}\nspec:\n  replicas: -1\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata:\n      <<: *m\n      name: x\n    spec:\n      containers: [{name: c, image: i, Image: j}]\n",
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i, securityContext: {runAsUser: 99999999999999999999}}]\n  priority: 2147483648\n  hostNetwork: \"true\"\n",
	"apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, targetPort: http}, {port: 81, targetPort: 8081, nodePort: null}]\n  selector: {app: a}\n",
	"apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: \"\\xff\", args: [1, true, 1.5]}]\n",
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p, nmae: q}\nspec:\n  containers:\n  - name: c\n    imag: i\n  - name: d\n    image: i\n    ports: [{containerPort: 80, protcol: TCP}, {port: 1}]\n  initContainers: [{name: e, image: i, x: {y: [1, {z: 2}]}}]\nstatus: {phase: Running, bogus: true}\nextra: 1\n",
	"apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: c, image: i, resources: {limits: {cpu: 1}, requets: {cpu: 1}}}]\n",
	"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n\"\": {a: b}\nx: .nan\n",
	"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n\"\": {a: b}\n",
	"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, \"\\xff\": 1}\n",
	"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nx: &a {b: 1}\ny: *a\nz: {<<: *a, c: 2}\nw: {1: 2}\n",
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: &m {name: d, labels: {app: a}, bad: 1}\nspec:\n  template:\n    metadata:\n      <<: *m\n      name: x\n",
	"apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, name: a, nope: 1}, {port: 81, name: b, nope: 1}]\n  Selector: {app: a}\n",
	"apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n  data: {1: 2}\n",
}

func init() {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")
	for i := range 120 {
		fmt.Fprintf(&b, "f%d: %d\n", i, i)
	}
	nodeDecodeSeeds = append(nodeDecodeSeeds, b.String())
}

// FuzzNodeDecodeMatchesJSON holds Document.Decode's decoding from the node
// tree to the decoding of the document's JSON by sigs.k8s.io/json, which
// the API server does: whenever the node tree's decoding succeeds, the JSON
// decodes to the same object, without an error or a strict error.
func FuzzNodeDecodeMatchesJSON(f *testing.F) {
	testcorpus.AddSeeds(f, filepath.Join("..", "lint", "rules", "testdata"))
	for _, s := range nodeDecodeSeeds {
		f.Add([]byte(s))
	}
	g := benchgen.New(7)
	for range 20 {
		f.Add(g.File(5))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 64<<10 {
			return
		}
		checkNodeDecode(t, src)
	})
}

// TestNodeDecodeCorpora runs the comparison of FuzzNodeDecodeMatchesJSON
// on the generated benchmark corpus and the shared corpus of real
// manifests, and checks that the node tree decodes most of them itself:
// otherwise Decode is as slow as before.
func TestNodeDecodeCorpora(t *testing.T) {
	t.Run("generated", func(t *testing.T) {
		direct, fallback := checkNodeDecode(t, benchgen.New(2).File(500))
		if direct < 9*(direct+fallback)/10 {
			t.Errorf("the node tree decoded %d documents and left %d to the JSON", direct, fallback)
		}
	})
	t.Run("seeds", func(t *testing.T) {
		for _, s := range nodeDecodeSeeds {
			checkNodeDecode(t, []byte(s))
		}
	})
	t.Run("shared", func(t *testing.T) {
		dir := testcorpus.Dir(t)
		direct, fallback := 0, 0
		for _, f := range testcorpus.Files(t, dir) {
			d, fb := checkNodeDecode(t, f.Src)
			direct += d
			fallback += fb
		}
		t.Logf("the node tree decoded %d documents and left %d to the JSON", direct, fallback)
		if direct < (direct+fallback)/2 {
			t.Errorf("the node tree decoded %d documents and left %d to the JSON", direct, fallback)
		}
	})
}

// TestSendable checks that Sendable and Decode refuse what JSON refuses,
// also where the node tree decodes.
func TestSendable(t *testing.T) {
	big := strings.Repeat("x", MaxObjectBytes)
	for _, tc := range []struct {
		name, src string
		wantErr   bool
	}{
		{"small", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n", false},
		{"over the limit", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: " + big + ", l: v}\n", true},
		{"just under the limit", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: " + big[:MaxObjectBytes-100] + "}\n", false},
		{"nan", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: .nan}\n", true},
		{"null key", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {~: v}\n", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs, errs := Parse(NewFile("in.yaml", []byte(tc.src)))
			if len(errs) > 0 || len(docs) != 1 {
				t.Fatalf("Parse: %d documents, errors %v", len(docs), errs)
			}
			_, jsonErr := docs[0].JSON()
			if got := docs[0].Sendable(); (got != nil) != tc.wantErr || (got == nil) != (jsonErr == nil) {
				t.Errorf("Sendable() = %v, JSON's error %v, want an error: %v", got, jsonErr, tc.wantErr)
			}
			if _, _, err := docs[0].Decode(); (err != nil) != tc.wantErr {
				t.Errorf("Decode() error = %v, want an error: %v", err, tc.wantErr)
			}
		})
	}
}
