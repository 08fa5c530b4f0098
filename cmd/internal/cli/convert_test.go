package cli

import (
	"github.com/daemonlint/daemonlint/cmd/internal/engine/full"

	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// daemonlint runs the real command in dir with stdin and returns its
// standard output, standard error and exit code.
func daemonlint(t *testing.T, dir string, stdin []byte, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), runMainEnv+"=1", "NO_COLOR=1")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	code = 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// runInProcess runs the command with buffers for its standard streams.
func runInProcess(stdin []byte, args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	e := &env{stdin: bytes.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, engines: full.Engines()}
	code = run(args, e)
	return out.String(), errb.String(), code
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeFile writes a file with mode perm (chmod after writing, so the
// umask does not interfere).
func writeFileMode(t *testing.T, path string, data []byte, perm os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil {
		t.Fatal(err)
	}
}

const (
	exampleReplicaSet = "../../../examples/replicaset.yaml"
	exampleDaemonSet  = "../../../examples/daemonset.yaml"
)

func TestConvertExample(t *testing.T) {
	stdout, stderr, code := daemonlint(t, ".", nil, "convert", exampleReplicaSet)
	if code != 0 {
		t.Fatalf("exit code %d, want 0; stderr:\n%s", code, stderr)
	}
	if want := string(readFile(t, exampleDaemonSet)); stdout != want {
		t.Errorf("stdout is not examples/daemonset.yaml:\n%s", stdout)
	}
	if want := exampleReplicaSet + `:2: note: kind "Replicaset" is taken to mean "ReplicaSet"`; !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
}

func TestConvertWriteKeepsMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rs.yaml")
	writeFileMode(t, path, readFile(t, exampleReplicaSet), 0o640)
	_, stderr, code := daemonlint(t, dir, nil, "convert", "-w", "rs.yaml")
	if code != 0 {
		t.Fatalf("exit code %d, want 0; stderr:\n%s", code, stderr)
	}
	if got, want := readFile(t, path), readFile(t, exampleDaemonSet); !bytes.Equal(got, want) {
		t.Errorf("the file is now\n%s\nwant\n%s", got, want)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o640 {
		t.Errorf("mode is %v, want -rw-r-----", got)
	}
	if !strings.Contains(stderr, "rs.yaml: note: rewritten") {
		t.Errorf("stderr does not say the file was rewritten:\n%s", stderr)
	}
}

func TestConvertWriteReadOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rs.yaml")
	src := readFile(t, exampleReplicaSet)
	writeFileMode(t, path, src, 0o444)
	_, stderr, code := daemonlint(t, dir, nil, "convert", "-w", "rs.yaml")
	if code != exitUsage {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitUsage, stderr)
	}
	if !strings.Contains(stderr, "rewriting rs.yaml: permission denied") {
		t.Errorf("stderr does not report the read-only file:\n%s", stderr)
	}
	if got := readFile(t, path); !bytes.Equal(got, src) {
		t.Errorf("the read-only file changed:\n%s", got)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o444 {
		t.Errorf("mode is %v, want -r--r--r--", info.Mode().Perm())
	}
}

func TestConvertWriteLeavesFileWithErrorAlone(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "two.yaml")
	src := []byte("apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: fine\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      containers: [{name: a, image: a}]\n---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: bare\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: a}]\n")
	writeFileMode(t, path, src, 0o644)
	before, _ := os.Stat(path)
	_, stderr, code := runInProcess(nil, "convert", "-w", path)
	if code != exitFindings {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitFindings, stderr)
	}
	if want := path + `:20:3: cannot convert ReplicaSet "bare": spec.template.metadata.labels are empty`; !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	if !strings.Contains(stderr, "two.yaml: note: not rewritten") {
		t.Errorf("stderr does not say the file is left as it was:\n%s", stderr)
	}
	after, _ := os.Stat(path)
	if got := readFile(t, path); !bytes.Equal(got, src) || !os.SameFile(before, after) {
		t.Errorf("a file with a document that cannot be converted was rewritten:\n%s", got)
	}
}

func TestConvertWriteUnchangedFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ds.yaml")
	writeFileMode(t, path, readFile(t, exampleDaemonSet), 0o644)
	before, _ := os.Stat(path)
	_, stderr, code := runInProcess(nil, "convert", "-w", dir)
	if code != exitOK {
		t.Errorf("exit code %d, want 0; stderr:\n%s", code, stderr)
	}
	after, _ := os.Stat(path)
	if !os.SameFile(before, after) {
		t.Error("a file with nothing to convert was rewritten")
	}
	if !strings.Contains(stderr, "nothing to convert") {
		t.Errorf("stderr does not say there was nothing to convert:\n%s", stderr)
	}
}

func TestConvertDiff(t *testing.T) {
	stdout, stderr, code := runInProcess(nil, "convert", "--diff", exampleReplicaSet)
	if code != exitOK {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	want := "--- a/" + exampleReplicaSet + "\n+++ b/" + exampleReplicaSet + "\n" +
		"@@ -1,5 +1,5 @@\n apiVersion: apps/v1\n-kind: Replicaset\n+kind: DaemonSet\n metadata:\n   name: monitoring-daemon\n   labels:\n"
	if stdout != want {
		t.Errorf("got\n%s\nwant\n%s", stdout, want)
	}
}

func TestConvertStdin(t *testing.T) {
	for _, tc := range []struct {
		name       string
		args       []string
		stdin      string
		wantStdout string
		wantCode   int
		wantStderr string
	}{
		{
			name:       "dash",
			args:       []string{"convert", "-"},
			stdin:      "kind: ReplicaSet\napiVersion: apps/v1\nmetadata: {name: x}\nspec:\n  replicas: 2\n  selector: {matchLabels: {a: b}}\n  template: {metadata: {labels: {a: b}}}\n",
			wantStdout: "kind: DaemonSet\napiVersion: apps/v1\nmetadata: {name: x}\nspec:\n  selector: {matchLabels: {a: b}}\n  template: {metadata: {labels: {a: b}}}\n",
			wantStderr: "-:5: note: spec.replicas (2) is removed",
		},
		{
			name:       "no path",
			args:       []string{"convert"},
			stdin:      "kind: Service\napiVersion: v1\nmetadata: {name: x}\n",
			wantStdout: "kind: Service\napiVersion: v1\nmetadata: {name: x}\n",
			wantStderr: `nothing to convert: no ReplicaSet or Deployment found`,
		},
		{
			name:       "a name that matches nothing",
			args:       []string{"convert", "--name", "y"},
			stdin:      "kind: Deployment\napiVersion: apps/v1\nmetadata: {name: x}\n",
			wantCode:   exitUsage,
			wantStderr: `daemonlint convert: --name "y": no ReplicaSet or Deployment of that name in the input; nothing is printed or rewritten`,
		},
		{
			name:       "a name that matches only another kind",
			args:       []string{"convert", "--kind", "Deployment", "--name", "x"},
			stdin:      "kind: ReplicaSet\napiVersion: apps/v1\nmetadata: {name: x}\nspec: {template: {metadata: {labels: {a: b}}}}\n",
			wantCode:   exitUsage,
			wantStderr: `daemonlint convert: --name "x": no Deployment of that name in the input`,
		},
		{
			name:       "empty",
			args:       []string{"convert"},
			stdin:      "# nothing\n",
			wantCode:   exitUsage,
			wantStderr: "standard input holds no Kubernetes objects",
		},
		{
			name:       "-w",
			args:       []string{"convert", "-w"},
			stdin:      "kind: ReplicaSet\n",
			wantCode:   exitUsage,
			wantStderr: "-w rewrites files and cannot rewrite standard input",
		},
		{
			name:       "bad kind",
			args:       []string{"convert", "--kind", "ReplicaSet,StatefulSet"},
			wantCode:   exitUsage,
			wantStderr: `--kind: cannot convert "StatefulSet"`,
		},
		{
			name:       "syntax error",
			args:       []string{"convert"},
			stdin:      "kind: ReplicaSet\n  bad: [\n",
			wantCode:   exitFindings,
			wantStderr: "-:2:",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := runInProcess([]byte(tc.stdin), tc.args...)
			if code != tc.wantCode {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tc.wantCode, stderr)
			}
			if stdout != tc.wantStdout {
				t.Errorf("stdout\n%q\nwant\n%q", stdout, tc.wantStdout)
			}
			if !strings.Contains(stderr, tc.wantStderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.wantStderr, stderr)
			}
		})
	}
}

func TestConvertSeveralFiles(t *testing.T) {
	dir := t.TempDir()
	writeFileMode(t, filepath.Join(dir, "a.yaml"), []byte("kind: Service\napiVersion: v1\nmetadata: {name: a}"), 0o644)
	writeFileMode(t, filepath.Join(dir, "b.yaml"), readFile(t, exampleReplicaSet), 0o644)
	stdout, stderr, code := runInProcess(nil, "convert", dir)
	if code != exitOK {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	want := "kind: Service\napiVersion: v1\nmetadata: {name: a}\n---\n" + string(readFile(t, exampleDaemonSet))
	if stdout != want {
		t.Errorf("got\n%s\nwant\n%s", stdout, want)
	}
}
