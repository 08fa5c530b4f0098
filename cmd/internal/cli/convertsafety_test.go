package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestConvertWriteFollowsSymlink rewrites the target of a symbolic link and
// leaves the link a link.
func TestConvertWriteFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	writeFileMode(t, filepath.Join(dir, "real.yaml"), readFile(t, exampleReplicaSet), 0o644)
	symlink(t, "real.yaml", filepath.Join(dir, "link.yaml"))
	_, stderr, code := daemonlint(t, dir, nil, "convert", "-w", "link.yaml")
	if code != 0 {
		t.Fatalf("exit code %d, want 0; stderr:\n%s", code, stderr)
	}
	if got, want := readFile(t, filepath.Join(dir, "real.yaml")), readFile(t, exampleDaemonSet); !bytes.Equal(got, want) {
		t.Errorf("the target is now\n%s\nwant\n%s", got, want)
	}
	if info, err := os.Lstat(filepath.Join(dir, "link.yaml")); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a regular file")
	}
}

// TestConvertWriteTooLarge leaves a file over the rewrite limit alone.
func TestConvertWriteTooLarge(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rs.yaml")
	// Documents of long comments make the file larger than the limit while
	// each document stays within the limit of one document.
	src := append(readFile(t, exampleReplicaSet), strings.Repeat("---\n# "+strings.Repeat("x", 7<<20)+"\n", 5)...)
	writeFileMode(t, path, src, 0o644)
	_, stderr, code := daemonlint(t, dir, nil, "convert", "-w", "rs.yaml")
	if code != exitUsage {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitUsage, stderr)
	}
	if want := "rewriting rs.yaml: larger than 32 MiB, the most daemonlint rewrites"; !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	if got := readFile(t, path); !bytes.Equal(got, src) {
		t.Errorf("the file changed")
	}
}

// TestConvertWriteFailsMidway runs convert -w under a file size limit
// (ulimit -f) that stops the temporary file after 4 KiB, as a full disk
// would: the original is intact and no temporary file is left.
func TestConvertWriteFailsMidway(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs sh's ulimit -f and Linux's RLIMIT_FSIZE")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "rs.yaml")
	// Comments are kept, so the converted file is as large as this one.
	src := append(readFile(t, exampleReplicaSet), strings.Repeat("# a comment that is kept\n", 400)...)
	writeFileMode(t, path, src, 0o644)
	// POSIX sh counts ulimit -f in blocks of 512 bytes.
	cmd := exec.Command("sh", "-c", `ulimit -f 8 && exec "$0" convert -w rs.yaml`, exe)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	out, _ := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != exitUsage {
		t.Errorf("exit code %d, want %d:\n%s", code, exitUsage, out)
	}
	if want := "rewriting rs.yaml: write"; !strings.Contains(string(out), want) || !strings.Contains(string(out), "file too large") {
		t.Errorf("output does not report the failed write:\n%s", out)
	}
	if got := readFile(t, path); !bytes.Equal(got, src) {
		t.Errorf("the original changed: %d bytes, want %d", len(got), len(src))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}
