package rules_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	k8sschema "k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/daemonlint/daemonlint/apivalidation/registry"
	"github.com/daemonlint/daemonlint/internal/schema"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// The README's kind table sits between these markers and is generated
// from what the rules do with each built-in kind.
const (
	kindsBegin = "<!-- kinds:begin -->"
	kindsEnd   = "<!-- kinds:end -->"
)

// What the kind table says is checked.
const (
	checkFull     = "full validation"
	checkMetadata = "metadata + schema"
	checkSchema   = "schema only"
	checkNotServe = "not served by default (api-version)"
)

// kindCheck says what daemonlint checks in an object of k, found by asking
// the code that checks it: the registry judges it in full, the validation
// rule judges its metadata (ServerErrors on a minimal object), or the
// schema rule alone has its schema.
func kindCheck(t *testing.T, k schema.Kind) string {
	t.Helper()
	gvk := k8sschema.GroupVersionKind{Group: k.Group, Version: k.Version, Kind: k.Kind}
	switch {
	case !k.Served:
		return checkNotServe
	case registry.Judged(gvk):
		return checkFull
	}
	src := fmt.Sprintf("apiVersion: %s\nkind: %s\nmetadata:\n  name: x\n", k.APIVersion(), k.Kind)
	docs, errs := manifest.Parse(manifest.NewFile("x.yaml", []byte(src)))
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("%s %s: Parse: %d documents, errors %v", k.APIVersion(), k.Kind, len(docs), errs)
	}
	if _, ok := rules.ServerErrors(docs[0], lint.Settings{}); ok {
		return checkMetadata
	}
	return checkSchema
}

// kindTable returns the README's kind table.
func kindTable(t *testing.T) string {
	var b strings.Builder
	b.WriteString("| apiVersion | Kind | Checked |\n| --- | --- | --- |\n")
	for _, k := range schema.Kinds() {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", k.APIVersion(), k.Kind, kindCheck(t, k))
	}
	return b.String()
}

// TestREADMEKindTable fails when the kind table in the README is not what
// the rules check. Regenerate it with
//
//	go test ./lint/rules -run TestREADMEKindTable -update
func TestREADMEKindTable(t *testing.T) {
	path := filepath.Join("..", "..", "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	begin := bytes.Index(readme, []byte(kindsBegin))
	end := bytes.Index(readme, []byte(kindsEnd))
	if begin < 0 || end < begin {
		t.Fatalf("README.md has no %s … %s markers", kindsBegin, kindsEnd)
	}
	begin += len(kindsBegin)
	want := "\n" + kindTable(t)
	got := string(readme[begin:end])
	if got == want {
		return
	}
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		out := append([]byte(nil), readme[:begin]...)
		out = append(out, want...)
		out = append(out, readme[end:]...)
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the kind table in README.md is stale; regenerate it with go test ./lint/rules -run TestREADMEKindTable -update\ngot:\n%s\nwant:\n%s", got, want)
}

// TestIssueKindsJudged checks that no kind that ships beside a node agent
// is left at metadata or schema only.
func TestIssueKindsJudged(t *testing.T) {
	shipped := []string{"ConfigMap", "Secret", "Service", "ServiceAccount", "Namespace", "Role", "ClusterRole",
		"RoleBinding", "ClusterRoleBinding", "PodDisruptionBudget", "PriorityClass", "NetworkPolicy",
		"HorizontalPodAutoscaler", "Ingress", "IngressClass", "PersistentVolumeClaim", "StorageClass",
		"CSIDriver", "RuntimeClass", "LimitRange", "ResourceQuota", "Pod", "PodTemplate",
		"ReplicationController", "StatefulSet", "Job", "CronJob", "DaemonSet", "ReplicaSet", "Deployment"}
	served := map[string]bool{}
	for _, k := range schema.Kinds() {
		if !k.Served {
			continue
		}
		served[k.Kind] = true
		for _, name := range shipped {
			if k.Kind == name {
				if got := kindCheck(t, k); got != checkFull {
					t.Errorf("%s %s: %s, want %s", k.APIVersion(), k.Kind, got, checkFull)
				}
			}
		}
	}
	for _, name := range shipped {
		if !served[name] {
			t.Errorf("%s is not a served kind of internal/schema", name)
		}
	}
}
