package manifest_test

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/daemonlint/daemonlint/manifest"
)

type memoKey struct{ name string }

// TestMemo checks that Memo computes a value once per document and key,
// also when asked from several goroutines, and keeps keys and documents
// apart.
func TestMemo(t *testing.T) {
	docs, _ := manifest.Parse(manifest.NewFile("a.yaml", []byte("kind: A\n---\nkind: B\n")))
	var calls atomic.Int32
	compute := func(v string) func() any {
		return func() any { calls.Add(1); return v }
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := docs[0].Memo(memoKey{"x"}, compute("first")); got != "first" {
				t.Errorf("Memo = %v, want first", got)
			}
		})
	}
	wg.Wait()
	if got := docs[0].Memo(memoKey{"x"}, compute("second")); got != "first" || calls.Load() != 1 {
		t.Errorf("Memo again = %v after %d computations, want first after 1", got, calls.Load())
	}
	if got := docs[0].Memo(memoKey{"y"}, compute("y")); got != "y" {
		t.Errorf("Memo of another key = %v, want y", got)
	}
	if got := docs[1].Memo(memoKey{"x"}, compute("other document")); got != "other document" {
		t.Errorf("Memo of another document = %v, want its own value", got)
	}
}
