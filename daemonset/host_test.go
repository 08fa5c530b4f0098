package daemonset_test

import (
	"regexp"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	"sigs.k8s.io/yaml"

	"github.com/daemonlint/daemonlint/daemonset"
)

// TestCheckHostNetworkDNSExport checks what CheckHostNetworkDNS says about
// objects exported with kubectl get -o yaml, whose dnsPolicy: ClusterFirst
// the API server filled in: nothing, unless a container names a Service,
// and then that the server defaulted it. Client-side output (kubectl create
// --dry-run=client, with creationTimestamp: null and status: {}) is not an
// export.
func TestCheckHostNetworkDNSExport(t *testing.T) {
	const template = `
spec:
  template:
    spec:
      hostNetwork: true
      dnsPolicy: ClusterFirst
      containers:
      - name: agent
        image: agent:1.0
`
	const serviceEnv = `
        env:
        - {name: ES_HOST, value: elasticsearch.logging.svc}
`
	for _, tc := range []struct {
		name string
		yaml string
		// want is a regular expression for the one finding's message, or
		// empty for no finding.
		want string
	}{
		{
			name: "written by hand",
			yaml: template,
			want: `^dnsPolicy is ClusterFirst, but with hostNetwork: true`,
		},
		{
			name: "export with uid",
			yaml: "metadata: {uid: 0c5f3a8e-1b2d-4c6e-9f10-2a3b4c5d6e7f}" + template,
		},
		{
			name: "export with resourceVersion",
			yaml: `metadata: {resourceVersion: "48213"}` + template,
		},
		{
			name: "export with managedFields",
			yaml: "metadata: {managedFields: [{manager: kubectl-client-side-apply, operation: Update}]}" + template,
		},
		{
			name: "export with creationTimestamp",
			yaml: `metadata: {creationTimestamp: "2026-01-02T03:04:05Z"}` + template,
		},
		{
			name: "export with status only",
			yaml: "status: {observedGeneration: 1, desiredNumberScheduled: 3}" + template,
		},
		{
			name: "export naming a Service",
			yaml: "metadata: {uid: 0c5f3a8e-1b2d-4c6e-9f10-2a3b4c5d6e7f}" + template + serviceEnv,
			want: `^dnsPolicy: ClusterFirst is the API server\'s default, filled in when the applied manifest had none \(this is an exported object: it has metadata.uid\); with hostNetwork: true it uses the node\'s resolv.conf, which cannot resolve "elasticsearch.logging.svc" \(in env ES_HOST of container "agent"\); write dnsPolicy: ClusterFirstWithHostNet in the manifest it was applied from$`,
		},
		{
			name: "client dry run",
			yaml: "metadata: {creationTimestamp: null}\nstatus: {}" + template,
			want: `^dnsPolicy is ClusterFirst, but with hostNetwork: true`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := &appsv1.DaemonSet{}
			if err := yaml.UnmarshalStrict([]byte(tc.yaml), ds); err != nil {
				t.Fatal(err)
			}
			findings := daemonset.CheckHostNetworkDNS(ds)
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
			if f.Field != "spec.template.spec.dnsPolicy" || f.Severity != daemonset.Warning {
				t.Errorf("got %s at %s, want warning at spec.template.spec.dnsPolicy", f.Severity, f.Field)
			}
			if !regexp.MustCompile(tc.want).MatchString(f.Message) {
				t.Errorf("got message %q, want one matching %q", f.Message, tc.want)
			}
		})
	}
}
