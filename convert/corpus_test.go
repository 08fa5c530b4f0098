package convert_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/internal/testcorpus"

	"github.com/daemonlint/daemonlint/convert"
	"github.com/daemonlint/daemonlint/manifest"
)

var recordOracle = flag.Bool("record-oracle", false,
	"ask the oracle named by $DAEMONLINT_ORACLE about the corpus originals and their conversions, and rewrite "+corpusExpectations)

// corpusExpectations records, for every ReplicaSet and Deployment of the
// shared corpus, the oracle's verdict on the original and on its
// conversion, and a hash of the converted document, so that the corpus test
// checks the verdicts without the oracle and notices when a conversion
// changes (scripts/convert-corpus.sh records them again).
const corpusExpectations = "../testdata/convert/corpus-oracle.tsv"

// A corpusDoc is one converted ReplicaSet or Deployment of the corpus.
type corpusDoc struct {
	file            string // relative to the corpus
	doc, item       int
	kind, name      string
	original        string // the oracle's verdict on the original
	converted       string // its verdict on the conversion, or "not-converted"
	hash            string // of the converted document's text
	convertErr      error
	convertedSource []byte
	fileOutput      []byte // the whole converted file
}

func (d *corpusDoc) key() string { return fmt.Sprintf("%s#%d.%d", d.file, d.doc, d.item) }

// TestCorpus converts every ReplicaSet and Deployment of the shared corpus
// and checks that the edits stay inside their document, that every other
// document comes out byte for byte, that converting again changes nothing,
// that the converted documents lint clean and agree with ToDaemonSet, and
// that every original the API server accepts converts into a DaemonSet it
// accepts (from the recorded verdicts).
func TestCorpus(t *testing.T) {
	root := testcorpus.Dir(t)
	var docs []*corpusDoc
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".yaml", ".yml", ".json":
		default:
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		docs = append(docs, checkCorpusFile(t, rel, src)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatal("no ReplicaSet or Deployment in the corpus")
	}
	if *recordOracle {
		askOracle(t, root, docs)
		writeExpectations(t, docs)
	}
	accepted := checkExpectations(t, docs)

	// The conversions of what the API server accepts lint clean.
	for _, d := range docs {
		if accepted[d.key()] {
			checkLintClean(t, d.fileOutput, map[docKey]bool{{d.doc, d.item}: true})
		}
	}
}

// checkCorpusFile converts one corpus file and returns its converted
// documents.
func checkCorpusFile(t *testing.T, rel string, src []byte) []*corpusDoc {
	t.Helper()
	opts := convert.Options{File: rel}
	out, _, _ := convert.Convert(src, opts)
	inFile := manifest.NewFile(rel, src)
	inDocs, _ := manifest.Parse(inFile)
	outDocs, _ := manifest.Parse(manifest.NewFile(rel, out))
	if len(inDocs) != len(outDocs) {
		t.Errorf("%s: %d documents in, %d out", rel, len(inDocs), len(outDocs))
		return nil
	}
	var found []*corpusDoc
	converted := map[docKey]bool{}
	for i, d := range inDocs {
		edits, _, err := convert.Edits(d, opts)
		if len(edits) == 0 && err == nil {
			if d.IsList() {
				continue
			}
			sp, osp := d.Span(), outDocs[i].Span()
			if !bytes.Equal(src[sp.Start:sp.End], out[osp.Start:osp.End]) {
				t.Errorf("%s: document %d (%s %q) is not converted but changed", rel, d.Index, d.Kind, d.Name)
			}
			continue
		}
		cd := &corpusDoc{file: rel, doc: d.Index, item: d.Item, kind: d.Kind, name: d.Name, convertErr: err}
		found = append(found, cd)
		if err != nil {
			continue
		}
		converted[docKey{d.Index, d.Item}] = true
		// The edits stay between the documents before and after this one.
		lo, hi := 0, len(src)
		if i > 0 && inDocs[i-1].Item < 0 {
			lo = inDocs[i-1].Span().End
		}
		for _, next := range inDocs[i+1:] {
			if next.Index != d.Index {
				hi = next.Span().Start
				break
			}
		}
		for _, e := range edits {
			if e.Start < lo || e.End > hi {
				t.Errorf("%s: document %d: edit [%d, %d) leaves the document [%d, %d)", rel, d.Index, e.Start, e.End, lo, hi)
			}
		}
		osp := outDocs[i].Span()
		cd.convertedSource = out[osp.Start:osp.End]
		sum := sha256.Sum256(cd.convertedSource)
		cd.hash = hex.EncodeToString(sum[:6])
	}
	if len(found) == 0 {
		return nil
	}
	checkIdempotent(t, out, opts, slices.ContainsFunc(found, func(d *corpusDoc) bool { return d.convertErr != nil }))
	checkTypedAgrees(t, src, out, converted)
	for _, d := range found {
		d.fileOutput = out
	}
	return found
}

// askOracle fills in the oracle's verdicts on the originals and the
// conversions.
func askOracle(t *testing.T, root string, docs []*corpusDoc) {
	t.Helper()
	oracle := os.Getenv("DAEMONLINT_ORACLE")
	if oracle == "" {
		t.Fatal("-record-oracle needs DAEMONLINT_ORACLE, the path of the oracle")
	}
	byFile := map[string][]*corpusDoc{}
	for _, d := range docs {
		byFile[d.file] = append(byFile[d.file], d)
	}
	tmp := t.TempDir()
	for file, fileDocs := range byFile {
		src, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			t.Fatal(err)
		}
		out, _, _ := convert.Convert(src, convert.Options{File: file})
		converted := filepath.Join(tmp, strings.ReplaceAll(file, "/", "__"))
		if err := os.WriteFile(converted, out, 0o644); err != nil {
			t.Fatal(err)
		}
		before := oracleVerdicts(t, oracle, filepath.Join(root, file))
		after := oracleVerdicts(t, oracle, converted)
		for _, d := range fileDocs {
			k := [2]int{d.doc, d.item}
			d.original = before[k]
			d.converted = "not-converted"
			if d.convertErr == nil {
				d.converted = after[k]
			}
		}
	}
}

// oracleVerdicts runs the oracle as kubectl sends documents and returns the
// verdict of each document, by index and List item (-1 for none).
func oracleVerdicts(t *testing.T, oracle, path string) map[[2]int]string {
	t.Helper()
	out, err := exec.Command(oracle, "-kubectl", "-warnings=false", path).Output()
	if err != nil {
		t.Fatalf("oracle on %s: %v", path, err)
	}
	verdicts := map[[2]int]string{}
	for _, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
		var v struct {
			Doc     int    `json:"doc"`
			Item    *int   `json:"item"`
			Kind    string `json:"kind"`
			Verdict string `json:"verdict"`
		}
		if err := json.Unmarshal(line, &v); err != nil {
			t.Fatalf("oracle output %q: %v", line, err)
		}
		item := -1
		if v.Item != nil {
			item = *v.Item
		}
		verdict := v.Verdict
		if verdict == "valid" && v.Kind != "" {
			verdict = "valid-" + v.Kind
		}
		verdicts[[2]int{v.Doc, item}] = verdict
	}
	return verdicts
}

const expectationsHeader = "# file\tdoc\titem\tkind\tname\toriginal\tconverted\tsha256 of the converted document (first 6 bytes)\n"

func writeExpectations(t *testing.T, docs []*corpusDoc) {
	t.Helper()
	var b strings.Builder
	b.WriteString("# Written by scripts/convert-corpus.sh: the oracle's verdicts (kubectl create --dry-run=server, strict)\n")
	b.WriteString("# on each ReplicaSet and Deployment of the shared corpus and on its conversion. Do not edit.\n")
	b.WriteString(expectationsHeader)
	for _, d := range docs {
		fmt.Fprintf(&b, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\n", d.file, d.doc, d.item, d.kind, d.name, d.original, d.converted, d.hash)
	}
	if err := os.WriteFile(corpusExpectations, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkExpectations compares the conversions with the recorded verdicts,
// and returns the keys of the documents that the API server accepts.
func checkExpectations(t *testing.T, docs []*corpusDoc) map[string]bool {
	t.Helper()
	f, err := os.Open(corpusExpectations)
	if err != nil {
		t.Fatalf("%v (run scripts/convert-corpus.sh to record the oracle's verdicts)", err)
	}
	defer f.Close()
	recorded := map[string]*corpusDoc{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 8 {
			t.Fatalf("%s: bad line %q", corpusExpectations, line)
		}
		doc, _ := strconv.Atoi(fields[1])
		item, _ := strconv.Atoi(fields[2])
		d := &corpusDoc{file: fields[0], doc: doc, item: item, kind: fields[3], name: fields[4],
			original: fields[5], converted: fields[6], hash: fields[7]}
		recorded[d.key()] = d
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	accepted := map[string]bool{}
	convertedAccepted := 0
	for _, d := range docs {
		r := recorded[d.key()]
		if r == nil {
			t.Errorf("%s: %s %q is converted but has no recorded verdict; run scripts/convert-corpus.sh", d.key(), d.kind, d.name)
			continue
		}
		delete(recorded, d.key())
		if r.hash != d.hash {
			t.Errorf("%s: the conversion of %s %q changed since the oracle judged it; run scripts/convert-corpus.sh", d.key(), d.kind, d.name)
			continue
		}
		if !strings.HasPrefix(r.original, "valid") {
			continue
		}
		accepted[d.key()] = true
		if d.convertErr != nil {
			t.Errorf("%s: %s %q is accepted by the API server but cannot be converted: %v", d.key(), d.kind, d.name, d.convertErr)
			continue
		}
		if r.converted != "valid-DaemonSet" {
			t.Errorf("%s: %s %q is accepted by the API server, but its conversion is %s", d.key(), d.kind, d.name, r.converted)
			continue
		}
		convertedAccepted++
	}
	for k := range recorded {
		t.Errorf("%s: a verdict is recorded for a document that is no longer converted; run scripts/convert-corpus.sh", k)
	}
	failed := 0
	for _, d := range docs {
		if d.convertErr != nil {
			failed++
		}
	}
	t.Logf("%d ReplicaSets and Deployments (%d cannot be converted); %d accepted by the API server, %d of whose conversions it accepts as DaemonSets",
		len(docs), failed, len(accepted), convertedAccepted)
	return accepted
}
