package daemonset_test

import (
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	"sigs.k8s.io/yaml"

	"github.com/daemonlint/daemonlint/daemonset"
)

// TestFindingSeverities checks the severity each check gives its findings:
// a likely mistake is a Warning, advice an Info, and a check that gives
// both tells them apart.
func TestFindingSeverities(t *testing.T) {
	for _, tc := range []struct {
		name      string
		check     func(*appsv1.DaemonSet) []daemonset.Finding
		spec      string
		wantField string
		want      daemonset.Severity
	}{
		{
			name:      "no requests",
			check:     daemonset.CheckResources,
			spec:      "template: {spec: {containers: [{name: agent, image: agent:1}]}}",
			wantField: "spec.template.spec.containers[0].resources",
			want:      daemonset.Warning,
		},
		{
			name:      "only the memory limit missing",
			check:     daemonset.CheckResources,
			spec:      "template: {spec: {containers: [{name: agent, image: agent:1, resources: {requests: {cpu: 10m, memory: 10Mi}}}]}}",
			wantField: "spec.template.spec.containers[0].resources",
			want:      daemonset.Info,
		},
		{
			name:      "OnDelete",
			check:     daemonset.CheckUpdateStrategy,
			spec:      "updateStrategy: {type: OnDelete}",
			wantField: "spec.updateStrategy.type",
			want:      daemonset.Warning,
		},
		{
			name:      "maxUnavailable 1",
			check:     daemonset.CheckUpdateStrategy,
			spec:      "updateStrategy: {rollingUpdate: {maxUnavailable: 1}}",
			wantField: "spec.updateStrategy.rollingUpdate.maxUnavailable",
			want:      daemonset.Info,
		},
		{
			name:      "hostPID",
			check:     daemonset.CheckHostPID,
			spec:      "template: {spec: {hostPID: true}}",
			wantField: "spec.template.spec.hostPID",
			want:      daemonset.Info,
		},
		{
			name:      "nodeName",
			check:     daemonset.CheckNodeName,
			spec:      "template: {spec: {nodeName: worker-1}}",
			wantField: "spec.template.spec.nodeName",
			want:      daemonset.Warning,
		},
		{
			name:      "control plane left out",
			check:     daemonset.CheckControlPlaneCoverage,
			spec:      "template: {spec: {containers: [{name: agent, image: agent:1}]}}",
			wantField: "spec.template.spec.tolerations",
			want:      daemonset.Info,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := &appsv1.DaemonSet{}
			if err := yaml.UnmarshalStrict([]byte(tc.spec), &ds.Spec); err != nil {
				t.Fatal(err)
			}
			findings := tc.check(ds)
			if len(findings) != 1 {
				t.Fatalf("got %d findings %+v, want 1", len(findings), findings)
			}
			f := findings[0]
			if f.Field != tc.wantField || f.Severity != tc.want {
				t.Errorf("got %s at %s, want %s at %s", f.Severity, f.Field, tc.want, tc.wantField)
			}
		})
	}
}

func TestSeverityString(t *testing.T) {
	for _, tc := range []struct {
		s    daemonset.Severity
		want string
	}{
		{daemonset.Warning, "warning"},
		{daemonset.Info, "info"},
		{0, "Severity(0)"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := tc.s.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}
