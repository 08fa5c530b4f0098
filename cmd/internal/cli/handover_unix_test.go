//go:build unix

package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHandOverNamedPipe checks that daemonlint does not hand over a run
// whose CustomResourceDefinition came through a named pipe, which the
// engines could not read again, and says what to run instead.
func TestHandOverNamedPipe(t *testing.T) {
	pipe, done := writtenPipe(t, crdAndResource)
	var stdout, stderr bytes.Buffer
	e := &env{dir: filepath.Dir(pipe), stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, fifoWait: time.Minute}
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
