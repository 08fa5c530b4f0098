package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// JUnit writes JUnit XML, as Jenkins, GitLab and most CI servers read it: a
// test suite per file and a test case per document. A document with findings
// at or above Options.FailOn fails, with every finding in the failure's
// text; less severe findings go to the test case's output. An internal
// error is a JUnit error rather than a failure.
type JUnit struct {
	Options Options
}

type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Skipped  int         `xml:"skipped,attr"`
		Cases    []junitCase `xml:"testcase"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		File      string        `xml:"file,attr,omitempty"`
		Skipped   *junitSkipped `xml:"skipped"`
		Failure   *junitProblem `xml:"failure"`
		Error     *junitProblem `xml:"error"`
		SystemOut *junitText    `xml:"system-out"`
	}
	junitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",cdata"`
	}
	junitSkipped struct {
		Message string `xml:"message,attr"`
	}
	junitText struct {
		Text string `xml:",cdata"`
	}
)

// Report writes res as JUnit XML.
func (j *JUnit) Report(w io.Writer, res *lint.Result) error {
	failOn := j.Options.FailOn
	if failOn == 0 {
		failOn = lint.Error
	}
	out := junitSuites{Name: "daemonlint"}
	for _, f := range res.Files {
		suite := junitSuite{Name: f.Name}
		names, notObjects := documentNames(f)
		byDoc := map[int][]lint.Diagnostic{}
		for _, d := range res.Diagnostics {
			if d.File == f.Name {
				byDoc[d.Document] = append(byDoc[d.Document], d)
				if d.Document >= len(names) {
					names = append(names, make([]string, d.Document+1-len(names))...)
				}
			}
		}
		for i, name := range names {
			if name == "" {
				name = fmt.Sprintf("document %d", i)
			}
			file := f.Name
			if file == "-" {
				file = ""
			}
			c := junitCaseOf(name, f.Name, file, byDoc[i], failOn, &suite)
			if i < len(notObjects) && notObjects[i] && len(byDoc[i]) == 0 {
				c.Skipped = &junitSkipped{Message: "not a Kubernetes object: no rule checks it"}
				suite.Skipped++
			}
			suite.Cases = append(suite.Cases, c)
		}
		suite.Tests = len(suite.Cases)
		out.Tests += suite.Tests
		out.Failures += suite.Failures
		out.Errors += suite.Errors
		out.Suites = append(out.Suites, suite)
	}
	out.addRendered(res, failOn)
	sanitize(&out)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// documentNames names each document of a file, by index, after the object
// it holds ("document 0: DaemonSet kube-system/agent"); a document that is
// not an object (a syntax error) is "document N". notObjects says which
// documents are not Kubernetes objects (see lint.IsManifest).
func documentNames(f *manifest.File) (names []string, notObjects map[int]bool) {
	docs, serrs := manifest.Parse(f)
	notObjects = map[int]bool{}
	grow := func(i int) {
		if i >= len(names) {
			names = append(names, make([]string, i+1-len(names))...)
		}
	}
	for _, e := range serrs {
		grow(e.Document)
	}
	for _, d := range docs {
		if d.Item >= 0 {
			continue
		}
		grow(d.Index)
		notObjects[d.Index] = !lint.IsManifest(d)
		name := fmt.Sprintf("document %d", d.Index)
		if d.Kind != "" {
			name += ": " + d.Kind
			if d.Name != "" {
				name += " "
				if d.Namespace != "" {
					name += d.Namespace + "/"
				}
				name += d.Name
			}
		}
		names[d.Index] = name
	}
	return names, notObjects
}

// junitProblemOf describes findings as a failure or an error: the first one
// is the message, and all of them, one per line, the text.
func junitProblemOf(diags []lint.Diagnostic, kind string) *junitProblem {
	first := diags[0]
	msg := fmt.Sprintf("%d:%d: %s (%s)", first.Start.Line, first.Start.Column, first.Message, first.Rule)
	if n := len(diags) - 1; n > 0 {
		msg += fmt.Sprintf(" and %d more", n)
	}
	return &junitProblem{Message: msg, Type: kind, Text: findingLines(diags)}
}

// findingLines writes findings as the text format's first lines.
func findingLines(diags []lint.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s (%s)\n", d.File, d.Start.Line, d.Start.Column, d.Severity, d.Message, d.Rule)
	}
	return b.String()
}

// sanitize replaces the characters that XML 1.0 does not allow (control
// characters from a file name, say) in every string of the document: the
// encoder escapes markup, but CDATA sections cannot hold them at all.
func sanitize(s *junitSuites) {
	for i := range s.Suites {
		suite := &s.Suites[i]
		suite.Name = xmlSafe(suite.Name)
		for j := range suite.Cases {
			c := &suite.Cases[j]
			c.Name, c.Classname, c.File = xmlSafe(c.Name), xmlSafe(c.Classname), xmlSafe(c.File)
			for _, p := range []*junitProblem{c.Failure, c.Error} {
				if p != nil {
					p.Message, p.Text = xmlSafe(p.Message), xmlSafe(p.Text)
				}
			}
			if c.SystemOut != nil {
				c.SystemOut.Text = xmlSafe(c.SystemOut.Text)
			}
		}
	}
}

// xmlSafe replaces characters outside XML 1.0's Char production, and
// invalid UTF-8, with U+FFFD.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0xD7FF && r != utf8.RuneError,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return '\uFFFD'
	}, s)
}

// junitCaseOf makes the test case of one document (or rendered object)
// from its findings, and counts its failures and errors in suite.
func junitCaseOf(name, classname, file string, diags []lint.Diagnostic, failOn lint.Severity, suite *junitSuite) junitCase {
	c := junitCase{Name: name, Classname: classname, File: file}
	var failing, internal, other []lint.Diagnostic
	for _, d := range diags {
		switch {
		case d.Rule == lint.InternalErrorRule:
			internal = append(internal, d)
		case d.Severity <= failOn:
			failing = append(failing, d)
		default:
			other = append(other, d)
		}
	}
	if len(internal) > 0 {
		c.Error = junitProblemOf(internal, "internal-error")
		suite.Errors++
	}
	if len(failing) > 0 {
		c.Failure = junitProblemOf(failing, failing[0].Severity.String())
		suite.Failures++
	}
	if len(other) > 0 {
		c.SystemOut = &junitText{findingLines(other)}
	}
	return c
}

// addRendered adds a test suite for each file that findings point at but
// that was not linted itself (the template of a chart, the resource or
// patch of a kustomization), with a test case per object rendered from it
// that has findings, named after the object, and one for the findings of
// no object (a failed render).
func (out *junitSuites) addRendered(res *lint.Result, failOn lint.Severity) {
	linted := make(map[string]bool, len(res.Files))
	for _, f := range res.Files {
		linted[f.Name] = true
	}
	var files []string
	byFile := map[string][]lint.Diagnostic{}
	for _, d := range res.Diagnostics {
		if linted[d.File] {
			continue
		}
		if _, ok := byFile[d.File]; !ok {
			files = append(files, d.File)
		}
		byFile[d.File] = append(byFile[d.File], d)
	}
	for _, file := range files {
		suite := junitSuite{Name: file}
		var names []string
		byObject := map[string][]lint.Diagnostic{}
		for _, d := range byFile[file] {
			name := "rendered"
			if o := d.Object; o.Kind != "" {
				name = "rendered " + o.Kind
				if o.Name != "" {
					name += " "
					if o.Namespace != "" {
						name += o.Namespace + "/"
					}
					name += o.Name
				}
			}
			if _, ok := byObject[name]; !ok {
				names = append(names, name)
			}
			byObject[name] = append(byObject[name], d)
		}
		for _, name := range names {
			suite.Cases = append(suite.Cases, junitCaseOf(name, file, file, byObject[name], failOn, &suite))
		}
		suite.Tests = len(suite.Cases)
		out.Tests += suite.Tests
		out.Failures += suite.Failures
		out.Errors += suite.Errors
		out.Suites = append(out.Suites, suite)
	}
}
