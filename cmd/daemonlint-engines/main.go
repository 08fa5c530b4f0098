// Command daemonlint-engines is daemonlint with the engines of Helm charts
// (render/helm), kustomizations (render/kustomize) and custom resources
// (crdcheck) linked in. daemonlint, which starts faster without them, runs
// it with the same arguments, standard input, output and error for a run
// that needs one; it takes every command and flag of daemonlint and can be
// run on its own:
//
//	daemonlint-engines lint charts/
package main

import (
	"os"

	"github.com/daemonlint/daemonlint/cmd/internal/cli"
	"github.com/daemonlint/daemonlint/cmd/internal/engine/full"
)

func main() {
	os.Exit(cli.Main(cli.EnginesProgram, os.Args[1:], full.Engines()))
}
