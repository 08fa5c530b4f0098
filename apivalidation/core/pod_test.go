package core_test

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/yaml"

	"github.com/daemonlint/daemonlint/apivalidation/core"
)

// TestValidatePodTemplateSpec checks pod templates, after the server's
// defaults, with the server's field paths and wording.
func TestValidatePodTemplateSpec(t *testing.T) {
	for _, tc := range []struct {
		name     string
		template string
		opts     core.Options
		want     string
	}{
		{
			name:     "valid",
			template: "metadata: {labels: {app: agent}}\nspec: {containers: [{name: agent, image: agent:1.0}]}",
		},
		{
			name:     "no image",
			template: "spec: {containers: [{name: agent}]}",
			want:     "spec.template.spec.containers[0].image: Required value\n",
		},
		{
			name:     "labels reported without metadata",
			template: "metadata: {labels: {app: -agent}}\nspec: {containers: [{name: agent, image: agent:1.0}]}",
			want:     `spec.template.labels: Invalid value: "-agent": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')` + "\n",
		},
		{
			name:     "privileged allowed by default",
			template: "spec: {containers: [{name: agent, image: agent:1.0, securityContext: {privileged: true}}]}",
		},
		{
			name:     "privileged disallowed",
			template: "spec: {containers: [{name: agent, image: agent:1.0, securityContext: {privileged: true}}]}",
			opts:     core.Options{DisallowPrivileged: true},
			want:     "spec.template.spec.containers[0].securityContext.privileged: Forbidden: disallowed by cluster policy\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var tmpl corev1.PodTemplateSpec
			if err := yaml.UnmarshalStrict([]byte(tc.template), &tmpl); err != nil {
				t.Fatal(err)
			}
			core.SetPodTemplateDefaults(&tmpl)
			errs := core.ValidatePodTemplateSpec(&tmpl, field.NewPath("spec", "template"), tc.opts)
			if got := errorStrings(errs); got != tc.want {
				t.Errorf("got errors:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestSetPodTemplateDefaults checks a few of the defaults the server sets
// before it validates a template.
func TestSetPodTemplateDefaults(t *testing.T) {
	var tmpl corev1.PodTemplateSpec
	src := "spec: {containers: [{name: agent, image: agent, ports: [{containerPort: 80}]}]}"
	if err := yaml.UnmarshalStrict([]byte(src), &tmpl); err != nil {
		t.Fatal(err)
	}
	core.SetPodTemplateDefaults(&tmpl)
	c := tmpl.Spec.Containers[0]
	for _, tc := range []struct {
		field     string
		got, want string
	}{
		{"restartPolicy", string(tmpl.Spec.RestartPolicy), "Always"},
		{"dnsPolicy", string(tmpl.Spec.DNSPolicy), "ClusterFirst"},
		{"schedulerName", tmpl.Spec.SchedulerName, "default-scheduler"},
		{"imagePullPolicy", string(c.ImagePullPolicy), "Always"},
		{"terminationMessagePath", c.TerminationMessagePath, "/dev/termination-log"},
		{"ports[0].protocol", string(c.Ports[0].Protocol), "TCP"},
	} {
		t.Run(tc.field, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("%s = %q, want %q", tc.field, tc.got, tc.want)
			}
		})
	}
}
