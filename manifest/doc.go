// Package manifest is daemonlint's source model: Kubernetes manifests read
// with a position for every node, and edited as bytes so that everything
// outside an edit stays as the user wrote it. It knows nothing of rules,
// severities or schemas; the lint engine, the rules and the converter all
// read manifests through it.
//
// # Files and positions
//
// A File is a name and its bytes (NewFile). yaml.v3 reports a 1-based line
// and a column counted in characters, and no end: File.Offset is the one
// place that turns a line and column into a byte offset (it knows
// multi-byte characters, tabs, CRLF and a byte-order mark), File.NodeEnd
// and File.NodeSpan compute where a node ends, and File.Position goes back
// from an offset to a Position.
//
// # Documents
//
// Parse reads all of a file's documents with one yaml.v3 decoder, so every
// line is absolute in the file, and returns them with their SyntaxErrors;
// ParseSeq yields them one at a time (Parsed), so that memory follows the
// largest document rather than the file. Split cuts a large file at its
// document markers into Parts that can be read at the same time; a Part
// says when it cannot be certain of reading its documents as ParseSeq
// would (a syntax error among them), and ParseSeq then reads the file. A List (any object with a
// top-level items sequence, as kubectl sees it) gives one Document per item
// as well, positioned inside the List. A Document carries its yaml.v3 node
// tree (exposed as go/analysis exposes go/ast), its apiVersion, kind, name
// and namespace, and its index in the file.
//
// Document.Lookup turns an API-server field path such as
// "spec.template.spec.containers[1].name" or "metadata.labels[app]"
// (ParsePath reads one into PathElements) into the node and span it names,
// or those of its nearest existing parent.
//
// # Two readings of one document
//
// Positions come from the yaml.v3 tree, which reads YAML 1.2. Values must
// mean what they mean to the API server, which gets JSON that kubectl made
// with YAML 1.1 rules: an unquoted on, yes or off is a boolean there.
// Document.JSON gives that JSON, Document.Value the same object as Go
// values, and Document.Decode the typed object (k8s.io/api) the server
// would decode from the JSON. What kubectl cannot send is a ValueError on
// the node at fault.
//
// # Templates
//
// An unrendered Helm or Go template is a property of a file:
// File.TemplateText finds its markers in a file that does not parse, and
// Document.Template in a document that does.
//
// # Edits
//
// An Edit replaces a half-open byte range of the original file with new
// text. ApplyEdits (and SortEdits) take edits that are all relative to the
// same original, sort them and refuse overlaps. File.ScalarSpan gives the
// bytes of a scalar's value, which an edit replaces; daemonlint's rules and
// converter write edits in the document's own style (indentation, flow or
// block, quoting, line breaks) with an internal package. A yaml.v3 tree is
// never re-encoded to produce output.
//
// # Limits
//
// Parse stops reading a document at MaxDocumentBytes of YAML or
// MaxDocumentItems lines and list items (a SyntaxError with TooLarge set),
// JSON and Value refuse an object over MaxObjectBytes or deeper than
// MaxDepth, and the rest of the file is read.
package manifest
