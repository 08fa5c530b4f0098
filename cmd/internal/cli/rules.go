package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/daemonlint/daemonlint/lint"
)

// rulesFlagSet returns the flag set of daemonlint rules and where it puts
// --format.
func rulesFlagSet(e *env) (*flag.FlagSet, *string) {
	fs := newFlagSet("rules", e)
	format := fs.String("format", "text", "output `FORMAT`: text or json")
	return fs, format
}

func runRules(args []string, e *env) int {
	fs, format := rulesFlagSet(e)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagsFailed("rules", err, e)
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "daemonlint rules: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	rules := allRules()
	switch *format {
	case "text":
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "RULE\tSEVERITY\tSINCE\tCHECKS")
		for _, r := range rules {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name, r.Severity, r.Since, r.Title())
		}
		tw.Flush()
		fmt.Fprintln(e.stdout, "\ndaemonlint explain RULE prints a rule's documentation, with a bad and a good example.")
	case "json":
		type ruleJSON struct {
			Name     string        `json:"name"`
			Severity lint.Severity `json:"severity"`
			Since    string        `json:"since"`
			Title    string        `json:"title"`
			Doc      string        `json:"doc"`
			Bad      string        `json:"bad,omitempty"`
			Good     string        `json:"good,omitempty"`
			URL      string        `json:"url"`
		}
		out := make([]ruleJSON, 0, len(rules))
		for _, r := range rules {
			out = append(out, ruleJSON{r.Name, r.Severity, r.Since, r.Title(), r.Doc, r.Bad, r.Good, r.URL()})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(e.stderr, "daemonlint rules: %v\n", err)
			return exitUsage
		}
	default:
		fmt.Fprintf(e.stderr, "daemonlint rules: --format: unknown format %q: use text or json\n", *format)
		return exitUsage
	}
	return exitOK
}
