package kustomize

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/manifest"

	"github.com/daemonlint/daemonlint/render"
)

const repo = "testdata/repo"

func TestFind(t *testing.T) {
	tree, err := Find(repo)
	if err != nil {
		t.Fatal(err)
	}
	j := func(ps ...string) []string {
		var out []string
		for _, p := range ps {
			out = append(out, filepath.Join(repo, p))
		}
		return out
	}
	t.Run("kustomizations", func(t *testing.T) {
		got := tree.Kustomizations
		want := j("base", "broken", "components/tolerations", "overlays/labels", "overlays/prod")
		if !slices.Equal(got, want) {
			t.Errorf("Kustomizations = %q, want %q (vendor/ and .github/ skipped)", got, want)
		}
	})
	t.Run("leaves", func(t *testing.T) {
		got := tree.Leaves
		want := j("broken", "overlays/labels", "overlays/prod")
		if !slices.Equal(got, want) {
			t.Errorf("Leaves = %q, want %q", got, want)
		}
	})
	for _, tc := range []struct {
		file string
		want bool
	}{
		{"base/kustomization.yaml", true},
		{"base/daemonset.yaml", true},
		{"base/agent.conf", true},
		{"overlays/labels/kustomization.yaml", true},
		{"overlays/labels/labels-patch.yaml", true},
		{"overlays/labels/priority.yaml", true},
		{"components/tolerations/kustomization.yaml", true},
		{"components/tolerations/tolerations.yaml", true},
		{"overlays/prod/kustomization.yaml", true},
		{"overlays/prod/agent-patch.yaml", true},
		{"broken/kustomization.yaml", true},
		{"broken/missing.yaml", false},
		{"base/extra/pod.yaml", false},
		{"vendor/example.com/lib/kustomization.yaml", false},
		{"./base/../base/daemonset.yaml", true},
	} {
		t.Run("reads "+tc.file, func(t *testing.T) {
			if got := tree.Reads(filepath.Join(repo, tc.file)); got != tc.want {
				t.Errorf("Reads(%q) = %v, want %v", tc.file, got, tc.want)
			}
		})
	}
}

func TestFindMissingRoot(t *testing.T) {
	if _, err := Find("testdata/no-such-dir"); err == nil {
		t.Error("Find of a missing directory: no error")
	}
}

// build builds dir and fails the test unless it gives one stream.
func build(t *testing.T, dir string) render.Output {
	t.Helper()
	outs, fails := Build(dir, Options{})
	if len(fails) > 0 || len(outs) != 1 {
		t.Fatalf("Build(%s) = %d outputs, failures %v; want one output and no failure", dir, len(outs), fails)
	}
	return outs[0]
}

// built returns the built document of the given kind.
func built(t *testing.T, out render.Output, kind string) *manifest.Document {
	t.Helper()
	docs, errs := manifest.Parse(manifest.NewFile(out.Name, out.Src))
	if len(errs) > 0 {
		t.Fatalf("built stream does not parse: %v", errs[0].Msg)
	}
	for _, d := range docs {
		if d.Kind == kind {
			return d
		}
	}
	t.Fatalf("no %s in the built stream:\n%s", kind, out.Src)
	return nil
}

func TestLocate(t *testing.T) {
	base := filepath.Join(repo, "base")
	labels := filepath.Join(repo, "overlays/labels")
	prod := filepath.Join(repo, "overlays/prod")
	for _, tc := range []struct {
		name  string
		dir   string
		kind  string
		field string
		// value locates only the field's value, not its key.
		value bool

		wantFile  string
		wantLine  int
		wantText  string
		wantExact bool
		wantNote  string
	}{
		{
			name: "patched template labels point at the patch", dir: labels, kind: "DaemonSet",
			field:    "spec.template.metadata.labels",
			wantFile: "overlays/labels/labels-patch.yaml", wantLine: 8, wantText: "labels:\n        app: log-agent-v2", wantExact: true,
			wantNote: "set by the patch " + filepath.Join(labels, "labels-patch.yaml"),
		},
		{
			name: "one patched label", dir: labels, kind: "DaemonSet",
			field:    "spec.template.metadata.labels[app]",
			wantFile: "overlays/labels/labels-patch.yaml", wantLine: 9, wantText: "app: log-agent-v2", wantExact: true,
			wantNote: "set by the patch",
		},
		{
			name: "the selector the patch left alone is the base's", dir: labels, kind: "DaemonSet",
			field:    "spec.selector.matchLabels",
			wantFile: "base/daemonset.yaml", wantLine: 9, wantText: "matchLabels:\n      app: log-agent", wantExact: true,
			wantNote: "",
		},
		{
			name: "a component's JSON patch", dir: labels, kind: "DaemonSet",
			field:    "spec.template.spec.tolerations[0].effect",
			wantFile: "components/tolerations/tolerations.yaml", wantLine: 5, wantText: "effect: NoSchedule", wantExact: true,
			wantNote: "set by the patch " + filepath.Join(repo, "components/tolerations/tolerations.yaml"),
		},
		{
			name: "a JSON 6902 patch's value, key differs", dir: labels, kind: "DaemonSet",
			field:    "spec.template.spec.priorityClassName",
			wantFile: "overlays/labels/priority.yaml", wantLine: 3, wantText: "value: system-node-critical",
			wantNote: "set by the patch " + filepath.Join(labels, "priority.yaml"),
		},
		{
			name: "a JSON 6902 patch's value alone is exact", dir: labels, kind: "DaemonSet",
			field: "spec.template.spec.priorityClassName", value: true,
			wantFile: "overlays/labels/priority.yaml", wantLine: 3, wantText: "system-node-critical", wantExact: true,
			wantNote: "set by the patch",
		},
		{
			name: "namespace from the base's kustomization", dir: labels, kind: "DaemonSet",
			field:    "metadata.namespace",
			wantFile: "base/kustomization.yaml", wantLine: 4, wantText: "namespace: monitoring",
			wantNote: "namespace in " + filepath.Join(base, "kustomization.yaml"),
		},
		{
			name: "generated ConfigMap data", dir: labels, kind: "ConfigMap",
			field:    "data",
			wantFile: "base/kustomization.yaml", wantLine: 10, wantText: "name: agent-config\n  files:\n  - agent.conf",
			wantNote: "generated by configMapGenerator in " + filepath.Join(base, "kustomization.yaml"),
		},
		{
			name: "namePrefix", dir: prod, kind: "DaemonSet",
			field:    "metadata.name",
			wantFile: "overlays/prod/kustomization.yaml", wantLine: 4, wantText: "namePrefix: prod-",
			wantNote: "namePrefix in " + filepath.Join(prod, "kustomization.yaml"),
		},
		{
			name: "images", dir: prod, kind: "DaemonSet",
			field:    "spec.template.spec.containers[0].image",
			wantFile: "overlays/prod/kustomization.yaml", wantLine: 17, wantText: "newTag: 1.5.0",
			wantNote: "images in " + filepath.Join(prod, "kustomization.yaml"),
		},
		{
			name: "labels with includeTemplates reach the template", dir: prod, kind: "DaemonSet",
			field:    "spec.template.metadata.labels[tier]",
			wantFile: "overlays/prod/kustomization.yaml", wantLine: 11, wantText: "tier: node",
			wantNote: "labels in " + filepath.Join(prod, "kustomization.yaml"),
		},
		{
			name: "labels without includeSelectors leave the selector to the base", dir: prod, kind: "DaemonSet",
			field:    "spec.selector.matchLabels[app]",
			wantFile: "base/daemonset.yaml", wantLine: 10, wantText: "app: log-agent", wantExact: true,
			wantNote: "",
		},
		{
			name: "a patch applied before the images transformer loses to it", dir: prod, kind: "DaemonSet",
			field:    "spec.template.spec.containers[0].image",
			wantFile: "overlays/prod/kustomization.yaml", wantLine: 17, wantText: "newTag: 1.5.0",
			wantNote: "images in",
		},
		{
			name: "a patched container field", dir: prod, kind: "DaemonSet",
			field:    "spec.template.spec.containers[0].resources.limits.memory",
			wantFile: "overlays/prod/agent-patch.yaml", wantLine: 13, wantText: "memory: 300Mi", wantExact: true,
			wantNote: "set by the patch " + filepath.Join(prod, "agent-patch.yaml"),
		},
		{
			name: "a mapping a patch wrote only in part is the resource's", dir: prod, kind: "DaemonSet",
			field:    "spec.template.spec",
			wantFile: "base/daemonset.yaml", wantLine: 15,
			wantText: "spec:\n      containers:\n      - name: agent\n        image: registry.example.com/log-agent:1.4.2\n" +
				"        resources:\n          limits:\n            memory: 200Mi\n        volumeMounts:\n        - name: config\n" +
				"          mountPath: /etc/agent\n      volumes:\n      - name: config\n        configMap:\n          name: agent-config",
			wantNote: "",
		},
		{
			name: "a mapping a patch wrote whole is the patch's", dir: prod, kind: "DaemonSet",
			field:    "spec.template.spec.containers[0].resources",
			wantFile: "overlays/prod/agent-patch.yaml", wantLine: 11, wantText: "resources:\n          limits:\n            memory: 300Mi", wantExact: true,
			wantNote: "set by the patch",
		},
		{
			name: "unchanged resource text is exact", dir: labels, kind: "DaemonSet",
			field:    "spec.template.spec.containers[0].resources.limits.memory",
			wantFile: "base/daemonset.yaml", wantLine: 21, wantText: "memory: 200Mi", wantExact: true,
			wantNote: "",
		},
		{
			name: "a renamed reference falls back to the base's text", dir: prod, kind: "DaemonSet",
			field:    "spec.template.spec.volumes[0].configMap.name",
			wantFile: "base/daemonset.yaml", wantLine: 28, wantText: "name: agent-config",
			wantNote: "",
		},
		{
			name: "a container found by name where its keys were reordered", dir: prod, kind: "DaemonSet",
			field:    "spec.template.spec.containers[0].volumeMounts[0].mountPath",
			wantFile: "base/daemonset.yaml", wantLine: 24, wantText: "mountPath: /etc/agent", wantExact: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := build(t, tc.dir)
			d := built(t, out, tc.kind)
			l := d.Lookup(tc.field)
			if !l.Exact {
				t.Fatalf("%s is not in the built %s:\n%s", tc.field, tc.kind, out.Src)
			}
			start, end := l.Span.Start, l.Span.End
			if tc.value {
				sp := d.File.NodeSpan(l.Node)
				start, end = sp.Start, sp.End
			}
			loc := out.Map.Locate(start, end)
			if want := filepath.Join(repo, tc.wantFile); loc.File != want {
				t.Fatalf("File = %q, want %q (note %q)", loc.File, want, loc.Note)
			}
			src, err := os.ReadFile(loc.File)
			if err != nil {
				t.Fatal(err)
			}
			if loc.Start < 0 || loc.End > len(src) || loc.End < loc.Start {
				t.Fatalf("span [%d, %d) is outside %s (%d bytes)", loc.Start, loc.End, loc.File, len(src))
			}
			if got := manifest.NewFile(loc.File, src).Position(loc.Start).Line; got != tc.wantLine {
				t.Errorf("line = %d, want %d", got, tc.wantLine)
			}
			if got := string(src[loc.Start:loc.End]); got != tc.wantText {
				t.Errorf("text = %q, want %q", got, tc.wantText)
			}
			if loc.Exact != tc.wantExact {
				t.Errorf("Exact = %v, want %v", loc.Exact, tc.wantExact)
			}
			if loc.Exact && !bytes.Equal(src[loc.Start:loc.End], out.Src[start:end]) {
				t.Errorf("Exact, but source %q differs from built %q", src[loc.Start:loc.End], out.Src[start:end])
			}
			if !strings.Contains(loc.Note, tc.wantNote) {
				t.Errorf("Note = %q, want it to hold %q", loc.Note, tc.wantNote)
			}
		})
	}
}

func TestLocateOutsideObjects(t *testing.T) {
	out := build(t, filepath.Join(repo, "overlays/prod"))
	t.Run("past the end", func(t *testing.T) {
		loc := out.Map.Locate(len(out.Src)+10, len(out.Src)+20)
		if want := filepath.Join(repo, "overlays/prod/kustomization.yaml"); loc.File != want || loc.Exact || loc.Start != 0 {
			t.Errorf("Locate past the end = %+v, want the start of %s, not Exact", loc, want)
		}
	})
	t.Run("backwards is empty", func(t *testing.T) {
		if got, want := out.Map.Locate(5, 2), out.Map.Locate(5, 5); got != want {
			t.Errorf("Locate(5, 2) = %+v, want Locate(5, 5) = %+v", got, want)
		}
	})
}

func TestBuildOutput(t *testing.T) {
	dir := filepath.Join(repo, "overlays/labels")
	kfile := filepath.Join(dir, "kustomization.yaml")
	before, err := os.ReadFile(kfile)
	if err != nil {
		t.Fatal(err)
	}
	out := build(t, dir)
	after, err := os.ReadFile(kfile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("Build changed %s", kfile)
	}
	for _, s := range []string{originAnnotation, transformationsAnnotation, "buildMetadata", "annotations:"} {
		if bytes.Contains(out.Src, []byte(s)) {
			t.Errorf("built stream holds %q:\n%s", s, out.Src)
		}
	}
	if got, want := out.Origin, (render.Origin{Kind: "kustomization", Root: dir}); got.Kind != want.Kind || got.Root != want.Root {
		t.Errorf("Origin = %+v, want %+v", got, want)
	}
	ds := built(t, out, "DaemonSet")
	if got, want := ds.Name, "log-agent"; got != want {
		t.Errorf("DaemonSet name = %q, want %q", got, want)
	}
	if got := ds.Lookup("spec.template.spec.tolerations[0].operator"); !got.Exact {
		t.Errorf("the component's toleration is not in the built DaemonSet:\n%s", out.Src)
	}
}

func TestBuildKeepsOtherAnnotations(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("kustomization.yaml", "resources:\n- cm.yaml\nbuildMetadata: [managedByLabel]\ncommonAnnotations:\n  team: nodes\n")
	write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    owner: me\n")
	out := build(t, dir)
	for _, s := range []string{"owner: me", "team: nodes", "app.kubernetes.io/managed-by"} {
		if !bytes.Contains(out.Src, []byte(s)) {
			t.Errorf("built stream lacks %q:\n%s", s, out.Src)
		}
	}
	if bytes.Contains(out.Src, []byte(originAnnotation)) {
		t.Errorf("built stream holds the origin annotation:\n%s", out.Src)
	}
	d := built(t, out, "ConfigMap")
	loc := out.Map.Locate(d.Lookup("metadata.annotations[team]").Span.Start, d.Lookup("metadata.annotations[team]").Span.End)
	if want := filepath.Join(dir, "kustomization.yaml"); loc.File != want || !strings.Contains(loc.Note, "commonAnnotations") {
		t.Errorf("Locate(team annotation) = %+v, want commonAnnotations in %s", loc, want)
	}
}

func TestBuildFailures(t *testing.T) {
	for _, tc := range []struct {
		name     string
		dir      string
		wantFile string
		wantLine int
		wantMsg  string
	}{
		{
			name: "missing resource", dir: filepath.Join(repo, "broken"),
			wantFile: filepath.Join(repo, "broken/kustomization.yaml"), wantLine: 6,
			wantMsg: `resources[1]: "missing.yaml": `,
		},
		{
			name: "remote resource is not fetched", dir: "testdata/remote",
			wantFile: "testdata/remote/kustomization.yaml", wantLine: 6,
			wantMsg: `resources[1]: "https://github.com/example/agents//deploy/base?ref=v1.2.0" is a remote resource`,
		},
		{
			name: "no kustomization", dir: "testdata",
			wantFile: "testdata", wantLine: 0,
			wantMsg: "no kustomization.yaml",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			outs, fails := Build(tc.dir, Options{})
			if len(outs) != 0 || len(fails) != 1 {
				t.Fatalf("Build = %d outputs, %d failures (%v); want no output and one failure", len(outs), len(fails), fails)
			}
			f := fails[0]
			if f.File != tc.wantFile || f.Line != tc.wantLine {
				t.Errorf("failure at %s:%d, want %s:%d", f.File, f.Line, tc.wantFile, tc.wantLine)
			}
			if !strings.Contains(f.Message, tc.wantMsg) {
				t.Errorf("Message = %q, want it to hold %q", f.Message, tc.wantMsg)
			}
			if f.Origin.Kind != "kustomization" || f.Origin.Root != tc.dir {
				t.Errorf("Origin = %+v, want the kustomization %s", f.Origin, tc.dir)
			}
		})
	}
}

func TestWithBuildMetadata(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"none", "resources:\n- a.yaml\n", []string{"originAnnotations", "transformerAnnotations"}},
		{"merged", "buildMetadata: [managedByLabel, originAnnotations]\n", []string{"managedByLabel", "originAnnotations", "transformerAnnotations"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := withBuildMetadata([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			docs, _ := manifest.Parse(manifest.NewFile("k", out))
			var got []string
			for _, n := range items(docs[0].Field("buildMetadata")) {
				got = append(got, n.Value)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("buildMetadata = %q, want %q in\n%s", got, tc.want, out)
			}
		})
	}
}

func TestLocateInlinePatch(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("kustomization.yaml", `resources:
- cm.yaml
patches:
- target:
    kind: ConfigMap
  patch: |-
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: c
    data:
      mode: fast
`)
	write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  mode: slow\n  size: big\n")
	out := build(t, dir)
	d := built(t, out, "ConfigMap")
	for _, tc := range []struct {
		field    string
		wantFile string
		wantNote string
	}{
		{"data[mode]", "kustomization.yaml", "set by the patch at patches[0].patch in "},
		{"data[size]", "cm.yaml", ""},
	} {
		t.Run(tc.field, func(t *testing.T) {
			l := d.Lookup(tc.field)
			loc := out.Map.Locate(l.Span.Start, l.Span.End)
			if want := filepath.Join(dir, tc.wantFile); loc.File != want || !strings.Contains(loc.Note, tc.wantNote) {
				t.Errorf("Locate(%s) = %+v, want %s with a note holding %q", tc.field, loc, want, tc.wantNote)
			}
		})
	}
}

func TestFindReadsEveryField(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"app/kustomization.yaml": `bases:
- ../lib
crds:
- crd.yaml
configurations:
- config.yaml
openapi:
  path: schema.json
replacements:
- path: replacement.yaml
generators:
- generator.yaml
configMapGenerator:
- name: a
  envs:
  - a.env
  files:
  - key=b.txt
secretGenerator:
- name: s
  env: s.env
patchesJson6902:
- target: {kind: Deployment, name: x}
  path: json.yaml
patchesStrategicMerge:
- smp.yaml
- |-
  kind: Deployment
  metadata:
    name: x
`,
		"lib/kustomization.yaml":            "resources:\n- deploy.yaml\n",
		"lib/deploy.yaml":                   "kind: Deployment\n",
		"app/crd.yaml":                      "kind: CustomResourceDefinition\n",
		"app/config.yaml":                   "nameReference: []\n",
		"app/schema.json":                   "{}\n",
		"app/replacement.yaml":              "source: {}\n",
		"app/generator.yaml":                "kind: Generator\n",
		"app/a.env":                         "A=1\n",
		"app/b.txt":                         "b\n",
		"app/s.env":                         "S=1\n",
		"app/json.yaml":                     "- op: remove\n  path: /x\n",
		"app/smp.yaml":                      "kind: Deployment\n",
		"app/other.yaml":                    "kind: Pod\n",
		"node_modules/x/kustomization.yaml": "resources:\n- ../../app/other.yaml\n",
	}
	for name, text := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tree, err := Find(root)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tree.Leaves, []string{filepath.Join(root, "app")}; !slices.Equal(got, want) {
		t.Errorf("Leaves = %q, want %q (a base named under bases is used)", got, want)
	}
	for name := range files {
		want := !strings.HasPrefix(name, "node_modules/") && name != "app/other.yaml"
		if got := tree.Reads(filepath.Join(root, name)); got != want {
			t.Errorf("Reads(%s) = %v, want %v", name, got, want)
		}
	}
}

// TestLocateFallsBackToParent: a field that a transformer this package does
// not trace (a replacement) made, and that the resource file lacks, maps to
// its nearest parent in the resource file, not Exact.
func TestLocateFallsBackToParent(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("kustomization.yaml", `resources:
- cm.yaml
replacements:
- source: {kind: ConfigMap, name: c, fieldPath: data.mode}
  targets:
  - select: {kind: ConfigMap, name: c}
    fieldPaths: [metadata.annotations.mode]
    options: {create: true}
`)
	write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  mode: slow\n")
	out := build(t, dir)
	d := built(t, out, "ConfigMap")
	l := d.Lookup("metadata.annotations[mode]")
	if !l.Exact {
		t.Fatalf("the replacement made no annotation:\n%s", out.Src)
	}
	loc := out.Map.Locate(l.Span.Start, l.Span.End)
	src, err := os.ReadFile(loc.File)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(src[loc.Start:loc.End]), "metadata:\n  name: c"; loc.File != filepath.Join(dir, "cm.yaml") || got != want || loc.Exact {
		t.Errorf("Locate = %s %q exact %v, want %q in cm.yaml, not Exact", loc.File, got, loc.Exact, want)
	}
}
