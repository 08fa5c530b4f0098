package report_test

import (
	"log"
	"os"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/report"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// Write findings as GitHub Actions workflow commands, which become
// annotations on the lines of a pull request.
func ExampleNew() {
	src := []byte("apiVersion: apps/v1\nkind: Replicaset\nmetadata:\n  name: web\n")
	res, err := lint.Run([]*manifest.File{manifest.NewFile("deploy/web.yaml", src)}, lint.Options{Rules: rules.All()})
	if err != nil {
		log.Fatal(err)
	}
	rep, err := report.New("github", report.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if err := rep.Report(os.Stdout, res); err != nil {
		log.Fatal(err)
	}
	// Output:
	// ::error file=deploy/web.yaml,line=2,col=7,endLine=2,endColumn=17,title=kind-spelling::kind "Replicaset" is not a Kubernetes kind; did you mean "ReplicaSet"?%0AFix available: Change the kind to ReplicaSet
	// 1 file, 1 document: 1 error, 0 warnings, 0 infos
}
