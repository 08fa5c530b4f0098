package lint_test

import (
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// TestIsManifest checks which documents are Kubernetes objects or a try at
// one, and which are YAML or JSON of another kind.
func TestIsManifest(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      bool
	}{
		{"object", "apiVersion: v1\nkind: ConfigMap\n", true},
		{"kind only", "kind: DaemonSet\n", true},
		{"apiVersion only", "apiVersion: apps/v1\nmetadata: {name: a}\n", true},
		{"metadata only", "metadata:\n  name: a\n", true},
		{"spec only", "spec:\n  containers: []\n", true},
		{"wrong letter case", "ApiVersion: v1\nKind: Pod\n", true},
		{"header through a merge key", "base: &b {apiVersion: v1, kind: ConfigMap}\n<<: *b\n", true},
		{"List without its header", "items:\n- apiVersion: v1\n  kind: ConfigMap\n", true},
		{"List", "apiVersion: v1\nkind: List\nitems: []\n", true},
		{"JSON object", `{"apiVersion": "v1", "kind": "Pod"}`, true},
		{"docker-compose", "services:\n  web:\n    image: nginx\n", false},
		{"mkdocs", "site_name: docs\nnav:\n- Home: index.md\n", false},
		{"values with items", "items:\n- one\n- name: two\n", false},
		{"JSON 6902 patch", "- op: replace\n  path: /spec/replicas\n  value: 3\n", false},
		{"list of strings", "- a\n- b\n", false},
		{"scalar", "hello\n", false},
		{"null", "null\n", false},
		{"Chart.yaml", "apiVersion: v2\nname: agent\nversion: 1.0.0\n", false},
		{"GitLab CI header", "spec:\n  inputs:\n    stage: {default: test}\n", false},
		{"kustomization with metadata", "metadata:\n  name: overlay\nresources:\n- ../base\nnamePrefix: dev-\n", false},
		{"kustomization", "resources:\n- ds.yaml\n", false},
		{"object with replicas", "metadata:\n  name: a\nreplicas: 3\nkind: Deployment\n", true},
		{"object with a misplaced field", "metadata:\n  name: a\nspec: {}\nreplicas: 3\n", true},
		{"package.json", `{"name": "web", "version": "1.0.0", "scripts": {}}`, false},
		{"OpenAPI", "openapi: 3.0.0\ninfo: {title: t}\npaths: {}\n", false},
		{"Swagger", `{"swagger": "2.0", "info": {"title": "t"}, "paths": {}}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs, serrs := manifest.Parse(manifest.NewFile("f.yaml", []byte(tc.src)))
			if len(serrs) > 0 || len(docs) == 0 {
				t.Fatalf("Parse: %d documents, errors %v", len(docs), serrs)
			}
			if got := lint.IsManifest(docs[0]); got != tc.want {
				t.Errorf("IsManifest(%q) = %v, want %v", tc.src, got, tc.want)
			}
		})
	}
}

// TestRunNotManifests checks that no rule reports anything on documents
// that are not Kubernetes objects, that a file holding only such documents
// gets no finding at all, and that Result counts them.
func TestRunNotManifests(t *testing.T) {
	files := []*manifest.File{
		manifest.NewFile("docker-compose.yml", []byte("services:\n  web:\n    image: nginx\n    image: nginx:2\n")),
		manifest.NewFile("patch.yaml", []byte("- op: remove\n  path: /spec/replicas\n---\n- op: add\n  path: /x\n  value: 1\n")),
		manifest.NewFile("package.json", []byte(`{"name": "web", "version": "1.0.0"}`)),
		manifest.NewFile("mixed.yaml", []byte("site_name: docs\n---\napiVersion: apps/v1\nkind: Daemonset\nmetadata: {name: a}\n")),
		manifest.NewFile("attempt.yaml", []byte("metadata:\n  name: a\n")),
	}
	res, err := lint.Run(files, lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string][]string{}
	for _, d := range res.Diagnostics {
		byFile[d.File] = append(byFile[d.File], d.Rule)
	}
	for _, name := range []string{"docker-compose.yml", "patch.yaml", "package.json"} {
		if got := byFile[name]; len(got) > 0 {
			t.Errorf("%s: findings of %v, want none", name, got)
		}
	}
	if got := byFile["mixed.yaml"]; len(got) != 1 || got[0] != "kind-spelling" {
		t.Errorf("mixed.yaml: findings of %v, want one of kind-spelling", got)
	}
	if got := byFile["attempt.yaml"]; len(got) != 2 || got[0] != "missing-type" || got[1] != "missing-type" {
		t.Errorf("attempt.yaml: findings of %v, want two of missing-type", got)
	}
	if res.Documents != 7 || res.NotManifests != 5 || res.NotManifestFiles != 3 {
		t.Errorf("Documents, NotManifests, NotManifestFiles = %d, %d, %d; want 7, 5, 3", res.Documents, res.NotManifests, res.NotManifestFiles)
	}
}

// TestRunTemplateStaysReported checks that a Helm template is still
// reported as one, whether or not its documents read as objects, and that
// quoted template text in a values file is data.
func TestRunTemplateStaysReported(t *testing.T) {
	for _, src := range []string{
		"apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: \"{{ .Release.Name }}\"\n",
		"{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\n{{- end }}\n",
		// Not objects as they read, but template text makes their structure.
		"{{ range .Values.extraManifests }}\n",
		"labels:\n  app: {{ .Values.name }}\n",
	} {
		f := manifest.NewFile("templates/ds.yaml", []byte(src))
		diags, _, err := lint.CheckFile(f, lint.Options{Rules: rules.All()})
		if err != nil {
			t.Fatal(err)
		}
		if len(diags) != 1 || diags[0].Rule != lint.TemplateRule {
			t.Errorf("CheckFile(%q) = %v, want one finding of %s", src, diags, lint.TemplateRule)
		}
	}
}

// TestRunValuesTemplateText checks that a values file whose quoted values
// hold template text (for tpl) is not a template but a file that is not a
// manifest.
func TestRunValuesTemplateText(t *testing.T) {
	f := manifest.NewFile("values.yaml", []byte("podAnnotations:\n  release: \"{{ .Release.Name }}\"\nextra: |\n  {{ include \"x\" . }}\n"))
	res, err := lint.Run([]*manifest.File{f}, lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 0 || res.NotManifestFiles != 1 {
		t.Errorf("Run(values.yaml) = %v, %d files not manifests; want no finding, 1", res.Diagnostics, res.NotManifestFiles)
	}
}
