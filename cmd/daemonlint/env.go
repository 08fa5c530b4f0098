package main

import (
	"io"
	"os"
)

// env is everything the command reads from and writes to besides files:
// tests give it buffers.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// stdinTerminal reports whether standard input is a terminal.
	stdinTerminal bool
	// color reports whether standard output may be coloured.
	color  bool
	getenv func(string) string
	// dir is the working directory: where the configuration search starts,
	// and what SARIF file names are relative to.
	dir string
}

func newEnv() *env {
	dir, err := os.Getwd()
	if err != nil {
		dir = "."
	}
	return &env{
		dir:           dir,
		stdin:         os.Stdin,
		stdout:        os.Stdout,
		stderr:        os.Stderr,
		stdinTerminal: isTerminal(os.Stdin),
		color:         isTerminal(os.Stdout) && os.Getenv("NO_COLOR") == "",
		getenv:        os.Getenv,
	}
}

func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
