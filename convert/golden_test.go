package convert_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/convert"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
	"golang.org/x/tools/txtar"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	sigsjson "sigs.k8s.io/json"
)

var update = flag.Bool("update", false, "rewrite the want.yaml, notes and error sections of the golden cases")

const goldenDir = "../testdata/convert"

// A golden case is a txtar archive: in.yaml, want.yaml, and optionally
// notes (one note a line, as the CLI prints them) and error (the error, as
// its lines). Lines of the archive's comment of the form "kinds: A,B" and
// "name: N" set Options.
type goldenCase struct {
	path    string
	archive *txtar.Archive
	opts    convert.Options
}

func (c *goldenCase) file(name string) ([]byte, bool) {
	for _, f := range c.archive.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

func (c *goldenCase) set(name string, data []byte) {
	for i, f := range c.archive.Files {
		if f.Name == name {
			c.archive.Files[i].Data = data
			return
		}
	}
	if len(data) > 0 {
		c.archive.Files = append(c.archive.Files, txtar.File{Name: name, Data: data})
	}
}

func readGoldenCases(t *testing.T) []*goldenCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(goldenDir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no golden cases in %s", goldenDir)
	}
	var cases []*goldenCase
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := &goldenCase{path: p, archive: a, opts: convert.Options{File: "in.yaml"}}
		for _, line := range strings.Split(string(a.Comment), "\n") {
			if v, ok := strings.CutPrefix(line, "kinds: "); ok {
				c.opts.Kinds = strings.Split(strings.TrimSpace(v), ",")
			}
			if v, ok := strings.CutPrefix(line, "name: "); ok {
				c.opts.Name = strings.TrimSpace(v)
			}
		}
		if _, ok := c.file("in.yaml"); !ok {
			t.Fatalf("%s has no in.yaml", p)
		}
		cases = append(cases, c)
	}
	return cases
}

func noteLines(notes []convert.Note) []byte {
	var b bytes.Buffer
	for _, n := range notes {
		fmt.Fprintln(&b, n)
	}
	return b.Bytes()
}

func errorLines(err error) []byte {
	if err == nil {
		return nil
	}
	return []byte(err.Error() + "\n")
}

func TestGolden(t *testing.T) {
	for _, c := range readGoldenCases(t) {
		name := strings.TrimSuffix(filepath.Base(c.path), ".txtar")
		t.Run(name, func(t *testing.T) {
			in, _ := c.file("in.yaml")
			out, notes, err := convert.Convert(in, c.opts)
			gotNotes, gotErr := noteLines(notes), errorLines(err)
			if *update {
				c.set("want.yaml", out)
				c.set("notes", gotNotes)
				c.set("error", gotErr)
				if err := os.WriteFile(c.path, txtar.Format(c.archive), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, ok := c.file("want.yaml")
			if !ok {
				t.Fatalf("no want.yaml (run with -update to write it)")
			}
			if !bytes.Equal(out, want) {
				t.Errorf("output differs from want.yaml:\ngot:\n%s\nwant:\n%s", out, want)
			}
			wantNotes, _ := c.file("notes")
			if !bytes.Equal(gotNotes, wantNotes) {
				t.Errorf("notes differ:\ngot:\n%s\nwant:\n%s", gotNotes, wantNotes)
			}
			wantErr, _ := c.file("error")
			if !bytes.Equal(gotErr, wantErr) {
				t.Errorf("error differs:\ngot:\n%s\nwant:\n%s", gotErr, wantErr)
			}

			checkIdempotent(t, out, c.opts, err != nil)
			converted := convertedDocuments(t, in, c.opts)
			checkLintClean(t, out, converted)
			checkTypedAgrees(t, in, out, converted)
		})
	}
}

// checkIdempotent converts out again: nothing may change, and there is
// nothing left to say, unless some documents could not be converted.
func checkIdempotent(t *testing.T, out []byte, opts convert.Options, hadError bool) {
	t.Helper()
	again, notes, err := convert.Convert(out, opts)
	if !bytes.Equal(again, out) {
		t.Errorf("converting the output again changes it:\n%s", again)
	}
	if !hadError && (len(notes) > 0 || err != nil) {
		t.Errorf("converting the output again gives notes %q and error %v", noteLines(notes), err)
	}
}

// docKey names a document of a stream: its index and List item.
type docKey struct{ index, item int }

// convertedDocuments returns the documents of in that the conversion
// changes.
func convertedDocuments(t *testing.T, in []byte, opts convert.Options) map[docKey]bool {
	t.Helper()
	docs, _ := manifest.Parse(manifest.NewFile("in.yaml", in))
	out := map[docKey]bool{}
	for _, d := range docs {
		edits, _, err := convert.Edits(d, opts)
		if err == nil && len(edits) > 0 {
			out[docKey{d.Index, d.Item}] = true
		}
	}
	return out
}

// checkLintClean runs every lint rule on out: the converted documents must
// have no error.
func checkLintClean(t *testing.T, out []byte, converted map[docKey]bool) {
	t.Helper()
	f := manifest.NewFile("want.yaml", out)
	diags, _, err := lint.CheckFile(f, lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		if d.Severity != lint.Error {
			continue
		}
		docs, _ := manifest.Parse(f)
		for _, doc := range docs {
			if doc.Index == d.Document && converted[docKey{doc.Index, doc.Item}] && d.Object.Name == doc.Name {
				t.Errorf("the output does not lint clean: %s:%d:%d: %s (%s)", d.File, d.Start.Line, d.Start.Column, d.Message, d.Rule)
				break
			}
		}
	}
}

// checkTypedAgrees checks that every converted document of out decodes to
// the DaemonSet that ToDaemonSet makes of the decoded original.
func checkTypedAgrees(t *testing.T, in, out []byte, converted map[docKey]bool) {
	t.Helper()
	inDocs, _ := manifest.Parse(manifest.NewFile("in.yaml", in))
	outDocs, _ := manifest.Parse(manifest.NewFile("want.yaml", out))
	find := func(k docKey) *manifest.Document {
		for _, d := range outDocs {
			if d.Index == k.index && d.Item == k.item {
				return d
			}
		}
		return nil
	}
	for _, d := range inDocs {
		k := docKey{d.Index, d.Item}
		if !converted[k] {
			continue
		}
		obj := decodeOriginal(t, d)
		want, _, err := convert.ToDaemonSet(obj)
		if err != nil {
			t.Errorf("document %d: ToDaemonSet: %v", d.Index, err)
			continue
		}
		od := find(k)
		if od == nil {
			t.Errorf("document %d is missing from the output", d.Index)
			continue
		}
		got := od.DaemonSet()
		if got == nil {
			t.Errorf("document %d of the output is not an apps/v1 DaemonSet (%s %s)", d.Index, od.APIVersion, od.Kind)
			continue
		}
		if !apiequality.Semantic.DeepEqual(got, want) {
			gj, _ := json.MarshalIndent(got, "", "  ")
			wj, _ := json.MarshalIndent(want, "", "  ")
			t.Errorf("document %d: the converted source and ToDaemonSet disagree:\nsource:\n%s\nToDaemonSet:\n%s", d.Index, gj, wj)
		}
	}
}

// decodeOriginal decodes a ReplicaSet or Deployment document (of any
// apiVersion, with any spelling of its kind) into its apps/v1 type.
func decodeOriginal(t *testing.T, d *manifest.Document) runtime.Object {
	t.Helper()
	data, err := d.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var obj runtime.Object = new(appsv1.ReplicaSet)
	if manifest.SuggestKind(d.Kind, d.APIVersion) == "Deployment" {
		obj = new(appsv1.Deployment)
	}
	if err := sigsjson.UnmarshalCaseSensitivePreserveInts(data, obj); err != nil {
		t.Fatal(err)
	}
	return obj
}

func TestToDaemonSetRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		obj  runtime.Object
		want string
	}{
		{"wrong type", &appsv1.StatefulSet{}, "only *appsv1.ReplicaSet and *appsv1.Deployment"},
		{"no template labels", &appsv1.ReplicaSet{}, "spec.template.metadata.labels are empty"},
		{"nil", (*appsv1.Deployment)(nil), "nil Deployment"},
		{"a selector that does not select the template labels", &appsv1.ReplicaSet{Spec: appsv1.ReplicaSetSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "a"}},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "b"}}},
		}}, `"app=b" is not selected by "app=a"`},
		{"a selector and no template labels", &appsv1.Deployment{Spec: appsv1.DeploymentSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "a"}},
		}}, "spec.template.metadata.labels are missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := convert.ToDaemonSet(tc.obj)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestToDaemonSetLeavesInputAlone(t *testing.T) {
	rs := &appsv1.ReplicaSet{}
	rs.Name = "web-7c9d"
	rs.Labels = map[string]string{"app": "web", "pod-template-hash": "7c9d"}
	rs.Spec.Template.Labels = map[string]string{"app": "web", "pod-template-hash": "7c9d"}
	before := rs.DeepCopy()
	ds, notes, err := convert.ToDaemonSet(rs)
	if err != nil {
		t.Fatal(err)
	}
	if !apiequality.Semantic.DeepEqual(rs, before) {
		t.Error("ToDaemonSet modified its input")
	}
	if got, want := ds.Spec.Selector.MatchLabels, map[string]string{"app": "web"}; !apiequality.Semantic.DeepEqual(got, want) {
		t.Errorf("selector = %v, want %v", got, want)
	}
	if !slices.ContainsFunc(notes, func(n convert.Note) bool { return strings.Contains(n.Message, `consider naming the DaemonSet "web"`) }) {
		t.Errorf("no note about the name in %v", notes)
	}
}

func TestErrorNamesFileAndLine(t *testing.T) {
	const service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n---\n"
	for _, tc := range []struct {
		name string
		src  string
		want string
	}{
		{
			name: "no template labels",
			src:  service + "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: bare\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n      - name: c\n        image: c\n",
			want: `bad.yaml:12:3: cannot convert ReplicaSet "bare": spec.template.metadata.labels are empty, so no spec.selector can be written; label the pod template`,
		},
		{
			name: "a value of the wrong type",
			src:  service + "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: typed}\nspec:\n  replicas: \"3\"\n",
			want: `bad.yaml:10:3: cannot convert Deployment "typed": the object cannot be read as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`,
		},
		{
			name: "a merged key",
			src:  service + "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: merged}\nspec:\n  <<: {replicas: 2}\n  template: {metadata: {labels: {a: b}}}\n",
			want: `bad.yaml:10:8: cannot convert ReplicaSet "merged": spec.replicas comes from a YAML merge key (<<) and cannot be removed here; write the object without the merge`,
		},
		{
			name: "a selector that does not select the template labels",
			src:  service + "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: mismatched}\nspec:\n  selector:\n    matchLabels: {app: a}\n  template: {metadata: {labels: {app: b}}}\n",
			want: `bad.yaml:10:3: cannot convert ReplicaSet "mismatched": spec.template.metadata.labels do not match spec.selector: "app=b" is not selected by "app=a", and the API server rejects the object; make them agree before converting`,
		},
		{
			name: "a selector and no template labels",
			src:  service + "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: unlabelled}\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    spec:\n      containers: [{name: c, image: c}]\n",
			want: `bad.yaml:12:3: cannot convert Deployment "unlabelled": spec.template.metadata.labels are missing, so no pod matches spec.selector "app=a" and the API server rejects the object; add the labels the selector selects before converting`,
		},
		{
			name: "a selector that is not valid",
			src:  service + "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: badsel}\nspec:\n  selector:\n    matchExpressions: [{key: app, operator: Near}]\n  template: {metadata: {labels: {app: b}}}\n",
			want: `bad.yaml:10:3: cannot convert ReplicaSet "badsel": spec.selector is not a valid label selector ("Near" is not a valid label selector operator); fix it before converting`,
		},
		{
			name: "a selector of only pod-template-hash",
			src:  service + "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: hashed}\nspec:\n  selector: {matchLabels: {pod-template-hash: abc}}\n  template: {metadata: {labels: {pod-template-hash: abc, app: a}}}\n",
			want: `bad.yaml:10:3: cannot convert ReplicaSet "hashed": spec.selector selects only the pod-template-hash label, which the conversion removes; select the template labels instead`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			out, notes, err := convert.Convert(src, convert.Options{File: "bad.yaml"})
			var cerr *convert.Error
			if !errors.As(err, &cerr) {
				t.Fatalf("got error %v, want a *convert.Error", err)
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("got error\n%s\nwant\n%s", got, tc.want)
			}
			if !bytes.Equal(out, src) {
				t.Errorf("a document that cannot be converted changed:\n%s", out)
			}
			if len(notes) > 0 {
				t.Errorf("notes for a document that is not converted: %v", notes)
			}
		})
	}
}
