package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestExamples checks the bundled examples as the README shows them: the
// tutorial's DaemonSet is accepted, its ReplicaSet is not, for the kind's
// spelling at 2:7, and --fix changes exactly those ten bytes.
func TestExamples(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if out, _, code := daemonlint(t, root, nil, "lint", "examples/daemonset.yaml"); code != 0 {
		t.Errorf("lint examples/daemonset.yaml: exit %d, want 0\n%s", code, out)
	}
	out, _, code := daemonlint(t, root, nil, "lint", "--format", "json", "examples/replicaset.yaml")
	if code != 1 {
		t.Fatalf("lint examples/replicaset.yaml: exit %d, want 1\n%s", code, out)
	}
	var res struct {
		Diagnostics []struct {
			Line, Column int
			Rule         string
			Message      string
			Fix          *struct {
				Edits []struct {
					Start, End int
					NewText    string
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %s", len(res.Diagnostics), out)
	}
	d := res.Diagnostics[0]
	if d.Rule != "kind-spelling" || d.Line != 2 || d.Column != 7 || !bytes.Contains([]byte(d.Message), []byte(`"ReplicaSet"`)) {
		t.Errorf("diagnostic = %+v, want kind-spelling at 2:7 suggesting ReplicaSet", d)
	}

	// --fix on a copy of the example changes the ten bytes of the kind.
	orig, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", "replicaset.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "replicaset.yaml")
	if err := os.WriteFile(path, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, _, code := daemonlint(t, dir, nil, "lint", "--fix", path); code != 0 {
		t.Fatalf("lint --fix: exit %d\n%s", code, out)
	}
	fixed, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(fixed) != len(orig) {
		t.Fatalf("--fix changed the length from %d to %d bytes", len(orig), len(fixed))
	}
	var changed []int
	for i := range orig {
		if orig[i] != fixed[i] {
			changed = append(changed, i)
		}
	}
	start := bytes.Index(orig, []byte("Replicaset"))
	if len(changed) == 0 || changed[0] < start || changed[len(changed)-1] >= start+10 {
		t.Errorf("--fix changed bytes %v, want only within [%d, %d)", changed, start, start+10)
	}
	if !bytes.Equal(fixed[start:start+10], []byte("ReplicaSet")) {
		t.Errorf("the kind reads %q after --fix", fixed[start:start+10])
	}
}
