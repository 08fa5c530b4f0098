// Command daemonlint checks Kubernetes manifests the way the API server
// would, with a line and column for every finding, and fixes what it can.
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
//
// daemonlint links no engine of charts, kustomizations or custom resources,
// so that it starts in a few milliseconds: a lint run that needs one (a
// chart, a kustomization, a CustomResourceDefinition among the inputs,
// --values, --set or --crds) is handed over, whole, to daemonlint-engines,
// found next to daemonlint or in $PATH. go install
// github.com/daemonlint/daemonlint/cmd/...@latest installs both.
package main

import (
	"os"

	"github.com/daemonlint/daemonlint/cmd/internal/cli"
)

func main() {
	os.Exit(cli.Main("daemonlint", os.Args[1:], nil))
}
