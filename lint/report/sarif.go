package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// SARIF writes a SARIF 2.1.0 log with one run: the rules that ran, with
// their documentation, and a result per finding with its exact region and
// its fix. File names relative to Options.BaseDir are written relative to
// %SRCROOT%, which originalUriBaseIds maps to BaseDir, so that GitHub code
// scanning places each result on its line. Columns count Unicode code
// points, as the run's columnKind says.
type SARIF struct {
	Options Options
}

// The SARIF 2.1.0 objects daemonlint writes; field names follow the
// specification.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                        `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
		ColumnKind         string                           `json:"columnKind"`
		Results            []sarifResult                    `json:"results"`
		Properties         map[string]any                   `json:"properties,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string             `json:"id"`
		ShortDescription     sarifText          `json:"shortDescription"`
		FullDescription      sarifText          `json:"fullDescription"`
		HelpURI              string             `json:"helpUri,omitempty"`
		Help                 *sarifText         `json:"help,omitempty"`
		DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
		Properties           map[string]any     `json:"properties,omitempty"`
	}
	sarifConfiguration struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifResult struct {
		RuleID     string          `json:"ruleId"`
		RuleIndex  int             `json:"ruleIndex"`
		Level      string          `json:"level"`
		Message    sarifText       `json:"message"`
		Locations  []sarifLocation `json:"locations"`
		Fixes      []sarifFix      `json:"fixes,omitempty"`
		Properties map[string]any  `json:"properties,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           *sarifRegion          `json:"region,omitempty"`
	}
	sarifArtifactLocation struct {
		URI         string     `json:"uri"`
		URIBaseID   string     `json:"uriBaseId,omitempty"`
		Description *sarifText `json:"description,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Replacements     []sarifReplacement    `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent sarifText   `json:"insertedContent"`
	}
)

// sarifSchema is the address of the SARIF 2.1.0 schema the output follows.
const sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// srcRoot is the base id of file names relative to Options.BaseDir.
const srcRoot = "%SRCROOT%"

// Report writes res as SARIF.
func (s *SARIF) Report(w io.Writer, res *lint.Result) error {
	described := s.Options.Rules
	if described == nil {
		described = rules.All()
	}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "daemonlint",
			Version:        strings.TrimPrefix(s.Options.Version, "v"),
			InformationURI: lint.HomeURL,
		}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	if s.Options.BaseDir != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{
			srcRoot: {URI: fileURI(s.Options.BaseDir, true)},
		}
	}
	if res.NotManifests > 0 {
		// What no rule checked: documents and files that are not
		// Kubernetes objects (see lint.IsManifest).
		run.Properties = map[string]any{"notManifests": res.NotManifests, "notManifestFiles": res.NotManifestFiles}
	}
	index := map[string]int{}
	addRule := func(r sarifRule) {
		index[r.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, r)
	}
	for _, r := range described {
		addRule(sarifRuleOf(r))
	}
	for _, d := range res.Diagnostics {
		if _, ok := index[d.Rule]; !ok {
			// A rule that is not described, such as internal-error.
			addRule(sarifRule{
				ID:                   d.Rule,
				ShortDescription:     sarifText{Text: d.Rule},
				FullDescription:      sarifText{Text: d.Rule},
				DefaultConfiguration: sarifConfiguration{Level: sarifLevel(d.Severity)},
			})
		}
		loc := s.artifact(d.File)
		result := sarifResult{
			RuleID:    d.Rule,
			RuleIndex: index[d.Rule],
			Level:     sarifLevel(d.Severity),
			Message:   sarifText{Text: d.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: loc,
				Region:           region(d.Start, d.End),
			}}},
		}
		props := map[string]any{"document": d.Document}
		if d.Field != "" {
			props["field"] = d.Field
		}
		if d.Object != (manifest.Object{}) {
			props["object"] = d.Object
		}
		result.Properties = props
		if f := fileOf(res, d.File); f != nil {
			for _, fix := range d.Fixes {
				change := sarifArtifactChange{ArtifactLocation: loc}
				for _, e := range fix.Edits {
					change.Replacements = append(change.Replacements, sarifReplacement{
						DeletedRegion:   *region(f.Position(e.Start), f.Position(e.End)),
						InsertedContent: sarifText{Text: e.NewText},
					})
				}
				result.Fixes = append(result.Fixes, sarifFix{
					Description:     sarifText{Text: fix.Message},
					ArtifactChanges: []sarifArtifactChange{change},
				})
			}
		}
		run.Results = append(run.Results, result)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// artifact returns the location of a file: relative to %SRCROOT% when it is
// under BaseDir, an absolute file URI otherwise, and a description alone
// for standard input.
func (s *SARIF) artifact(name string) sarifArtifactLocation {
	if name == "-" {
		return sarifArtifactLocation{URI: "stdin", Description: &sarifText{Text: "standard input"}}
	}
	base := s.Options.BaseDir
	if base == "" {
		return sarifArtifactLocation{URI: relativeURI(filepath.Clean(name))}
	}
	abs := name
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(base, name)
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return sarifArtifactLocation{URI: fileURI(abs, false)}
	}
	return sarifArtifactLocation{URI: relativeURI(rel), URIBaseID: srcRoot}
}

// relativeURI writes a relative path as a URI reference.
func relativeURI(p string) string {
	u := url.URL{Path: filepath.ToSlash(p)}
	return u.String()
}

// fileURI writes an absolute path as a file URI; a directory's ends with a
// slash, as SARIF requires of a base URI.
func fileURI(p string, dir bool) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows path such as C:/x
	}
	if dir && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String()
}

// region returns a SARIF region for a span's start and end. SARIF's
// endColumn is, like ours, the column just past the last character.
func region(start, end manifest.Position) *sarifRegion {
	if end.Line < start.Line || end.Line == start.Line && end.Column < start.Column {
		end = start
	}
	return &sarifRegion{StartLine: start.Line, StartColumn: start.Column, EndLine: end.Line, EndColumn: end.Column}
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "note"
}

// sarifRuleOf describes a rule, with its documentation as help.
func sarifRuleOf(r *lint.Rule) sarifRule {
	desc := r.Description()
	if desc == "" {
		desc = r.Title()
	}
	return sarifRule{
		ID:                   r.Name,
		ShortDescription:     sarifText{Text: r.Title()},
		FullDescription:      sarifText{Text: unwrap(desc)},
		HelpURI:              r.URL(),
		Help:                 &sarifText{Text: helpText(r), Markdown: helpMarkdown(r)},
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)},
		Properties:           map[string]any{"tags": []string{"kubernetes"}, "since": r.Since},
	}
}

// unwrap joins the lines of each paragraph, keeping the blank lines between
// paragraphs, for viewers that wrap text themselves.
func unwrap(text string) string {
	paras := strings.Split(text, "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(slices.DeleteFunc(paras, func(p string) bool { return p == "" }), "\n\n")
}

// helpText is the rule's whole documentation as plain text.
func helpText(r *lint.Rule) string {
	var b strings.Builder
	b.WriteString(r.Title())
	if desc := r.Description(); desc != "" {
		b.WriteString("\n\n" + desc)
	}
	for _, ex := range []struct{ name, yaml string }{{"Bad", r.Bad}, {"Good", r.Good}} {
		if ex.yaml != "" {
			fmt.Fprintf(&b, "\n\n%s:\n\n%s", ex.name, indent(ex.yaml, "    "))
		}
	}
	return b.String()
}

// helpMarkdown is the rule's whole documentation as Markdown.
func helpMarkdown(r *lint.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**", r.Title())
	if desc := r.Description(); desc != "" {
		b.WriteString("\n\n" + unwrap(desc))
	}
	for _, ex := range []struct{ name, yaml string }{{"Bad", r.Bad}, {"Good", r.Good}} {
		if ex.yaml != "" {
			fmt.Fprintf(&b, "\n\n%s:\n\n```yaml\n%s\n```", ex.name, strings.TrimRight(ex.yaml, "\n"))
		}
	}
	if r.Since != "" {
		fmt.Fprintf(&b, "\n\nSince %s.", r.Since)
	}
	return b.String()
}

// indent puts prefix before every non-empty line of text.
func indent(text, prefix string) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}
