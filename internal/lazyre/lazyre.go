// Package lazyre compiles regular expressions on first use rather than when
// a package is loaded, so that a run that never needs one does not pay for
// it at start-up.
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr the first time it is called,
// from any goroutine, and returns the same *regexp.Regexp after that. It
// panics on the first call if expr does not compile, as
// regexp.MustCompile does.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
