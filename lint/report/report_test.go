package report_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/report"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// lintFiles lints files of testdata, named by their base name but called
// by the given name (which may hold directories), plus extra in-memory
// files, with every built-in rule.
func lintFiles(t *testing.T, names []string, extra ...*manifest.File) *lint.Result {
	t.Helper()
	var files []*manifest.File
	for _, name := range names {
		src, err := os.ReadFile(filepath.Join("testdata", filepath.Base(name)))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, manifest.NewFile(name, src))
	}
	files = append(files, extra...)
	res, err := lint.Run(files, lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func write(t *testing.T, format string, opts report.Options, res *lint.Result) []byte {
	t.Helper()
	rep, err := report.New(format, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.Report(&buf, res); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sarifSchema compiles the official SARIF 2.1.0 schema, kept in testdata,
// with format assertions on.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSARIFValidates(t *testing.T) {
	schema := sarifSchema(t)
	stdin := manifest.NewFile("-", []byte("apiVersion: v1\nkind: Podd\nmetadata:\n  name: p\n"))
	outside := manifest.NewFile("/elsewhere/odd name,ü.yaml", []byte("a: [b\n"))
	res := lintFiles(t, []string{"replicaset.yaml", "deploy/multi.yaml"}, stdin, outside)
	// A finding of a rule that is not described, as an internal error is.
	res.Diagnostics = append(res.Diagnostics, lint.Diagnostic{
		File: "replicaset.yaml", Rule: lint.InternalErrorRule, Severity: lint.Error,
		Message: "internal error: rule x panicked", Start: manifest.Position{Line: 1, Column: 1}, End: manifest.Position{Line: 1, Column: 1},
	})
	for _, tc := range []struct {
		name string
		opts report.Options
	}{
		{"with base directory", report.Options{BaseDir: "/work/repo", Version: "v0.1.0"}},
		{"without base directory", report.Options{}},
		{"info severity", report.Options{BaseDir: "/work/repo", Rules: []*lint.Rule{rules.KindSpelling}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := write(t, "sarif", tc.opts, res)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Fatalf("SARIF output is not valid SARIF 2.1.0: %v\n%s", err, out)
			}
		})
	}
}

// TestSARIFSchemaRejects makes sure the validation can fail.
func TestSARIFSchemaRejects(t *testing.T) {
	schema := sarifSchema(t)
	for _, bad := range []string{
		`{"version": "2.1.0"}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "r", "helpUri": "not a uri"}]}}}]}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err == nil {
			t.Errorf("the schema accepted %s", bad)
		}
	}
}

func TestSARIFContent(t *testing.T) {
	res := lintFiles(t, []string{"examples/replicaset.yaml", "../outside/multi.yaml"})
	out := write(t, "sarif", report.Options{BaseDir: "/work/repo", Version: "v1.2.3"}, res)
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Version string
					Rules   []struct {
						ID                   string
						HelpURI              string
						Help                 struct{ Text, Markdown string }
						DefaultConfiguration struct{ Level string }
					}
				}
			}
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string
							URIBaseID string `json:"uriBaseId"`
						}
						Region struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
				Fixes []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion   struct{ StartLine, StartColumn, EndLine, EndColumn int }
							InsertedContent struct{ Text string }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if got, want := run.Tool.Driver.Version, "1.2.3"; got != want {
		t.Errorf("driver version = %q, want %q", got, want)
	}
	if got, want := run.OriginalURIBaseIDs["%SRCROOT%"].URI, "file:///work/repo/"; got != want {
		t.Errorf("%%SRCROOT%% = %q, want %q", got, want)
	}
	described := run.Tool.Driver.Rules
	if got, want := len(described), len(rules.All()); got != want {
		t.Fatalf("%d rules described, want %d", got, want)
	}
	for _, r := range described {
		if r.HelpURI != lint.HomeURL+"#"+r.ID || !strings.Contains(r.Help.Markdown, "```yaml") && rules.ByName(r.ID).Bad != "" {
			t.Errorf("rule %s: helpUri %q, help %q", r.ID, r.HelpURI, r.Help.Markdown)
		}
	}
	first := run.Results[0]
	loc := first.Locations[0].PhysicalLocation
	if first.RuleID != "kind-spelling" || described[first.RuleIndex].ID != "kind-spelling" || first.Level != "error" {
		t.Errorf("first result: rule %q (index %d), level %q, want kind-spelling, error", first.RuleID, first.RuleIndex, first.Level)
	}
	if got, want := loc.ArtifactLocation.URI+" "+loc.ArtifactLocation.URIBaseID, "examples/replicaset.yaml %SRCROOT%"; got != want {
		t.Errorf("artifact = %q, want %q", got, want)
	}
	if got, want := loc.Region, (struct{ StartLine, StartColumn, EndLine, EndColumn int }{2, 7, 2, 17}); got != want {
		t.Errorf("region = %+v, want %+v", got, want)
	}
	rep := first.Fixes[0].ArtifactChanges[0].Replacements[0]
	if got, want := rep.DeletedRegion, (struct{ StartLine, StartColumn, EndLine, EndColumn int }{2, 7, 2, 17}); got != want || rep.InsertedContent.Text != "ReplicaSet" {
		t.Errorf("replacement = %+v, want %+v with ReplicaSet", rep, want)
	}
	last := run.Results[len(run.Results)-1].Locations[0].PhysicalLocation.ArtifactLocation
	if got, want := last.URI+" "+last.URIBaseID, "file:///work/outside/multi.yaml "; got != want {
		t.Errorf("artifact outside the base directory = %q, want %q", got, want)
	}
}

func TestGitHub(t *testing.T) {
	multi, err := os.ReadFile("testdata/multi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res := lintFiles(t, []string{"replicaset.yaml"}, manifest.NewFile("a,b:c%.yaml", multi))
	res.Diagnostics = append(res.Diagnostics, lint.Diagnostic{
		File: "-", Rule: "x", Severity: lint.Info, Message: "100% sure\r\nsecond line",
		Start: manifest.Position{Line: 3, Column: 1}, End: manifest.Position{Line: 3, Column: 2},
	})
	got := string(write(t, "github", report.Options{FixHint: "run daemonlint lint --fix"}, res))
	want := `::error file=replicaset.yaml,line=2,col=7,endLine=2,endColumn=17,title=kind-spelling::kind "Replicaset" is not a Kubernetes kind; did you mean "ReplicaSet"?%0AFix available: Change the kind to ReplicaSet (run daemonlint lint --fix)
::warning file=a%2Cb%3Ac%25.yaml,line=7,col=3,endLine=7,endColumn=7,title=duplicate-key::key "name" is repeated (first on line 5): kubectl keeps only the last value and silently drops the earlier one; remove one of them
::error file=a%2Cb%3Ac%25.yaml,line=9,col=3,endLine=9,endColumn=14,title=daemonset-replicas::unknown field "spec.replicas": replicas is a field of ReplicaSet and Deployment specs, not of a DaemonSet's; a DaemonSet runs one pod on each eligible node, so it has no replica count%0AFix available: Remove spec.replicas (run daemonlint lint --fix)
::error file=a%2Cb%3Ac%25.yaml,line=29,col=7,endLine=29,endColumn=16,title=kind-spelling::kind "Configmap" is not a Kubernetes kind; did you mean "ConfigMap"?%0AFix available: Change the kind to ConfigMap (run daemonlint lint --fix)
::notice line=3,col=1,endLine=3,endColumn=2,title=x::100%25 sure%0D%0Asecond line
2 files, 3 documents: 3 errors, 1 warning, 1 info
`
	if got != want {
		t.Errorf("github output:\n%s\nwant:\n%s", got, want)
	}
}

func TestJUnit(t *testing.T) {
	res := lintFiles(t, []string{"replicaset.yaml", "multi.yaml"},
		manifest.NewFile("broken.yaml", []byte("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\na: [b\n---\nkind: Pod\n")),
		manifest.NewFile("empty.yaml", []byte("# nothing\n")),
		manifest.NewFile("bad\x01name.yaml", []byte("apiVersion: v1\nkind: \"]]>\"\n")))
	for _, tc := range []struct {
		name   string
		failOn lint.Severity
		// want per suite: name, tests, failures, and per case: name and
		// the number of failure lines and output lines.
		want string
	}{
		{"fail on error", 0, `replicaset.yaml tests=1 failures=1
  document 0: Replicaset monitoring-daemon failure=1 out=0
multi.yaml tests=2 failures=2
  document 0: DaemonSet kube-system/log-collector failure=1 out=1
  document 1: Configmap kube-system/collector-config failure=1 out=0
broken.yaml tests=3 failures=2
  document 0: ConfigMap a failure=0 out=0
  document 1 failure=1 out=0
  document 2: Pod failure=1 out=0
empty.yaml tests=0 failures=0
bad�name.yaml tests=1 failures=1
  document 0: ]]> failure=1 out=0
`},
		{"fail on warning", lint.Warning, `replicaset.yaml tests=1 failures=1
  document 0: Replicaset monitoring-daemon failure=1 out=0
multi.yaml tests=2 failures=2
  document 0: DaemonSet kube-system/log-collector failure=2 out=0
  document 1: Configmap kube-system/collector-config failure=1 out=0
broken.yaml tests=3 failures=2
  document 0: ConfigMap a failure=0 out=0
  document 1 failure=1 out=0
  document 2: Pod failure=1 out=0
empty.yaml tests=0 failures=0
bad�name.yaml tests=1 failures=1
  document 0: ]]> failure=1 out=0
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := write(t, "junit", report.Options{FailOn: tc.failOn}, res)
			if !bytes.HasPrefix(out, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
				t.Errorf("no XML declaration: %.60s", out)
			}
			var doc struct {
				XMLName  xml.Name `xml:"testsuites"`
				Tests    int      `xml:"tests,attr"`
				Failures int      `xml:"failures,attr"`
				Suites   []struct {
					Name     string `xml:"name,attr"`
					Tests    int    `xml:"tests,attr"`
					Failures int    `xml:"failures,attr"`
					Cases    []struct {
						Name      string `xml:"name,attr"`
						Classname string `xml:"classname,attr"`
						Failure   *struct {
							Message string `xml:"message,attr"`
							Type    string `xml:"type,attr"`
							Text    string `xml:",chardata"`
						} `xml:"failure"`
						SystemOut string `xml:"system-out"`
					} `xml:"testcase"`
				} `xml:"testsuite"`
			}
			if err := xml.Unmarshal(out, &doc); err != nil {
				t.Fatalf("the JUnit output does not parse: %v\n%s", err, out)
			}
			var b strings.Builder
			tests, failures := 0, 0
			for _, s := range doc.Suites {
				fmt.Fprintf(&b, "%s tests=%d failures=%d\n", s.Name, s.Tests, s.Failures)
				tests += s.Tests
				failures += s.Failures
				for _, c := range s.Cases {
					n := 0
					if c.Failure != nil {
						n = strings.Count(c.Failure.Text, "\n")
						if !strings.HasPrefix(c.Failure.Text, c.Classname+":") || c.Failure.Message == "" {
							t.Errorf("%s: failure %+v does not start with the file name", c.Name, c.Failure)
						}
					}
					fmt.Fprintf(&b, "  %s failure=%d out=%d\n", c.Name, n, strings.Count(c.SystemOut, "\n"))
				}
			}
			if got := b.String(); got != tc.want {
				t.Errorf("JUnit suites:\n%s\nwant:\n%s", got, tc.want)
			}
			if doc.Tests != tests || doc.Failures != failures {
				t.Errorf("testsuites counts tests=%d failures=%d, want the sums %d and %d", doc.Tests, doc.Failures, tests, failures)
			}
		})
	}
}

func TestTextColor(t *testing.T) {
	res := lintFiles(t, []string{"replicaset.yaml"})
	for _, tc := range []struct {
		name  string
		color bool
	}{
		{"plain", false},
		{"colour", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := string(write(t, "text", report.Options{Color: tc.color}, res))
			if got := strings.Contains(out, "\x1b["); got != tc.color {
				t.Errorf("ANSI escapes present = %v, want %v:\n%q", got, tc.color, out)
			}
			if !strings.Contains(out, "replicaset.yaml:2:7") || !strings.Contains(out, "Fix available") {
				t.Errorf("text output lacks the position or the fix hint:\n%s", out)
			}
		})
	}
}

func TestNewUnknownFormat(t *testing.T) {
	if _, err := report.New("xml", report.Options{}); err == nil || !strings.Contains(err.Error(), "text, json, sarif, github, junit") {
		t.Errorf("New(xml) error = %v, want one that lists the formats", err)
	}
}
