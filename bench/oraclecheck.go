//go:build ignore

// Oraclecheck asks the API server's verdict tool (the oracle of
// /work/shared/tools/oracle) about a sample of the benchmark corpus and
// counts how its verdicts agree with the mistakes the generator seeded:
// every seeded mistake must be rejected and every other document accepted.
//
//	go run bench/oraclecheck.go [-oracle /tmp/oracle] [-n 300] [-seed 2]
//
// It exits 1 when a verdict disagrees.
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

	"github.com/daemonlint/daemonlint/internal/benchgen"
)

func main() {
	oracle := flag.String("oracle", "/tmp/oracle", "the oracle binary")
	n := flag.Int("n", 300, "documents in the sample")
	seed := flag.Int64("seed", 2, "generator seed (2 is the 10 000-document corpus's)")
	flag.Parse()

	g := benchgen.New(*seed)
	var src bytes.Buffer
	type want struct {
		kind    string
		mistake benchgen.Mistake
	}
	wants := make([]want, *n)
	for i := range wants {
		if i > 0 {
			src.WriteString("---\n")
		}
		k, m := g.Document(&src)
		wants[i] = want{k, m}
	}
	dir, err := os.MkdirTemp("", "oraclecheck")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "sample.yaml")
	if err := os.WriteFile(file, src.Bytes(), 0o644); err != nil {
		fail(err)
	}
	out, err := exec.Command(*oracle, "-o", "json", file).Output()
	if err != nil && len(out) == 0 {
		fail(fmt.Errorf("running %s: %w", *oracle, err))
	}
	type verdict struct {
		Doc     int    `json:"doc"`
		Kind    string `json:"kind"`
		Verdict string `json:"verdict"`
		Message string `json:"message"`
	}
	counts := map[string]int{}
	bad := 0
	seen := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var v verdict
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			fail(fmt.Errorf("oracle output: %w", err))
		}
		if v.Doc < 0 || v.Doc >= len(wants) {
			fail(fmt.Errorf("oracle judged document %d of %d", v.Doc, len(wants)))
		}
		seen++
		w := wants[v.Doc]
		name := string(w.mistake)
		if name == "" {
			name = "none"
		}
		counts[name+" -> "+v.Verdict]++
		if (w.mistake == "") != (v.Verdict == "valid") {
			bad++
			fmt.Printf("disagreement: document %d (%s, mistake %q): %s: %s\n", v.Doc, w.kind, w.mistake, v.Verdict, v.Message)
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Printf("%d documents generated, %d judged by the oracle, %d disagreements\n", *n, seen, bad)
	for _, k := range keys {
		fmt.Printf("  %-40s %d\n", k, counts[k])
	}
	if bad > 0 || seen != *n {
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "oraclecheck:", err)
	os.Exit(1)
}
