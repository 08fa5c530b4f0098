//go:build unix

package cli

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostileCase is one hostile input file for TestHostileInputsCLI.
type hostileCase struct {
	name string
	// src builds the file's content.
	src func() []byte
	// want is a regular expression that the output (standard output, then
	// standard error) must match; it names the file and, where there is
	// one, the line.
	want string
	// exit is the exit code.
	exit int
}

func hostileCases() []hostileCase {
	bomb := func() []byte {
		s := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
		for i := 1; i < 12; i++ {
			refs := strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", ")
			s += fmt.Sprintf("  a%d: &a%d [%s]\n", i, i, refs)
		}
		return []byte(s)
	}
	// after is a second document with a finding of its own: reading goes
	// on after a document over a limit.
	const after = "---\napiVersion: v1\nkind: Configmap\nmetadata: {name: after}\n"
	return []hostileCase{
		{name: "alias-bomb.yaml", src: bomb, exit: 1,
			want: `alias-bomb\.yaml:5:\d+: error: kubectl cannot send this document as JSON: .*3 MiB`},
		{name: "merge-bomb.yaml", exit: 1,
			src: func() []byte {
				s := "apiVersion: v1\nkind: Configmap\nmetadata:\n  a0: &a0 {x: 1}\n"
				for i := 1; i < 10; i++ {
					refs := strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", ")
					s += fmt.Sprintf("  a%d: &a%d {<<: [%s]}\n", i, i, refs)
				}
				return []byte(s + "  <<: *a9\n")
			},
			want: `merge-bomb\.yaml:2:7: error: kind "Configmap"`},
		{name: "deep-sequences.yaml", exit: 1,
			src:  func() []byte { return bytes.Repeat([]byte("["), 100000) },
			want: `deep-sequences\.yaml:1:\d+: error: YAML syntax error: .*max depth`},
		{name: "deep-block-sequences.yaml", exit: 1,
			src:  func() []byte { return append(bytes.Repeat([]byte("- "), 100000), "x\n"...) },
			want: `deep-block-sequences\.yaml:1:\d+: error: YAML syntax error: .*max depth`},
		{name: "deep-mappings.yaml", exit: 1,
			src:  func() []byte { return bytes.Repeat([]byte("{a: "), 100000) },
			want: `deep-mappings\.yaml:1:\d+: error: YAML syntax error: .*max depth`},
		{name: "huge-scalar.yaml", exit: 1,
			src: func() []byte {
				var b bytes.Buffer
				b.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  big: ")
				b.Write(bytes.Repeat([]byte("x"), 64<<20))
				b.WriteString("\n" + after)
				return b.Bytes()
			},
			want: `huge-scalar\.yaml:1:1: error: the document is larger than 8 MiB of YAML(?s:.*)huge-scalar\.yaml:8:7: error: kind "Configmap"`},
		{name: "long-line.yaml", exit: 1,
			src: func() []byte {
				var b bytes.Buffer
				b.WriteString("{apiVersion: v1, kind: ConfigMap, data: {a: ")
				for b.Len() < 10<<20 {
					b.WriteString("word ")
				}
				b.WriteString("}}\n" + after)
				return b.Bytes()
			},
			want: `long-line\.yaml:1:1: error: the document is larger than 8 MiB(?s:.*)long-line\.yaml:4:7: error: kind "Configmap"`},
		{name: "long-flow-line.yaml", exit: 1,
			src: func() []byte {
				var b bytes.Buffer
				b.WriteString("{apiVersion: v1, kind: ConfigMap, data: {a: [")
				for b.Len() < 10<<20 {
					b.WriteString("word, ")
				}
				b.WriteString("]}}\n" + after)
				return b.Bytes()
			},
			want: `long-flow-line\.yaml:1:1: error: the document has more than 200000 lines and list items(?s:.*)long-flow-line\.yaml:4:7: error: kind "Configmap"`},
		{name: "many-lines.yaml", exit: 1,
			src: func() []byte {
				var b bytes.Buffer
				b.WriteString("apiVersion: v1\nkind: ConfigMap\ndata:\n")
				for i := 0; i < 300_000; i++ {
					fmt.Fprintf(&b, "  k%d: v\n", i)
				}
				b.WriteString(after)
				return b.Bytes()
			},
			want: `many-lines\.yaml:1:1: error: the document has more than 200000 lines and list items(?s:.*)many-lines\.yaml:300006:7: error: kind "Configmap"`},
		{name: "repeated-key.yaml", exit: 1,
			src: func() []byte {
				return append([]byte("apiVersion: v1\nkind: Configmap\ndata:\n"), bytes.Repeat([]byte("  a: x\n"), 190_000)...)
			},
			want: `repeated-key\.yaml:2:7: error: kind "Configmap"(?s:.*)repeated-key\.yaml:105:3: warning: 189899 more findings of duplicate-key`},
		{name: "invalid-utf8.yaml", exit: 1,
			src:  func() []byte { return []byte("apiVersion: v1\nkind: ConfigMap\ndata:\n  k\xff: v\xfe\n") },
			want: `invalid-utf8\.yaml:4:\d+: error: YAML syntax error: the file is not valid UTF-8`},
		{name: "nul.yaml", exit: 1,
			src:  func() []byte { return []byte("apiVersion: v1\nkind: Pod\x00\x00\n") },
			want: `nul\.yaml:2:10: error: YAML syntax error: NUL byte`},
		{name: "binary.yaml", exit: 1,
			src: func() []byte {
				b := make([]byte, 1<<20)
				rand.New(rand.NewSource(1)).Read(b)
				return b
			},
			want: `binary\.yaml:\d+:\d+: error: YAML syntax error: (the file is not valid UTF-8|NUL byte|control character)`},
		{name: "tabs.yaml", exit: 1,
			src:  func() []byte { return []byte("apiVersion: v1\n\tkind: Pod\n") },
			want: `tabs\.yaml:2:\d+: error: YAML syntax error: .*tab`},
		{name: "non-mappings.yaml", exit: 1,
			src: func() []byte { return []byte("just a scalar\n---\n- a\n- sequence\n---\n!!null null\n") },
			// Not Kubernetes objects: no finding of their own (good.yaml's
			// is the exit code's), and counted in the summary.
			want: `^good\.yaml:2:7: error: kind "Daemonset"(?s:.*)2 files, 4 documents \(3 not Kubernetes objects\): 1 error, 0 warnings, 0 infos; 1 file is not a Kubernetes manifest\n$`},
		{name: "odd-kinds.yaml", exit: 1,
			src: func() []byte {
				return []byte("apiVersion: v1\nkind: 42\n---\napiVersion: v1\nkind: true\n---\napiVersion: v1\nkind: [Pod]\n")
			},
			want: `odd-kinds\.yaml:2:1: error: kind must be a string(?s:.*)odd-kinds\.yaml:5:1: error: kind must be a string(?s:.*)odd-kinds\.yaml:8:1: error: kind must be a string`},
		{name: "empty-documents.yaml", exit: 1,
			src: func() []byte {
				return append(bytes.Repeat([]byte("---\n"), 100000), "apiVersion: v1\nkind: Configmap\n"...)
			},
			want: `empty-documents\.yaml:100002:7: error: kind "Configmap"`},
		{name: "crlf.yaml", exit: 1,
			src:  func() []byte { return []byte("apiVersion: v1\r\nmetadata:\r\n  name: x\r\nkind: Configmap\r\n") },
			want: `crlf\.yaml:4:7: error: kind "Configmap"`},
		{name: "cr-only.yaml", exit: 1,
			src:  func() []byte { return []byte("apiVersion: v1\rmetadata:\r  name: x\rkind: Configmap\r") },
			want: `cr-only\.yaml:4:7: error: kind "Configmap"`},
		{name: "bom-in-the-middle.yaml", exit: 1,
			src:  func() []byte { return []byte("apiVersion: v1\nkind: ConfigMap\n\ufeffmetadata: {name: x}\n") },
			want: `bom-in-the-middle\.yaml:3:1: error: byte-order mark \(U\+FEFF\) at the start of line 3`},
	}
}

// TestHostileInputsCLI runs the command on each hostile input beside a
// good file: each ends with a message that names the file (and line) and
// exit code 1, and the good file's finding is still printed. It logs the
// wall time and peak memory of each run (go test -v), which the limits
// bound by construction; the test itself checks no clock.
func TestHostileInputsCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("writes files of up to 64 MB")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			putFile(t, filepath.Join(dir, "good.yaml"), []byte(goodYAML))
			putFile(t, filepath.Join(dir, tc.name), tc.src())
			// Linux counts in a child's peak memory the peak of the parent,
			// whose memory it shares until exec: return the generated
			// input's memory and reset the parent's peak first.
			debug.FreeOSMemory()
			os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
			code, out, stats := runExe(t, exe, dir, "lint", tc.name, "good.yaml")
			t.Logf("%s: %s", tc.name, stats)
			if code != tc.exit {
				t.Errorf("exit code %d, want %d", code, tc.exit)
			}
			checkOutput(t, out, tc.want)
		})
	}
}

// runExe runs daemonlint (the re-executed test binary) in dir and returns
// its exit code, its standard output followed by its standard error, and
// a line saying how long it took and how much memory it used at most.
func runExe(t *testing.T, exe, dir string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), runMainEnv+"=1", "NO_COLOR=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatal(err)
		}
		code = ee.ExitCode()
	}
	stats := fmt.Sprintf("%.2fs", elapsed.Seconds())
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && runtime.GOOS == "linux" {
		stats += fmt.Sprintf(", peak RSS %d MB", ru.Maxrss/1024)
	}
	return code, stdout.String() + stderr.String(), stats
}

// TestHostilePaths checks paths that cannot be read as they are listed:
// each is reported by name with exit code 2, and the good file is still
// linted.
func TestHostilePaths(t *testing.T) {
	for _, tc := range []struct {
		name string
		// setup makes the hostile path in dir and returns the arguments.
		setup func(t *testing.T, dir string) []string
		want  string
		exit  int
	}{
		{
			name: "symlink loop in a directory",
			setup: func(t *testing.T, dir string) []string {
				sub := filepath.Join(dir, "manifests")
				os.Mkdir(sub, 0o755)
				symlink(t, "..", filepath.Join(sub, "loop"))
				symlink(t, "self.yaml", filepath.Join(sub, "self.yaml"))
				return []string{"manifests", "good.yaml"}
			},
			want: `manifests/self\.yaml: too many levels of symbolic links`,
			exit: 2,
		},
		{
			name: "symlink loop named",
			setup: func(t *testing.T, dir string) []string {
				symlink(t, "self.yaml", filepath.Join(dir, "self.yaml"))
				return []string{"self.yaml", "good.yaml"}
			},
			want: `self\.yaml: too many levels of symbolic links`,
			exit: 2,
		},
		{
			name: "read error",
			setup: func(t *testing.T, dir string) []string {
				// Reading /proc/self/mem at offset 0 fails with EIO, even
				// for a superuser, who can read any file.
				if _, err := os.Stat("/proc/self/mem"); err != nil {
					t.Skip("no /proc/self/mem here")
				}
				symlink(t, "/proc/self/mem", filepath.Join(dir, "mem.yaml"))
				return []string{"mem.yaml", "good.yaml"}
			},
			want: `mem\.yaml: input/output error`,
			exit: 2,
		},
		{
			name: "unreadable file",
			setup: func(t *testing.T, dir string) []string {
				if os.Getuid() == 0 {
					t.Skip("a superuser reads any file; the read error case stands in")
				}
				putFile(t, filepath.Join(dir, "secret.yaml"), []byte(goodYAML))
				os.Chmod(filepath.Join(dir, "secret.yaml"), 0)
				return []string{"secret.yaml", "good.yaml"}
			},
			want: `secret\.yaml: permission denied`,
			exit: 2,
		},
		{
			name: "unreadable file in a directory",
			setup: func(t *testing.T, dir string) []string {
				sub := filepath.Join(dir, "manifests")
				os.Mkdir(sub, 0o755)
				if _, err := os.Stat("/proc/self/mem"); err != nil {
					t.Skip("no /proc/self/mem here")
				}
				symlink(t, "/proc/self/mem", filepath.Join(sub, "mem.yaml"))
				return []string{"manifests", "good.yaml"}
			},
			want: `manifests/mem\.yaml: input/output error`,
			exit: 2,
		},
		{
			name: "named pipe without a writer",
			setup: func(t *testing.T, dir string) []string {
				mkfifo(t, filepath.Join(dir, "pipe.yaml"))
				return []string{"pipe.yaml", "good.yaml"}
			},
			want: `pipe\.yaml: no process opened this named pipe for writing within 50ms`,
			exit: 2,
		},
		{
			name: "named pipe in a directory is not read",
			setup: func(t *testing.T, dir string) []string {
				sub := filepath.Join(dir, "manifests")
				os.Mkdir(sub, 0o755)
				mkfifo(t, filepath.Join(sub, "pipe.yaml"))
				return []string{"manifests", "good.yaml"}
			},
			want: `^good\.yaml`,
			exit: 1,
		},
		{
			name: "device",
			setup: func(t *testing.T, dir string) []string {
				if _, err := os.Stat("/dev/zero"); err != nil {
					t.Skip("no /dev/zero here")
				}
				return []string{"/dev/zero", "good.yaml"}
			},
			want: `/dev/zero: is a device, not a file of manifests`,
			exit: 2,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			putFile(t, filepath.Join(dir, "good.yaml"), []byte(goodYAML))
			args := tc.setup(t, dir)
			code, out := runWithEnv(&env{dir: dir, fifoWait: 50 * time.Millisecond}, append([]string{"lint"}, absPaths(dir, args)...)...)
			out = strings.ReplaceAll(out, dir+string(filepath.Separator), "")
			if code != tc.exit {
				t.Errorf("exit code %d, want %d\n%s", code, tc.exit, out)
			}
			checkOutput(t, out, tc.want)
		})
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
}

// TestNamedPipeWithWriter reads a named pipe that a process writes to, as
// process substitution (<(helm template …)) gives one.
func TestNamedPipeWithWriter(t *testing.T) {
	pipe, done := writtenPipe(t, goodYAML)
	// The writer may open the pipe only after a while: the wait is long
	// enough for any machine.
	code, out := runWithEnv(&env{dir: filepath.Dir(pipe), fifoWait: time.Minute}, "lint", pipe)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if code != 1 || !strings.Contains(out, `error: kind "Daemonset"`) {
		t.Errorf("exit code %d, output:\n%s", code, out)
	}
}

// writtenPipe makes a named pipe in a temporary directory and writes
// content to it from a goroutine once a reader opens it; done receives
// the writer's error.
func writtenPipe(t *testing.T, content string) (pipe string, done chan error) {
	t.Helper()
	pipe = filepath.Join(t.TempDir(), "pipe.yaml")
	mkfifo(t, pipe)
	done = make(chan error, 1)
	go func() {
		w, err := os.OpenFile(pipe, os.O_WRONLY, 0)
		if err != nil {
			done <- err
			return
		}
		_, err = w.WriteString(content)
		w.Close()
		done <- err
	}()
	return pipe, done
}
