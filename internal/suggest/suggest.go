// Package suggest finds the name that a misspelt name most likely meant:
// a rule name in a directive or a configuration file, a kind, a field.
// It is the one closest-name search that daemonlint's messages share.
package suggest

import (
	"slices"
	"strings"
)

// Distance returns the optimal-string-alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent bytes
// each cost one.
func Distance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// FoldedDistance is Distance between the lower-case forms of a and b.
func FoldedDistance(a, b string) int {
	return Distance(strings.ToLower(a), strings.ToLower(b))
}

// A Search says how close a candidate must be to be suggested.
type Search struct {
	// Distance measures how far name is from a candidate; nil means
	// Distance.
	Distance func(name, candidate string) int
	// Max returns the greatest distance at which candidate is still
	// suggested.
	Max func(candidate string) int
	// FirstOfTies makes Closest return the first, in sort order, of
	// candidates that are equally close; otherwise such a tie suggests
	// nothing, as neither is more likely than the other.
	FirstOfTies bool
}

// Closest returns the candidate closest to name, or "" when none is close
// enough (or, unless FirstOfTies, when several are equally close).
func (s Search) Closest(name string, candidates []string) string {
	dist := s.Distance
	if dist == nil {
		dist = Distance
	}
	if s.FirstOfTies {
		candidates = slices.Sorted(slices.Values(candidates))
	}
	best, bestDist, ambiguous := "", -1, false
	for _, c := range candidates {
		d := dist(name, c)
		if d > s.Max(c) {
			continue
		}
		switch {
		case bestDist < 0 || d < bestDist:
			best, bestDist, ambiguous = c, d, false
		case d == bestDist:
			ambiguous = true
		}
	}
	if ambiguous && !s.FirstOfTies {
		return ""
	}
	return best
}

// Within returns a Max function that accepts distance n for every
// candidate.
func Within(n int) func(string) int {
	return func(string) int { return n }
}
