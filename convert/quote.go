package convert

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/daemonlint/daemonlint/internal/yamlutil"

	"go.yaml.in/yaml/v3"
)

// keyStyle returns the quoting of the keys of block mapping m when every
// key is quoted the same way (yaml.DoubleQuotedStyle or
// yaml.SingleQuotedStyle), and 0 when the keys are plain or mixed.
func keyStyle(m *yaml.Node) yaml.Style {
	if m == nil || len(m.Content) == 0 {
		return 0
	}
	var style yaml.Style
	for i := 0; i < len(m.Content); i += 2 {
		k := m.Content[i]
		s := k.Style & (yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle)
		if k.Kind != yaml.ScalarNode || s == 0 || (style != 0 && s != style) {
			return 0
		}
		style = s
	}
	return style
}

// quoteAs writes s as a scalar quoted in style, or as yamlutil.QuoteScalar
// does when style is 0.
func quoteAs(s string, style yaml.Style) string {
	switch style {
	case yaml.DoubleQuotedStyle:
		return strconv.Quote(s) // Go's escapes are YAML's too
	case yaml.SingleQuotedStyle:
		if !strings.ContainsAny(s, "\n\t\\") || strconv.Quote(s) == `"`+s+`"` {
			return "'" + strings.ReplaceAll(s, "'", "''") + "'"
		}
		return strconv.Quote(s)
	}
	return yamlutil.QuoteScalar(s)
}

// selectorEntry is a block mapping entry "selector:" whose matchLabels are
// tmpl, with its keys and values quoted in style (see keyStyle), so that
// it reads like the mapping it goes into.
func selectorEntry(tmpl map[string]string, style yaml.Style) string {
	keys := make([]string, 0, len(tmpl))
	for k := range tmpl {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	key := func(s string) string {
		if style == 0 {
			return s
		}
		return quoteAs(s, style)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s:\n  %s:\n", key("selector"), key("matchLabels"))
	for _, k := range keys {
		fmt.Fprintf(&b, "    %s: %s\n", quoteAs(k, style), quoteAs(tmpl[k], style))
	}
	return b.String()
}
