package lint_test

import (
	"testing"

	"github.com/daemonlint/daemonlint/internal/schema"
	"github.com/daemonlint/daemonlint/lint"
)

// TestKubernetesVersionsMatchSchema keeps lint's release bounds, which it
// states without importing internal/schema, equal to that package's data.
func TestKubernetesVersionsMatchSchema(t *testing.T) {
	vs := schema.Versions()
	if got, want := lint.NewestKubernetesVersion, schema.Default; got != want {
		t.Errorf("NewestKubernetesVersion = %q, want schema.Default %q", got, want)
	}
	if got, want := lint.OldestSchemaVersion, vs[0]; got != want {
		t.Errorf("OldestSchemaVersion = %q, want the oldest of schema.Versions %q", got, want)
	}
}

func TestParseKubernetesVersion(t *testing.T) {
	for _, tc := range []struct{ in, want, wantErr string }{
		{"1.30", "1.30", ""},
		{"v1.30.4", "1.30", ""},
		{"1.22", "1.22", ""},
		{"1.21", "", `Kubernetes version "1.21" is not supported: use 1.22 to 1.37 (1.29 to 1.37 with schemas)`},
		{"1.38", "", `Kubernetes version "1.38" is not supported: use 1.22 to 1.37 (1.29 to 1.37 with schemas)`},
		{"2.0", "", `Kubernetes version "2.0" is not a release: write 1.N, such as 1.37`},
		{"1.030", "", `Kubernetes version "1.030" is not a release: write 1.N, such as 1.37`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := lint.ParseKubernetesVersion(tc.in)
			var gotErr string
			if err != nil {
				gotErr = err.Error()
			}
			if got != tc.want || gotErr != tc.wantErr {
				t.Errorf("ParseKubernetesVersion(%q) = %q, %q, want %q, %q", tc.in, got, gotErr, tc.want, tc.wantErr)
			}
		})
	}
}
