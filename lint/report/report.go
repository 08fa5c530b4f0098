// Package report writes lint results in the formats people and CI systems
// read: text for terminals and logs, and JSON for programs. Each format is
// one file behind the Reporter interface.
package report

import (
	"fmt"
	"io"
	"slices"

	"github.com/daemonlint/daemonlint/lint"
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
	// FixHint is the hint printed under a finding that has a fix (text
	// only), such as "run with --fix to apply".
	FixHint string
}

// Formats are the names New accepts.
var Formats = []string{"text", "json"}

// New returns the reporter for a format name.
func New(format string, opts Options) (Reporter, error) {
	switch format {
	case "text":
		return &Text{Options: opts}, nil
	case "json":
		return JSON{}, nil
	}
	return nil, fmt.Errorf("unknown format %q: use one of %v", format, Formats)
}

// Summary counts what a result holds.
type Summary struct {
	Files     int `json:"files"`
	Documents int `json:"documents"`
	Skipped   int `json:"skipped"`
	Errors    int `json:"errors"`
	Warnings  int `json:"warnings"`
	Infos     int `json:"infos"`
}

// Summarize counts a result's files, documents (and the skipped ones:
// custom resources) and diagnostics by severity.
func Summarize(res *lint.Result) Summary {
	return Summary{
		Files:     len(res.Files),
		Documents: res.Documents,
		Skipped:   res.Skipped,
		Errors:    res.Count(lint.Error),
		Warnings:  res.Count(lint.Warning),
		Infos:     res.Count(lint.Info),
	}
}

// fileOf returns the file a diagnostic is in, or nil.
func fileOf(res *lint.Result, name string) *lint.File {
	i := slices.IndexFunc(res.Files, func(f *lint.File) bool { return f.Name == name })
	if i < 0 {
		return nil
	}
	return res.Files[i]
}
