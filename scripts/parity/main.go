//go:build ignore

// Command parity compares daemonlint's verdicts on the documents of every
// kind it judges in full (registry.JudgedKinds: DaemonSets, Deployments,
// Pods, Services, ConfigMaps, RBAC objects, ...) with the reference
// oracle's (a program built from the real kube-apiserver v1.37.2 code, see
// ../shared/tools/oracle).
//
//	go run ./scripts/parity/main.go -oracle /tmp/oracle [-allow-privileged=false] PATH...
//
// PATHs are files or folders (walked for .yaml, .yml and .json). It prints
// one line per disagreement and then "agree N / disagree M"; it exits 1
// when they disagree. (scripts/oracle-verdicts.sh records the oracle's
// verdicts for the tests that check the same documents without it.)
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/daemonlint/daemonlint/apivalidation/registry"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// oracleLine is one document's answer from the oracle's JSON output.
type oracleLine struct {
	File       string `json:"file"`
	Doc        int    `json:"doc"`
	Item       *int   `json:"item"`
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Name       string `json:"name"`
	Verdict    string `json:"verdict"`
	Errors     []struct {
		Type   string `json:"type"`
		Field  string `json:"field"`
		Detail string `json:"detail"`
	} `json:"errors"`
}

// judged are the kinds compared: those judged in full, in any apiVersion
// (an apiVersion that does not serve the kind is an unknown-kind verdict).
var judged = func() map[string]bool {
	m := map[string]bool{}
	for _, gvk := range registry.JudgedKinds() {
		m[gvk.Kind] = true
	}
	return m
}()

func main() {
	oracle := flag.String("oracle", "/tmp/oracle", "the oracle binary")
	allowPrivileged := flag.Bool("allow-privileged", true, "kube-apiserver --allow-privileged")
	flag.Parse()
	if err := run(*oracle, *allowPrivileged, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "parity:", err)
		os.Exit(2)
	}
}

func run(oracle string, allowPrivileged bool, paths []string) error {
	files, err := manifestFiles(paths)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no manifest files in %v", paths)
	}
	args := append([]string{"-kubectl", "-warnings=false", fmt.Sprintf("-allow-privileged=%t", allowPrivileged)}, files...)
	out, err := exec.Command(oracle, args...).Output()
	if err != nil {
		return fmt.Errorf("running %s: %w", oracle, err)
	}
	var want []oracleLine
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var l oracleLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return fmt.Errorf("reading the oracle's output: %w", err)
		}
		if judged[l.Kind] {
			want = append(want, l)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return compare(want, lint.Settings{DisallowPrivileged: !allowPrivileged})
}

// manifestFiles expands folders into their manifest files, sorted.
func manifestFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".yaml", ".yml", ".json":
				if !d.IsDir() {
					files = append(files, path)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(files)
	return files, nil
}

// key names a document as "path#doc" or, for a List item, "path#doc.item".
func key(file string, doc int, item *int) string {
	if item != nil {
		return fmt.Sprintf("%s#%d.%d", file, doc, *item)
	}
	return fmt.Sprintf("%s#%d", file, doc)
}

// compare prints each document whose verdicts differ, and the counts.
func compare(want []oracleLine, settings lint.Settings) error {
	got := map[string]string{}
	gotErrs := map[string][]string{}
	parsed := map[string]bool{}
	for _, w := range want {
		if parsed[w.File] {
			continue
		}
		parsed[w.File] = true
		src, err := os.ReadFile(w.File)
		if err != nil {
			return err
		}
		docs, _ := manifest.Parse(manifest.NewFile(w.File, src))
		for _, d := range docs {
			var item *int
			if d.Item >= 0 {
				item = &d.Item
			}
			k := key(w.File, d.Index, item)
			got[k] = string(rules.ServerVerdict(d, settings))
			if errs, ok := rules.ServerErrors(d, settings); ok {
				for _, e := range errs {
					gotErrs[k] = append(gotErrs[k], string(e.Type)+" "+e.Field+": "+e.ErrorBody())
				}
			}
		}
	}
	agree, disagree, causesDiffer := 0, 0, 0
	for _, w := range want {
		k := key(w.File, w.Doc, w.Item)
		if got[k] == w.Verdict {
			agree++
			if w.Verdict == string(rules.VerdictInvalid) {
				var wantErrs []string
				for _, e := range w.Errors {
					wantErrs = append(wantErrs, e.Type+" "+e.Field+": "+e.Detail)
				}
				slices.Sort(wantErrs)
				gotSorted := slices.Sorted(slices.Values(gotErrs[k]))
				if !slices.Equal(gotSorted, wantErrs) {
					causesDiffer++
					fmt.Printf("CAUSES DIFFER %s %s/%s:\n    server:     %s\n    daemonlint: %s\n", k, w.Kind, w.Name,
						strings.Join(wantErrs, "\n                "), strings.Join(gotSorted, "\n                "))
				}
			}
			continue
		}
		disagree++
		fmt.Printf("DISAGREE %s %s/%s: daemonlint %q, API server %q\n", k, w.Kind, w.Name, got[k], w.Verdict)
		for _, e := range w.Errors {
			fmt.Printf("    server:     %s %s: %s\n", e.Type, e.Field, e.Detail)
		}
		for _, e := range gotErrs[k] {
			fmt.Printf("    daemonlint: %s\n", e)
		}
	}
	fmt.Printf("agree %d / disagree %d\n", agree, disagree)
	if causesDiffer > 0 {
		fmt.Printf("(of the agreeing invalid documents, %d differ in their causes)\n", causesDiffer)
	}
	if disagree > 0 {
		os.Exit(1)
	}
	return nil
}
