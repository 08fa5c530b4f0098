//go:build unix

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHandOverNamedPipe checks that daemonlint does not hand over a run
// whose CustomResourceDefinition came through a named pipe, which the
// engines could not read again, and says what to run instead.
func TestHandOverNamedPipe(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe.yaml")
	mkfifo(t, pipe)
	done := make(chan error, 1)
	go func() {
		w, err := os.OpenFile(pipe, os.O_WRONLY, 0)
		if err != nil {
			done <- err
			return
		}
		_, err = w.WriteString(crdAndResource)
		w.Close()
		done <- err
	}()
	var stdout, stderr bytes.Buffer
	e := &env{dir: dir, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, fifoWait: time.Minute}
	code := run([]string{"lint", pipe}, e)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	want := "daemonlint: the CustomResourceDefinition in " + pipe + " needs daemonlint-engines, and " + pipe + " is a named pipe, which daemonlint has read and daemonlint-engines cannot read again; run daemonlint-engines instead of daemonlint, with the same arguments\n"
	if stdout.String() != "" || stderr.String() != want {
		t.Errorf("standard output %q and error:\n%s\nwant none and:\n%s", stdout.String(), stderr.String(), want)
	}
}
