package yamlutil

import (
	"fmt"
	"slices"
	"strings"
)

// SelectorEntry returns the YAML text of a selector entry that selects
// exactly the given labels, written at indentation 0 with two-space steps:
//
//	selector:
//	  matchLabels:
//	    app: fluentd
func SelectorEntry(tmpl map[string]string) string {
	keys := make([]string, 0, len(tmpl))
	for k := range tmpl {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString("selector:\n  matchLabels:\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "    %s: %s\n", QuoteScalar(k), QuoteScalar(tmpl[k]))
	}
	return b.String()
}
