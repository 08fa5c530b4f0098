package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/daemonlint/daemonlint/cmd/internal/engine"
)

// handedOverEnv is set in the environment of the daemonlint-engines that
// daemonlint runs: a program without engines that finds it set (a
// daemonlint installed under the other's name) stops rather than hand the
// run over again, and again.
const handedOverEnv = "DAEMONLINT_HANDED_OVER"

// EnginesProgram is the name of the program that daemonlint hands a run
// needing an engine over to: daemonlint with the engines linked in.
const EnginesProgram = "daemonlint-engines"

// findCharts is the engines' FindCharts, or no chart without engines (a
// run that needed one was handed over before it walked).
func (e *env) findCharts(root string) ([]engine.Chart, error) {
	if e.engines == nil {
		return nil, nil
	}
	return e.engines.FindCharts(root)
}

// findKustomizations is the engines' FindKustomizations, or none without
// engines.
func (e *env) findKustomizations(root string) (engine.KustomizeTree, error) {
	if e.engines == nil {
		return engine.KustomizeTree{}, nil
	}
	return e.engines.FindKustomizations(root)
}

// needsEngines says why daemonlint lint with lf needs an engine before
// it reads any input: a flag of charts or custom resources, a chart
// (a directory holding Chart.yaml, a file in one, a packaged chart) or a
// kustomization (a directory holding one, or a file below one) among or
// under the paths. It returns "" when none does. It errs on the side of the
// engines: a chart that the configuration ignores still counts.
func needsEngines(lf *lintFlags) string {
	switch {
	case len(lf.values) > 0:
		return "--values"
	case len(lf.set) > 0:
		return "--set"
	case len(lf.target.crds) > 0:
		return "--crds " + lf.target.crds[0]
	}
	for _, p := range lf.paths {
		if p == "-" {
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			continue // lint says what is wrong
		}
		if !info.IsDir() {
			if engine.IsChartArchive(p) {
				return "the packaged chart " + p
			}
			if c := enclosingChart(p, false); c != "" {
				return "the chart in " + c
			}
			if isManifestName(p) && underKustomization(p) {
				return p + ", below a kustomization"
			}
			continue
		}
		if c := enclosingChart(p, true); c != "" {
			return "the chart in " + c
		}
		if r := findEngineDir(p); r != "" {
			return r
		}
	}
	return ""
}

// errFound ends findEngineDir's walk.
var errFound = errors.New("found")

// findEngineDir walks root, as the chart and kustomization walks do
// (leaving out directories whose names start with a dot), for a directory
// holding a chart or a kustomization, and says which; "" when none does.
func findEngineDir(root string) string {
	found := ""
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		switch {
		case engine.IsChartDir(p):
			found = "the chart in " + p
		case isKustomization(p):
			found = "the kustomization in " + p
		default:
			return nil
		}
		return errFound
	})
	return found
}

// definitionsIn says which input mentions CustomResourceDefinition, or
// "" when none does.
func definitionsIn(inputs []input) string {
	for _, in := range inputs {
		if engine.MentionsDefinitions(in.src) {
			return "the CustomResourceDefinition in " + in.name
		}
	}
	return ""
}

// rereadable says why daemonlint-engines could not read inputs again
// after daemonlint read them: a named pipe given as a path is drained once
// read (standard input is passed on). It returns "" when every input can be.
func rereadable(inputs []input) string {
	for _, in := range inputs {
		if in.path == "" {
			continue
		}
		if info, err := os.Stat(in.path); err == nil && info.Mode()&fs.ModeNamedPipe != 0 {
			return in.path + " is a named pipe, which daemonlint has read and " + EnginesProgram + " cannot read again; run " + EnginesProgram + " instead of daemonlint, with the same arguments"
		}
	}
	return ""
}

// stdinRead returns what was read of standard input among inputs, or nil
// when it was not read.
func stdinRead(inputs []input) []byte {
	for _, in := range inputs {
		if in.path == "" {
			return in.src
		}
	}
	return nil
}

// handOver runs the whole command again in daemonlint-engines, for
// reason (what needs an engine), and returns its exit code: the same
// arguments, standard input (what read holds of it, then the rest),
// standard output and error. Without daemonlint-engines it says what
// needed it and how to install it, and returns exitUsage.
func handOver(reason string, read []byte, e *env) int {
	if e.getenv(handedOverEnv) != "" {
		fmt.Fprintf(e.stderr, "daemonlint: %s needs %s, and the program run as %s has no engines; reinstall both programs with go install github.com/daemonlint/daemonlint/cmd/...@latest\n", reason, EnginesProgram, EnginesProgram)
		return exitInternal
	}
	path, looked := e.lookEngines()
	if path == "" {
		fmt.Fprintf(e.stderr, "daemonlint: %s needs %s, which has Helm, kustomize and the CustomResourceDefinition checker; it is not in %s; install both programs with go install github.com/daemonlint/daemonlint/cmd/...@latest, or from a clone with go build -o bin/ ./cmd/...\n",
			reason, EnginesProgram, strings.Join(looked, " nor in "))
		return exitUsage
	}
	cmd := exec.Command(path, e.args...)
	cmd.Stdin = e.stdin
	if read != nil {
		cmd.Stdin = io.MultiReader(bytes.NewReader(read), e.stdin)
	}
	cmd.Stdout, cmd.Stderr = e.stdout, e.stderr
	cmd.Env = append(os.Environ(), handedOverEnv+"=1")
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		return exit.ExitCode()
	}
	fmt.Fprintf(e.stderr, "daemonlint: running %s for %s: %v\n", path, reason, err)
	return exitInternal
}

// lookEngines finds daemonlint-engines: next to the running program, then
// in $PATH. It returns its path ("" when not found) and where it looked.
func (e *env) lookEngines() (string, []string) {
	var looked []string
	if e.executable != nil {
		if self, err := e.executable(); err == nil {
			if self, err := filepath.EvalSymlinks(self); err == nil {
				dir := filepath.Dir(self)
				looked = append(looked, dir)
				if p, err := exec.LookPath(filepath.Join(dir, EnginesProgram)); err == nil {
					return p, looked
				}
			}
		}
	}
	looked = append(looked, "$PATH")
	if p, err := exec.LookPath(EnginesProgram); err == nil {
		return p, looked
	}
	return "", looked
}

// programName is the name the command goes by: daemonlint, or
// daemonlint-engines.
func (e *env) programName() string {
	if e.program == "" {
		return "daemonlint"
	}
	return e.program
}

// usage is the command's usage text, which daemonlint-engines begins with
// what it is.
func (e *env) usage() string {
	if e.program != EnginesProgram {
		return usage
	}
	return EnginesProgram + " is daemonlint with the engines of Helm charts, kustomizations and custom\nresources linked in: daemonlint runs it, with the same arguments, for a run\nthat needs one. Its commands and flags are daemonlint's.\n\n" + usage
}
