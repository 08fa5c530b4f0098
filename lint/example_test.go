package lint_test

import (
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// Lint a manifest held in memory, print the findings, and apply their fixes
// until no error is left: a fix can bring out another finding (here, once
// the kind is a DaemonSet, its spec.replicas).
func Example() {
	src := []byte(`apiVersion: apps/v1
kind: Daemonset
metadata:
  name: log-collector
spec:
  replicas: 3
  selector:
    matchLabels:
      app: log-collector
  template:
    metadata:
      labels:
        app: log-collector
    spec:
      containers:
      - name: collector
        image: fluent/fluent-bit:3.0
`)
	opts := lint.Options{Rules: rules.All()}
	f := manifest.NewFile("collector.yaml", src)
	res, err := lint.Run([]*manifest.File{f}, opts)
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		fmt.Printf("%s:%d:%d: %s: %s (%s)\n", d.File, d.Start.Line, d.Start.Column, d.Severity, d.Message, d.Rule)
	}

	for {
		// ApplyFixes takes the fixes of f's diagnostics only: with several
		// files, call it once per file.
		fixed, n, err := lint.ApplyFixes(f, res.Diagnostics)
		if err != nil {
			log.Fatal(err)
		}
		if n == 0 {
			break
		}
		for _, d := range res.Diagnostics {
			if len(d.Fixes) > 0 {
				fmt.Println("fixed:", d.Fixes[0].Message)
			}
		}
		f = manifest.NewFile("collector.yaml", fixed)
		res, err = lint.Run([]*manifest.File{f}, opts)
		if err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("%d errors left\n", res.Count(lint.Error))
	// Output:
	// collector.yaml:2:7: error: kind "Daemonset" is not a Kubernetes kind; did you mean "DaemonSet"? (kind-spelling)
	// fixed: Change the kind to DaemonSet
	// fixed: Remove spec.replicas
	// 0 errors left
}

// Lint the files of a directory with its .daemonlint.yaml: ignored paths are
// left out, turned-off rules do not run, and severities change as
// configured. Here duplicate-key is made an error, and vendor/ is ignored.
func Example_config() {
	dir := filepath.Join("testdata", "example")
	src, err := os.ReadFile(filepath.Join(dir, lint.ConfigFileName))
	if err != nil {
		log.Fatal(err)
	}
	cfg, err := lint.ParseConfig(lint.ConfigFileName, src)
	if err != nil {
		log.Fatal(err) // file:line:col: what is wrong
	}
	opts, err := cfg.Options(rules.All())
	if err != nil {
		log.Fatal(err)
	}

	var files []*manifest.File
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		if cfg.Ignored(filepath.ToSlash(rel)) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || filepath.Ext(path) != ".yaml" || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files = append(files, manifest.NewFile(filepath.ToSlash(rel), src))
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}

	res, err := lint.Run(files, opts)
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		fmt.Printf("%s:%d:%d: %s: %s (%s)\n", d.File, d.Start.Line, d.Start.Column, d.Severity, d.Message, d.Rule)
	}
	// Output:
	// deploy/agent.yaml:7:5: error: key "app" is repeated (first on line 6): kubectl keeps only the last value and silently drops the earlier one; remove one of them (duplicate-key)
	// deploy/settings.yaml:2:7: error: kind "Configmap" is not a Kubernetes kind; did you mean "ConfigMap"? (kind-spelling)
}

// A configuration's problems come with their file, line and column.
func ExampleParseConfig() {
	_, err := lint.ParseConfig(".daemonlint.yaml", []byte(`rules:
  duplicate-key:
    enabled: no
rulez: {}
`))
	fmt.Println(err)
	// Output:
	// .daemonlint.yaml:3:14: rules.duplicate-key.enabled must be true or false, not "no"
	// .daemonlint.yaml:4:1: unknown key "rulez" (known: rules, ignore, cluster, kubernetesVersion)
}

// An ignore directive accepts one finding, with a reason; the
// ignore-directive rule reports a directive that suppresses nothing.
func Example_ignoreDirective() {
	src := []byte(`apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  name: settings # daemonlint:ignore duplicate-key generated; both are equal
data:
  level: info # daemonlint:ignore duplicate-key nothing repeats here
`)
	diags, _, err := lint.CheckFile(manifest.NewFile("settings.yaml", src), lint.Options{Rules: rules.All()})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range diags {
		fmt.Printf("%d:%d: %s (%s)\n", d.Start.Line, d.Start.Column, d.Message, d.Rule)
	}
	// Output:
	// 7:15: ignore directive for duplicate-key suppresses nothing on line 7; remove it (ignore-directive)
}
