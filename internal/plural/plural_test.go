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
