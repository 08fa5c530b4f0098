package convert

import (
	"fmt"
	"slices"

	"github.com/daemonlint/daemonlint/manifest"
)

// Options choose what Convert and Edits convert.
type Options struct {
	// Kinds are the kinds to convert: "ReplicaSet", "Deployment" or both.
	// Empty means both.
	Kinds []string
	// Name, when not empty, limits the conversion to objects of that name.
	Name string
	// File is the name that notes and errors give the input ("-" for
	// standard input). Edits takes it from the document's file instead.
	File string
}

// SupportedKinds are the kinds a conversion can start from.
var SupportedKinds = []string{"ReplicaSet", "Deployment"}

// converts reports whether opts ask for objects of kind named name.
func (o Options) converts(kind, name string) bool {
	if len(o.Kinds) > 0 && !slices.Contains(o.Kinds, kind) {
		return false
	}
	return o.Name == "" || o.Name == name
}

// A Note tells what a conversion dropped or changed and why, or what means
// something else now that the object is a DaemonSet. Notes are for people;
// they never stop a conversion.
type Note struct {
	// File is the input's name; empty for ToDaemonSet.
	File string
	// Pos is where the note applies in the original text; zero for
	// ToDaemonSet.
	Pos manifest.Position
	// Document is the 0-based index of the document in its file (see
	// manifest.Document.Index).
	Document int
	// Name is the name of the object the note is about.
	Name string
	// Field is the field path of the original object the note is about,
	// or empty.
	Field string
	// Message says what happened and why.
	Message string
}

// String formats the note as file:line: note: message.
func (n Note) String() string {
	if n.File == "" {
		return "note: " + n.Message
	}
	return fmt.Sprintf("%s:%d: note: %s", n.File, n.Pos.Line, n.Message)
}

// An Error is a document that cannot be converted, or a stream that cannot
// be read.
type Error struct {
	// File is the input's name.
	File string
	// Pos is where the problem is.
	Pos manifest.Position
	// Document is the 0-based index of the document in its file.
	Document int
	// Kind and Name name the object, when known.
	Kind, Name string
	// Msg says what is wrong.
	Msg string
}

// Error formats the error as file:line:column: cannot convert Kind "name":
// message. Without a file name, it begins with "line L, column C: " where
// the position is known.
func (e *Error) Error() string {
	what := ""
	if e.Kind != "" {
		what = fmt.Sprintf("cannot convert %s %q: ", e.Kind, e.Name)
	}
	switch {
	case e.File != "":
		return fmt.Sprintf("%s:%d:%d: %s%s", e.File, e.Pos.Line, e.Pos.Column, what, e.Msg)
	case e.Pos.Line > 0:
		return fmt.Sprintf("line %d, column %d: %s%s", e.Pos.Line, e.Pos.Column, what, e.Msg)
	}
	return what + e.Msg
}
