// Package report writes lint results in the formats people and CI systems
// read. Each format is one file behind the Reporter interface:
//
//   - text: one finding per paragraph, file:line:col: severity: message
//     (rule), with the source line, a caret under the span and a fix hint,
//     then a summary line; for terminals and logs.
//   - json: the documented JSON contract, for programs.
//   - sarif: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers,
//     with the rules' documentation, exact regions and fixes.
//   - github: GitHub Actions workflow commands, which turn findings into
//     annotations on the lines of a pull request.
//   - junit: JUnit XML, a test suite per file and a test case per document,
//     for CI servers such as Jenkins and GitLab.
//
// Reporters never read the environment: the caller says in Options whether
// to colour, which directory relative paths start from, and which rules ran.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// A Reporter writes a lint result.
type Reporter interface {
	Report(w io.Writer, res *lint.Result) error
}

// Options adjust how a result is written.
type Options struct {
	// Color turns on ANSI colours (text only). Callers set it only for a
	// terminal, and never when NO_COLOR is set.
	Color bool
	// FixHint is said after a finding's fix (text and github), such as
	// "run with --fix to apply".
	FixHint string
	// FailOn is the least severe finding that fails a JUnit test case; zero
	// means lint.Error. Less severe findings are written as test output.
	FailOn lint.Severity
	// BaseDir is the absolute directory that relative file names start
	// from (SARIF, where it is %SRCROOT%). When empty, SARIF file names are
	// written as they are.
	BaseDir string
	// Rules are the rules that ran, described in SARIF output; nil means
	// rules.All().
	Rules []*lint.Rule
	// Version is daemonlint's version, named in SARIF output.
	Version string
	// Sources are files that findings point at but that were not linted
	// as they are (the templates of a chart, the resources and patches of
	// a kustomization), for excerpts of their lines.
	Sources []*manifest.File
	// Built counts the charts and kustomizations that were rendered before
	// they were linted, for the summary.
	Built Built
}

// Built counts the inputs that were rendered or built before they were
// linted.
type Built struct {
	// Charts and Renders count the Helm charts and their renders (one per
	// values set); Kustomizations the kustomizations built.
	Charts, Renders, Kustomizations int
}

// Formats are the names New accepts.
var Formats = []string{"text", "json", "sarif", "github", "junit"}

// New returns the reporter for a format name.
func New(format string, opts Options) (Reporter, error) {
	switch format {
	case "text":
		return &Text{Options: opts}, nil
	case "json":
		return JSON{Options: opts}, nil
	case "sarif":
		return &SARIF{Options: opts}, nil
	case "github":
		return &GitHub{Options: opts}, nil
	case "junit":
		return &JUnit{Options: opts}, nil
	}
	return nil, fmt.Errorf("unknown format %q: use one of %s", format, strings.Join(Formats, ", "))
}

// Summary counts what a result holds.
type Summary struct {
	// Charts, Renders and Kustomizations count the inputs that were built
	// before they were linted (see Options.Built); Files counts the plain
	// files.
	Charts         int `json:"charts,omitempty"`
	Renders        int `json:"renders,omitempty"`
	Kustomizations int `json:"kustomizations,omitempty"`
	Files          int `json:"files"`
	Documents      int `json:"documents"`
	Skipped        int `json:"skipped"`
	Errors         int `json:"errors"`
	Warnings       int `json:"warnings"`
	Infos          int `json:"infos"`
	// NotManifests counts the documents that are not Kubernetes objects
	// (see lint.IsManifest), and NotManifestFiles the files that hold
	// nothing else; no rule checks them.
	NotManifests     int `json:"notManifests"`
	NotManifestFiles int `json:"notManifestFiles"`
}

// Summarize counts a result's files, documents (and the skipped ones:
// custom resources; and those that are not Kubernetes objects) and
// diagnostics by severity.
func Summarize(res *lint.Result) Summary {
	return Summary{
		Files:     len(res.Files),
		Documents: res.Documents,
		Skipped:   res.Skipped,
		Errors:    res.Count(lint.Error),
		Warnings:  res.Count(lint.Warning),
		Infos:     res.Count(lint.Info),

		NotManifests:     res.NotManifests,
		NotManifestFiles: res.NotManifestFiles,
	}
}

// summarize is Summarize with the counts of opts.Built.
func summarize(res *lint.Result, opts Options) Summary {
	s := Summarize(res)
	s.Charts, s.Renders, s.Kustomizations = opts.Built.Charts, opts.Built.Renders, opts.Built.Kustomizations
	return s
}

// fileOf returns the file a diagnostic is in, or nil.
func fileOf(res *lint.Result, name string) *manifest.File {
	i := slices.IndexFunc(res.Files, func(f *manifest.File) bool { return f.Name == name })
	if i < 0 {
		return nil
	}
	return res.Files[i]
}

// sourceOf returns the file a diagnostic is in, among the linted files and
// opts.Sources, or nil.
func sourceOf(res *lint.Result, opts Options, name string) *manifest.File {
	if f := fileOf(res, name); f != nil {
		return f
	}
	i := slices.IndexFunc(opts.Sources, func(f *manifest.File) bool { return f.Name == name })
	if i < 0 {
		return nil
	}
	return opts.Sources[i]
}
