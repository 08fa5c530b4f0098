package rules_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// TestDecodeMutationsAgainstTheServer lints objects of many built-in kinds
// (valid ones, and the same with an unknown field or a value of the wrong
// type) and compares the strict-decoding rules with the API server's
// verdicts, recorded in testdata/decode-oracle/mutations.oracle.jsonl by
// /tmp/oracle (kube-apiserver v1.37.2, `/tmp/oracle mutations.yaml`): no
// error on an object the server accepts, and for one it refuses while
// decoding (400), every unknown field it lists reported on that field, and
// its type error quoted in a field-type finding.
func TestDecodeMutationsAgainstTheServer(t *testing.T) {
	src, err := os.ReadFile("testdata/decode-oracle/mutations.yaml")
	if err != nil {
		t.Fatal(err)
	}
	type serverError struct{ Type, Field, Detail string }
	type verdictLine struct {
		Doc     int
		Kind    string
		Name    string
		Verdict string
		Code    int
		Errors  []serverError
	}
	data, err := os.ReadFile("testdata/decode-oracle/mutations.oracle.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var verdicts []verdictLine
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v verdictLine
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		verdicts = append(verdicts, v)
	}
	if len(verdicts) < 100 {
		t.Fatalf("%d verdicts, want the 112 recorded", len(verdicts))
	}
	opts := lint.Options{Rules: []*lint.Rule{rules.UnknownField, rules.FieldType, rules.Schema, rules.Validation}}
	diags, _, err := lint.CheckFile(manifest.NewFile("mutations.yaml", src), opts)
	if err != nil {
		t.Fatal(err)
	}
	byDoc := map[int][]lint.Diagnostic{}
	for _, d := range diags {
		if d.Severity == lint.Error {
			byDoc[d.Document] = append(byDoc[d.Document], d)
		}
	}
	var refused int
	for _, v := range verdicts {
		t.Run(v.Kind+"/"+v.Name, func(t *testing.T) {
			got := byDoc[v.Doc]
			if v.Verdict == "valid" {
				for _, d := range got {
					t.Errorf("the API server accepts it, but %s reports %s: %s", d.Rule, d.Field, d.Message)
				}
				return
			}
			if v.Code != 400 {
				return
			}
			refused++
			for _, e := range v.Errors {
				found := false
				for _, d := range got {
					switch e.Type {
					case "FieldUnknown":
						found = found || d.Rule == rules.UnknownField.Name && d.Field == e.Field && strings.HasPrefix(d.Message, e.Detail)
					default:
						found = found || d.Rule == rules.FieldType.Name && strings.Contains(d.Message, e.Detail)
					}
				}
				if !found {
					t.Errorf("the API server says %s %s: %s; got %v", e.Type, e.Field, e.Detail, got)
				}
			}
		})
	}
	if refused < 50 {
		t.Errorf("%d objects refused while decoding, want the 64 recorded", refused)
	}
}
