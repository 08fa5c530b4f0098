package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestREADMEExamples runs every command the README shows after a "$ "
// prompt in a text block, from the repository's root, and compares its
// standard output with the lines the README shows under it.
func TestREADMEExamples(t *testing.T) {
	t.Chdir(filepath.Join("..", "..", ".."))
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, block := range strings.Split(string(readme), "```text\n")[1:] {
		block, _, _ = strings.Cut(block, "```")
		cmdLine, want, ok := strings.Cut(block, "\n")
		if !ok || !strings.HasPrefix(cmdLine, "$ daemonlint ") {
			continue
		}
		n++
		args := strings.Fields(strings.TrimPrefix(cmdLine, "$ daemonlint "))
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, got, _ := runCmd(t, "", args...)
			if got != want {
				t.Errorf("%s prints:\n%s\nthe README shows:\n%s", cmdLine, got, want)
			}
		})
	}
	if n < 3 {
		t.Errorf("found %d commands in the README, want at least the lint, convert and placement examples", n)
	}
}

// TestREADMEQuickStart checks the README's two set-up commands: the first
// builds both programs into bin/ (ignored by git) and runs daemonlint on
// the bundled examples, which must print what the README shows for that
// command (through the hand-over, as the examples hold a chart); the
// second runs the tests, as CI does.
func TestREADMEQuickStart(t *testing.T) {
	bin := builtCommands(t)
	t.Chdir(filepath.Join("..", "..", ".."))
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, tryIt, ok := strings.Cut(string(readme), "## Try it\n")
	if !ok {
		t.Fatal("the README has no Try it section")
	}
	_, block, ok := strings.Cut(tryIt, "```sh\n")
	if !ok {
		t.Fatal("the Try it section has no sh block")
	}
	block, _, _ = strings.Cut(block, "```")
	var cmds []string
	for line := range strings.SplitSeq(strings.TrimSpace(block), "\n") {
		cmd, _, _ := strings.Cut(line, "#")
		cmds = append(cmds, strings.TrimSpace(cmd))
	}
	if len(cmds) != 2 {
		t.Fatalf("the Try it block has %d commands, want 2: %q", len(cmds), cmds)
	}
	build, lintCmd, ok := strings.Cut(cmds[0], " && ")
	if build != "go build -o bin/ ./cmd/..." || !ok {
		t.Errorf("the first command builds with %q, want go build -o bin/ ./cmd/... && …", build)
	}
	args, ok := strings.CutPrefix(lintCmd, "bin/daemonlint ")
	if !ok {
		t.Fatalf("the first command runs %q, want bin/daemonlint …", lintCmd)
	}
	_, shown, ok := strings.Cut(string(readme), "```text\n$ daemonlint "+args+"\n")
	if !ok {
		t.Fatalf("the README shows no output of daemonlint %s", args)
	}
	want, _, _ := strings.Cut(shown, "```")
	_, got, _ := runBinary(t, filepath.Join(bin, exeName("daemonlint")), ".", nil, []string{"NO_COLOR=1"}, strings.Fields(args)...)
	if got != want {
		t.Errorf("bin/daemonlint %s prints:\n%s\nthe README shows:\n%s", args, got, want)
	}
	if cmds[1] != "go test ./..." {
		t.Errorf("the second command is %q, want go test ./...", cmds[1])
	}
	ci, err := os.ReadFile(filepath.Join(".ci", "run"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ci), "\ngo test ./...\n") {
		t.Errorf(".ci/run does not run go test ./..., as the README tells readers to")
	}
	ignore, err := os.ReadFile(".gitignore")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(strings.Fields(string(ignore)), "/bin/") {
		t.Errorf(".gitignore does not leave out /bin/, where the README builds the programs")
	}
}
