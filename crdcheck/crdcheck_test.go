package crdcheck_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/crdcheck"
	"github.com/daemonlint/daemonlint/manifest"
)

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  names: {kind: CronTab, plural: crontabs}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              replicas: {type: integer}
`

const badReplicas = `{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"a","namespace":"default"},"spec":{"replicas":"lots"}}`

func TestSources(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "crd.yaml"), []byte(crd), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		fill func(c *crdcheck.Checker) error
	}{
		{"linted file", func(c *crdcheck.Checker) error {
			c.AddFiles([]*manifest.File{manifest.NewFile("in.yaml", []byte("apiVersion: v1\nkind: ConfigMap\n---\n"+crd))})
			return nil
		}},
		{"--crds file", func(c *crdcheck.Checker) error { return c.AddPath(filepath.Join(dir, "crd.yaml")) }},
		{"--crds directory", func(c *crdcheck.Checker) error { return c.AddPath(dir) }},
		{"--crds catalog", func(c *crdcheck.Checker) error {
			return c.AddPath(filepath.Join("..", "customresource", "testdata", "catalog"))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := crdcheck.New()
			if err := tc.fill(c); err != nil {
				t.Fatal(err)
			}
			if !c.Knows("stable.example.com/v1", "CronTab") {
				t.Error("Knows(CronTab) = false, want true")
			}
			errs, found := c.CheckCustomResource([]byte(badReplicas))
			if !found || len(errs) == 0 || !strings.Contains(errs.ToAggregate().Error(), "spec.replicas") {
				t.Errorf("CheckCustomResource = %v, %v, want an error about spec.replicas", errs, found)
			}
			if _, found := c.CheckCustomResource([]byte(`{"apiVersion":"other.example.com/v1","kind":"Thing","metadata":{"name":"b"}}`)); found {
				t.Error("CheckCustomResource found a definition of other.example.com Thing")
			}
			if got := c.Skipped(); len(got) != 1 || got[0].Kind != "Thing.other.example.com" || got[0].Count != 1 {
				t.Errorf("Skipped() = %v, want [Thing.other.example.com 1]", got)
			}
		})
	}
}

func TestDefinitionErrors(t *testing.T) {
	bad := strings.Replace(crd, "            type: object\n", "", 1) // spec loses its type
	c := crdcheck.New()
	c.AddFiles([]*manifest.File{manifest.NewFile("in.yaml", []byte("apiVersion: v1\nkind: ConfigMap\n---\n"+bad))})
	errs, ok := c.DefinitionErrors("in.yaml", 1)
	if !ok || len(errs) == 0 || !strings.Contains(errs[0].Field, "properties[spec].type") {
		t.Errorf("DefinitionErrors(in.yaml, 1) = %v, %v, want an error about properties[spec].type", errs, ok)
	}
	if _, ok := c.DefinitionErrors("in.yaml", 0); ok {
		t.Error("DefinitionErrors(in.yaml, 0) reports a ConfigMap as a definition")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := crdcheck.New().AddPath(dir); err == nil || !strings.Contains(err.Error(), "bad.yaml:1:") {
		t.Errorf("AddPath of an invalid definition: error %v, want one naming bad.yaml:1", err)
	}
}
