package rules

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/schema"
	"github.com/daemonlint/daemonlint/internal/yamledit"
	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// DeprecatedAPI warns about an apiVersion that the target release still
// serves but deprecates, and about one that an upgrade removes.
var DeprecatedAPI = &lint.Rule{
	Name: "deprecated-api",
	Doc: `An apiVersion the cluster deprecates goes away in a later release

Kubernetes deprecates the alpha and beta versions of its APIs some releases
before it removes them: the API server still serves a deprecated version
but answers with a warning, and the release that removes it refuses the
object ("no matches for kind"). The rule warns about an apiVersion that the
target release (--kubernetes-version, the newest by default) deprecates,
naming the release that removes it and the apiVersion to use instead; the
data is the releases' own (the k8s:prerelease-lifecycle-gen tags of the
types).

With --upgrade-to 1.M, it also reports, as errors, the apiVersions that a
release after the target up to 1.M removes: what the upgrade would break.

The fix changes the apiVersion when that is all there is to it: the kind's
schema is the same under both versions (compared in the newest release that
serves both), or the conversion is known to be mechanical. Otherwise the
finding is advice: the fields moved, and the object must be rewritten.
An apiVersion that the target no longer serves is api-version's.`,
	Bad: `apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
`,
	Good: `apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: FlowSchema
`,
	Since:    "v0.2.0",
	Severity: lint.Warning,
	Run:      runDeprecatedAPI,
}

func runDeprecatedAPI(p *lint.Pass) error {
	d := p.Doc
	n := yamlutil.ResolveAlias(d.Node)
	if n == nil || n.Kind != yaml.MappingNode || d.APIVersion == "" || d.Kind == "" || d.IsList() {
		return nil
	}
	if group, _ := d.GroupVersion(); !manifest.IsBuiltinGroup(group) {
		return nil
	}
	t := targetOf(p)
	a := t.serves(d.APIVersion, d.Kind)
	if !a.Served {
		return nil // api-version's
	}
	lc, ok := schema.LifecycleOf(d.APIVersion, d.Kind)
	if !ok {
		return nil
	}
	removed := minorOf(lc.Removed)
	upgrade := minorOf(p.Settings.UpgradeTo)
	breaks := upgrade > 0 && removed > t.minor && removed <= upgrade
	deprecated := lc.Deprecated != "" && minorOf(lc.Deprecated) <= t.minor
	if !breaks && !deprecated {
		return nil
	}
	var msg string
	sev := lint.Severity(0)
	switch {
	case breaks:
		msg = fmt.Sprintf("apiVersion %q of %s is removed in Kubernetes %s: the upgrade from %s to %s breaks it", d.APIVersion, d.Kind, lc.Removed, t.name, p.Settings.UpgradeTo)
		sev = lint.Error
	case lc.Removed != "":
		msg = fmt.Sprintf("apiVersion %q of %s is deprecated since Kubernetes %s and removed in %s", d.APIVersion, d.Kind, lc.Deprecated, lc.Removed)
	default:
		msg = fmt.Sprintf("apiVersion %q of %s is deprecated since Kubernetes %s", d.APIVersion, d.Kind, lc.Deprecated)
	}
	_, avNode := yamlutil.MappingPair(n, "apiVersion")
	avNode = yamlutil.ResolveAlias(avNode)
	diag := lint.Diagnostic{Span: p.File.ScalarSpan(avNode), Field: "apiVersion", Severity: sev}
	use := lc.Replacement
	if use.Kind == "" {
		diag.Message = msg + "; no other apiVersion serves it"
		p.Report(diag)
		return nil
	}
	msg += "; use " + use.APIVersion()
	if use.Kind != d.Kind {
		msg += " " + use.Kind
	}
	mechanical, err := mechanicalMove(d.APIVersion, use.APIVersion(), d.Kind)
	if err != nil {
		return err
	}
	switch {
	case use.Kind != d.Kind || !mechanical:
		msg += " (the schema changed: check the fields)"
	case avNode != nil && avNode.Kind == yaml.ScalarNode:
		diag.Fixes = []lint.Fix{{Message: "Change the apiVersion to " + use.APIVersion(), Edits: []manifest.Edit{yamledit.ReplaceScalar(p.File, avNode, use.APIVersion())}}}
	}
	diag.Message = msg
	p.Report(diag)
	return nil
}

// mechanicalMove reports whether moving a kind from one apiVersion to
// another is a change of the apiVersion alone: the schemas are the same
// (see schema.SameSchema) or, where no supported release has both, the
// api-version rule's table of removed versions says the fix is certain.
func mechanicalMove(from, to, kind string) (bool, error) {
	same, known, err := schema.SameSchema(from, to, kind)
	if err != nil || known {
		return same, err
	}
	rv, ok := removedVersions[[2]string{from, kind}]
	return ok && rv.fix && !rv.selector && rv.use == to, nil
}
