//go:build !unix

package cli

// offHeapBuffer returns nil: on this system inputs are read into the Go heap.
func offHeapBuffer(n int) []byte { return nil }
