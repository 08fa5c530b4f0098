package manifest

import (
	"fmt"
	"slices"
)

// An Edit replaces the half-open byte range [Start, End) of a file's
// original bytes with NewText. An insertion has Start == End; a deletion has
// an empty NewText.
type Edit struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	NewText string `json:"newText"`
}

// ApplyEdits returns src with edits applied. The edits are all relative to
// src; they are applied in order of position, and identical edits count
// once. Edits that overlap, or that fall outside src, are an error and
// nothing is applied. Insertions at the same offset keep their given order.
func ApplyEdits(src []byte, edits []Edit) ([]byte, error) {
	sorted, err := SortEdits(edits, len(src))
	if err != nil {
		return nil, err
	}
	size := len(src)
	for _, e := range sorted {
		size += len(e.NewText) - (e.End - e.Start)
	}
	out := make([]byte, 0, size)
	last := 0
	for _, e := range sorted {
		out = append(out, src[last:e.Start]...)
		out = append(out, e.NewText...)
		last = e.End
	}
	return append(out, src[last:]...), nil
}

// SortEdits returns a copy of edits sorted by position, with exact
// duplicates removed, after checking that each lies within [0, size] and
// that none overlaps another.
func SortEdits(edits []Edit, size int) ([]Edit, error) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b Edit) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	sorted = slices.Compact(sorted)
	for i, e := range sorted {
		if e.Start < 0 || e.End < e.Start || e.End > size {
			return nil, fmt.Errorf("edit [%d, %d) is outside the file (%d bytes)", e.Start, e.End, size)
		}
		if i > 0 {
			prev := sorted[i-1]
			// Touching edits are fine; an insertion inside a replaced
			// range, or two replacements that share bytes, are not.
			if e.Start < prev.End || (e.Start == prev.Start && e.Start != e.End && prev.Start != prev.End) {
				return nil, fmt.Errorf("edits [%d, %d) and [%d, %d) overlap", prev.Start, prev.End, e.Start, e.End)
			}
		}
	}
	return sorted, nil
}
