// Command daemonlint checks Kubernetes manifests the way the API server
// would, with a line and column for every finding, and fixes what it can.
//
//	daemonlint lint [--format text|json] [--fail-on error|warning|info] [--fix] [--allow-empty] [PATH ...]
//	daemonlint convert [-w] [--diff] [--kind ReplicaSet,Deployment] [--name NAME] [PATH ...]
//	daemonlint rules [--format text|json]
//	daemonlint version
//
// A PATH is a file, a directory (walked for *.yaml, *.yml and *.json) or -
// for standard input, which is also what no PATH means. Exit codes: 0 when
// nothing reaches --fail-on, 1 when something does, 2 when the command
// could not do its job (a bad flag, a missing path, empty standard input),
// 3 for an internal error.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], newEnv()))
}
