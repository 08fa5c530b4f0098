package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, path, s string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReplaceKeepsMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ds.yaml")
	write(t, path, "old\n", 0o640)
	if err := Replace(path, []byte("old\n"), []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, path); got != "new\n" {
		t.Errorf("content = %q", got)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want 0640", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestReplaceReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ds.yaml")
	write(t, path, "old\n", 0o444)
	err := Replace(path, []byte("old\n"), []byte("new\n"))
	if !errors.Is(err, os.ErrPermission) {
		t.Errorf("err = %v, want permission denied", err)
	}
	if got := read(t, path); got != "old\n" {
		t.Errorf("read-only file changed to %q", got)
	}
}

func TestReplaceChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ds.yaml")
	write(t, path, "someone else's edit\n", 0o644)
	err := Replace(path, []byte("old\n"), []byte("new\n"))
	if !errors.Is(err, ErrChanged) {
		t.Errorf("err = %v, want ErrChanged", err)
	}
	if got := read(t, path); got != "someone else's edit\n" {
		t.Errorf("changed file was overwritten with %q", got)
	}
}

func TestReplaceFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.yaml")
	link := filepath.Join(dir, "link.yaml")
	write(t, target, "old\n", 0o644)
	if err := os.Symlink("real.yaml", link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := Replace(link, []byte("old\n"), []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(link)
	if err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a regular file")
	}
	if got := read(t, target); got != "new\n" {
		t.Errorf("target = %q", got)
	}
}

func TestReplaceReadOnlyDirectory(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("a superuser can write to a read-only directory")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "ds.yaml")
	write(t, path, "old\n", 0o644)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if err := Replace(path, []byte("old\n"), []byte("new\n")); err == nil {
		t.Error("Replace succeeded in a read-only directory")
	}
	if got := read(t, path); got != "old\n" {
		t.Errorf("file = %q", got)
	}
}

func TestReplaceMissing(t *testing.T) {
	if err := Replace(filepath.Join(t.TempDir(), "nope.yaml"), nil, nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want not exist", err)
	}
}

func TestReplaceTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ds.yaml")
	write(t, path, "old\n", 0o644)
	big := make([]byte, MaxBytes+1)
	if err := Replace(path, []byte("old\n"), big); !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
	if got := read(t, path); got != "old\n" {
		t.Errorf("file = %q", got)
	}
}
