// Package plural writes counted nouns for messages.
package plural

// Word returns word, followed by "s" unless n is 1: Word(2, "file") is
// "files". Nouns with another plural are written out by their callers.
func Word(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
