package rules

import (
	"go.yaml.in/yaml/v3"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/internal/yamledit"
	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// HostPortSurge reports a rolling update with maxSurge in a DaemonSet whose pods bind a host port.
var HostPortSurge = &lint.Rule{
	Name: "host-port-surge",
	Doc: `A rolling update with maxSurge hangs when the pods bind a host port

With spec.updateStrategy.rollingUpdate.maxSurge above 0 (a number, or a
percentage, which the controller rounds up), a rollout starts the new pod on
a node before it stops the old one, and stops the old one only when the new
one is ready. A pod that binds a host port (a container's hostPort, or any
containerPort with hostNetwork: true, which the API server turns into a
host port) cannot be scheduled beside the old pod that holds that port: the
new pod stays Pending, the old one keeps running, and the rollout hangs at
the first node. The API server accepts maxSurge only with maxUnavailable: 0,
so such a DaemonSet never updates.

Use maxUnavailable instead: the old pod stops, then the new one starts. The
fix replaces maxSurge with maxUnavailable: 1 when maxUnavailable is not
written, removes maxSurge and sets maxUnavailable to 1 when it is 0, and
removes maxSurge when maxUnavailable is already above 0. It is offered only
where the entries are written directly in the DaemonSet (not through an
anchor, alias or merge key); on a large fleet, a percentage such as "10%"
then shortens the rollout.`,
	Bad: `spec:
  updateStrategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    spec:
      containers:
      - name: node-exporter
        ports:
        - containerPort: 9100
          hostPort: 9100
`,
	Good: `spec:
  updateStrategy:
    rollingUpdate:
      maxUnavailable: 1
  template:
    spec:
      containers:
      - name: node-exporter
        ports:
        - containerPort: 9100
          hostPort: 9100
`,
	Since:    "v0.1.0",
	Severity: lint.Warning,
	Kinds:    []string{"DaemonSet"},
	Run:      runHostPortSurge,
}

func runHostPortSurge(p *lint.Pass) error {
	if p.Doc.APIVersion != "apps/v1" {
		return nil
	}
	ds := p.Doc.DaemonSet()
	if ds == nil {
		return nil
	}
	for _, f := range daemonset.CheckHostPortSurge(ds) {
		// At the maxSurge value, where the fix is.
		loc := p.Doc.Lookup(f.Field)
		span := loc.Span
		if loc.Exact {
			span = p.File.NodeSpan(loc.Node)
		}
		d := lint.Diagnostic{Span: span, Field: f.Field, Message: f.Message, Severity: lint.Warning}
		if f.Severity == daemonset.Info {
			d.Severity = lint.Info
		}
		if fix, ok := hostPortSurgeFix(p, ds.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable); ok {
			d.Fixes = []lint.Fix{fix}
		}
		p.Report(d)
	}
	return nil
}

// hostPortSurgeFix returns the fix that trades maxSurge for maxUnavailable
// (see the rule's documentation), given the value of maxUnavailable; false
// when the entries are not written plainly in the document, so that an
// edit could miss or change something else.
func hostPortSurgeFix(p *lint.Pass, maxUnavailable *intstr.IntOrString) (lint.Fix, bool) {
	m := p.Doc.Node
	for _, name := range []string{"spec", "updateStrategy", "rollingUpdate"} {
		_, v, ok := plainEntry(m, name)
		if !ok || v.Kind != yaml.MappingNode || v.Anchor != "" {
			return lint.Fix{}, false
		}
		m = v
	}
	surgeKey, surge, ok := plainEntry(m, "maxSurge")
	if !ok || surge.Kind != yaml.ScalarNode || surge.Anchor != "" {
		return lint.Fix{}, false
	}
	if len(yamlutil.MappingKeys(m, "maxUnavailable")) == 0 {
		key, ok := keyText(surgeKey, "maxUnavailable")
		if !ok {
			return lint.Fix{}, false
		}
		ks, vs := p.File.ScalarSpan(surgeKey), p.File.ScalarSpan(surge)
		return lint.Fix{
			Message: "Replace maxSurge with maxUnavailable: 1",
			Edits:   []manifest.Edit{{Start: ks.Start, End: ks.End, NewText: key}, {Start: vs.Start, End: vs.End, NewText: "1"}},
		}, true
	}
	_, unavailable, ok := plainEntry(m, "maxUnavailable")
	if !ok || unavailable.Kind != yaml.ScalarNode || unavailable.Anchor != "" || maxUnavailable == nil {
		return lint.Fix{}, false
	}
	remove := yamledit.RemoveEntry(p.File, m, surgeKey)
	if !isZeroIntOrPercent(maxUnavailable) {
		return lint.Fix{Message: "Remove maxSurge", Edits: []manifest.Edit{remove}}, true
	}
	vs := p.File.ScalarSpan(unavailable)
	return lint.Fix{
		Message: "Remove maxSurge and set maxUnavailable to 1",
		Edits:   []manifest.Edit{remove, {Start: vs.Start, End: vs.End, NewText: "1"}},
	}, true
}

// plainEntry returns the key and value of the one entry called name in
// mapping m, when m is a mapping written in place (not an alias), without
// merge keys, and the entry is written once with a plain or quoted key and
// a value that is not an alias: an entry whose text an edit can change
// knowing that nothing else reads it.
func plainEntry(m *yaml.Node, name string) (k, v *yaml.Node, ok bool) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil, false
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		kn := m.Content[i]
		if yamlutil.IsMergeKey(kn) {
			return nil, nil, false
		}
		if kn.Kind != yaml.ScalarNode || kn.Value != name {
			continue
		}
		if k != nil {
			return nil, nil, false // repeated: the duplicate-key rule's
		}
		k, v = kn, m.Content[i+1]
	}
	if k == nil || v.Kind == yaml.AliasNode || k.Anchor != "" || k.Tag != "" && k.Tag != "!!str" {
		return nil, nil, false
	}
	return k, v, true
}

// keyText writes name as a key in the style of key k: plain, or in the
// same quotes.
func keyText(k *yaml.Node, name string) (string, bool) {
	switch {
	case k.Style&yaml.DoubleQuotedStyle != 0:
		return `"` + name + `"`, true
	case k.Style&yaml.SingleQuotedStyle != 0:
		return "'" + name + "'", true
	case k.Style&(yaml.LiteralStyle|yaml.FoldedStyle|yaml.TaggedStyle) != 0:
		return "", false
	}
	return name, true
}

// isZeroIntOrPercent reports whether v is 0 or "0%".
func isZeroIntOrPercent(v *intstr.IntOrString) bool {
	return v.Type == intstr.Int && v.IntVal == 0 || v.Type == intstr.String && v.StrVal == "0%"
}
