//go:build ignore

// Command kindmetadata writes, for every kind a default kube-apiserver
// v1.37.2 serves, documents whose metadata probes the kind's name rule,
// finalizer rule and scope (testdata/kinds-metadata/probes.yaml), asks the
// oracle for its answer to each, and records the field paths and types of
// the errors it reports under metadata (probes.tsv). The documents have no
// spec, so most are refused for other reasons too; only the metadata errors
// are recorded. The test of apivalidation/objectmeta reads the recorded
// files and needs no oracle.
//
//	go run ./scripts/kindmetadata/main.go -oracle /tmp/oracle
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/daemonlint/daemonlint/internal/schema"
)

// unsupported are the served kinds a create does not store.
var unsupported = map[string]bool{
	"TokenReview": true, "SelfSubjectReview": true, "LocalSubjectAccessReview": true, "SelfSubjectAccessReview": true,
	"SelfSubjectRulesReview": true, "SubjectAccessReview": true, "Binding": true,
}

// probes are the metadata blocks tried on every kind.
var probes = []string{
	"  name: Bad_Name\n",
	"  name: a.b\n  finalizers: [cleanup]\n",
	"  name: ok-name\n  namespace: Bad_NS\n",
	"  name: a/b\n",
	"  name: 1.2.3.4\n  labels:\n    app: \"-x\"\n",
	"  generateName: Agent-\n",
}

func main() {
	oracle := flag.String("oracle", "/tmp/oracle", "the oracle binary")
	out := flag.String("out", "testdata/kinds-metadata", "the folder to write")
	flag.Parse()
	if err := run(*oracle, *out); err != nil {
		fmt.Fprintln(os.Stderr, "kindmetadata:", err)
		os.Exit(1)
	}
}

func run(oracle, out string) error {
	var docs bytes.Buffer
	for _, k := range schema.Kinds() {
		if !k.Served || unsupported[k.Kind] {
			continue
		}
		for _, p := range probes {
			fmt.Fprintf(&docs, "---\napiVersion: %s\nkind: %s\nmetadata:\n%s", k.APIVersion(), k.Kind, p)
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	yamlFile := filepath.Join(out, "probes.yaml")
	if err := os.WriteFile(yamlFile, docs.Bytes(), 0o644); err != nil {
		return err
	}
	b, err := exec.Command(oracle, "-kubectl", yamlFile).Output()
	if err != nil {
		return err
	}
	var tsv strings.Builder
	tsv.WriteString("# The errors under metadata that kube-apiserver v1.37.2 (oracle -kubectl) reports for each document of probes.yaml.\n")
	tsv.WriteString("# Columns: document, apiVersion, kind, the sorted \"type field\" of its metadata errors (a JSON array),\n")
	tsv.WriteString("# and the number of its other errors (the create path's generic metadata check runs only when there are none).\n")
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var d struct {
			Doc        int    `json:"doc"`
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
			Errors     []struct {
				Type  string `json:"type"`
				Field string `json:"field"`
			} `json:"errors"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return err
		}
		errs := []string{}
		seen := map[string]bool{}
		others := 0
		for _, e := range d.Errors {
			s := e.Type + " " + e.Field
			if !strings.HasPrefix(e.Field, "metadata") {
				others++
			} else if !seen[s] {
				seen[s] = true
				errs = append(errs, s)
			}
		}
		sort.Strings(errs)
		j, err := json.Marshal(errs)
		if err != nil {
			return err
		}
		fmt.Fprintf(&tsv, "%d\t%s\t%s\t%s\t%d\n", d.Doc, d.APIVersion, d.Kind, j, others)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "probes.tsv"), []byte(tsv.String()), 0o644)
}
