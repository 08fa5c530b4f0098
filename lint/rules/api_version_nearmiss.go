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

// reportMisspeltAPIVersion reports a built-in kind under an apiVersion
// that no release of Kubernetes has for it and that misspells one that
// does: a misspelt built-in group ("app/v1", "Apps/v1", "apps.k8s.io/v1",
// "core/v1"; see manifest.MisspeltGroup), a built-in kind in a group that
// cannot be a custom resource's ("foo/v1"), a version its group never had
// ("batch/v2"), or a version without its group ("v1beta1" for a
// Deployment). It says the apiVersion that serves the kind and offers to
// write it, and reports whether it reported.
func reportMisspeltAPIVersion(p *lint.Pass, obj *yaml.Node) bool {
	d := p.Doc
	if len(manifest.GroupsOfKind(d.Kind)) == 0 || d.Kind == "List" {
		return false // a custom kind, or a misspelled one (kind-spelling's)
	}
	group, version := d.GroupVersion()
	var groups []string    // where to look for the apiVersion that was meant
	var old removedVersion // what the apiVersion meant was, when it is gone
	switch {
	case !manifest.IsBuiltinGroup(group):
		if manifest.IsCustomResource(d.APIVersion, d.Kind) {
			return false
		}
		if g, ok := manifest.MisspeltGroup(group); ok && manifest.IsBuiltinKind(g, d.Kind) {
			groups = append(groups, g)
			old = removedVersions[[2]string{g + "/" + version, d.Kind}]
		}
	case group == "" && version != "v1":
		// The core group has v1 alone: "v1beta1" lacks its group.
	case manifest.IsBuiltinKind(group, d.Kind):
		if _, removed := removedVersions[[2]string{d.APIVersion, d.Kind}]; removed || schema.Serves(d.APIVersion, d.Kind).Known() {
			return false // a version that exists or existed: judged by runAPIVersion
		}
		groups = append(groups, group) // a version the group never had
	default:
		return false // a kind in another built-in group: judged by runAPIVersion
	}
	meant := ""
	for _, g := range append(groups, manifest.GroupsOfKind(d.Kind)...) {
		if av := manifest.PreferredAPIVersion(g, d.Kind); schema.Serves(av, d.Kind).Served {
			meant = av
			break
		}
	}
	_, avNode := yamlutil.MappingPair(obj, "apiVersion")
	avNode = yamlutil.ResolveAlias(avNode)
	diag := lint.Diagnostic{Span: p.File.ScalarSpan(avNode), Field: "apiVersion"}
	if meant == "" {
		diag.Message = fmt.Sprintf("apiVersion %q is not served: Kubernetes has no %s there", d.APIVersion, d.Kind)
	} else {
		diag.Message = fmt.Sprintf("apiVersion %q is not served: did you mean %q?", d.APIVersion, meant)
		fix := lint.Fix{Message: "Change the apiVersion to " + meant, Edits: []manifest.Edit{yamledit.ReplaceScalar(p.File, avNode, meant)}}
		if old.fix && old.use == meant {
			// A misspelt removed version ("extension/v1beta1"): its fix
			// also writes the selector the old version defaulted.
			fix = apiVersionFix(p, obj, avNode, old)
		}
		diag.Fixes = []lint.Fix{fix}
	}
	p.Report(diag)
	return true
}
