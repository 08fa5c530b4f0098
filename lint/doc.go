// Package lint reads Kubernetes manifests with a position for every node and
// checks them with rules, the way the API server would judge them.
//
// Linting a manifest takes three calls:
//
//	f := lint.NewFile("agent.yaml", src)
//	res := lint.Run([]*lint.File{f}, lint.Options{Rules: lint.Rules()})
//	for _, d := range res.Diagnostics {
//		fmt.Printf("%s:%d:%d: %s (%s)\n", d.File, d.Start.Line, d.Start.Column, d.Message, d.Rule)
//	}
//
// Package report writes a Result as text, JSON, SARIF, GitHub workflow
// commands or JUnit XML.
//
// # Files, documents and positions
//
// A File is a name and its bytes. Parse reads all of a file's documents
// with one yaml.v3 decoder, so every line is absolute in the file; a List
// (any object with a top-level items sequence, as kubectl sees it) gives one
// Document per item as well, positioned inside the List. A Document carries
// its yaml.v3 node tree and its apiVersion, kind, name and namespace.
//
// yaml.v3 reports a 1-based line and a column counted in characters, and no
// end. File.Offset is the one place that turns a line and column into a
// byte offset (it knows multi-byte characters, tabs, CRLF and a byte-order
// mark); File.NodeEnd computes where a node ends; File.Position goes back.
// Document.Lookup turns an API-server field path such as
// "spec.template.spec.containers[1].name" or "metadata.labels[app]" into
// the node and span it names, or those of its nearest existing parent.
//
// # Two readings of one document
//
// Positions come from the yaml.v3 tree, which reads YAML 1.2. Values must
// mean what they mean to the API server, which gets JSON that kubectl made
// with YAML 1.1 rules: an unquoted on, yes or off is a boolean there.
// Document.JSON gives that JSON, Document.Value the same object as Go values
// (for checks such as JSON schemas that work on values), and Document.Decode
// the typed object the server would decode from the JSON. A finding from the
// typed object is placed with Lookup of its field path.
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
// Rules are listed in plain slices (see Rules); nothing registers itself,
// and Validate checks a list. Run calls a rule once per document of the
// kinds it reads (or once per file, for FileScope rules) with a Pass, which
// holds the file, the document and Report. A rule reports findings through
// the Pass; its own error return is only for when the rule itself broke. A
// panic in a rule is recovered and reported as an internal-error diagnostic.
//
// Run reads a file document by document (ParseSeq) and checks each one on a
// pool of workers while the next is read, so that one large file uses every
// core and memory follows the largest document, not the file: a document's
// node tree is dropped once its rules have run. A FileScope rule therefore
// sees the file's syntax errors, not its documents; when it must look at
// them, its EachDocument function is called with each one as it is read.
//
// # Limits
//
// Parse stops reading a document at MaxDocumentBytes of YAML or
// MaxDocumentItems lines and list items, and JSON refuses an object over
// MaxObjectBytes; either is a syntax finding that names the limit, and the
// rest of the file is read.
//
// # Diagnostics and fixes
//
// A Diagnostic has a byte span (and the same span as lines and columns), the
// rule's name, a severity, a message that says what is wrong and what to
// write instead, the API server's field path, and optional fixes.
// Severities mean: Error, the API server would reject it; Warning, it
// accepts it but it is very likely a mistake; Info, advice.
//
// A Fix is a message and a list of Edits; an Edit replaces a half-open byte
// range of the original file with new text. Fixes are independent edits
// against the same original; ApplyEdits sorts them and refuses overlaps,
// and ApplyFixes applies the first fix of each diagnostic, leaving those
// that overlap for a second run. Output is never made by re-encoding a
// yaml.v3 tree: that would lose comments, blank lines, quoting and key
// order. The helpers RemoveEntry, RemoveEntries, RemoveItems, InsertEntry
// and ReplaceScalar on File write edits in the document's own style.
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
// CheckFile drops the findings they suppress after every rule has run.
// The ignore-directive rule reports directives without a reason (which
// suppress nothing), names of unknown rules, and comment directives that
// suppressed nothing, with a fix that removes them.
//
// # Testing rules
//
// Package linttest runs a rule on YAML files that carry their expectations
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
