package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"abc", "acb", 1},
		{"DaemonSet", "DaemnoSet", 1},
		{"kitten", "sitting", 3},
		{"", "abc", 3},
	} {
		t.Run(tc.a+"/"+tc.b, func(t *testing.T) {
			if got := Distance(tc.a, tc.b); got != tc.want {
				t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestClosest(t *testing.T) {
	names := []string{"image-tag", "host-pid", "host-ipc"}
	for _, tc := range []struct {
		name   string
		search Search
		input  string
		want   string
	}{
		{"typo", Search{Max: Within(3)}, "imagetag", "image-tag"},
		{"too far", Search{Max: Within(1)}, "img", ""},
		{"tie is none", Search{Max: Within(3)}, "host-pic", ""},
		{"tie takes the first", Search{Max: Within(3), FirstOfTies: true}, "host-pic", "host-ipc"},
		{"folded", Search{Distance: FoldedDistance, Max: Within(0)}, "IMAGE-TAG", "image-tag"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.search.Closest(tc.input, names); got != tc.want {
				t.Errorf("Closest(%q) = %q, want %q", tc.input, got, tc.want)
			}
		})
	}
}
