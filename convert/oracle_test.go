package convert_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/convert"
	"github.com/daemonlint/daemonlint/manifest"
)

// goldenExpectations records the oracle's verdict on each converted
// document of the golden cases' outputs, with a hash of its text, so that
// TestGoldenAccepted checks without the oracle that the API server accepts
// every conversion (scripts/convert-corpus.sh records them again).
const goldenExpectations = "../testdata/convert/golden-oracle.tsv"

// A goldenVerdict is one converted document of a golden case's output.
type goldenVerdict struct {
	key     string // case#doc.item
	name    string
	hash    string
	verdict string
}

// goldenConversions returns the converted documents of every golden case.
func goldenConversions(t *testing.T) (map[string][]byte, []*goldenVerdict) {
	t.Helper()
	outputs := map[string][]byte{}
	var all []*goldenVerdict
	for _, c := range readGoldenCases(t) {
		name := strings.TrimSuffix(filepath.Base(c.path), ".txtar")
		in, _ := c.file("in.yaml")
		out, _, _ := convert.Convert(in, c.opts)
		outputs[name] = out
		converted := convertedDocuments(t, in, c.opts)
		outDocs, _ := manifest.Parse(manifest.NewFile("want.yaml", out))
		for _, d := range outDocs {
			if !converted[docKey{d.Index, d.Item}] {
				continue
			}
			sp := d.Span()
			sum := sha256.Sum256(out[sp.Start:sp.End])
			all = append(all, &goldenVerdict{key: fmt.Sprintf("%s#%d.%d", name, d.Index, d.Item),
				name: d.Name, hash: hex.EncodeToString(sum[:6])})
		}
	}
	return outputs, all
}

// TestGoldenAccepted checks that the API server, as the oracle answered it,
// accepts every DaemonSet that the golden cases convert into.
func TestGoldenAccepted(t *testing.T) {
	outputs, conversions := goldenConversions(t)
	if *recordOracle {
		oracle := os.Getenv("DAEMONLINT_ORACLE")
		if oracle == "" {
			t.Fatal("-record-oracle needs DAEMONLINT_ORACLE, the path of the oracle")
		}
		dir := t.TempDir()
		verdicts := map[string]string{}
		for name, out := range outputs {
			path := filepath.Join(dir, name+".yaml")
			if err := os.WriteFile(path, out, 0o644); err != nil {
				t.Fatal(err)
			}
			for k, v := range oracleVerdicts(t, oracle, path) {
				verdicts[fmt.Sprintf("%s#%d.%d", name, k[0], k[1])] = v
			}
		}
		var b strings.Builder
		b.WriteString("# Written by scripts/convert-corpus.sh: the oracle's verdicts on the DaemonSets of the golden cases' outputs. Do not edit.\n")
		b.WriteString("# case#doc.item\tname\tverdict\tsha256 of the document (first 6 bytes)\n")
		for _, c := range conversions {
			fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", c.key, c.name, verdicts[c.key], c.hash)
		}
		if err := os.WriteFile(goldenExpectations, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	f, err := os.Open(goldenExpectations)
	if err != nil {
		t.Fatalf("%v (run scripts/convert-corpus.sh to record the oracle's verdicts)", err)
	}
	defer f.Close()
	recorded := map[string]*goldenVerdict{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 4 {
			t.Fatalf("%s: bad line %q", goldenExpectations, line)
		}
		recorded[fields[0]] = &goldenVerdict{key: fields[0], name: fields[1], verdict: fields[2], hash: fields[3]}
	}
	for _, c := range conversions {
		r := recorded[c.key]
		switch {
		case r == nil:
			t.Errorf("%s (%s): no recorded verdict; run scripts/convert-corpus.sh", c.key, c.name)
		case r.hash != c.hash:
			t.Errorf("%s (%s): the output changed since the oracle judged it; run scripts/convert-corpus.sh", c.key, c.name)
		case r.verdict != "valid-DaemonSet":
			t.Errorf("%s (%s): the API server does not accept the conversion: %s", c.key, c.name, r.verdict)
		}
		delete(recorded, c.key)
	}
	t.Logf("%d DaemonSets converted in the golden cases, judged by the oracle", len(conversions))
	for _, k := range slices.Sorted(maps.Keys(recorded)) {
		t.Errorf("%s: a verdict is recorded for a document that is no longer converted; run scripts/convert-corpus.sh", k)
	}
}
