package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/daemonlint/daemonlint/lint"
)

// GitHub writes GitHub Actions workflow commands, one per finding, which
// the runner turns into annotations on the file and line:
//
//	::error file=examples/replicaset.yaml,line=2,col=7,endLine=2,endColumn=17,title=kind-spelling::kind "Replicaset" is not a Kubernetes kind; did you mean "ReplicaSet"?
//
// Errors are ::error, warnings ::warning and infos ::notice. endColumn is,
// as in the other formats, the column just past the span. A summary line
// that is not a command ends the output.
type GitHub struct {
	Options Options
}

// Report writes res as workflow commands.
func (g *GitHub) Report(w io.Writer, res *lint.Result) error {
	bw := bufio.NewWriter(w)
	for _, d := range res.Diagnostics {
		command := "notice"
		switch d.Severity {
		case lint.Error:
			command = "error"
		case lint.Warning:
			command = "warning"
		}
		var props []string
		if d.File != "-" {
			props = append(props, "file="+escapeProperty(d.File))
		}
		end := d.End
		if end.Line < d.Start.Line || end.Line == d.Start.Line && end.Column < d.Start.Column {
			end = d.Start
		}
		props = append(props,
			fmt.Sprintf("line=%d", d.Start.Line), fmt.Sprintf("col=%d", d.Start.Column),
			fmt.Sprintf("endLine=%d", end.Line), fmt.Sprintf("endColumn=%d", end.Column),
			"title="+escapeProperty(d.Rule))
		msg := d.Message
		if len(d.Fixes) > 0 {
			msg += "\nFix available: " + d.Fixes[0].Message
			if g.Options.FixHint != "" {
				msg += " (" + g.Options.FixHint + ")"
			}
		}
		fmt.Fprintf(bw, "::%s %s::%s\n", command, strings.Join(props, ","), escapeData(msg))
	}
	fmt.Fprintln(bw, summaryLine(Summarize(res)))
	return bw.Flush()
}

// escapeData escapes a workflow command's message as the runner requires.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value: as data, and
// also the : and , that separate properties.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
