package convert_test

import (
	"testing"

	"github.com/daemonlint/daemonlint/manifest"

	"github.com/daemonlint/daemonlint/convert"
)

// TestErrorText checks what an Error says with and without a file name: the
// line and column it knows are never dropped.
func TestErrorText(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  convert.Error
		want string
	}{
		{"file and line", convert.Error{File: "rs.yaml", Pos: manifest.Position{Line: 12, Column: 3}, Kind: "ReplicaSet", Name: "a", Msg: "spec is not a mapping"},
			`rs.yaml:12:3: cannot convert ReplicaSet "a": spec is not a mapping`},
		{"line without a file", convert.Error{Pos: manifest.Position{Line: 12, Column: 3}, Kind: "ReplicaSet", Name: "a", Msg: "spec is not a mapping"},
			`line 12, column 3: cannot convert ReplicaSet "a": spec is not a mapping`},
		{"line without a file or an object", convert.Error{Pos: manifest.Position{Line: 4, Column: 1}, Msg: "YAML syntax error: did not find expected key"},
			`line 4, column 1: YAML syntax error: did not find expected key`},
		{"neither file nor line", convert.Error{Kind: "Deployment", Name: "d", Msg: "the object has no spec"},
			`cannot convert Deployment "d": the object has no spec`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestConvertWithoutFileNameKeepsLine converts a stream without naming its
// file: the error still says on which line the problem is.
func TestConvertWithoutFileNameKeepsLine(t *testing.T) {
	src := []byte("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: bare}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: c}]\n")
	_, _, err := convert.Convert(src, convert.Options{})
	if err == nil {
		t.Fatal("no error for a ReplicaSet without template labels")
	}
	if got, want := err.Error(), `line 9, column 3: cannot convert ReplicaSet "bare": spec.template.metadata.labels are empty, so no spec.selector can be written; label the pod template`; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}
