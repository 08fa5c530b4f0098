//go:build ignore

// Composition describes a corpus the way the README compares the generated
// benchmark corpus with the shared one: documents per kind, bytes, and the
// distribution of lines per document.
//
//	go run bench/composition.go PATH...
//
// A document's lines run from its first node to the line before the next
// document's first node, less trailing blank lines, comments and document
// markers. Documents yaml.v3 cannot read are counted apart.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

type doc struct {
	kind         string
	lines, bytes int
}

func main() {
	var docs []doc
	files, broken := 0, 0
	for _, root := range os.Args[1:] {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if !strings.HasSuffix(path, ".yaml") && !strings.HasSuffix(path, ".yml") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			ds, bad := measure(data)
			docs = append(docs, ds...)
			broken += bad
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	report(files, broken, docs)
}

// measure returns the documents of one file and how many could not be read.
func measure(data []byte) ([]doc, int) {
	lines := bytes.SplitAfter(data, []byte("\n"))
	dec := yaml.NewDecoder(bytes.NewReader(data))
	type start struct {
		line int
		kind string
	}
	var starts []start
	bad := 0
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			bad++
			break
		}
		if len(n.Content) == 0 || n.Content[0].Kind != yaml.MappingNode {
			continue
		}
		root := n.Content[0]
		kind := "(no kind)"
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == "kind" {
				kind = root.Content[i+1].Value
			}
		}
		starts = append(starts, start{root.Line, kind})
	}
	var out []doc
	for i, s := range starts {
		end := len(lines)
		if i+1 < len(starts) {
			end = starts[i+1].line - 1
		}
		for end > s.line {
			t := strings.TrimSpace(string(lines[end-1]))
			if t != "" && !strings.HasPrefix(t, "#") && t != "---" && t != "..." {
				break
			}
			end--
		}
		size := 0
		for l := s.line; l <= end && l <= len(lines); l++ {
			size += len(lines[l-1])
		}
		out = append(out, doc{s.kind, end - s.line + 1, size})
	}
	return out, bad
}

func report(files, broken int, docs []doc) {
	total := 0
	kinds := map[string][]doc{}
	for _, d := range docs {
		total += d.bytes
		kinds[d.kind] = append(kinds[d.kind], d)
	}
	fmt.Printf("%d files, %d documents (%d unreadable), %.1f MB, %.0f bytes per document\n",
		files, len(docs), broken, float64(total)/1e6, float64(total)/float64(max(len(docs), 1)))
	fmt.Printf("lines per document: %s\n", quantiles(docs))
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		if len(kinds[names[i]]) != len(kinds[names[j]]) {
			return len(kinds[names[i]]) > len(kinds[names[j]])
		}
		return names[i] < names[j]
	})
	fmt.Printf("%-32s %6s %6s %8s  %s\n", "kind", "docs", "%", "% bytes", "lines p10 p50 p90 max")
	for _, k := range names {
		ds := kinds[k]
		b := 0
		for _, d := range ds {
			b += d.bytes
		}
		fmt.Printf("%-32s %6d %6.1f %8.1f  %s\n", k, len(ds), 100*float64(len(ds))/float64(len(docs)),
			100*float64(b)/float64(total), quantiles(ds))
	}
}

func quantiles(ds []doc) string {
	l := make([]int, len(ds))
	for i, d := range ds {
		l[i] = d.lines
	}
	sort.Ints(l)
	q := func(p float64) int { return l[int(p*float64(len(l)-1))] }
	return fmt.Sprintf("%d %d %d %d", q(0.1), q(0.5), q(0.9), l[len(l)-1])
}
