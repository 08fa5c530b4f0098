package rules

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// MissingType reports an object whose apiVersion or kind is missing, empty
// or not a string. A document with neither, and no metadata or spec, is
// not an object at all and is not checked (see lint.IsManifest).
var MissingType = &lint.Rule{
	Name: "missing-type",
	Doc: `Every object must say its type: apiVersion and kind, both strings

kubectl refuses an object without an apiVersion or a kind ("Object 'Kind'
is missing"), and one whose apiVersion or kind is not a string (kind: 12,
apiVersion: yes) before the API server sees it. The items of a List need
them too.

A YAML document with none of apiVersion, kind, metadata and spec at its top
level (a docker-compose file, a Helm values file, a package.json) is not a
Kubernetes object, and no rule checks it; the summary counts such files.`,
	Bad: `apiVersion: apps/v1
metadata:
  name: agent
`,
	Good: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
`,
	Since:    "v0.1.0",
	Severity: lint.Error,
	Run:      runMissingType,
}

func runMissingType(p *lint.Pass) error {
	d := p.Doc
	n := yamlutil.ResolveAlias(d.Node)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil // the syntax rule reports List items that are not objects
	}
	where := ""
	if d.Item >= 0 {
		where = fmt.Sprintf("item %d of the List: ", d.Item)
	}
	for _, field := range []string{"apiVersion", "kind"} {
		key, val := yamlutil.MappingPair(n, field)
		problem := headerProblem(val, field)
		if problem == "" {
			continue
		}
		span := d.Span()
		span.End = span.Start
		if key != nil {
			span = manifest.Span{Start: p.File.NodeStart(key), End: p.File.NodeEnd(val)}
		}
		p.Report(lint.Diagnostic{Span: span, Field: field, Message: where + field + " " + problem})
	}
	return nil
}

// headerProblem says what is wrong with the value of apiVersion or kind, or
// returns "".
func headerProblem(v *yaml.Node, field string) string {
	v = yamlutil.ResolveAlias(v)
	if v == nil {
		return fmt.Sprintf("is not set; kubectl refuses an object without it: add %s", headerHint(field))
	}
	if v.Kind != yaml.ScalarNode {
		return fmt.Sprintf("must be a string, not %s", yamlutil.Describe(v))
	}
	switch val := yamlutil.ResolveScalar(v).(type) {
	case nil:
		return fmt.Sprintf("is empty; kubectl refuses an object without it: write %s", headerHint(field))
	case string:
		if val == "" {
			return fmt.Sprintf("is empty; kubectl refuses an object without it: write %s", headerHint(field))
		}
		return ""
	default:
		return fmt.Sprintf("must be a string, but %s is read as the %T %v; quote it", v.Value, val, val)
	}
}

// headerHint is an example of the field, such as "apiVersion: apps/v1".
func headerHint(field string) string {
	if field == "kind" {
		return "kind: DaemonSet (or the object's kind)"
	}
	return "apiVersion: apps/v1 (or the group/version of the object's kind)"
}
