// Package plural spells English count nouns for messages: "1 node",
// "3 nodes".
package plural

import "strconv"

// Word returns word for a count of one and word+"s" for any other count.
func Word(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Count returns n followed by Word(n, word): "1 error", "0 errors".
func Count(n int, word string) string {
	return strconv.Itoa(n) + " " + Word(n, word)
}
