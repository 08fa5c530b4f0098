//go:build ignore

// Gen writes the benchmark corpus under a directory:
//
//	go run bench/gen.go DIR
//
// DIR/one/one.yaml is one 20-document file (the pre-commit case),
// DIR/many/NNN.yaml are 200 files of 50 documents (10 000 documents), and
// DIR/stream/stream.yaml is one stream of 100 MB, and DIR/chart/ is a Helm
// chart of 20 templates (each one document, like those of one.yaml). The
// same bytes come out on every machine.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/daemonlint/daemonlint/internal/benchgen"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run bench/gen.go DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	write := func(name string, data []byte) {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	write("one/one.yaml", benchgen.New(1).File(20))
	g := benchgen.New(2)
	for i := 0; i < 200; i++ {
		write(fmt.Sprintf("many/%03d.yaml", i), g.File(50))
	}
	write("stream/stream.yaml", benchgen.New(3).Stream(100<<20))
	for name, data := range benchgen.New(4).Chart(20) {
		write(filepath.Join("chart", filepath.FromSlash(name)), data)
	}
}
