package cli

import (
	"github.com/daemonlint/daemonlint/cmd/internal/engine/full"

	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs the command with args and stdin, and returns its exit code,
// standard output and standard error.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, engines: full.Engines()}
	code := run(args, e)
	return code, stdout.String(), stderr.String()
}

func writeFile(t *testing.T, dir, name, src string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const fluentd = `# a log collector
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: fluentd}
  template:
    metadata:
      labels: {app: fluentd}
    spec:
      containers:
      - name: fluentd
        image: fluentd:v1.17
`

const twoNodes = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata: {name: cp-1, labels: {kubernetes.io/os: linux}}
  spec:
    taints:
    - {key: node-role.kubernetes.io/control-plane, effect: NoSchedule}
- apiVersion: v1
  kind: Node
  metadata: {name: node-a, labels: {kubernetes.io/os: linux}}
`

func TestPlacementText(t *testing.T) {
	dir := t.TempDir()
	ds := writeFile(t, dir, "fluentd.yaml", fluentd)
	nodes := writeFile(t, dir, "nodes.yaml", twoNodes)

	code, out, errOut := runCmd(t, "", "placement", "--nodes", nodes, ds)
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := "DaemonSet kube-system/fluentd (" + ds + ":2)\n" +
		"NODE    RUNS  WHY\n" +
		"cp-1    no    the node has the taint node-role.kubernetes.io/control-plane:NoSchedule, which the pods do not tolerate\n" +
		"node-a  yes\n" +
		"runs on 1 of 2 nodes; not on cp-1: untolerated taint node-role.kubernetes.io/control-plane:NoSchedule\n" +
		"to run on cp-1 too, add to spec.template.spec.tolerations: {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

func TestPlacementBuiltInProfiles(t *testing.T) {
	code, out, errOut := runCmd(t, fluentd, "placement")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		"no --nodes given: using built-in node profiles cp-1 (kubeadm control plane), worker-1 (worker), worker-2 (cordoned worker), gpu-1 (",
		"DaemonSet kube-system/fluentd (-:2)\n",
		"worker-2  yes   cordoned, yet daemon pods still run",
		"runs on 2 of 4 nodes; not on cp-1: untolerated taint node-role.kubernetes.io/control-plane:NoSchedule; not on gpu-1: untolerated taint nvidia.com/gpu:NoSchedule\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestPlacementJSON(t *testing.T) {
	dir := t.TempDir()
	nodes := writeFile(t, dir, "nodes.yaml", twoNodes)
	code, out, errOut := runCmd(t, fluentd, "placement", "--format", "json", "--nodes", nodes, "-")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got struct {
		NodesFrom  string   `json:"nodesFrom"`
		Nodes      []string `json:"nodes"`
		DaemonSets []struct {
			File, Name, Namespace, Summary string
			Line, Runs                     int
			Verdicts                       []struct {
				Node    string
				Runs    bool
				Reasons []struct {
					Kind  string
					Taint struct{ Key, Effect string }
				}
			}
		} `json:"daemonSets"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if got.NodesFrom != nodes || len(got.Nodes) != 2 || len(got.DaemonSets) != 1 {
		t.Fatalf("got %+v", got)
	}
	d := got.DaemonSets[0]
	if d.File != "-" || d.Line != 2 || d.Name != "fluentd" || d.Runs != 1 || len(d.Verdicts) != 2 {
		t.Errorf("DaemonSet = %+v", d)
	}
	if v := d.Verdicts[0]; v.Node != "cp-1" || v.Runs || len(v.Reasons) != 1 ||
		v.Reasons[0].Kind != "taint" || v.Reasons[0].Taint.Key != "node-role.kubernetes.io/control-plane" {
		t.Errorf("cp-1 verdict = %+v", v)
	}
}

func TestPlacementErrors(t *testing.T) {
	dir := t.TempDir()
	ds := writeFile(t, dir, "fluentd.yaml", fluentd)
	nodes := writeFile(t, dir, "nodes.yaml", twoNodes)
	notNodes := writeFile(t, dir, "pods.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n")
	badNodes := writeFile(t, dir, "bad-nodes.yaml", "apiVersion: v1\nkind: Node\nmetadata: {name: [x}\n")
	undecodable := writeFile(t, dir, "bad-ds.yaml", fluentd+"---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: broken\nspec:\n  template:\n    spec:\n      containers: 3\n")
	oldAPI := writeFile(t, dir, "old.yaml", strings.Replace(fluentd, "apps/v1", "extensions/v1beta1", 1))
	service := writeFile(t, dir, "svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n")
	for _, tc := range []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantStderr string
		wantStdout string
	}{
		{name: "bad format", args: []string{"--format", "xml", ds}, wantCode: exitUsage, wantStderr: `unknown format "xml"`},
		{name: "missing nodes file", args: []string{"--nodes", filepath.Join(dir, "nope.yaml"), ds}, wantCode: exitUsage, wantStderr: "nope.yaml: no such file or directory"},
		{name: "nodes file of pods", args: []string{"--nodes", notNodes, ds}, wantCode: exitUsage, wantStderr: "pods.yaml:1: --nodes needs v1 Node objects (kubectl get nodes -o yaml), but this is a Pod"},
		{name: "nodes file with a syntax error", args: []string{"--nodes", badNodes, ds}, wantCode: exitUsage, wantStderr: "bad-nodes.yaml:3:"},
		{name: "missing path", args: []string{filepath.Join(dir, "nope.yaml")}, wantCode: exitUsage, wantStderr: "no such file"},
		{name: "no DaemonSet", args: []string{service}, wantCode: exitUsage, wantStderr: "holds no DaemonSet"},
		{name: "empty stdin", args: []string{"-"}, wantCode: exitUsage, wantStderr: "holds no Kubernetes objects"},
		{name: "both from stdin", args: []string{"--nodes", "-"}, wantCode: exitUsage, wantStderr: "cannot both come from standard input"},
		{
			name: "undecodable DaemonSet", args: []string{"--nodes", nodes, undecodable}, wantCode: exitFindings,
			wantStderr: "bad-ds.yaml:18: DaemonSet broken cannot be decoded",
			wantStdout: "DaemonSet kube-system/fluentd",
		},
		{name: "old apiVersion", args: []string{"--nodes", nodes, oldAPI}, wantCode: exitFindings, wantStderr: `old.yaml:2: DaemonSet fluentd has apiVersion "extensions/v1beta1"`},
		{name: "nodes from stdin", args: []string{"--nodes", "-", ds}, stdin: twoNodes, wantCode: exitOK, wantStdout: "runs on 1 of 2 nodes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, tc.stdin, append([]string{"placement"}, tc.args...)...)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.wantCode, errOut)
			}
			if !strings.Contains(errOut, tc.wantStderr) {
				t.Errorf("stderr %q lacks %q", errOut, tc.wantStderr)
			}
			if !strings.Contains(out, tc.wantStdout) {
				t.Errorf("stdout %q lacks %q", out, tc.wantStdout)
			}
		})
	}
}

func TestPlacementTerminal(t *testing.T) {
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, stdinTerminal: true}
	if code := run([]string{"placement"}, e); code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if !strings.Contains(stderr.String(), "standard input is a terminal") {
		t.Errorf("stderr %q", stderr.String())
	}
}

// evictedAgent tolerates a NoExecute taint for 60 s only, and every
// NoSchedule taint (a toleration with no key and effect NoSchedule).
const evictedAgent = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      tolerations:
      - {operator: Exists, effect: NoSchedule}
      - {key: dedicated, operator: Exists, effect: NoExecute, tolerationSeconds: 60}
      containers:
      - name: agent
        image: agent:1.0
`

const taintedNodes = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata: {name: cp-1}
  spec:
    taints:
    - {key: node-role.kubernetes.io/control-plane, effect: NoSchedule}
- apiVersion: v1
  kind: Node
  metadata: {name: db-1}
  spec:
    taints:
    - {key: dedicated, value: db, effect: NoExecute}
`

// TestPlacementEvicted checks what placement says of a pod that tolerates a
// NoExecute taint for a while only, and of a toleration with no key and an
// effect: in text, and in JSON (keepsRunning false, evictedEverySeconds).
func TestPlacementEvicted(t *testing.T) {
	dir := t.TempDir()
	ds := writeFile(t, dir, "agent.yaml", evictedAgent)
	nodes := writeFile(t, dir, "nodes.yaml", taintedNodes)

	code, out, errOut := runCmd(t, "", "placement", "--nodes", nodes, ds)
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := "DaemonSet agent (" + ds + ":1)\n" +
		"NODE  RUNS     WHY\n" +
		"cp-1  yes      tolerates node-role.kubernetes.io/control-plane:NoSchedule (tolerations[0] has operator Exists and no key but effect NoSchedule, which tolerates every NoSchedule taint only)\n" +
		"db-1  evicted  runs, but is evicted every 60 s\n" +
		"               tolerates dedicated=db:NoExecute for 60 s only (tolerations[1] has tolerationSeconds: 60): then the taint manager evicts the pod and the DaemonSet controller creates a new one, again and again; remove tolerationSeconds to keep the pod on such nodes\n" +
		"runs on all 2 nodes; evicted every 60 s and created again on db-1: taint dedicated=db:NoExecute tolerated for 60 s only\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}

	code, out, errOut = runCmd(t, "", "placement", "--format", "json", "--nodes", nodes, ds)
	if code != exitOK || errOut != "" {
		t.Fatalf("json: exit %d, stderr %q", code, errOut)
	}
	var got struct {
		DaemonSets []struct {
			Verdicts []struct {
				Node                string
				Runs, KeepsRunning  bool
				EvictedEverySeconds *int64
			}
		} `json:"daemonSets"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(got.DaemonSets) != 1 || len(got.DaemonSets[0].Verdicts) != 2 {
		t.Fatalf("got %+v", got)
	}
	for i, want := range []struct {
		node         string
		keepsRunning bool
		evictedEvery int64 // -1: absent
	}{
		{"cp-1", true, -1},
		{"db-1", false, 60},
	} {
		v := got.DaemonSets[0].Verdicts[i]
		evicted := int64(-1)
		if v.EvictedEverySeconds != nil {
			evicted = *v.EvictedEverySeconds
		}
		if v.Node != want.node || !v.Runs || v.KeepsRunning != want.keepsRunning || evicted != want.evictedEvery {
			t.Errorf("verdict %d = %+v (evictedEverySeconds %d), want node %s, runs, keepsRunning %v, evictedEverySeconds %d",
				i, v, evicted, want.node, want.keepsRunning, want.evictedEvery)
		}
	}
}
