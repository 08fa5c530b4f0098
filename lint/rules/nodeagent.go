package rules

import (
	appsv1 "k8s.io/api/apps/v1"

	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/lint"
)

// reportFindings runs a daemonset best-practice check on the pass's apps/v1
// DaemonSet and reports its findings, placed on their field (or anchor, or
// nearest written parent), with the finding's severity. Documents
// that cannot be decoded are left to the rules that decode.
func reportFindings(p *lint.Pass, check func(*appsv1.DaemonSet) []daemonset.Finding) error {
	if p.Doc.APIVersion != "apps/v1" {
		return nil
	}
	ds := p.Doc.DaemonSet()
	if ds == nil {
		return nil
	}
	for _, f := range check(ds) {
		loc := p.Doc.Lookup(f.Field)
		if !loc.Exact && f.Anchor != "" {
			if anchor := p.Doc.Lookup(f.Anchor); anchor.Exact {
				loc = anchor
			}
		}
		d := lint.Diagnostic{Span: loc.Span, Field: f.Field, Message: f.Message}
		switch f.Severity {
		case daemonset.Warning:
			d.Severity = lint.Warning
		case daemonset.Info:
			d.Severity = lint.Info
		}
		p.Report(d)
	}
	return nil
}
