// Package lint reads Kubernetes manifests with a position for every node and
// checks them with rules, the way the API server would judge them.
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
// Document.JSON gives that JSON, and Document.Decode the typed object the
// server would decode from it. A finding from the typed object is placed
// with Lookup of its field path.
//
// # Rules, passes and diagnostics
//
// A Rule is a value: a kebab-case Name, a Doc whose first line is its title,
// a default Severity, the Kinds it reads, and a Run function. Rules are
// listed in plain slices (see Rules); Validate checks a list. Run calls a
// rule once per document of the kinds it reads (or once per file, for
// FileScope rules) with a Pass, which holds the file, the document and
// Report. A rule reports findings through the Pass; its own error return is
// only for when the rule itself broke. A panic in a rule is recovered and
// reported as an internal-error diagnostic.
//
// A Diagnostic has a byte span (and the same span as lines and columns), the
// rule's name, a severity, a message that says what is wrong and what to
// write instead, the API server's field path, and optional fixes.
//
// # Fixes and edits
//
// A Fix is a message and a list of Edits; an Edit replaces a half-open byte
// range of the original file with new text. Fixes are independent edits
// against the same original; ApplyEdits sorts them and refuses overlaps.
// Output is never made by re-encoding a yaml.v3 tree: that would lose
// comments, blank lines, quoting and key order. The helpers RemoveEntry,
// RemoveEntries, RemoveItems, InsertEntry and ReplaceScalar on File write
// edits in the document's own style.
//
// # Testing rules
//
// Package linttest runs a rule on YAML files that carry their expectations
// inline: a comment `# want "regexp"` on the line where a diagnostic must
// start. Every diagnostic must match one, and every expectation must be
// met; a file's fixes are compared with its .golden file.
package lint
