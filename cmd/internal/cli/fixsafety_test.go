package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixWriteSafety runs lint --fix on files that must not be rewritten,
// or must be rewritten with care, beside one that is fixed.
func TestFixWriteSafety(t *testing.T) {
	const fixed = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n"
	for _, tc := range []struct {
		name string
		// setup makes the file to fix in dir and returns its name.
		setup func(t *testing.T, dir string) string
		// want is what the output must hold, and after what the file must
		// hold afterwards.
		want, after string
		exit        int
	}{
		{
			name: "read-only file",
			setup: func(t *testing.T, dir string) string {
				putFile(t, filepath.Join(dir, "ro.yaml"), []byte(goodYAML))
				os.Chmod(filepath.Join(dir, "ro.yaml"), 0o444)
				return "ro.yaml"
			},
			want:  "daemonlint: fixing ro.yaml: write ro.yaml: permission denied",
			after: goodYAML,
			exit:  exitUsage,
		},
		{
			name: "file too large to rewrite",
			setup: func(t *testing.T, dir string) string {
				// Valid YAML past the rewrite limit: documents of long
				// comments, each within the limit of one document.
				big := goodYAML + strings.Repeat("---\n# "+strings.Repeat("x", 7<<20)+"\n", 5)
				putFile(t, filepath.Join(dir, "big.yaml"), []byte(big))
				return "big.yaml"
			},
			want: "daemonlint: fixing big.yaml: larger than 32 MiB, the most daemonlint rewrites",
			exit: exitUsage,
		},
		{
			name: "symbolic link",
			setup: func(t *testing.T, dir string) string {
				putFile(t, filepath.Join(dir, "real.yaml"), []byte(goodYAML))
				symlink(t, "real.yaml", filepath.Join(dir, "link.yaml"))
				return "link.yaml"
			},
			want:  "daemonlint: fixed 1 problem in link.yaml",
			after: fixed,
			exit:  exitFindings, // the DaemonSet has no selector
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			name := tc.setup(t, dir)
			before, _ := os.ReadFile(filepath.Join(dir, name))
			other := filepath.Join(dir, "other.yaml")
			putFile(t, other, []byte(goodYAML))
			code, out := runWithEnv(&env{dir: dir}, "lint", "--fix", filepath.Join(dir, name), other)
			out = strings.ReplaceAll(out, dir+string(filepath.Separator), "")
			if code != tc.exit {
				t.Errorf("exit code %d, want %d\n%s", code, tc.exit, clip(out))
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, clip(out))
			}
			after, _ := os.ReadFile(filepath.Join(dir, name))
			if tc.after == "" && !bytes.Equal(after, before) {
				t.Errorf("%s changed", name)
			}
			if tc.after != "" && string(after) != tc.after {
				t.Errorf("%s holds %q, want %q", name, after, tc.after)
			}
			if info, err := os.Lstat(filepath.Join(dir, name)); err == nil && strings.HasPrefix(name, "link") && info.Mode()&os.ModeSymlink == 0 {
				t.Errorf("the link was replaced by a regular file")
			}
			if got, _ := os.ReadFile(other); string(got) != fixed {
				t.Errorf("the other file was not fixed: %q", got)
			}
		})
	}
}
