package cli

import (
	"io"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/daemonlint/daemonlint/cmd/internal/engine"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
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
	// rules are the rules lint runs before the configuration applies; nil
	// means rules.All().
	rules []*lint.Rule
	// tuneGC lets the command set the garbage collector for its inputs (see
	// limitMemory): it is set for a real run, and not in tests, which share
	// their process.
	tuneGC bool
	// fifoWait is how long to wait for a writer of a named pipe given as a
	// path; zero means defaultFIFOWait.
	fifoWait time.Duration
	// engines are the engines of charts, kustomizations and custom
	// resources; nil for daemonlint, which hands a run that needs one over
	// to daemonlint-engines (handOver) with args, its arguments, found next
	// to executable's path or in $PATH.
	engines *engine.Engines
	args    []string
	// program is the name the command goes by: "" for daemonlint, or
	// EnginesProgram.
	program    string
	executable func() (string, error)
}

func (e *env) lintRules() []*lint.Rule {
	if e.rules == nil {
		return rules.All()
	}
	return e.rules
}

func (e *env) fifoWaitOrDefault() time.Duration {
	if e.fifoWait <= 0 {
		return defaultFIFOWait
	}
	return e.fifoWait
}

func newEnv(program string, args []string, engines *engine.Engines) *env {
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
		tuneGC:        true,
		engines:       engines,
		program:       program,
		args:          args,
		executable:    os.Executable,
	}
}

// isTerminal reports whether f is a terminal. A character device is not
// enough: /dev/null is one, and reading it is reading empty input.
func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}
