package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestFormatsFromCLI runs daemonlint from the repository's root on the
// tutorial's ReplicaSet and on a file with one warning and two errors, and
// checks that the machine-readable outputs are valid: SARIF against the
// official SARIF 2.1.0 schema, JUnit and JSON with their decoders.
func TestFormatsFromCLI(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	schema := compileSARIFSchema(t, filepath.Join(root, "lint", "report", "testdata", "sarif-schema-2.1.0.json"))
	inputs := []string{"examples/replicaset.yaml", "lint/report/testdata/multi.yaml"}
	for _, format := range []string{"sarif", "junit", "json"} {
		t.Run(format, func(t *testing.T) {
			cmd := exec.Command(exe, append([]string{"lint", "--format", format}, inputs...)...)
			cmd.Dir = root
			cmd.Env = append(os.Environ(), runMainEnv+"=1")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitFindings {
				t.Fatalf("daemonlint lint --format %s: %v, want exit code 1\n%s", format, err, stderr.Bytes())
			}
			out := stdout.Bytes()
			switch format {
			case "sarif":
				inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
				if err != nil {
					t.Fatal(err)
				}
				if err := schema.Validate(inst); err != nil {
					t.Errorf("not valid SARIF 2.1.0: %v", err)
				}
			case "junit":
				var suites struct {
					Tests    int `xml:"tests,attr"`
					Failures int `xml:"failures,attr"`
				}
				if err := xml.Unmarshal(out, &suites); err != nil {
					t.Fatalf("the JUnit output does not parse: %v", err)
				}
				if suites.Tests != 3 || suites.Failures != 3 {
					t.Errorf("JUnit: %d tests, %d failures, want 3 and 3", suites.Tests, suites.Failures)
				}
			case "json":
				var v struct{ Diagnostics []json.RawMessage }
				if err := json.Unmarshal(out, &v); err != nil {
					t.Fatalf("the JSON output does not parse: %v", err)
				}
				if len(v.Diagnostics) != 4 {
					t.Errorf("%d diagnostics, want 4", len(v.Diagnostics))
				}
			}
		})
	}
}

func compileSARIFSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(path)
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
