// Package lint is daemonlint's rule engine: it runs rules over Kubernetes
// manifests read by package manifest and collects their findings, with
// positions, severities and fixes. The rules themselves are in package
// lint/rules; the engine knows none of them and runs those its caller
// gives it.
//
// Linting a manifest takes three calls:
//
//	f := manifest.NewFile("agent.yaml", src)
//	res, err := lint.Run([]*manifest.File{f}, lint.Options{Rules: rules.All()})
//	if err != nil {
//		return err // no rules, or an invalid rule list
//	}
//	for _, d := range res.Diagnostics {
//		fmt.Printf("%s:%d:%d: %s (%s)\n", d.File, d.Start.Line, d.Start.Column, d.Message, d.Rule)
//	}
//
// A zero Options has no rules, and Run refuses it (ErrNoRules) rather than
// check nothing. Package report writes a Result as text, JSON, SARIF,
// GitHub workflow commands or JUnit XML.
//
// # Files, documents and positions
//
// Files, documents, field paths, the two readings of a document (the YAML
// node tree for positions, the API server's YAML 1.1 reading for values)
// and edits are package manifest's; see its documentation.
//
// Not every YAML or JSON document is a Kubernetes object: IsManifest tells
// an object, or a try at one, from a docker-compose file, a values file or
// a JSON patch. Run runs no rule on the others, reports nothing on a file
// that holds nothing else (unless it is a template), and counts them in
// Result.NotManifests and Result.NotManifestFiles.
//
// # Rules and passes
//
// A Rule is a value: a kebab-case Name, a default Severity, the Kinds it
// reads, a Run function, and its documentation, written once: Doc (a title
// line, a blank line, then why it matters and what to write instead), a Bad
// and a Good example, and the version it came in (Since). The same text
// feeds go doc (through the rule variable's doc comment, which says what it
// checks), daemonlint rules, daemonlint explain RULE, the help of SARIF
// output and the README's rule table.
//
// Rules are listed in plain slices (rules.All has daemonlint's); nothing
// registers itself, and CheckRules checks a list (Run does too). Run calls
// a rule once per document of the kinds it reads (or once per file, for
// FileScope rules, and once per file after ignore directives were applied,
// for DirectiveScope rules) with a Pass, which holds the file, the document
// and Report. Rules do not call one another: a rule that must know whether
// another runs asks Pass.Enabled (validation reports selector errors itself
// when selector-mismatch is turned off). A rule reports findings through
// the Pass; its own error return is only for when the rule itself broke. A
// panic in a rule is recovered and reported as an internal-error diagnostic.
//
// Run reads a file document by document (ParseSeq) and checks each one on a
// pool of workers while the next is read; a large file is cut into parts
// (manifest.Split) that the workers read and check at the same time, so
// that one large file uses every core for its reading too. Memory follows
// the largest document, not the file: a document's node tree is dropped
// once its rules have run, and its findings are kept packed until the
// file is done. A FileScope rule therefore
// sees the file's syntax errors, not its documents; when it must look at
// them, its EachDocument function is called with each one as it is read.
//
// # Templates and internal errors
//
// A file that is an unrendered template ({{ … }}) cannot be checked: Run
// drops the other findings on it and reports it once, as an error under
// the rule name TemplateRule ("syntax"), whether or not the syntax rule
// runs. A rule that panics or returns an error, or the engine failing on a
// file, gives a diagnostic of InternalErrorRule.
//
// # Limits
//
// Beside manifest's limits on documents, a rule reports at most
// MaxFindingsPerRule findings in one document, and one more that counts the
// rest.
//
// # Diagnostics and fixes
//
// A Diagnostic has a byte span (and the same span as lines and columns), the
// rule's name, a severity, a message that says what is wrong and what to
// write instead, the API server's field path, and optional fixes.
// Severities mean: Error, the API server would reject it; Warning, it
// accepts it but it is very likely a mistake; Info, advice.
//
// A Fix is a message and a list of manifest.Edits, byte ranges of the
// original file of its diagnostic. ApplyFixes(f, diags) applies the first
// fix of each of f's diagnostics, leaving those that overlap for a second
// run; it leaves out the diagnostics of other files, so a whole Result's
// diagnostics can be passed for each of its files:
//
//	for _, f := range res.Files {
//		fixed, n, err := lint.ApplyFixes(f, res.Diagnostics)
//		…
//	}
//
// Output is never made by re-encoding a yaml.v3 tree: that would lose
// comments, blank lines, quoting and key order.
//
// # Configuration
//
// ParseConfig reads a .daemonlint.yaml file: rules turned off or given
// another severity, globs of paths to ignore, and what the cluster allows.
// Every unknown key and bad value is an error with its file, line and
// column. Config.Options turns a configuration into the Options of a run,
// and Config.Ignored says whether a path is ignored. Finding the file
// (walking up from the working directory) is the caller's job: this package
// reads no files, environment or working directory of its own.
//
// # Ignore directives
//
// A finding can be accepted where it is, with a reason, in a comment that
// kubectl ignores:
//
//	image: agent:latest # daemonlint:ignore RULE[,RULE] REASON
//
// at the end of the finding's line, or alone on the line above it; a
// "# daemonlint:file-ignore RULE REASON" comment covers its whole file, and
// the object annotation daemonlint.io/ignore ("RULE[,RULE] [REASON]")
// covers its object, for YAML that a tool generates without comments.
// The engine drops the findings they suppress after every rule has run,
// whether or not the ignore-directive rule runs. It hands the problems of
// the directives (no reason, which suppresses nothing; a name of a rule
// that is neither in Options.Rules nor in Options.Disabled; a comment
// directive that suppressed nothing, with a fix that removes it) to the
// DirectiveScope rules in Pass.Directives: the ignore-directive rule of
// lint/rules reports them.
//
// # Testing rules
//
// Package linttest runs rules on YAML files that carry their expectations
// inline: a comment `# want "regexp"` on the line where a diagnostic must
// start. Every diagnostic must match one, and every expectation must be
// met; a file's fixes are compared with its .golden file, which
// go test -update rewrites.
//
// The README's rule table is generated from the rules' documentation; after
// adding or changing a rule, regenerate it with go generate ./lint, which
// runs go test -run TestREADMERuleTable -update.
//
//go:generate go test -run TestREADMERuleTable -update
package lint
