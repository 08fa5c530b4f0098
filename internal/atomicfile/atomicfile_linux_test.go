package atomicfile

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// failingWriteEnv names the file that a re-executed test binary rewrites
// under a file size limit, so that the write fails midway.
const failingWriteEnv = "ATOMICFILE_TEST_FAILING_WRITE"

// TestReplaceWriteFailsMidway rewrites a file in a process whose file size
// limit (RLIMIT_FSIZE) stops the temporary file after 4 KiB, as a full disk
// would: Replace fails, the original is intact and no temporary file is
// left. Unlike a read-only directory, the limit binds a superuser too.
func TestReplaceWriteFailsMidway(t *testing.T) {
	if path := os.Getenv(failingWriteEnv); path != "" {
		lim := &syscall.Rlimit{Cur: 4096, Max: 4096}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, lim); err != nil {
			t.Fatalf("setrlimit: %v", err)
		}
		old, _ := os.ReadFile(path)
		err := Replace(path, old, bytes.Repeat([]byte("new line\n"), 10000))
		if err == nil {
			t.Fatal("Replace succeeded beyond the file size limit")
		}
		t.Logf("Replace: %v", err)
		return
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "ds.yaml")
	original := strings.Repeat("old line\n", 1000) // 9000 bytes: more than the limit
	write(t, path, original, 0o644)
	cmd := exec.Command(os.Args[0], "-test.run=^TestReplaceWriteFailsMidway$", "-test.v")
	cmd.Env = append(os.Environ(), failingWriteEnv+"="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the child failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "file too large") {
		t.Errorf("the write did not fail on the size limit:\n%s", out)
	}
	if got := read(t, path); got != original {
		t.Errorf("the original changed: %d bytes, want %d", len(got), len(original))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}
