package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestInputsReadOnce checks that a file reached through a link, by a
// second spelling of its path or by two walks is linted once.
func TestInputsReadOnce(t *testing.T) {
	dir := t.TempDir()
	putFile(t, filepath.Join(dir, "cm.yaml"), []byte("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n  k: w\n"))
	symlink(t, "cm.yaml", filepath.Join(dir, "link.yaml"))
	for _, tc := range []struct {
		name  string
		paths []string
	}{
		{"a link and its target", []string{"cm.yaml", "link.yaml"}},
		{"a directory holding a file and a link to it", []string{"."}},
		{"the same directory twice", []string{".", "./"}},
		{"a file twice, spelled differently", []string{"cm.yaml", "./cm.yaml", "../" + filepath.Base(dir) + "/cm.yaml"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out := runWithEnv(&env{dir: dir}, append([]string{"lint"}, absPaths(dir, tc.paths)...)...)
			if code != exitOK {
				t.Errorf("exit code = %d, want %d\n%s", code, exitOK, out)
			}
			if got := strings.Count(out, "is repeated"); got != 1 {
				t.Errorf("the finding is printed %d times, want 1:\n%s", got, out)
			}
			if !strings.Contains(out, "1 file, 1 document:") {
				t.Errorf("the summary does not count 1 file:\n%s", out)
			}
		})
	}
}
