//go:build ignore

// Command kindmutations seeds mutations into the documents of the shared
// corpus whose kinds apivalidation judges in full (Service, ConfigMap,
// RBAC, ...), asks the oracle (kube-apiserver v1.37.2's create path, as
// kubectl drives it) for its verdict on each mutated document, and records
// both in testdata/kinds-mutations: <Kind>.yaml holds the mutated documents
// and <Kind>.tsv the server's answer to each (document index, mutation,
// verdict, the sorted field paths of its errors as a JSON array). The tests read the
// recorded files; they need neither the corpus nor the oracle.
//
//	go run ./scripts/kindmutations/main.go -corpus ../shared/corpus -oracle /tmp/oracle
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// maxBase is the most corpus documents of one kind that are mutated.
const maxBase = 25

type obj = map[string]any

// mutation changes a copy of a document; it returns false when it does
// not apply.
type mutation struct {
	name  string
	apply func(o obj) bool
}

func meta(o obj) obj {
	m, _ := o["metadata"].(obj)
	if m == nil {
		m = obj{}
		o["metadata"] = m
	}
	return m
}

func spec(o obj) obj {
	s, _ := o["spec"].(obj)
	return s
}

func list(o obj, key string) []any {
	if o == nil {
		return nil
	}
	l, _ := o[key].([]any)
	return l
}

// common mutations apply to every kind.
var common = []mutation{
	{"name-underscore", func(o obj) bool { meta(o)["name"] = "Bad_Name"; return true }},
	{"name-dot", func(o obj) bool { meta(o)["name"] = "a.b"; return true }},
	{"name-slash", func(o obj) bool { meta(o)["name"] = "a/b"; return true }},
	{"label-value", func(o obj) bool {
		m := meta(o)
		l, _ := m["labels"].(obj)
		if l == nil {
			l = obj{}
		}
		l["tier"] = "-bad"
		m["labels"] = l
		return true
	}},
	{"finalizer", func(o obj) bool { meta(o)["finalizers"] = []any{"cleanup"}; return true }},
	{"namespace-invalid", func(o obj) bool { meta(o)["namespace"] = "Bad_NS"; return true }},
}

// perKind mutations, by kind.
var perKind = map[string][]mutation{
	"Service": {
		{"port-protocol", func(o obj) bool {
			p := list(spec(o), "ports")
			if len(p) == 0 {
				return false
			}
			p[0].(obj)["protocol"] = "HTTP"
			return true
		}},
		{"port-duplicate", func(o obj) bool {
			s := spec(o)
			p := list(s, "ports")
			if len(p) == 0 {
				return false
			}
			s["ports"] = append(p, p[0])
			return true
		}},
		{"type", func(o obj) bool {
			if spec(o) == nil {
				return false
			}
			spec(o)["type"] = "Internal"
			return true
		}},
		{"no-ports", func(o obj) bool {
			if spec(o) == nil {
				return false
			}
			delete(spec(o), "ports")
			return true
		}},
		{"nodeport", func(o obj) bool {
			p := list(spec(o), "ports")
			if len(p) == 0 {
				return false
			}
			p[0].(obj)["nodePort"] = 30123
			return true
		}},
		{"name-digit", func(o obj) bool { meta(o)["name"] = "1agent"; return true }},
	},
	"ConfigMap": {
		{"key-slash", func(o obj) bool {
			d, _ := o["data"].(obj)
			if d == nil {
				d = obj{}
			}
			d["a/b"] = "x"
			o["data"] = d
			return true
		}},
	},
	"Secret": {
		{"tls-without-keys", func(o obj) bool {
			o["type"] = "kubernetes.io/tls"
			delete(o, "data")
			delete(o, "stringData")
			return true
		}},
		{"key-space", func(o obj) bool {
			d, _ := o["stringData"].(obj)
			if d == nil {
				d = obj{}
			}
			d["a b"] = "x"
			o["stringData"] = d
			return true
		}},
	},
	"ClusterRole": {
		{"rule-no-verbs", func(o obj) bool {
			r := list(o, "rules")
			if len(r) == 0 {
				return false
			}
			delete(r[0].(obj), "verbs")
			return true
		}},
		{"rule-no-resources", func(o obj) bool {
			r := list(o, "rules")
			if len(r) == 0 {
				return false
			}
			delete(r[0].(obj), "resources")
			delete(r[0].(obj), "nonResourceURLs")
			return true
		}},
	},
	"Role": {
		{"rule-nonresource", func(o obj) bool {
			r := list(o, "rules")
			if len(r) == 0 {
				return false
			}
			r[0].(obj)["nonResourceURLs"] = []any{"/metrics"}
			return true
		}},
	},
	"ClusterRoleBinding": {
		{"roleref-kind", func(o obj) bool {
			r, _ := o["roleRef"].(obj)
			if r == nil {
				return false
			}
			r["kind"] = "Role"
			return true
		}},
		{"subject-no-namespace", func(o obj) bool {
			s := list(o, "subjects")
			if len(s) == 0 {
				return false
			}
			delete(s[0].(obj), "namespace")
			return true
		}},
		{"subject-kind", func(o obj) bool {
			s := list(o, "subjects")
			if len(s) == 0 {
				return false
			}
			s[0].(obj)["kind"] = "Robot"
			return true
		}},
	},
	"RoleBinding": {
		{"roleref-group", func(o obj) bool {
			r, _ := o["roleRef"].(obj)
			if r == nil {
				return false
			}
			r["apiGroup"] = "v1"
			return true
		}},
	},
	"PodDisruptionBudget": {
		{"both", func(o obj) bool {
			s := spec(o)
			if s == nil {
				return false
			}
			s["minAvailable"] = 1
			s["maxUnavailable"] = "10%"
			return true
		}},
		{"percent", func(o obj) bool {
			s := spec(o)
			if s == nil {
				return false
			}
			delete(s, "maxUnavailable")
			s["minAvailable"] = "150%"
			return true
		}},
	},
	"NetworkPolicy": {
		{"policy-type", func(o obj) bool {
			s := spec(o)
			if s == nil {
				return false
			}
			s["policyTypes"] = []any{"Both"}
			return true
		}},
		{"empty-peer", func(o obj) bool {
			s := spec(o)
			if s == nil {
				return false
			}
			s["ingress"] = []any{obj{"from": []any{obj{}}}}
			return true
		}},
	},
	"Namespace": {
		{"name-dot-ns", func(o obj) bool { meta(o)["name"] = "node.agents"; return true }},
	},
	"Ingress": {
		{"no-path-type", func(o obj) bool {
			for _, r := range list(spec(o), "rules") {
				http, _ := r.(obj)["http"].(obj)
				for _, p := range list(http, "paths") {
					delete(p.(obj), "pathType")
					return true
				}
			}
			return false
		}},
		{"host-ip", func(o obj) bool {
			r := list(spec(o), "rules")
			if len(r) == 0 {
				return false
			}
			r[0].(obj)["host"] = "10.0.0.1"
			return true
		}},
	},
	"IngressClass": {
		{"controller", func(o obj) bool {
			if spec(o) == nil {
				return false
			}
			spec(o)["controller"] = "nginx"
			return true
		}},
	},
	"HorizontalPodAutoscaler": {
		{"max-zero", func(o obj) bool {
			if spec(o) == nil {
				return false
			}
			spec(o)["maxReplicas"] = 0
			return true
		}},
		{"target-core-group", func(o obj) bool {
			ref, _ := spec(o)["scaleTargetRef"].(obj)
			if ref == nil {
				return false
			}
			ref["apiVersion"] = "v1"
			return true
		}},
	},
	"PersistentVolumeClaim": {
		{"no-access-modes", func(o obj) bool {
			if spec(o) == nil {
				return false
			}
			delete(spec(o), "accessModes")
			return true
		}},
	},
	"LimitRange": {
		{"type-node", func(o obj) bool {
			l := list(spec(o), "limits")
			if len(l) == 0 {
				return false
			}
			l[0].(obj)["type"] = "Node"
			return true
		}},
	},
	"ResourceQuota": {
		{"hard-nodes", func(o obj) bool {
			h, _ := spec(o)["hard"].(obj)
			if h == nil {
				return false
			}
			h["nodes"] = "3"
			return true
		}},
	},
	"RuntimeClass": {
		{"handler", func(o obj) bool { o["handler"] = "Bad_Handler"; return true }},
	},
	"StorageClass": {
		{"reclaim", func(o obj) bool { o["reclaimPolicy"] = "Recycle"; return true }},
	},
	"CSIDriver": {
		{"fsgroup", func(o obj) bool {
			if spec(o) == nil {
				return false
			}
			spec(o)["fsGroupPolicy"] = "Always"
			return true
		}},
	},
	"PriorityClass": {
		{"too-high", func(o obj) bool { o["value"] = 2000000000; return true }},
	},
}

func main() {
	corpus := flag.String("corpus", "../shared/corpus", "the shared corpus")
	oracle := flag.String("oracle", "/tmp/oracle", "the oracle binary")
	verdicts := flag.String("verdicts", "lint/rules/testdata/corpus/verdicts.tsv", "the recorded verdicts of the corpus")
	out := flag.String("out", "testdata/kinds-mutations", "the folder to write")
	flag.Parse()
	if err := run(*corpus, *oracle, *verdicts, *out); err != nil {
		fmt.Fprintln(os.Stderr, "kindmutations:", err)
		os.Exit(1)
	}
}

func run(corpus, oracle, verdicts, out string) error {
	bases, err := baseDocs(corpus, verdicts)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	kinds := make([]string, 0, len(bases))
	for k := range bases {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, kind := range kinds {
		var docs [][]byte
		var names []string
		for _, base := range bases[kind] {
			for _, m := range append(append([]mutation{}, common...), perKind[kind]...) {
				var o obj
				if err := yaml.Unmarshal(base, &o); err != nil {
					return err
				}
				if !m.apply(o) {
					continue
				}
				b, err := yaml.Marshal(o)
				if err != nil {
					return err
				}
				docs = append(docs, b)
				names = append(names, m.name)
			}
		}
		yamlFile := filepath.Join(out, kind+".yaml")
		if err := os.WriteFile(yamlFile, bytes.Join(docs, []byte("---\n")), 0o644); err != nil {
			return err
		}
		answers, err := ask(oracle, yamlFile)
		if err != nil {
			return err
		}
		if len(answers) != len(docs) {
			return fmt.Errorf("%s: %d documents, %d answers", kind, len(docs), len(answers))
		}
		var tsv strings.Builder
		tsv.WriteString("# The verdict of kube-apiserver v1.37.2 (oracle -kubectl) on each document of " + kind + ".yaml.\n")
		tsv.WriteString("# Columns: document, mutation, verdict, the sorted field paths of its errors (a JSON array).\n")
		for i, a := range answers {
			fields, err := json.Marshal(a.fields)
			if err != nil {
				return err
			}
			fmt.Fprintf(&tsv, "%d\t%s\t%s\t%s\n", i, names[i], a.verdict, fields)
		}
		if err := os.WriteFile(filepath.Join(out, kind+".tsv"), []byte(tsv.String()), 0o644); err != nil {
			return err
		}
		fmt.Printf("%s: %d documents\n", kind, len(docs))
	}
	return nil
}

type answer struct {
	verdict string
	fields  []string
}

func ask(oracle, file string) ([]answer, error) {
	b, err := exec.Command(oracle, "-kubectl", file).Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", oracle, file, err)
	}
	var out []answer
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var d struct {
			Verdict string `json:"verdict"`
			Errors  []struct {
				Field string `json:"field"`
			} `json:"errors"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, err
		}
		a := answer{verdict: d.Verdict, fields: []string{}}
		for _, e := range d.Errors {
			a.fields = append(a.fields, e.Field)
		}
		sort.Strings(a.fields)
		out = append(out, a)
	}
	return out, sc.Err()
}

// judged are the kinds mutated, with the apiVersion they are judged in.
var judged = map[string]string{
	"Service": "v1", "ConfigMap": "v1", "Secret": "v1", "ServiceAccount": "v1", "Namespace": "v1",
	"ClusterRole": "rbac.authorization.k8s.io/v1", "Role": "rbac.authorization.k8s.io/v1",
	"ClusterRoleBinding": "rbac.authorization.k8s.io/v1", "RoleBinding": "rbac.authorization.k8s.io/v1",
	"PodDisruptionBudget": "policy/v1", "PriorityClass": "scheduling.k8s.io/v1", "NetworkPolicy": "networking.k8s.io/v1",
	"StorageClass": "storage.k8s.io/v1", "CSIDriver": "storage.k8s.io/v1",
	"Ingress": "networking.k8s.io/v1", "IngressClass": "networking.k8s.io/v1",
	"HorizontalPodAutoscaler": "autoscaling/v2", "PersistentVolumeClaim": "v1", "LimitRange": "v1",
	"ResourceQuota": "v1", "RuntimeClass": "node.k8s.io/v1",
}

// baseDocs returns, per kind, up to maxBase distinct documents of the
// corpus that the server accepts.
func baseDocs(corpus, verdicts string) (map[string][][]byte, error) {
	b, err := os.ReadFile(verdicts)
	if err != nil {
		return nil, err
	}
	out := map[string][][]byte{}
	seen := map[string]bool{}
	files := map[string][][]byte{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 8 || strings.HasPrefix(line, "#") {
			continue
		}
		kind, apiVersion := f[4], f[3]
		if judged[kind] != apiVersion || f[6] != "valid" || f[2] != "-1" || len(out[kind]) >= maxBase {
			continue
		}
		docs, ok := files[f[0]]
		if !ok {
			data, err := os.ReadFile(filepath.Join(corpus, f[0]))
			if err != nil {
				return nil, err
			}
			docs, err = split(data)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f[0], err)
			}
			files[f[0]] = docs
		}
		i, _ := strconv.Atoi(f[1])
		if i >= len(docs) || docs[i] == nil || seen[string(docs[i])] {
			continue
		}
		seen[string(docs[i])] = true
		out[kind] = append(out[kind], docs[i])
	}
	// The golden cases the server accepts are bases too, for the kinds the
	// corpus holds few of.
	wants, err := filepath.Glob("testdata/apiserver-golden-kinds/*/*.want")
	if err != nil {
		return nil, err
	}
	for _, w := range wants {
		b, err := os.ReadFile(w)
		if err != nil {
			return nil, err
		}
		if !strings.Contains(string(b), "\nverdict 201\n") {
			continue
		}
		doc, err := os.ReadFile(strings.TrimSuffix(w, ".want") + ".yaml")
		if err != nil {
			return nil, err
		}
		var head struct{ APIVersion, Kind string }
		if err := yaml.Unmarshal(doc, &head); err != nil {
			return nil, err
		}
		if judged[head.Kind] != head.APIVersion || seen[string(doc)] || len(out[head.Kind]) >= maxBase {
			continue
		}
		seen[string(doc)] = true
		out[head.Kind] = append(out[head.Kind], doc)
	}
	return out, nil
}

// split returns the documents of a file that hold something, as the
// oracle counts them.
func split(data []byte) ([][]byte, error) {
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var docs [][]byte
	for {
		chunk, err := r.Read()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, err
		}
		var m map[string]any
		if err := yaml.Unmarshal(chunk, &m); err != nil {
			docs = append(docs, nil)
			continue
		}
		if m == nil {
			continue
		}
		docs = append(docs, chunk)
	}
}
