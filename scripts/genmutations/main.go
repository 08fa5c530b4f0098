//go:build ignore

// Command genmutations records the API server's verdict on every seeded
// mutation (see internal/mutate) of the manifests in
// testdata/apiserver-mutations, using the oracle built from
// kube-apiserver v1.37.2 (../shared/tools/oracle). For each FILE.yaml it
// writes FILE.verdicts: one line per mutation, tab-separated: the
// mutation's name, the oracle's verdict, and its errors as "type field"
// pairs joined by "; ". Run it by hand after changing a manifest or the
// mutations; go test reads the .verdicts files and needs no oracle.
//
//	go run ./scripts/genmutations/main.go [-oracle /tmp/oracle] [FILE.yaml...]
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
	"strings"

	"github.com/daemonlint/daemonlint/internal/mutate"
)

func main() {
	oracle := flag.String("oracle", "/tmp/oracle", "the oracle binary")
	flag.Parse()
	files := flag.Args()
	if len(files) == 0 {
		var err error
		files, err = filepath.Glob("testdata/apiserver-mutations/*.yaml")
		if err != nil || len(files) == 0 {
			fmt.Fprintln(os.Stderr, "genmutations: no manifests in testdata/apiserver-mutations (run it from the repository's root)")
			os.Exit(2)
		}
	}
	for _, f := range files {
		if err := record(*oracle, f); err != nil {
			fmt.Fprintf(os.Stderr, "genmutations: %s: %v\n", f, err)
			os.Exit(1)
		}
	}
}

// oracleAnswer is the part of the oracle's JSON line that is recorded.
type oracleAnswer struct {
	Verdict string `json:"verdict"`
	Errors  []struct {
		Type  string `json:"type"`
		Field string `json:"field"`
	} `json:"errors"`
}

// record writes the verdicts of the mutations of one manifest.
func record(oracle, file string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	muts, err := mutate.Mutations(src)
	if err != nil {
		return err
	}
	var stream bytes.Buffer
	for _, m := range muts {
		stream.Write(m.Doc)
		stream.WriteByte('\n')
	}
	cmd := exec.Command(oracle, "-warnings=false", "-")
	cmd.Stdin = &stream
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("running the oracle: %w", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# The verdict of kube-apiserver v1.37.2 (tools/oracle) on each mutation of %s, written by scripts/genmutations.\n", filepath.Base(file))
	fmt.Fprintf(&b, "# Columns: mutation, verdict, errors (type field; ...).\n")
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 16<<20)
	i := 0
	for sc.Scan() {
		if i >= len(muts) {
			return fmt.Errorf("the oracle answered more documents than the %d mutations", len(muts))
		}
		var a oracleAnswer
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return fmt.Errorf("reading the oracle's answer: %w", err)
		}
		errs := make([]string, 0, len(a.Errors))
		for _, e := range a.Errors {
			errs = append(errs, e.Type+" "+e.Field)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\n", muts[i].Name, a.Verdict, strings.Join(errs, "; "))
		i++
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if i != len(muts) {
		return fmt.Errorf("the oracle answered %d documents for %d mutations", i, len(muts))
	}
	out2 := strings.TrimSuffix(file, ".yaml") + ".verdicts"
	if err := os.WriteFile(out2, []byte(b.String()), 0o644); err != nil {
		return err
	}
	fmt.Printf("%s: %d mutations\n", out2, len(muts))
	return nil
}
