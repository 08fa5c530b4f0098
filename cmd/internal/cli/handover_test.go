package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/daemonlint/daemonlint/cmd/internal/engine/full"
)

// builtCommands builds cmd/daemonlint and cmd/daemonlint-engines into one
// directory, once per test binary, and returns it. Without a go command
// the test is skipped.
func builtCommands(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to build daemonlint with")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "daemonlint-bin")
		if err != nil {
			buildErr = err.Error()
			return
		}
		buildDir = dir
		// -buildvcs=false keeps the version "(devel)", as in the scripts.
		cmd := exec.Command("go", "build", "-buildvcs=false", "-o", dir+string(filepath.Separator), "./cmd/...")
		cmd.Dir = filepath.Join("..", "..", "..")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = "go build ./cmd/...: " + err.Error() + "\n" + string(out)
		}
	})
	if buildErr != "" {
		t.Fatal(buildErr)
	}
	return buildDir
}

var (
	buildOnce          sync.Once
	buildDir, buildErr string
)

// exeName is name as an executable file of this system.
func exeName(name string) string {
	if runtime.GOOS == "windows" {
		return name + ".exe"
	}
	return name
}

// runBinary runs the program exe with args in dir, with stdin and env
// (added to the test's environment), and returns its exit code, standard
// output and standard error.
func runBinary(t *testing.T, exe, dir string, stdin []byte, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running %s %s: %v", exe, strings.Join(args, " "), err)
	}
	return code, stdout.String(), stderr.String()
}

// TestScriptsHandedOver runs every script of TestScripts with the built
// daemonlint, which links no engine and hands the runs that need one to
// the daemonlint-engines beside it: the outputs and exit codes must be the
// scripts', byte for byte, as those of the test binary (which links the
// engines) are.
func TestScriptsHandedOver(t *testing.T) {
	bin := builtCommands(t)
	scripts, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(scripts) == 0 {
		t.Fatal("no scripts in testdata")
	}
	if *update {
		t.Skip("-update rewrites the scripts from the test binary's runs")
	}
	exe := filepath.Join(bin, exeName("daemonlint"))
	for _, script := range scripts {
		t.Run(strings.TrimSuffix(filepath.Base(script), ".txtar"), func(t *testing.T) {
			t.Parallel()
			runScript(t, exe, script)
		})
	}
}

// TestHandOver checks when daemonlint starts daemonlint-engines, with a
// daemonlint-engines that only records its arguments and standard input
// and exits 99.
func TestHandOver(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in daemonlint-engines is a shell script")
	}
	bin := builtCommands(t)
	dir := t.TempDir()
	exe := filepath.Join(dir, "daemonlint")
	copyExecutable(t, filepath.Join(bin, "daemonlint"), exe)
	record := filepath.Join(dir, "record")
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + record + ".args\ncat > " + record + ".stdin\necho 'daemonlint-engines started' >&2\nexit 99\n"
	if err := os.WriteFile(filepath.Join(dir, "daemonlint-engines"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	plainDir := t.TempDir()
	if err := os.Mkdir(filepath.Join(plainDir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	putFile(t, filepath.Join(plainDir, "sub", "ds.yaml"), []byte(goodYAML))
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	examples := filepath.Join(wd, "..", "..", "..", "examples")
	crd := []byte(crdAndResource)
	for _, tc := range []struct {
		name     string
		args     []string
		stdin    []byte
		handOver bool
	}{
		{"a file", []string{"lint", filepath.Join(examples, "daemonset.yaml")}, nil, false},
		{"two files", []string{"lint", filepath.Join(examples, "daemonset.yaml"), filepath.Join(examples, "replicaset.yaml")}, nil, false},
		{"a directory without charts", []string{"lint", plainDir}, nil, false},
		{"standard input", []string{"lint", "-"}, []byte(goodYAML), false},
		{"convert", []string{"convert", filepath.Join(examples, "replicaset.yaml")}, nil, false},
		{"placement", []string{"placement", filepath.Join(examples, "daemonset.yaml")}, nil, false},
		{"a chart", []string{"lint", filepath.Join(examples, "charts", "node-agent")}, nil, true},
		{"a file of a chart", []string{"lint", filepath.Join(examples, "charts", "node-agent", "values.yaml")}, nil, true},
		{"a directory holding a chart", []string{"lint", examples}, nil, true},
		{"a packaged chart", []string{"lint", filepath.Join(plainDir, "agent-1.0.0.tgz")}, nil, true},
		{"--values", []string{"lint", "--values", "v.yaml", filepath.Join(examples, "daemonset.yaml")}, nil, true},
		{"--set", []string{"lint", "--set", "a=b", filepath.Join(examples, "daemonset.yaml")}, nil, true},
		{"--crds", []string{"lint", "--crds", plainDir, filepath.Join(examples, "daemonset.yaml")}, nil, true},
		{"a CustomResourceDefinition on standard input", []string{"lint", "--format", "json", "-"}, crd, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(record + ".args")
			os.Remove(record + ".stdin")
			if strings.HasSuffix(tc.args[len(tc.args)-1], ".tgz") {
				putFile(t, tc.args[len(tc.args)-1], []byte("not really gzip"))
			}
			code, _, stderr := runBinary(t, exe, dir, tc.stdin, nil, tc.args...)
			started := strings.Contains(stderr, "daemonlint-engines started")
			if started != tc.handOver || (code == 99) != tc.handOver {
				t.Fatalf("daemonlint %s: exit %d, daemonlint-engines started: %v, want %v; stderr:\n%s", strings.Join(tc.args, " "), code, started, tc.handOver, stderr)
			}
			if !tc.handOver {
				return
			}
			args, err := os.ReadFile(record + ".args")
			if err != nil {
				t.Fatal(err)
			}
			if got, want := string(args), strings.Join(tc.args, "\n")+"\n"; got != want {
				t.Errorf("daemonlint-engines got the arguments %q, want %q", got, want)
			}
			in, err := os.ReadFile(record + ".stdin")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(in, tc.stdin) {
				t.Errorf("daemonlint-engines read standard input %q, want %q", in, tc.stdin)
			}
		})
	}
}

// crdAndResource is a CustomResourceDefinition and a custom resource that
// breaks its schema: only the CRD engine finds that.
const crdAndResource = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names: {plural: crontabs, singular: crontab, kind: CronTab}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                replicas: {type: integer}
---
apiVersion: stable.example.com/v1
kind: CronTab
metadata:
  name: backup
spec:
  replicas: two
`

// TestHandOverOutput checks that daemonlint, handing a chart and a
// CustomResourceDefinition on standard input over to the real
// daemonlint-engines, prints what a run with the engines in the process
// prints, and exits with its code.
func TestHandOverOutput(t *testing.T) {
	bin := builtCommands(t)
	exe := filepath.Join(bin, exeName("daemonlint"))
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		want  string // a piece of the output that only an engine gives
	}{
		{"a chart", []string{"lint", filepath.Join("..", "..", "..", "examples", "charts", "node-agent")}, "", "node-agent"},
		{"a CustomResourceDefinition on standard input", []string{"lint", "-"}, crdAndResource, "custom-resource"},
		{"a CustomResourceDefinition with --verbose", []string{"lint", "--verbose", "--format", "json", "-"}, crdAndResource, "custom-resource"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := &env{dir: wd, stdin: strings.NewReader(tc.stdin), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
			e.engines = full.Engines()
			wantCode := run(tc.args, e)
			code, gotOut, gotErr := runBinary(t, exe, wd, []byte(tc.stdin), []string{"NO_COLOR=1"}, tc.args...)
			if code != wantCode {
				t.Errorf("exit %d, want %d", code, wantCode)
			}
			if gotOut != stdout.String() {
				t.Errorf("standard output:\n%s\nwant:\n%s", gotOut, stdout.String())
			}
			if gotErr != stderr.String() {
				t.Errorf("standard error:\n%s\nwant:\n%s", gotErr, stderr.String())
			}
			if !strings.Contains(gotOut, tc.want) {
				t.Errorf("standard output does not mention %q, as only the engines' run does:\n%s", tc.want, gotOut)
			}
		})
	}
}

// TestHandOverNotFound checks daemonlint's error when a run needs
// daemonlint-engines and it is neither beside daemonlint nor in $PATH.
func TestHandOverNotFound(t *testing.T) {
	bin := builtCommands(t)
	dir := t.TempDir()
	exe := filepath.Join(dir, exeName("daemonlint"))
	copyExecutable(t, filepath.Join(bin, exeName("daemonlint")), exe)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	chart := filepath.Join(wd, "..", "..", "..", "examples", "charts", "node-agent")
	code, stdout, stderr := runBinary(t, exe, dir, nil, []string{"PATH=" + t.TempDir()}, "lint", chart)
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if stdout != "" {
		t.Errorf("standard output %q, want none", stdout)
	}
	want := "daemonlint: the chart in " + chart + " needs daemonlint-engines, which has Helm, kustomize and the CustomResourceDefinition checker; it is not in " + dir + " nor in $PATH; install both programs with go install github.com/daemonlint/daemonlint/cmd/...@latest, or from a clone with go build -o bin/ ./cmd/...\n"
	if stderr != want {
		t.Errorf("standard error:\n%s\nwant:\n%s", stderr, want)
	}
}

// copyExecutable copies the program from to the new file to.
func copyExecutable(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o755); err != nil {
		t.Fatal(err)
	}
}

// TestWithoutEngines checks that a run that needs no engine prints the
// same without engines as with them: custom resources without a
// definition are skipped and, with --verbose, their kinds listed, as
// crdcheck does when it was given none.
func TestWithoutEngines(t *testing.T) {
	dir := t.TempDir()
	crs := filepath.Join(dir, "crs.yaml")
	putFile(t, crs, []byte("apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: a}\nspec: {replicas: two}\n---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: b}\n---\n"+goodYAML))
	for _, args := range [][]string{
		{"lint", "--verbose", crs},
		{"lint", "--verbose", "--format", "json", crs},
		{"lint", "--format", "sarif", crs, filepath.Join("..", "..", "..", "examples", "replicaset.yaml")},
		{"lint", dir},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var outs [2]string
			var codes [2]int
			for i, engines := range []bool{false, true} {
				var stdout, stderr bytes.Buffer
				e := &env{dir: dir, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
				if engines {
					e.engines = full.Engines()
				}
				codes[i] = run(args, e)
				outs[i] = stdout.String() + "\n--- stderr\n" + stderr.String()
			}
			if codes[0] != codes[1] || outs[0] != outs[1] {
				t.Errorf("without engines, exit %d and:\n%s\nwith them, exit %d and:\n%s", codes[0], outs[0], codes[1], outs[1])
			}
			if args[1] == "--verbose" && !strings.Contains(outs[1], "CronTab.stable.example.com, ServiceMonitor.monitoring.coreos.com") {
				t.Errorf("--verbose does not list the skipped kinds:\n%s", outs[1])
			}
		})
	}
}

// TestHandOverOnce checks that a daemonlint-engines without engines (a
// daemonlint installed under its name) stops instead of handing the run
// over to itself again.
func TestHandOverOnce(t *testing.T) {
	bin := builtCommands(t)
	dir := t.TempDir()
	exe := filepath.Join(dir, exeName("daemonlint"))
	copyExecutable(t, filepath.Join(bin, exeName("daemonlint")), exe)
	copyExecutable(t, filepath.Join(bin, exeName("daemonlint")), filepath.Join(dir, exeName("daemonlint-engines")))
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	chart := filepath.Join(wd, "..", "..", "..", "examples", "charts", "node-agent")
	code, stdout, stderr := runBinary(t, exe, dir, nil, nil, "lint", chart)
	if code != exitInternal {
		t.Errorf("exit %d, want %d", code, exitInternal)
	}
	want := "daemonlint: the chart in " + chart + " needs daemonlint-engines, and the program run as daemonlint-engines has no engines; reinstall both programs with go install github.com/daemonlint/daemonlint/cmd/...@latest\n"
	if stdout != "" || stderr != want {
		t.Errorf("standard output %q and error:\n%s\nwant none and:\n%s", stdout, stderr, want)
	}
}
