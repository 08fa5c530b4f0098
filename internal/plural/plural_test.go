package plural

import "testing"

func TestWord(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "files"}, {1, "file"}, {2, "files"}} {
		if got := Word(tc.n, "file"); got != tc.want {
			t.Errorf("Word(%d, %q) = %q, want %q", tc.n, "file", got, tc.want)
		}
	}
}

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 errors"}, {1, "1 error"}, {12, "12 errors"}} {
		if got := Count(tc.n, "error"); got != tc.want {
			t.Errorf("Count(%d, %q) = %q, want %q", tc.n, "error", got, tc.want)
		}
	}
}
