package helm

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDebugDump(t *testing.T) {
	dir := os.Getenv("DUMP_CHART")
	if dir == "" {
		t.Skip()
	}
	outs, fails := Render(dir, Options{Namespace: os.Getenv("DUMP_NS")})
	for _, f := range fails {
		fmt.Printf("FAIL %s:%d: %s (%v)\n", f.File, f.Line, f.Message, f.Origin.Values)
	}
	for _, o := range outs {
		fmt.Printf("== %s %v\n", o.Name, o.Origin.Values)
		off := 0
		for _, l := range strings.SplitAfter(string(o.Src), "\n") {
			if l == "" {
				continue
			}
			loc := o.Map.Locate(off, off+len(strings.TrimRight(l, "\n")))
			src, _ := os.ReadFile(loc.File)
			line := strings.Count(string(src[:min(loc.Start, len(src))]), "\n") + 1
			fmt.Printf("%-60q -> %d ex=%v %q\n", strings.TrimRight(l, "\n"), line, loc.Exact, loc.Note)
			off += len(l)
		}
	}
}
