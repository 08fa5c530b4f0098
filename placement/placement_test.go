package placement_test

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	sigsjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"

	"github.com/daemonlint/daemonlint/internal/diff"
	"github.com/daemonlint/daemonlint/placement"
)

var update = flag.Bool("update", false, "rewrite golden files")

// A list is a v1 List, whose items are decoded one by one.
type list struct {
	metav1.TypeMeta `json:",inline"`
	Items           []json.RawMessage `json:"items"`
}

// readObjects decodes the DaemonSets and Nodes of a YAML stream, List items
// included, strictly, as the API server decodes kubectl's JSON.
func readObjects(t *testing.T, name string) ([]*appsv1.DaemonSet, []corev1.Node) {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var dss []*appsv1.DaemonSet
	var nodes []corev1.Node
	var add func(data []byte)
	add = func(data []byte) {
		var typ metav1.TypeMeta
		if err := sigsjson.UnmarshalCaseSensitivePreserveInts(data, &typ); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var obj any
		switch typ.Kind {
		case "List":
			obj = new(list)
		case "DaemonSet":
			obj = new(appsv1.DaemonSet)
		case "Node":
			obj = new(corev1.Node)
		default:
			return
		}
		strict, err := sigsjson.UnmarshalStrict(data, obj, sigsjson.DisallowUnknownFields)
		if err != nil || len(strict) > 0 {
			t.Fatalf("%s: decoding %s: %v %v", name, typ.Kind, err, strict)
		}
		switch o := obj.(type) {
		case *appsv1.DaemonSet:
			dss = append(dss, o)
		case *corev1.Node:
			nodes = append(nodes, *o)
		case *list:
			for _, item := range o.Items {
				add(item)
			}
		}
	}
	r := utilyaml.NewYAMLReader(bufio.NewReader(f))
	for {
		doc, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		data, err := yaml.YAMLToJSON(doc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if string(data) != "null" {
			add(data)
		}
	}
	return dss, nodes
}

// formatVerdicts writes verdicts as the golden file shows them: one line
// per node, then one indented line per reason with its kind and the detail
// that kind carries.
func formatVerdicts(ds *appsv1.DaemonSet, verdicts []placement.NodeVerdict) string {
	var b strings.Builder
	fmt.Fprintf(&b, "== %s/%s\n", ds.Namespace, ds.Name)
	for _, v := range verdicts {
		switch {
		case v.Runs && v.EvictedEverySeconds != nil:
			fmt.Fprintf(&b, "%s: runs, but is evicted %s\n", v.Node, placement.EvictionPhrase(*v.EvictedEverySeconds))
		case v.Runs:
			fmt.Fprintf(&b, "%s: runs\n", v.Node)
		case v.KeepsRunning:
			fmt.Fprintf(&b, "%s: no (a pod already there keeps running)\n", v.Node)
		default:
			fmt.Fprintf(&b, "%s: no\n", v.Node)
		}
		for _, group := range []struct {
			label   string
			reasons []placement.Reason
		}{{"", v.Reasons}, {"pending ", v.Pending}, {"note ", v.Notes}} {
			for _, r := range group.reasons {
				fmt.Fprintf(&b, "    %s%s%s: %s\n", group.label, r.Kind, detail(r), r.Message)
			}
		}
	}
	fmt.Fprintf(&b, "summary: %s\n\n", placement.Summary(verdicts))
	return b.String()
}

// detail writes the structured part of a reason, so that the golden file
// checks the fields and not only the message.
func detail(r placement.Reason) string {
	var parts []string
	if r.PinnedTo != "" {
		parts = append(parts, "pinnedTo="+r.PinnedTo)
	}
	if r.Label != "" {
		nv := "<none>"
		if r.NodeValue != nil {
			nv = *r.NodeValue
		}
		parts = append(parts, fmt.Sprintf("label=%s value=%s node=%s", r.Label, r.Value, nv))
	}
	if r.TermIndex != nil {
		parts = append(parts, fmt.Sprintf("term=%d", *r.TermIndex))
	}
	if len(r.Unmatched) > 0 {
		var keys []string
		for _, u := range r.Unmatched {
			keys = append(keys, u.Key)
		}
		parts = append(parts, "unmatched="+strings.Join(keys, ","))
	}
	if r.TermError != "" {
		parts = append(parts, "parse-error")
	}
	if r.Taint != nil {
		parts = append(parts, "taint="+r.Taint.ToString())
	}
	if r.Toleration != nil {
		parts = append(parts, fmt.Sprintf("toleration=%q/%s", r.Toleration.Key, r.Toleration.Operator))
	}
	if r.DefaultToleration {
		parts = append(parts, "default")
	}
	if r.Port != nil {
		parts = append(parts, fmt.Sprintf("port=%d other=%s", r.Port.HostPort, r.Other))
	}
	if r.Resource != "" {
		parts = append(parts, fmt.Sprintf("resource=%s request=%s allocatable=%s", r.Resource, r.Request, r.Allocatable))
	}
	if len(parts) == 0 {
		return ""
	}
	return " [" + strings.Join(parts, " ") + "]"
}

// TestPlacementGolden checks Placement (through PlaceAll, for the host
// ports) on the six nodes of testdata/nodes.yaml against
// want.txt. The expected verdicts were checked by hand against
// NodeShouldRunDaemonPod in k8s.io/kubernetes v1.37.2
// pkg/controller/daemon/daemon_controller.go, and by running that function
// itself (in a scratch program outside this module) on the same two files:
// its shouldRun and shouldContinueRunning agree with Runs and KeepsRunning
// for all 13 × 6 pairs. (No node of the fixture has a NoExecute taint, so
// the taint manager, which KeepsRunning also counts, evicts nothing here;
// TestPlacementEviction covers it.)
func TestPlacementGolden(t *testing.T) {
	dir := "testdata"
	dss, _ := readObjects(t, filepath.Join(dir, "daemonsets.yaml"))
	_, nodes := readObjects(t, filepath.Join(dir, "nodes.yaml"))
	if len(nodes) != 6 {
		t.Fatalf("nodes.yaml holds %d nodes, want 6", len(nodes))
	}
	all := placement.PlaceAll(dss, nodes)
	var b strings.Builder
	for i, ds := range dss {
		for _, v := range all[i] {
			if v.Runs != (len(v.Reasons) == 0) {
				t.Errorf("%s on %s: Runs is %v with %d reasons", ds.Name, v.Node, v.Runs, len(v.Reasons))
			}
			if !v.Runs && (len(v.Pending) > 0 || len(v.Notes) > 0) {
				t.Errorf("%s on %s: pending or notes on a node where it does not run", ds.Name, v.Node)
			}
		}
		b.WriteString(formatVerdicts(ds, all[i]))
	}
	got := b.String()
	golden := filepath.Join(dir, "want.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("verdicts differ from %s (run with -update to rewrite it):\n%s", golden, string(diff.Unified("want", "got", want, []byte(got))))
	}
}
