package cli

// The CLI is tested by running the real command on txtar scripts in
// testdata. Each script is an archive:
//
//	A comment saying what the script shows.
//	-- cmd --
//	lint --format json in.yaml
//	stdin=in.yaml lint -
//	cd=sub lint ../in.yaml
//	-- exit --
//	1 1 1
//	-- stdout --
//	…
//	-- stderr --
//	…
//	-- in.yaml --
//	…
//	-- want/in.yaml --
//	…
//
// cmd holds one invocation of daemonlint per line (blank lines and lines
// starting with # are skipped): its arguments, split at blanks ('single
// quotes' keep blanks), after options of the form stdin=FILE (standard
// input; otherwise it is empty; an absolute FILE such as /dev/null is
// opened as it is, so that the command sees that file and not a pipe) and cd=DIR (the working directory, relative
// to the script's directory). The commands run in order in a new
// directory holding the archive's other files, and exit lists their exit
// codes in the same order.
//
// stdout and stderr are the outputs of all the commands, one after the
// other, and must match exactly, after the script's directory is replaced
// by $WORK; a missing section means no output. A section named stdout.re
// or stderr.re holds instead a regular expression that must match the
// whole output. A file want/NAME holds what NAME must contain after the
// commands ran (to check --fix and config init).
//
// go test -run TestScripts -update rewrites exit, stdout, stderr and want/
// sections (not .re ones) with what the commands did.

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/cmd/internal/engine/full"
	"github.com/daemonlint/daemonlint/internal/diff"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expectations of the txtar scripts in testdata")

// runMainEnv is set in the environment of a re-executed test binary that
// should run daemonlint's main instead of the tests.
const runMainEnv = "DAEMONLINT_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		os.Exit(Main("daemonlint", os.Args[1:], full.Engines()))
	}
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir) // see builtCommands
	}
	os.Exit(code)
}

// A scriptCmd is one line of a cmd section.
type scriptCmd struct {
	args  []string
	stdin string
	dir   string
}

func parseCmdLine(line string) (scriptCmd, error) {
	var c scriptCmd
	var fields []string
	for line = strings.TrimSpace(line); line != ""; line = strings.TrimSpace(line) {
		if line[0] == '\'' {
			end := strings.IndexByte(line[1:], '\'')
			if end < 0 {
				return c, fmt.Errorf("unclosed quote in %q", line)
			}
			fields = append(fields, line[1:end+1])
			line = line[end+2:]
			continue
		}
		field, rest, _ := strings.Cut(line, " ")
		fields = append(fields, field)
		line = rest
	}
	for len(fields) > 0 {
		opt, value, ok := strings.Cut(fields[0], "=")
		if !ok || strings.HasPrefix(opt, "-") {
			break
		}
		switch opt {
		case "stdin":
			c.stdin = value
		case "cd":
			c.dir = value
		default:
			return c, fmt.Errorf("unknown option %q", fields[0])
		}
		fields = fields[1:]
	}
	c.args = fields
	return c, nil
}

func TestScripts(t *testing.T) {
	scripts, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(scripts) == 0 {
		t.Fatal("no scripts in testdata")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, script := range scripts {
		t.Run(strings.TrimSuffix(filepath.Base(script), ".txtar"), func(t *testing.T) {
			t.Parallel()
			runScript(t, exe, script)
		})
	}
}

func runScript(t *testing.T, exe, script string) {
	data, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	ar := txtar.Parse(data)
	comment, files := ar.Comment, ar.Files
	section := func(name string) (int, bool) {
		i := slices.IndexFunc(files, func(f txtar.File) bool { return f.Name == name })
		return i, i >= 0
	}
	work := t.TempDir()
	// Resolve links (as /tmp may be one) so that $WORK replaces every
	// spelling of the directory.
	if w, err := filepath.EvalSymlinks(work); err == nil {
		work = w
	}
	var cmds []scriptCmd
	for _, f := range files {
		switch {
		case f.Name == "cmd":
			for line := range strings.SplitSeq(string(f.Data), "\n") {
				if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
					continue
				}
				c, err := parseCmdLine(line)
				if err != nil {
					t.Fatalf("%s: %v", script, err)
				}
				cmds = append(cmds, c)
			}
		case f.Name == "exit" || f.Name == "stdout" || f.Name == "stderr" ||
			f.Name == "stdout.re" || f.Name == "stderr.re" || strings.HasPrefix(f.Name, "want/"):
		default:
			path := filepath.Join(work, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(cmds) == 0 {
		t.Fatalf("%s has no cmd section", script)
	}

	var stdout, stderr bytes.Buffer
	var codes []string
	for _, c := range cmds {
		cmd := exec.Command(exe, c.args...)
		cmd.Dir = filepath.Join(work, filepath.FromSlash(c.dir))
		cmd.Env = append(os.Environ(), runMainEnv+"=1")
		if filepath.IsAbs(c.stdin) {
			f, err := os.Open(c.stdin)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cmd.Stdin = f
		} else if c.stdin != "" {
			in, err := os.ReadFile(filepath.Join(work, filepath.FromSlash(c.stdin)))
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stdin = bytes.NewReader(in)
		} else {
			cmd.Stdin = bytes.NewReader(nil)
		}
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("running daemonlint %s: %v", strings.Join(c.args, " "), err)
		}
		codes = append(codes, strconv.Itoa(code))
	}
	gotExit := strings.Join(codes, " ") + "\n"
	normalize := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte(work), []byte("$WORK")) }
	got := map[string][]byte{"exit": []byte(gotExit), "stdout": normalize(stdout.Bytes()), "stderr": normalize(stderr.Bytes())}
	for _, f := range files {
		if name, ok := strings.CutPrefix(f.Name, "want/"); ok {
			b, err := os.ReadFile(filepath.Join(work, filepath.FromSlash(name)))
			if err != nil {
				b = []byte(fmt.Sprintf("(%v)\n", err))
			}
			got[f.Name] = b
		}
	}

	if *update {
		for _, name := range []string{"exit", "stdout", "stderr"} {
			if _, ok := section(name + ".re"); ok {
				continue
			}
			i, ok := section(name)
			switch {
			case ok:
				files[i].Data = got[name]
			case len(got[name]) > 0:
				files = append(files, txtar.File{Name: name, Data: got[name]})
			}
		}
		for i, f := range files {
			if strings.HasPrefix(f.Name, "want/") {
				files[i].Data = got[f.Name]
			}
		}
		// Keep empty output sections out of the archive.
		files = slices.DeleteFunc(files, func(f txtar.File) bool {
			return (f.Name == "stdout" || f.Name == "stderr") && len(f.Data) == 0
		})
		if err := os.WriteFile(script, txtar.Format(&txtar.Archive{Comment: comment, Files: files}), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}

	if i, ok := section("exit"); !ok {
		t.Errorf("%s has no exit section; the commands exited with %s", script, gotExit)
	} else if want := strings.Join(strings.Fields(string(files[i].Data)), " ") + "\n"; gotExit != want {
		t.Errorf("exit codes = %s, want %s", strings.TrimSpace(gotExit), strings.TrimSpace(want))
	}
	for _, name := range []string{"stdout", "stderr"} {
		if i, ok := section(name + ".re"); ok {
			re, err := regexp.Compile(`\A(?:` + strings.TrimSuffix(string(files[i].Data), "\n") + `)\n?\z`)
			if err != nil {
				t.Fatalf("%s.re: %v", name, err)
			}
			if !re.Match(got[name]) {
				t.Errorf("%s does not match %s.re:\n%s", name, name, got[name])
			}
			continue
		}
		var want []byte
		if i, ok := section(name); ok {
			want = files[i].Data
		}
		if !bytes.Equal(got[name], want) {
			t.Errorf("%s differs (go test -run TestScripts -update rewrites it):\n%s", name, string(diff.Unified("want", "got", want, got[name])))
		}
	}
	for _, f := range files {
		if strings.HasPrefix(f.Name, "want/") && !bytes.Equal(got[f.Name], f.Data) {
			t.Errorf("%s differs:\n%s", f.Name, string(diff.Unified("want", "got", f.Data, got[f.Name])))
		}
	}
}

// TestScriptsUseTutorialFiles checks that every examples/ file in a script
// is the repository's own, byte for byte, so that the scripts test the
// tutorial's files and not copies that drifted.
func TestScriptsUseTutorialFiles(t *testing.T) {
	scripts, _ := filepath.Glob("testdata/*.txtar")
	for _, script := range scripts {
		data, err := os.ReadFile(script)
		if err != nil {
			t.Fatal(err)
		}
		files := txtar.Parse(data).Files
		for _, f := range files {
			if !strings.HasPrefix(f.Name, "examples/") {
				continue
			}
			want, err := os.ReadFile(filepath.Join("..", "..", "..", filepath.FromSlash(f.Name)))
			if err != nil {
				t.Errorf("%s: %s: %v", script, f.Name, err)
				continue
			}
			if !bytes.Equal(f.Data, want) {
				t.Errorf("%s: %s is not the repository's %s", script, f.Name, f.Name)
			}
		}
	}
}

func TestParseCmdLine(t *testing.T) {
	for _, tc := range []struct {
		line string
		want scriptCmd
	}{
		{"lint a.yaml", scriptCmd{args: []string{"lint", "a.yaml"}}},
		{"stdin=in.yaml cd=sub lint --format=json -", scriptCmd{args: []string{"lint", "--format=json", "-"}, stdin: "in.yaml", dir: "sub"}},
		{"lint 'a b.yaml'  c.yaml", scriptCmd{args: []string{"lint", "a b.yaml", "c.yaml"}}},
	} {
		t.Run(tc.line, func(t *testing.T) {
			got, err := parseCmdLine(tc.line)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.args, tc.want.args) || got.stdin != tc.want.stdin || got.dir != tc.want.dir {
				t.Errorf("parseCmdLine(%q) = %+v, want %+v", tc.line, got, tc.want)
			}
		})
	}
}
