//go:build unix

package cli

import "syscall"

// offHeapBuffer returns a buffer of n bytes that the Go heap does not hold (an
// anonymous memory mapping, which lives as long as the process), or nil
// when none can be had.
func offHeapBuffer(n int) []byte {
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return nil
	}
	return b
}
