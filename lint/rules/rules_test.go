package rules_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/crdcheck"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/linttest"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

func TestAllValid(t *testing.T) {
	if err := lint.CheckRules(rules.All()); err != nil {
		t.Fatal(err)
	}
}

// companions are the rules a rule's test data needs beside it: an ignore
// directive is only tested against findings of other rules.
var companions = map[string][]*lint.Rule{
	rules.IgnoreDirective.Name: {rules.KindSpelling, rules.DuplicateKey},
}

// settings are the settings a rule's test data is linted with: the
// release-dependent rules need an older target.
var settings = map[string]lint.Settings{
	rules.DeprecatedAPI.Name: {KubernetesVersion: "1.30", UpgradeTo: "1.32"},
}

// crdChecker returns a checker of the custom resources of dir: with the
// CustomResourceDefinitions of its files (which are linted under the same
// names) and of its crds folder.
func crdChecker(t *testing.T, dir string) *crdcheck.Checker {
	t.Helper()
	c := crdcheck.New()
	names, _ := filepath.Glob(filepath.Join(dir, "*.y*ml"))
	var files []*manifest.File
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, manifest.NewFile(name, src))
	}
	c.AddFiles(files)
	if err := c.AddPath(filepath.Join(dir, "crds")); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestRules checks every rule of rules.All: it must have a folder of test
// data, testdata/<name>, whose files carry "# want" expectations that the
// rule meets (see linttest), and its Bad example must trigger it while its
// Good example does not. Adding a rule without them fails here.
func TestRules(t *testing.T) {
	for _, r := range rules.All() {
		t.Run(r.Name, func(t *testing.T) {
			rule, dir := broken(r, filepath.Join("testdata", r.Name))
			checkRule(t, rule, dir)
		})
	}
}

// checkRule is TestRules for one rule whose test data is in dir.
func checkRule(t *testing.T, r *lint.Rule, dir string) {
	t.Helper()
	opts := lint.Options{Rules: append([]*lint.Rule{r}, companions[r.Name]...), Settings: settings[r.Name]}
	if r.Name == rules.CustomResource.Name {
		opts.Settings.CustomResources = crdChecker(t, dir)
	}
	if !hasExpectations(t, dir) {
		t.Fatalf("rule %s has no test data: write YAML files with # want expectations in %s", r.Name, dir)
	}
	linttest.RunOptions(t, dir, opts)
	checkExamples(t, r, opts)
}

// hasExpectations reports whether a YAML file of dir has a # want comment.
func hasExpectations(t *testing.T, dir string) bool {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "*.y*ml"))
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if regexp.MustCompile(`#\s*want\s+["` + "`" + `]`).Match(src) {
			return true
		}
	}
	return false
}

// checkExamples lints the rule's Bad and Good examples, each completed
// into a whole object (see exampleObject): Bad must trigger the rule, Good
// must not. A rule without examples (syntax, whose examples would not be
// YAML) has none to check.
func checkExamples(t *testing.T, r *lint.Rule, opts lint.Options) {
	t.Helper()
	if r.Bad == "" && r.Good == "" {
		return
	}
	if r.Bad == "" || r.Good == "" {
		t.Fatalf("rule %s has only one of Bad and Good", r.Name)
	}
	for _, ex := range []struct {
		name, src string
		bad       bool
	}{{"Bad", r.Bad, true}, {"Good", r.Good, false}} {
		src, err := exampleObject(r, ex.src)
		if err != nil {
			t.Errorf("rule %s: %s example: %v", r.Name, ex.name, err)
			continue
		}
		diags, _, err := lint.CheckFile(manifest.NewFile(ex.name+".yaml", src), opts)
		if err != nil {
			t.Fatal(err)
		}
		var found []string
		for _, d := range diags {
			if d.Rule == r.Name {
				found = append(found, d.Message)
			}
		}
		switch {
		case ex.bad && len(found) == 0:
			t.Errorf("rule %s: its Bad example does not trigger it; linted as:\n%s", r.Name, src)
		case !ex.bad && len(found) > 0:
			t.Errorf("rule %s: its Good example triggers it (%s); linted as:\n%s", r.Name, strings.Join(found, "; "), src)
		}
	}
}

// baseObject is the smallest valid object of each kind that a rule's
// example completes: an example that starts below the object (spec:,
// containers:) is merged into it.
const baseObject = `apiVersion: apps/v1
kind: %s
metadata:
  name: example
spec:
  selector:
    matchLabels:
      app: example
  template:
    metadata:
      labels:
        app: example
    spec:
      containers:
      - name: example
        image: example:v1.0
`

// exampleObject returns a rule's example as a whole object. An example
// that names its apiVersion is one already; otherwise it is merged into
// baseObject of the first kind the rule reads (DaemonSet when it reads
// every kind): at the object when it starts with an object's field, at the
// pod spec when it starts with containers or volumes. A value written "…"
// stands for what the base object has there.
func exampleObject(r *lint.Rule, example string) ([]byte, error) {
	var frag yaml.Node
	if err := yaml.Unmarshal([]byte(example), &frag); err != nil {
		return nil, err
	}
	if len(frag.Content) == 0 || frag.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("the example is not a mapping")
	}
	top := frag.Content[0]
	if first := top.Content[0].Value; first == "apiVersion" {
		return []byte(example), nil
	}
	kind := "DaemonSet"
	if len(r.Kinds) > 0 && !strings.Contains(strings.Join(r.Kinds, ","), "DaemonSet") {
		kind = r.Kinds[0]
	}
	var base yaml.Node
	if err := yaml.Unmarshal(fmt.Appendf(nil, baseObject, kind), &base); err != nil {
		return nil, err
	}
	into := base.Content[0]
	switch top.Content[0].Value {
	case "containers", "volumes", "initContainers":
		for _, key := range []string{"spec", "template", "spec"} {
			into = value(into, key)
		}
	}
	merge(into, top)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&base); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// value returns the value of key in mapping m, or nil.
func value(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// merge writes the entries of mapping frag into mapping m: a mapping into
// a mapping recursively, anything else in place of m's value; an entry
// frag repeats is kept repeated, and a "…" value keeps m's.
func merge(m, frag *yaml.Node) {
	replaced := map[string]bool{}
	for i := 0; i+1 < len(frag.Content); i += 2 {
		k, v := frag.Content[i], frag.Content[i+1]
		if v.Kind == yaml.ScalarNode && v.Value == "…" {
			continue
		}
		old := value(m, k.Value)
		switch {
		case old != nil && !replaced[k.Value] && old.Kind == yaml.MappingNode && v.Kind == yaml.MappingNode:
			merge(old, v)
		case old != nil && !replaced[k.Value]:
			*old = *v
		default:
			m.Content = append(m.Content, k, v)
		}
		replaced[k.Value] = true
	}
}

// breakEnv, when set to "silent:RULE" or "nodata:RULE", makes TestRules
// run that rule with a Run that reports nothing, or without its test
// data: TestRulesCanFail runs the test binary so and expects a failure.
const breakEnv = "DAEMONLINT_TESTRULES_BREAK"

// broken returns the rule and test data folder TestRules checks for r,
// broken as breakEnv asks.
func broken(r *lint.Rule, dir string) (*lint.Rule, string) {
	how, name, _ := strings.Cut(os.Getenv(breakEnv), ":")
	if name != r.Name {
		return r, dir
	}
	switch how {
	case "silent":
		silent := *r
		silent.Run = func(*lint.Pass) error { return nil }
		return &silent, dir
	case "nodata":
		return r, filepath.Join("testdata", "no-such-folder")
	}
	return r, dir
}

// TestRulesCanFail checks that TestRules fails for a rule whose Bad example
// (and test data) it no longer triggers, and for a rule without test data.
func TestRulesCanFail(t *testing.T) {
	if os.Getenv(breakEnv) != "" {
		t.Skip("running broken on purpose")
	}
	for _, how := range []string{"silent:host-pid", "nodata:image-tag"} {
		t.Run(how, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestRules$", "-test.count=1")
			cmd.Env = append(os.Environ(), breakEnv+"="+how)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("TestRules passed with %s broken:\n%s", how, out)
			}
			_, name, _ := strings.Cut(how, ":")
			if !bytes.Contains(out, []byte("--- FAIL: TestRules/"+name)) {
				t.Errorf("TestRules did not fail for %s:\n%s", name, out)
			}
		})
	}
}
