package lazyre

import "testing"

func TestNew(t *testing.T) {
	re := New(`^a+$`)
	if !re().MatchString("aaa") || re().MatchString("b") {
		t.Error("the expression does not match as written")
	}
	if re() != re() {
		t.Error("the expression was compiled twice")
	}
}
