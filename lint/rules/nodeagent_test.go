package rules_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/daemonlint/daemonlint/internal/testcorpus"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// nodeAgentRules are the rules about DaemonSets as node agents.
var nodeAgentRules = []*lint.Rule{
	rules.ControlPlaneCoverage,
	rules.Resources,
	rules.PriorityClass,
	rules.UpdateStrategy,
	rules.HostPortSurge,
	rules.HostPath,
	rules.Privileged,
	rules.HostPID,
	rules.HostIPC,
	rules.HostNetworkDNS,
	rules.NodeName,
	rules.PodAntiAffinity,
	rules.ImageTag,
	rules.Probes,
}

// TestNodeAgentRulesListed checks that every node-agent rule is a built-in
// rule with documentation and examples.
func TestNodeAgentRulesListed(t *testing.T) {
	for _, r := range nodeAgentRules {
		if rules.ByName(r.Name) != r {
			t.Errorf("rule %s is not in rules.All()", r.Name)
		}
		if r.Bad == "" || r.Good == "" || r.Since == "" || !strings.Contains(r.Doc, "\n\n") {
			t.Errorf("rule %s lacks a doc paragraph, examples or Since", r.Name)
		}
	}
}

// TestNodeAgentRulesOnCorpus runs the node-agent rules on the DaemonSets of
// real projects in the shared corpus (not the peer linters' fixtures, not
// the unrendered templates) and logs how often each rule fires; run it with
// -v to see the table. It fails when a rule breaks (an internal error, a
// span outside its file) or says something that contradicts what the rules
// promise on real node agents.
func TestNodeAgentRulesOnCorpus(t *testing.T) {
	root := testcorpus.Dir(t)
	type count struct{ warnings, infos, daemonSets int }
	counts := map[string]*count{}
	for _, r := range nodeAgentRules {
		counts[r.Name] = &count{}
	}
	daemonSets := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if strings.HasPrefix(rel, "peer-") || rel == "helm-templates" {
				return filepath.SkipDir
			}
			return nil
		}
		if ext := filepath.Ext(path); ext != ".yaml" && ext != ".yml" && ext != ".json" {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f := manifest.NewFile(rel, src)
		docs, _ := manifest.Parse(f)
		for _, doc := range docs {
			if doc.Kind == "DaemonSet" && doc.DaemonSet() != nil {
				daemonSets++
			}
		}
		diags, _, err := lint.CheckFile(f, lint.Options{Rules: nodeAgentRules})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]map[string]bool{}
		for _, d := range diags {
			if d.Rule == lint.InternalErrorRule {
				t.Errorf("%s: %s", rel, d.Message)
				continue
			}
			if d.Rule == lint.TemplateRule {
				continue // the engine's finding on a template, not a node-agent rule's
			}
			if d.Span.Start < 0 || d.Span.End > len(src) || d.Span.End < d.Span.Start {
				t.Errorf("%s:%d: %s: span [%d, %d) outside the file", rel, d.Start.Line, d.Rule, d.Span.Start, d.Span.End)
			}
			c := counts[d.Rule]
			switch d.Severity {
			case lint.Warning:
				c.warnings++
			case lint.Info:
				c.infos++
			default:
				t.Errorf("%s:%d: %s reported an %s; node-agent rules report warnings and infos", rel, d.Start.Line, d.Rule, d.Severity)
			}
			if seen[d.Rule] == nil {
				seen[d.Rule] = map[string]bool{}
			}
			if key := fmt.Sprintf("%d/%s/%s", d.Document, d.Object.Namespace, d.Object.Name); !seen[d.Rule][key] {
				seen[d.Rule][key] = true
				c.daemonSets++
			}
			if testing.Verbose() && os.Getenv("DAEMONLINT_SHOW") == d.Rule {
				t.Logf("%s:%d: %s: %s", rel, d.Start.Line, d.Severity, d.Message)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "rule\twarnings\tinfos\tDaemonSets\t\n")
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		c := counts[name]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t\n", name, c.warnings, c.infos, c.daemonSets)
	}
	tw.Flush()
	t.Logf("node-agent rules on %d DaemonSets of real projects in %s:\n%s", daemonSets, root, b.String())
}
