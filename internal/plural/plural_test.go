package plural_test

import (
	"testing"

	"github.com/daemonlint/daemonlint/internal/plural"
)

func TestWordAndCount(t *testing.T) {
	for _, tc := range []struct {
		n         int
		wantWord  string
		wantCount string
	}{
		{n: 0, wantWord: "nodes", wantCount: "0 nodes"},
		{n: 1, wantWord: "node", wantCount: "1 node"},
		{n: 2, wantWord: "nodes", wantCount: "2 nodes"},
		{n: -1, wantWord: "nodes", wantCount: "-1 nodes"},
	} {
		t.Run(tc.wantCount, func(t *testing.T) {
			if got := plural.Word(tc.n, "node"); got != tc.wantWord {
				t.Errorf("Word(%d, %q) = %q, want %q", tc.n, "node", got, tc.wantWord)
			}
			if got := plural.Count(tc.n, "node"); got != tc.wantCount {
				t.Errorf("Count(%d, %q) = %q, want %q", tc.n, "node", got, tc.wantCount)
			}
		})
	}
}
