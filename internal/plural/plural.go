// Package plural writes counted nouns for messages.
package plural

import "strconv"

// Word returns word, followed by "s" unless n is 1: Word(2, "file") is
// "files". Nouns with another plural are written out by their callers.
func Word(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Count returns n and word, in the plural unless n is 1: Count(2, "file")
// is "2 files".
func Count(n int, word string) string {
	return strconv.Itoa(n) + " " + Word(n, word)
}
