package manifest

import (
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/testcorpus"
	"github.com/daemonlint/daemonlint/internal/yamlutil"
)

// FuzzParse checks that parsing never panics, that every node maps to an
// offset inside the file whose Position gives the node's position back,
// and that Lookup finds every field path of a document's tree.
func FuzzParse(f *testing.F) {
	testcorpus.AddSeeds(f, filepath.Join("..", "lint", "rules", "testdata"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file := NewFile("fuzz.yaml", src)
		docs, errs := Parse(file)
		for _, e := range errs {
			if e.Offset < 0 || e.Offset > len(src) {
				t.Fatalf("syntax error offset %d outside the file", e.Offset)
			}
		}
		for _, d := range docs {
			checkNodes(t, file, d.Node, 0)
			if d.Item >= 0 {
				continue
			}
			checked := 0
			paths(d.Node, "", 0, func(path string) {
				// Lookup walks from the root; a few thousand paths are
				// enough, and keep one input from taking seconds.
				if checked++; checked > 2000 {
					return
				}
				if loc := d.Lookup(path); !loc.Exact {
					t.Fatalf("Lookup(%q) did not find a path taken from the tree (found %q)", path, loc.Found)
				}
			})
			d.JSON()
			d.Decode()
		}
	})
}

func checkNodes(t *testing.T, file *File, n *yaml.Node, depth int) {
	if n == nil || depth > 200 {
		return
	}
	off := file.NodeStart(n)
	if off < 0 || off > len(file.Src) {
		t.Fatalf("node at %d:%d maps to offset %d outside the file", n.Line, n.Column, off)
	}
	end := file.NodeEnd(n)
	if end < 0 || end > len(file.Src) {
		t.Fatalf("node at %d:%d ends at %d, outside the file", n.Line, n.Column, end)
	}
	if n.Line <= file.LineCount() && n.Kind == yaml.ScalarNode && n.Value != "" && n.Style == 0 {
		if pos := file.Position(off); pos.Line != n.Line {
			t.Fatalf("node at %d:%d: Position(Offset) = %v", n.Line, n.Column, pos)
		}
	}
	for _, c := range n.Content {
		checkNodes(t, file, c, depth+1)
	}
}

// paths calls fn with the field path of every mapping key under n whose
// name the path notation can carry, as the API server would print it.
func paths(n *yaml.Node, prefix string, depth int, fn func(string)) {
	if n == nil || depth > 50 {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || yamlutil.IsMergeKey(k) || k.Value == "" || strings.ContainsAny(k.Value, ".[]") || seen[k.Value] {
				continue
			}
			seen[k.Value] = true
			p := k.Value
			if prefix != "" {
				p = prefix + "." + k.Value
			}
			fn(p)
			_, v := yamlutil.MappingPair(n, k.Value) // the last of repeated keys counts
			paths(v, p, depth+1, fn)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := prefix + "[" + itoa(i) + "]"
			if prefix == "" {
				continue
			}
			fn(p)
			paths(c, p, depth+1, fn)
		}
	}
}
