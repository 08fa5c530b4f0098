// Package cli is the daemonlint command: cmd/daemonlint runs it without
// the engines of charts, kustomizations and custom resources, and hands a
// run that needs one over to cmd/daemonlint-engines, which runs it with
// them (package engine says why).
//
// The command checks Kubernetes manifests the way the API server would,
// with a line and column for every finding, and fixes what it can:
//
//	daemonlint lint [--format text|json|sarif|github|junit] [--fail-on error|warning|info] [--fix] [--config FILE] [--allow-empty] [--values FILE] [--set key=value] [--namespace NAMESPACE] [--exclude GLOB] [--skip-kinds KIND,...] [--verbose] [PATH ...]
//	daemonlint placement [--nodes FILE] [--format text|json] [PATH ...]
//	daemonlint convert [-w] [--diff] [--kind ReplicaSet,Deployment] [--name NAME] [PATH ...]
//	daemonlint rules [--format text|json]
//	daemonlint explain RULE
//	daemonlint config init
//	daemonlint version
//	daemonlint help [COMMAND]
//
// A PATH is a file, a directory (walked for *.yaml, *.yml and *.json, Helm
// charts, which are rendered, and kustomizations, which are built), a
// chart, or - for standard input, which is also what no PATH means. The
// configuration of each file lint reads is the nearest .daemonlint.yaml
// found walking up from it, or the file named with --config; config init
// writes a commented one. daemonlint help COMMAND, or COMMAND --help, prints a
// command's usage, flags and examples. Exit codes: 0 when nothing reaches --fail-on, 1 when
// something does, 2 when the command could not do its job (a bad flag or
// configuration, a missing path, empty standard input), 3 for an internal
// error.
package cli

import (
	"github.com/daemonlint/daemonlint/cmd/internal/engine"
)

// Main runs the command called program ("daemonlint" or EnginesProgram,
// which its version and usage name) with args (the arguments after the
// program's name) on the process's standard input, output and error, and
// returns its exit code. engines are the engines of charts, kustomizations and
// custom resources; with nil, a run that needs one is handed over to
// daemonlint-engines (EnginesProgram), found next to the running program
// or in $PATH, whose exit code is returned.
func Main(program string, args []string, engines *engine.Engines) int {
	if program == "daemonlint" {
		program = ""
	}
	return run(args, newEnv(program, args, engines))
}
