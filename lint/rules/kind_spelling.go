package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/yamledit"
	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// KindSpelling reports a kind that Kubernetes does not define in the
// object's API group, with the kind that was most likely meant.
var KindSpelling = &lint.Rule{
	Name: "kind-spelling",
	Doc: `The kind must be a kind of its API group, spelled exactly

kubectl looks kinds up case-sensitively, so "Daemonset", "daemonset",
"DaemonSets" and "DeamonSet" all fail with "no matches for kind". When a kind
is not defined in a built-in API group but is one letter case, a plural or a
small typo away from a kind that is, the rule names that kind and offers the
fix. Kinds of API groups that Kubernetes does not define (custom resources,
such as DaemonSetProfile in profiles.example.com) are never flagged.

A missing apiVersion or kind is the missing-type rule's.`,
	Bad: `apiVersion: apps/v1
kind: Daemonset
`,
	Good: `apiVersion: apps/v1
kind: DaemonSet
`,
	Since:    "v0.1.0",
	Severity: lint.Error,
	Run:      runKindSpelling,
}

func runKindSpelling(p *lint.Pass) error {
	d := p.Doc
	n := yamlutil.ResolveAlias(d.Node)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil // the syntax rule reports documents that are not objects
	}
	avNode := yamlutil.MappingValue(n, "apiVersion")
	kindNode := yamlutil.MappingValue(n, "kind")
	if headerProblem(kindNode, "kind") != "" {
		return nil // the missing-type rule reports it
	}
	kind := d.Kind
	group, _ := d.GroupVersion()
	if avNode != nil && d.APIVersion != "" && !manifest.IsBuiltinGroup(group) {
		return nil // a custom resource: its kinds are its own
	}
	if d.APIVersion != "" && manifest.IsBuiltinKind(group, kind) {
		return nil
	}
	if d.APIVersion == "" && len(manifest.GroupsOfKind(kind)) > 0 {
		return nil // spelled right; the missing apiVersion is reported above
	}
	if len(manifest.GroupsOfKind(kind)) > 0 {
		return nil // a real kind in another group: a wrong apiVersion, not a misspelling
	}
	kindSpan := p.File.ScalarSpan(kindNode)
	suggestion, sgroup := manifest.ClosestKind(kind, group, d.APIVersion != "")
	if suggestion == "" {
		msg := fmt.Sprintf("kind %q is not a Kubernetes kind", kind)
		if d.APIVersion != "" {
			msg = fmt.Sprintf("kind %q is not a kind of %s, which defines %s", kind, d.APIVersion, strings.Join(manifest.KindsOf(group), ", "))
		}
		p.Report(lint.Diagnostic{Span: kindSpan, Field: "kind", Message: msg})
		return nil
	}
	fix := lint.Fix{Message: fmt.Sprintf("Change the kind to %s", suggestion), Edits: []manifest.Edit{yamledit.ReplaceScalar(p.File, kindNode, suggestion)}}
	msg := fmt.Sprintf("kind %q is not a Kubernetes kind; did you mean %q?", kind, suggestion)
	if d.APIVersion == "" || sgroup != group {
		av := manifest.PreferredAPIVersion(sgroup, suggestion)
		msg = fmt.Sprintf("kind %q is not a Kubernetes kind; did you mean %q (apiVersion %s)?", kind, suggestion, av)
		if avNode != nil && d.APIVersion != "" {
			fix.Message = fmt.Sprintf("Change the kind to %s and the apiVersion to %s", suggestion, av)
			fix.Edits = append(fix.Edits, yamledit.ReplaceScalar(p.File, avNode, av))
		} else {
			fix = lint.Fix{}
		}
	}
	var fixes []lint.Fix
	if fix.Message != "" {
		fixes = []lint.Fix{fix}
	}
	p.Report(lint.Diagnostic{Span: kindSpan, Field: "kind", Message: msg, Fixes: fixes})
	return nil
}
