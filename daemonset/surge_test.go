package daemonset_test

import (
	"regexp"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	"sigs.k8s.io/yaml"

	"github.com/daemonlint/daemonlint/daemonset"
)

// TestCheckHostPortSurge checks the host port and maxSurge check: a surge
// pod cannot be scheduled beside the old pod that holds the host port, so
// the rollout hangs.
func TestCheckHostPortSurge(t *testing.T) {
	const exporter = `
template:
  spec:
    containers:
    - name: node-exporter
      image: node-exporter:1.8
      ports:
      - {name: metrics, containerPort: 9100, hostPort: 9100}
`
	const noHostPort = `
template:
  spec:
    containers:
    - name: agent
      image: agent:1.0
      ports:
      - {containerPort: 8080}
`
	for _, tc := range []struct {
		name string
		spec string
		// want is a regular expression for the one finding's message, or
		// empty for no finding.
		want string
	}{
		{
			name: "maxSurge 1",
			spec: "updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}" + exporter,
			want: `^spec.updateStrategy.rollingUpdate.maxSurge is 1, but container "node-exporter" binds host port 9100/TCP: the surge pod can never be scheduled on a node while the old pod there holds the port, so the rollout hangs at the first node with the new pod Pending; use maxUnavailable instead: remove maxSurge and set maxUnavailable to 1 \(or a percentage such as "10%" on a large fleet\)$`,
		},
		{
			name: "maxSurge as a percentage, maxUnavailable left to its default",
			spec: `updateStrategy: {type: RollingUpdate, rollingUpdate: {maxSurge: "25%"}}` + exporter,
			want: `^spec.updateStrategy.rollingUpdate.maxSurge is "25%", but container "node-exporter" binds host port 9100/TCP: .*; use maxUnavailable instead: replace maxSurge with maxUnavailable: 1$`,
		},
		{
			name: "maxUnavailable written",
			spec: `updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: "10%"}}` + exporter,
			want: `; use maxUnavailable instead: remove maxSurge, and maxUnavailable: "10%" paces the rollout$`,
		},
		{
			name: "host network makes the container port a host port",
			spec: "updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}" + strings.Replace(noHostPort, "  spec:\n", "  spec:\n    hostNetwork: true\n", 1),
			want: `^spec.updateStrategy.rollingUpdate.maxSurge is 1, but container "agent" binds host port 8080/TCP \(hostNetwork: true makes its containerPort a host port\): `,
		},
		{
			name: "a sidecar's host port counts",
			spec: "updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}" + strings.Replace(noHostPort, "    containers:\n", "    initContainers:\n    - {name: proxy, image: proxy:1.0, restartPolicy: Always, ports: [{containerPort: 4140, hostPort: 4140, protocol: UDP, hostIP: 10.0.0.1}]}\n    containers:\n", 1),
			want: `but container "proxy" binds host port 10.0.0.1:4140/UDP: `,
		},
		{
			name: "an init container's host port does not",
			spec: "updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}" + strings.Replace(noHostPort, "    containers:\n", "    initContainers:\n    - {name: setup, image: setup:1.0, ports: [{containerPort: 4140, hostPort: 4140}]}\n    containers:\n", 1),
		},
		{name: "maxSurge 0", spec: "updateStrategy: {rollingUpdate: {maxSurge: 0}}" + exporter},
		{name: `maxSurge "0%"`, spec: `updateStrategy: {rollingUpdate: {maxSurge: "0%"}}` + exporter},
		{name: "no maxSurge", spec: "updateStrategy: {rollingUpdate: {maxUnavailable: 1}}" + exporter},
		{name: "no update strategy", spec: exporter},
		{name: "OnDelete", spec: "updateStrategy: {type: OnDelete, rollingUpdate: {maxSurge: 1}}" + exporter},
		{name: "an invalid maxSurge is the validation's", spec: `updateStrategy: {rollingUpdate: {maxSurge: "one"}}` + exporter},
		{name: "no host port", spec: "updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}" + noHostPort},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := &appsv1.DaemonSet{}
			if err := yaml.UnmarshalStrict([]byte(tc.spec), &ds.Spec); err != nil {
				t.Fatal(err)
			}
			findings := daemonset.CheckHostPortSurge(ds)
			if tc.want == "" {
				if len(findings) != 0 {
					t.Fatalf("got %+v, want no finding", findings)
				}
				return
			}
			if len(findings) != 1 {
				t.Fatalf("got %d findings %+v, want 1", len(findings), findings)
			}
			f := findings[0]
			if f.Field != "spec.updateStrategy.rollingUpdate.maxSurge" || f.Severity != daemonset.Warning {
				t.Errorf("got %s at %s, want warning at spec.updateStrategy.rollingUpdate.maxSurge", f.Severity, f.Field)
			}
			if !regexp.MustCompile(tc.want).MatchString(f.Message) {
				t.Errorf("got message %q, want one matching %q", f.Message, tc.want)
			}
		})
	}
}

// TestUpdateStrategyAdviceWithHostPort checks that the advice on
// maxUnavailable 1 suggests maxSurge only where the pods bind no host port.
func TestUpdateStrategyAdviceWithHostPort(t *testing.T) {
	for _, tc := range []struct {
		name      string
		spec      string
		wantSurge bool
	}{
		{"no host port", "updateStrategy: {rollingUpdate: {maxUnavailable: 1}}", true},
		{"a host port", "updateStrategy: {rollingUpdate: {maxUnavailable: 1}}\ntemplate: {spec: {containers: [{name: a, image: a:1, ports: [{containerPort: 80, hostPort: 80}]}]}}", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := &appsv1.DaemonSet{}
			if err := yaml.UnmarshalStrict([]byte(tc.spec), &ds.Spec); err != nil {
				t.Fatal(err)
			}
			findings := daemonset.CheckUpdateStrategy(ds)
			if len(findings) != 1 {
				t.Fatalf("got %d findings %+v, want 1", len(findings), findings)
			}
			if got := strings.Contains(findings[0].Message, "maxSurge"); got != tc.wantSurge {
				t.Errorf("message %q mentions maxSurge: %v, want %v", findings[0].Message, got, tc.wantSurge)
			}
		})
	}
}
