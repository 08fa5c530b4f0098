package convert

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/manifest"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	sigsjson "sigs.k8s.io/json"
)

// Convert converts every ReplicaSet and Deployment of the YAML stream src
// that opts select into a DaemonSet, and returns the new stream and the
// notes of every conversion. Every byte outside the conversions' edits is
// kept; when nothing is converted the result is src itself.
//
// A document that cannot be converted is left as it is and the others are
// still converted; the error then joins an *Error for each such document
// (and for each YAML syntax error), naming the file and line. A caller
// that writes the result over the input should not do so when err is not
// nil.
//
// Besides each document's own notes, Convert notes the objects of the
// stream whose meaning changes with the conversion: a
// HorizontalPodAutoscaler that scales a converted object, a
// PodDisruptionBudget that selects its pods.
func Convert(src []byte, opts Options) ([]byte, []Note, error) {
	f := manifest.NewFile(opts.File, src)
	docs, serrs := manifest.Parse(f)
	var (
		errs      []error
		edits     []manifest.Edit
		notes     []Note
		converted []*sourceConv
	)
	for _, e := range serrs {
		errs = append(errs, &Error{File: f.Name, Pos: e.Pos, Document: e.Document, Msg: "YAML syntax error: " + e.Msg})
	}
	for _, d := range docs {
		c, err := convertDocument(d, opts)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if c == nil {
			continue
		}
		converted = append(converted, c)
		edits = append(edits, c.edits...)
		notes = append(notes, c.notes...)
	}
	notes = append(notes, streamNotes(docs, converted)...)
	slices.SortStableFunc(notes, func(a, b Note) int { return cmp.Compare(a.Pos.Line, b.Pos.Line) })
	if len(edits) == 0 {
		return src, notes, errors.Join(errs...)
	}
	out, err := manifest.ApplyEdits(src, edits)
	if err != nil {
		// Each document's edits lie within it, so this is a bug.
		return src, notes, fmt.Errorf("%s: applying the conversion's edits: %w", f.Name, err)
	}
	return out, notes, errors.Join(errs...)
}

// streamNotes are the notes about the other objects of a stream that refer
// to a converted one.
func streamNotes(docs []*manifest.Document, converted []*sourceConv) []Note {
	var notes []Note
	for _, d := range docs {
		group, _ := d.GroupVersion()
		switch {
		case d.Kind == "HorizontalPodAutoscaler" && group == "autoscaling":
			loc := d.Lookup("spec.scaleTargetRef")
			ref := yamlutil.ResolveAlias(loc.Node)
			if !loc.Exact {
				continue
			}
			kind, name := scalarValue(ref, "kind"), scalarValue(ref, "name")
			for _, c := range converted {
				if name == c.d.Name && (kind == c.kind || kind == c.d.Kind) && sameNamespace(d, c.d) {
					notes = append(notes, Note{File: d.File.Name, Pos: d.File.Position(loc.Span.Start), Document: d.Index, Name: d.Name,
						Field:   "spec.scaleTargetRef",
						Message: fmt.Sprintf("HorizontalPodAutoscaler %q scales %s %q, which becomes a DaemonSet: a DaemonSet cannot be scaled, so remove the HorizontalPodAutoscaler", d.Name, c.kind, c.d.Name)})
				}
			}
		case d.Kind == "PodDisruptionBudget" && group == "policy":
			sel := pdbSelector(d)
			if sel == nil {
				continue
			}
			loc := d.Lookup("spec.selector")
			for _, c := range converted {
				if len(c.podLabels) > 0 && sel.Matches(labels.Set(c.podLabels)) && sameNamespace(d, c.d) {
					notes = append(notes, Note{File: d.File.Name, Pos: d.File.Position(loc.Span.Start), Document: d.Index, Name: d.Name,
						Field:   "spec.selector",
						Message: fmt.Sprintf("PodDisruptionBudget %q selects the pods of %s %q, which becomes a DaemonSet: kubectl drain skips DaemonSet pods, and the disruption controller cannot work out maxUnavailable or a percentage for them (a DaemonSet has no scale); remove it, or use an integer minAvailable", d.Name, c.kind, c.d.Name)})
				}
			}
		}
	}
	return notes
}

// pdbSelector returns the label selector of a PodDisruptionBudget, or nil.
func pdbSelector(d *manifest.Document) labels.Selector {
	data, err := d.JSON()
	if err != nil {
		return nil
	}
	var pdb struct {
		Spec struct {
			Selector *metav1.LabelSelector `json:"selector"`
		} `json:"spec"`
	}
	if err := sigsjson.UnmarshalCaseSensitivePreserveInts(data, &pdb); err != nil || pdb.Spec.Selector == nil {
		return nil
	}
	sel, err := metav1.LabelSelectorAsSelector(pdb.Spec.Selector)
	if err != nil {
		return nil
	}
	return sel
}

// sameNamespace reports whether two objects may be in the same namespace:
// an object without one goes to the namespace it is applied in.
func sameNamespace(a, b *manifest.Document) bool {
	return a.Namespace == b.Namespace || a.Namespace == "" || b.Namespace == ""
}
