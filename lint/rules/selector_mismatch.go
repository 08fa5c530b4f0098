package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/apps"

	"github.com/daemonlint/daemonlint/internal/yamledit"
	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// SelectorMismatch reports an apps/v1 DaemonSet or ReplicaSet whose selector
// is missing, empty, invalid, or does not select its pod template's labels,
// with the API server's verdict and field path.
var SelectorMismatch = &lint.Rule{
	Name: "selector-mismatch",
	Doc: `The selector must select the pod template's labels

A DaemonSet or ReplicaSet finds its pods by spec.selector, and the API server
refuses one whose selector does not match spec.template.metadata.labels:
the controller would create pods it could never see. apps/v1 has no default
selector (extensions/v1beta1 copied it from the template labels), so a
selector-less manifest that once worked is now rejected; an empty selector
({}) is rejected too. matchLabels must all be present with equal values, and
every matchExpressions entry must hold (In, NotIn, Exists, DoesNotExist; NotIn
and DoesNotExist also hold when the label is absent). A selector may select
a subset of the labels.

When the selector is missing, the fix writes one from the template labels,
as the old API versions defaulted it.`,
	Bad: `spec:
  selector:
    matchLabels:
      app: log-collector
  template:
    metadata:
      labels:
        app: collector
`,
	Good: `spec:
  selector:
    matchLabels:
      app: collector
  template:
    metadata:
      labels:
        app: collector
`,
	Since:    "v0.1.0",
	Severity: lint.Error,
	Kinds:    []string{"DaemonSet", "ReplicaSet"},
	Run:      runSelectorMismatch,
}

func runSelectorMismatch(p *lint.Pass) error {
	d := p.Doc
	if d.APIVersion != "apps/v1" {
		return nil
	}
	var (
		errs     field.ErrorList
		selector *metav1.LabelSelector
		tmpl     map[string]string
		workload = d.Kind
	)
	switch d.Kind {
	case "DaemonSet":
		ds := d.DaemonSet()
		if ds == nil {
			return nil // not decodable: reported by the rules that decode
		}
		errs = apps.DaemonSetSelectorErrors(ds)
		selector, tmpl = ds.Spec.Selector, ds.Spec.Template.Labels
	case "ReplicaSet":
		rs := d.ReplicaSet()
		if rs == nil {
			return nil
		}
		errs = apps.ReplicaSetSelectorErrors(rs)
		selector, tmpl = rs.Spec.Selector, rs.Spec.Template.Labels
	default:
		return nil
	}
	for _, e := range errs {
		msg, fixes := selectorMessage(p, e, workload, selector, tmpl)
		p.ReportField(e.Field, msg, fixes...)
	}
	return nil
}

// selectorMessage explains one of the server's selector errors in words a
// person can act on, with a fix where one is certain.
func selectorMessage(p *lint.Pass, e *field.Error, workload string, selector *metav1.LabelSelector, tmpl map[string]string) (string, []lint.Fix) {
	labelText := labels.Set(tmpl).String()
	switch {
	case e.Field == "spec.template.metadata.labels" && selector == nil:
		if workload == "ReplicaSet" {
			// The Required error at spec.selector carries the fix.
			return fmt.Sprintf("spec.template.metadata.labels are not selected, because spec.selector is missing (%s)", e.ErrorBody()), nil
		}
		if len(tmpl) == 0 {
			return "spec.selector and spec.template.metadata.labels are both missing: apps/v1 requires a selector that matches the pod template's labels; add labels to the template and a selector for them", nil
		}
		return fmt.Sprintf("spec.selector is missing, so spec.template.metadata.labels (%s) are not selected: apps/v1 has no default selector; add one that matches the template labels", labelText),
			selectorFix(p, tmpl)
	case e.Field == "spec.selector" && e.Type == field.ErrorTypeRequired:
		if len(tmpl) == 0 {
			return "spec.selector is missing (Required value): apps/v1 requires a selector that matches the pod template's labels", nil
		}
		return fmt.Sprintf("spec.selector is missing (Required value): apps/v1 requires a selector that matches the pod template's labels (%s)", labelText),
			selectorFix(p, tmpl)
	case e.Field == "spec.template.metadata.labels":
		sel, _ := metav1.LabelSelectorAsSelector(selector)
		if len(tmpl) == 0 {
			return fmt.Sprintf("spec.template.metadata.labels are missing, so no pod matches spec.selector %q; add the labels the selector selects", sel.String()), nil
		}
		return fmt.Sprintf("spec.template.metadata.labels do not match spec.selector: %q is not selected by %q", labelText, sel.String()), nil
	case e.Field == "spec.selector" && strings.HasPrefix(e.Detail, "empty selector"):
		hint := "select the pod template's labels"
		if len(tmpl) > 0 {
			hint = fmt.Sprintf("select the pod template's labels (%s)", labelText)
		}
		return fmt.Sprintf("%s: an empty selector would select every pod in the namespace; %s", e.Error(), hint), nil
	case strings.HasSuffix(e.Field, ".operator"):
		return e.Error() + " (use In, NotIn, Exists or DoesNotExist)", nil
	}
	return e.Error(), nil
}

// selectorFix returns a fix that writes spec.selector.matchLabels from the
// template labels, just before spec.template, in the document's own style.
func selectorFix(p *lint.Pass, tmpl map[string]string) []lint.Fix {
	if len(tmpl) == 0 {
		return nil
	}
	spec := yamlutil.ResolveAlias(p.Doc.Field("spec"))
	if spec == nil || spec.Kind != yaml.MappingNode {
		return nil
	}
	before, _ := yamlutil.MappingPair(spec, "template")
	edit := yamledit.InsertEntry(p.File, spec, before, yamlutil.SelectorEntry(tmpl))
	return []lint.Fix{{Message: "Add spec.selector matching the template labels", Edits: []manifest.Edit{edit}}}
}
