package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMEExamples runs every command the README shows after a "$ "
// prompt in a text block, from the repository's root, and compares its
// standard output with the lines the README shows under it.
func TestREADMEExamples(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
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
