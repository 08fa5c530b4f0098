//go:build ignore

// Command gengolden turns the API server's golden cases (the markdown file
// apiserver-rules-golden.md, produced by running the real kube-apiserver
// v1.37.2 code) into the readable test data of testdata/apiserver-golden:
// for each case, NN-slug.yaml holds the manifest and NN-slug.want the
// server's answer, one line per fact:
//
//	# DS: selector omitted                 the case's title
//	verdict 422                            201, 400, 422 or unknown-kind
//	allow-privileged false                 the API server flag the case ran with
//	error FieldValueInvalid spec.x Invalid value: …   type, field and detail of a 422 cause
//	message DaemonSet in version …          the message of a 400
//
// It was run once:
//
//	go run ./scripts/gengolden/main.go -in ../../shared/reference/apiserver-rules-golden.md -out testdata/apiserver-golden
//
// Two cases were run by the harness with a raw request body instead of the
// JSON kubectl sends (mode YAMLBODY and RAWJSON); their .want also records,
// as "kubectl-verdict", what kubectl gets for the same file (checked with
// the oracle's -kubectl mode), which is what daemonlint gives.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// kubectlVerdicts are the verdicts kubectl gets for the cases the harness
// sent as a raw body, by title.
var kubectlVerdicts = map[string]string{
	// kubectl converts the YAML itself (the duplicate key collapses), but
	// spec.replicas is still an unknown field.
	"DS: same duplicate key sent as raw application/yaml body (NOT what kubectl does)": "400",
	// kubectl re-encodes the JSON: the last name wins and the DaemonSet is
	// valid.
	"DS: duplicate key in a raw JSON body (NOT what kubectl does)": "201",
}

type goldenCase struct {
	title    string
	mode     string
	input    string
	response []string
}

func main() {
	in := flag.String("in", "", "the golden markdown file")
	out := flag.String("out", "testdata/apiserver-golden", "the folder to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gengolden:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	cases, err := parse(in)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for i, c := range cases {
		base := filepath.Join(out, fmt.Sprintf("%02d-%s", i+1, slug(c.title)))
		want, err := wantText(c)
		if err != nil {
			return fmt.Errorf("case %q: %w", c.title, err)
		}
		if err := os.WriteFile(base+".yaml", []byte(c.input), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(base+".want", []byte(want), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// parse reads the cases of the markdown file: a "## " title, an optional
// "Harness mode:" line, a yaml block and a text block.
func parse(name string) ([]goldenCase, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var (
		cases []goldenCase
		cur   *goldenCase
		base  string // the base manifest, before the first case
		block string // "yaml", "text" or ""
		buf   []string
	)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case block != "" && line == "```":
			if cur == nil && block == "yaml" && base == "" {
				base = strings.Join(buf, "\n") + "\n"
			}
			if cur != nil {
				if block == "yaml" && cur.input == "" {
					cur.input = strings.Join(buf, "\n") + "\n"
				} else if block == "text" && cur.response == nil {
					cur.response = buf
				}
			}
			block, buf = "", nil
		case block != "":
			buf = append(buf, line)
		case strings.HasPrefix(line, "## "):
			cases = append(cases, goldenCase{title: strings.TrimPrefix(line, "## ")})
			cur = &cases[len(cases)-1]
		case strings.HasPrefix(line, "Harness mode: "):
			if cur != nil {
				cur.mode = strings.TrimPrefix(line, "Harness mode: ")
			}
		case line == "```yaml" || line == "```text":
			block = strings.TrimPrefix(line, "```")
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for i := range cases {
		cases[i].input = expandTruncated(cases[i].input, base)
	}
	return cases, nil
}

// truncatedRE matches the golden file's stand-in for a huge annotation.
var truncatedRE = regexp.MustCompile(`(?m)^( *)(\w+): x+\n\.\.\. \(truncated: a (\d+)-byte annotation value\) \.\.\.\n`)

// expandTruncated writes the annotation value the golden file abbreviates
// as a placeholder that the tests expand (see apivalidation/apps/golden_test.go), and
// the rest of the base manifest, which the golden file leaves out.
func expandTruncated(input, base string) string {
	if !truncatedRE.MatchString(input) {
		return input
	}
	out := truncatedRE.ReplaceAllStringFunc(input, func(m string) string {
		sub := truncatedRE.FindStringSubmatch(m)
		var n int
		fmt.Sscan(sub[3], &n)
		return sub[1] + sub[2] + ": " + fmt.Sprintf("<%d times x>", n) + "\n"
	})
	if i := strings.Index(base, "\nspec:\n"); i >= 0 && !strings.Contains(out, "\nspec:") {
		out += base[i+1:]
	}
	return out
}

var causeRE = regexp.MustCompile(`^\s+cause type=(\S+) field=(\S*) message=(.*)$`)

// wantText renders a case's expected answer.
func wantText(c goldenCase) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n", c.title)
	if c.mode != "" {
		fmt.Fprintf(&b, "mode %s\n", c.mode)
	}
	if len(c.response) == 0 {
		return "", fmt.Errorf("no response block")
	}
	first := c.response[0]
	switch {
	case strings.HasPrefix(first, "OK"):
		b.WriteString("verdict 201\n")
	case strings.HasPrefix(first, "CLIENT:"):
		b.WriteString("verdict unknown-kind\n")
		fmt.Fprintf(&b, "message %s\n", strings.TrimSpace(strings.TrimPrefix(first, "CLIENT:")))
	case strings.HasPrefix(first, "HTTP 400"):
		b.WriteString("verdict 400\n")
		var msg []string
		for _, l := range c.response {
			if strings.HasPrefix(l, "KUBECTL:") {
				break
			}
			msg = append(msg, l)
		}
		fmt.Fprintf(&b, "message %s\n", strings.TrimPrefix(strings.Join(msg, "\\n"), "HTTP 400 BadRequest: "))
	case strings.HasPrefix(first, "HTTP 422"):
		b.WriteString("verdict 422\n")
		for _, l := range c.response {
			if m := causeRE.FindStringSubmatch(l); m != nil {
				fmt.Fprintf(&b, "error %s %s %s\n", m[1], m[2], m[3])
			}
		}
	default:
		return "", fmt.Errorf("unknown response %q", first)
	}
	if v, ok := kubectlVerdicts[c.title]; ok {
		fmt.Fprintf(&b, "kubectl-verdict %s\n", v)
	}
	if c.mode == "PRIV=1" {
		b.WriteString("allow-privileged true\n")
	} else {
		b.WriteString("allow-privileged false\n")
	}
	return b.String(), nil
}

// slug turns a title into a file name part.
func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if len(s) > 60 {
		s = strings.TrimSuffix(s[:60], "-")
	}
	return s
}
