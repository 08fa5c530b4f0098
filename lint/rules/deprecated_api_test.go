package rules_test

import (
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// TestDeprecatedAPIReleases lints one object for several target releases
// and upgrades: the rule's test data has one setting only.
func TestDeprecatedAPIReleases(t *testing.T) {
	const hpa = "apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\n"
	const fs = "apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: fs\n"
	for _, tc := range []struct {
		name, src, version, upgrade string
		want                        string // the message, "" for none
		wantSeverity                lint.Severity
		wantFix                     string // the new apiVersion, "" for no fix
	}{
		{"hpa deprecated in 1.25", hpa, "1.25", "",
			`apiVersion "autoscaling/v2beta2" of HorizontalPodAutoscaler is deprecated since Kubernetes 1.23 and removed in 1.26; use autoscaling/v2`,
			lint.Warning, "autoscaling/v2"},
		{"hpa upgrade from 1.25 to 1.26", hpa, "1.25", "1.26",
			`apiVersion "autoscaling/v2beta2" of HorizontalPodAutoscaler is removed in Kubernetes 1.26: the upgrade from 1.25 to 1.26 breaks it; use autoscaling/v2`,
			lint.Error, "autoscaling/v2"},
		{"hpa not served by 1.29 is api-version's", hpa, "1.29", "", "", 0, ""},
		{"flowschema deprecated in 1.30", fs, "1.30", "",
			`apiVersion "flowcontrol.apiserver.k8s.io/v1beta3" of FlowSchema is deprecated since Kubernetes 1.29 and removed in 1.32; use flowcontrol.apiserver.k8s.io/v1`,
			lint.Warning, "flowcontrol.apiserver.k8s.io/v1"},
		{"flowschema upgrade that keeps it", fs, "1.29", "1.31",
			`apiVersion "flowcontrol.apiserver.k8s.io/v1beta3" of FlowSchema is deprecated since Kubernetes 1.29 and removed in 1.32; use flowcontrol.apiserver.k8s.io/v1`,
			lint.Warning, "flowcontrol.apiserver.k8s.io/v1"},
		{"flowschema in 1.26 before deprecation", fs, "1.26", "", "", 0, ""},
		{"flowschema at the newest release is api-version's", fs, "", "", "", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := lint.Run([]*manifest.File{manifest.NewFile("in.yaml", []byte(tc.src))}, lint.Options{
				Rules:    []*lint.Rule{rules.DeprecatedAPI},
				Settings: lint.Settings{KubernetesVersion: tc.version, UpgradeTo: tc.upgrade},
			})
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == "" {
				if len(res.Diagnostics) != 0 {
					t.Fatalf("got %v, want no findings", res.Diagnostics)
				}
				return
			}
			if len(res.Diagnostics) != 1 {
				t.Fatalf("got %d findings %v, want 1", len(res.Diagnostics), res.Diagnostics)
			}
			d := res.Diagnostics[0]
			if d.Message != tc.want || d.Severity != tc.wantSeverity || d.Start.Line != 1 || d.Field != "apiVersion" {
				t.Errorf("got %d: %s: %q (%s), want 1: apiVersion: %q (%s)", d.Start.Line, d.Field, d.Message, d.Severity, tc.want, tc.wantSeverity)
			}
			var gotFix string
			if len(d.Fixes) > 0 {
				out, _, err := lint.ApplyFixes(manifest.NewFile("in.yaml", []byte(tc.src)), res.Diagnostics)
				if err != nil {
					t.Fatal(err)
				}
				gotFix, _, _ = strings.Cut(strings.TrimPrefix(string(out), "apiVersion: "), "\n")
			}
			if gotFix != tc.wantFix {
				t.Errorf("fix writes apiVersion %q, want %q", gotFix, tc.wantFix)
			}
		})
	}
}
