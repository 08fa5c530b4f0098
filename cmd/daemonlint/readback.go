package main

import "os"

// readBack reads a file that was just rewritten.
func readBack(path string) ([]byte, error) { return os.ReadFile(path) }
