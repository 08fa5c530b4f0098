package cli

import (
	"github.com/daemonlint/daemonlint/cmd/internal/engine/full"

	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// goodYAML is the file linted beside every hostile input: its one finding
// must be printed whatever happens to the hostile file.
const goodYAML = `apiVersion: apps/v1
kind: Daemonset
metadata:
  name: agent
`

// goodFinding is how the finding of goodYAML starts in the text output.
const goodFinding = "good.yaml:2:7: error: kind \"Daemonset\""

func checkOutput(t *testing.T, out, want string) {
	t.Helper()
	if !regexp.MustCompile(want).MatchString(out) {
		t.Errorf("output does not match %q:\n%s", want, clip(out))
	}
	if !strings.Contains(out, goodFinding) {
		t.Errorf("the good file's finding is missing:\n%s", clip(out))
	}
	if strings.Contains(out, "internal error") || strings.Contains(out, "panic") {
		t.Errorf("internal error:\n%s", clip(out))
	}
}

func clip(s string) string {
	if len(s) > 4000 {
		return s[:4000] + "…"
	}
	return s
}

func putFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runWithEnv runs the command with e's streams set to buffers and returns
// its exit code and its standard output followed by its standard error.
func runWithEnv(e *env, args ...string) (int, string) {
	var stdout, stderr bytes.Buffer
	e.stdin = strings.NewReader("")
	e.stdout, e.stderr = &stdout, &stderr
	if e.getenv == nil {
		e.getenv = func(string) string { return "" }
	}
	if e.engines == nil {
		e.engines = full.Engines()
	}
	code := run(args, e)
	return code, stdout.String() + stderr.String()
}

// absPaths makes relative paths relative to dir: run reads files
// relative to the process's working directory, which tests leave alone.
func absPaths(dir string, paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		if filepath.IsAbs(p) {
			out[i] = p
		} else {
			out[i] = filepath.Join(dir, p)
		}
	}
	return out
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
}

// TestVanishingFile removes a file after the directory walk listed it and
// before it is read.
func TestVanishingFile(t *testing.T) {
	dir := t.TempDir()
	gone := filepath.Join(dir, "gone.yaml")
	good := filepath.Join(dir, "good.yaml")
	putFile(t, gone, []byte(goodYAML))
	putFile(t, good, []byte(goodYAML))
	// ignored is asked about each file the walk lists, just before it is
	// read.
	ignored := func(path string) bool {
		if path == gone {
			os.Remove(gone)
		}
		return false
	}
	inputs, problems := readInputs([]string{dir}, &env{}, ignored)
	if want := []string{gone + ": no such file or directory"}; !slices.Equal(problems, want) {
		t.Errorf("problems = %q, want %q", problems, want)
	}
	if len(inputs) != 1 || inputs[0].name != good {
		t.Errorf("inputs = %v, want only %s", inputs, good)
	}
}

// TestPanicContainment runs a rule that panics on one document: the panic
// is reported as an internal error naming the rule, file and document, the
// exit code is 3, and the other files' findings are still printed.
func TestPanicContainment(t *testing.T) {
	boom := &lint.Rule{
		Name:     "boom",
		Doc:      "Panics on the object named boom",
		Severity: lint.Error,
		Run: func(p *lint.Pass) error {
			if p.Doc.Name == "boom" {
				var m map[string]int
				m["x"]++ // a nil map write: a real runtime panic
			}
			return nil
		},
	}
	dir := t.TempDir()
	putFile(t, filepath.Join(dir, "good.yaml"), []byte(goodYAML))
	putFile(t, filepath.Join(dir, "boom.yaml"), []byte("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fine}\n---\napiVersion: v1\nkind: Configmap\nmetadata: {name: boom}\n"))
	e := &env{dir: dir, rules: append(rules.All(), boom)}
	code, out := runWithEnv(e, "lint", filepath.Join(dir, "boom.yaml"), filepath.Join(dir, "good.yaml"))
	out = strings.ReplaceAll(out, dir+string(filepath.Separator), "")
	if code != exitInternal {
		t.Errorf("exit code %d, want %d", code, exitInternal)
	}
	for _, want := range []string{
		`boom.yaml:5:1: error: internal error: rule boom panicked (assignment to entry in nil map) on document 1 of boom.yaml; please report this bug (internal-error)`,
		`boom.yaml:6:7: error: kind "Configmap"`,
		goodFinding,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestIsEmptyInput(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      bool
	}{
		{"nothing", "", true},
		{"comments and markers", "# a\n---\n  # b\n--- # c\n...\n", true},
		{"a document", "# a\n---\nkind: Pod\n", false},
		{"content after a marker", "--- {kind: Pod}\n", false},
		{"a syntax error", "\tkind: Pod\n", false},
		{"a directive alone", "%YAML 1.1\n---\n", true},
		{"a directive yaml.v3 refuses", "%YAML 1.2\n---\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := isEmptyInput(manifest.NewFile("-", []byte(tc.src))); got != tc.want {
				t.Errorf("isEmptyInput(%q) = %v, want %v", tc.src, got, tc.want)
			}
		})
	}
}
