// Package render builds the inputs that are not plain manifests, Helm
// charts and kustomizations, into manifest streams that can be linted like
// any file, each with a source map back to the files a person edits.
//
// The engines are the projects' own (helm.sh/helm/v4 in render/helm,
// sigs.k8s.io/kustomize/api in render/kustomize); this package holds only
// what they share, so that a program that imports neither links neither.
package render

// An Output is one rendered manifest stream: what Helm rendered from one
// template file with one set of values, or what kustomize built from one
// kustomization.
type Output struct {
	// Name is what messages call the stream when no source position
	// applies; unique within one render ("charts/agent/templates/ds.yaml").
	Name string
	// Src is the rendered YAML.
	Src []byte
	// Map maps byte ranges of Src back to the files that produced them.
	Map SourceMap
	// Origin says what was rendered, and with which inputs.
	Origin Origin
}

// An Origin says what an Output was rendered from.
type Origin struct {
	// Kind is "chart" or "kustomization".
	Kind string
	// Root is the chart's or the kustomization's directory.
	Root string
	// Values are the values files of a chart render, in the order given
	// (the chart's own values.yaml first); empty for kustomizations.
	Values []string
}

// A SourceMap maps byte ranges of a rendered stream back to the source
// files that produced them.
type SourceMap interface {
	// Locate returns where the rendered bytes [start, end) came from.
	// It never fails: when nothing better is known, it returns the file
	// that produced the stream (a template file, a kustomization.yaml),
	// at its start, not Exact.
	Locate(start, end int) Location
}

// A Location is a place in a source file that produced rendered text.
type Location struct {
	// File is the source file's path, as the renderer was given it.
	File string
	// Start and End are a half-open byte range of File's bytes.
	Start, End int
	// Exact is set when the rendered bytes are the same as the source
	// bytes [Start, End), byte for byte, so that an edit of the rendered
	// bytes can be applied to the source at the same offsets shifted by
	// Start minus the rendered start.
	Exact bool
	// Note says, for people, what produced the text when it is not the
	// literal text at Location: "from values.yaml: resources",
	// "set by the patch in overlays/prod".
	Note string
}

// A Failure is a render or build that did not succeed: one finding at the
// place the engine names.
type Failure struct {
	// File is the file the engine names (a template, a kustomization.yaml,
	// a values file).
	File string
	// Line is its 1-based line, or 0 when the engine names none.
	Line int
	// Message says what went wrong, in the engine's words.
	Message string
	// Origin says which render failed.
	Origin Origin
}
