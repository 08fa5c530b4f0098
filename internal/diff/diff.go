// Package diff writes unified diffs of two texts, line by line, as
// `diff -u` and `git diff` print them, for the CLI's --diff output.
package diff

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// Context is the number of unchanged lines shown around each change.
const Context = 3

// maxEdits bounds the work spent looking for the smallest diff: past this
// many changed lines, the differing middle of the texts is shown as one
// removal and one addition, which is still a correct diff.
const maxEdits = 2000

// Unified returns the unified diff that turns old into new, with headers
// naming oldName and newName, or nil when the texts are equal. Lines keep
// their line breaks, so a CRLF file diffs as CRLF; a last line without a
// line break is marked "\ No newline at end of file".
func Unified(oldName, newName string, old, new []byte) []byte {
	if bytes.Equal(old, new) {
		return nil
	}
	ops := script(splitLines(old), splitLines(new))
	var b bytes.Buffer
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", oldName, newName)
	// aLine[i] and bLine[i] count the old and new lines before ops[i].
	aLine, bLine := make([]int, len(ops)+1), make([]int, len(ops)+1)
	for i, o := range ops {
		aLine[i+1], bLine[i+1] = aLine[i], bLine[i]
		if o.kind != '+' {
			aLine[i+1]++
		}
		if o.kind != '-' {
			bLine[i+1]++
		}
	}
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(0, i-Context)
		end := i // the last change of the hunk
		// Changes whose contexts meet share a hunk.
		for j := i + 1; j < len(ops) && j-end-1 <= 2*Context; j++ {
			if ops[j].kind != ' ' {
				end = j
			}
		}
		stop := min(len(ops), end+Context+1)
		fmt.Fprintf(&b, "@@ -%s +%s @@\n", hunkRange(aLine[start], aLine[stop]-aLine[start]),
			hunkRange(bLine[start], bLine[stop]-bLine[start]))
		for _, o := range ops[start:stop] {
			b.WriteByte(o.kind)
			b.WriteString(o.line)
			if !strings.HasSuffix(o.line, "\n") {
				b.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = stop
	}
	return b.Bytes()
}

// hunkRange formats a hunk's line range as diff -u does: "start,count",
// with the count left out when it is 1, and the line before when empty.
func hunkRange(before, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", before)
	case 1:
		return fmt.Sprint(before + 1)
	}
	return fmt.Sprintf("%d,%d", before+1, count)
}

// splitLines splits text after each "\n"; the last line may lack one.
func splitLines(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	lines := strings.SplitAfter(string(b), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// An op is one line of an edit script: kept (' '), removed ('-') or added
// ('+').
type op struct {
	kind byte
	line string
}

// script returns a shortest edit script from x to y (Myers' algorithm),
// after taking off the lines they share at the start and the end.
func script(x, y []string) []op {
	p := 0
	for p < len(x) && p < len(y) && x[p] == y[p] {
		p++
	}
	s := 0
	for s < len(x)-p && s < len(y)-p && x[len(x)-1-s] == y[len(y)-1-s] {
		s++
	}
	var ops []op
	for _, l := range x[:p] {
		ops = append(ops, op{' ', l})
	}
	ops = append(ops, middle(x[p:len(x)-s], y[p:len(y)-s])...)
	for _, l := range x[len(x)-s:] {
		ops = append(ops, op{' ', l})
	}
	return ops
}

// middle is Myers' O(ND) diff of x and y.
func middle(x, y []string) []op {
	n, m := len(x), len(y)
	if n == 0 && m == 0 {
		return nil
	}
	limit := min(n+m, maxEdits)
	// v[off+k] is the furthest x reached on diagonal k = x - y; trace[d]
	// keeps v for the diagonals -d..d after step d, for the way back.
	off := limit + 1
	v := make([]int, 2*off+1)
	var trace [][]int
	for d := 0; d <= limit; d++ {
		for k := -d; k <= d; k += 2 {
			var xx int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				xx = v[off+k+1] // down: a line of y is added
			} else {
				xx = v[off+k-1] + 1 // right: a line of x is removed
			}
			yy := xx - k
			for xx < n && yy < m && x[xx] == y[yy] {
				xx++
				yy++
			}
			v[off+k] = xx
			if xx >= n && yy >= m {
				trace = append(trace, slices.Clone(v[off-d:off+d+1]))
				return backtrack(trace, x, y)
			}
		}
		trace = append(trace, slices.Clone(v[off-d:off+d+1]))
	}
	return replaceAll(x, y)
}

// backtrack walks the trace from the end to the start and returns the
// edit script.
func backtrack(trace [][]int, x, y []string) []op {
	var rev []op
	xx, yy := len(x), len(y)
	for d := len(trace) - 1; d > 0; d-- {
		prev := trace[d-1] // diagonals -(d-1)..d-1
		at := func(k int) int { return prev[k+d-1] }
		k := xx - yy
		var startX int
		down := k == -d || k != d && at(k-1) < at(k+1)
		if down {
			startX = at(k + 1)
		} else {
			startX = at(k-1) + 1
		}
		for xx > startX {
			rev = append(rev, op{' ', x[xx-1]})
			xx--
			yy--
		}
		if down {
			rev = append(rev, op{'+', y[yy-1]})
			yy--
		} else {
			rev = append(rev, op{'-', x[xx-1]})
			xx--
		}
	}
	for xx > 0 && yy > 0 {
		rev = append(rev, op{' ', x[xx-1]})
		xx--
		yy--
	}
	slices.Reverse(rev)
	return rev
}

// replaceAll is the edit script that removes all of x and adds all of y.
func replaceAll(x, y []string) []op {
	ops := make([]op, 0, len(x)+len(y))
	for _, l := range x {
		ops = append(ops, op{'-', l})
	}
	for _, l := range y {
		ops = append(ops, op{'+', l})
	}
	return ops
}
