package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/daemonlint/daemonlint/lint"
)

func runRules(args []string, e *env) int {
	fs := newFlagSet("rules", e)
	format := fs.String("format", "text", "output format: text or json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "daemonlint rules: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	rules := lint.Rules()
	switch *format {
	case "text":
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		for _, r := range rules {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Name, r.Severity, r.Title())
		}
		tw.Flush()
	case "json":
		type ruleJSON struct {
			Name     string        `json:"name"`
			Severity lint.Severity `json:"severity"`
			Title    string        `json:"title"`
			Doc      string        `json:"doc"`
		}
		out := make([]ruleJSON, 0, len(rules))
		for _, r := range rules {
			out = append(out, ruleJSON{r.Name, r.Severity, r.Title(), r.Doc})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	default:
		fmt.Fprintf(e.stderr, "daemonlint rules: unknown format %q: use text or json\n", *format)
		return exitUsage
	}
	return exitOK
}
