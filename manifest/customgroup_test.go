package manifest

import "testing"

func TestMisspeltGroup(t *testing.T) {
	for _, tc := range []struct {
		group, want string
		ok          bool
	}{
		{"app", "apps", true},
		{"Apps", "apps", true},
		{"APPS", "apps", true},
		{"extension", "extensions", true},
		{"apps.k8s.io", "apps", true},
		{"batch.k8s.io", "batch", true},
		{"networking", "networking.k8s.io", true},
		{"rbac", "rbac.authorization.k8s.io", true},
		{"rbac.authorization", "rbac.authorization.k8s.io", true},
		{"Networking.K8s.io", "networking.k8s.io", true},
		{"core", "", true},
		{"bach", "batch", true},
		{"apps", "", false},
		{"", "", false},
		{"stable.example.com", "", false},
		{"apps.kruise.io", "", false},
		{"serving.knative.dev", "", false},
		{"batch.volcano.sh", "", false},
		{"gateway.networking.k8s.io", "", false},
		{"widgets", "", false},
	} {
		t.Run(tc.group, func(t *testing.T) {
			got, ok := MisspeltGroup(tc.group)
			if got != tc.want || ok != tc.ok {
				t.Errorf("MisspeltGroup(%q) = %q, %v; want %q, %v", tc.group, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestIsCustomResource(t *testing.T) {
	for _, tc := range []struct {
		apiVersion, kind string
		want             bool
	}{
		{"stable.example.com/v1", "CronTab", true},
		{"apps.kruise.io/v1alpha1", "DaemonSet", true},
		{"serving.knative.dev/v1", "Service", true},
		{"widgets/v1", "Widget", true},
		{"apps/v1", "DaemonSet", false},
		{"v1", "Pod", false},
		{"app/v1", "Deployment", false},
		{"Apps/v1", "Deployment", false},
		{"apps.k8s.io/v1", "Deployment", false},
		{"extension/v1beta1", "DaemonSet", false},
		{"core/v1", "ConfigMap", false},
		{"Example.com/v1", "Deployment", false},
		{"foo/v1", "Deployment", false},
	} {
		t.Run(tc.apiVersion+" "+tc.kind, func(t *testing.T) {
			if got := IsCustomResource(tc.apiVersion, tc.kind); got != tc.want {
				t.Errorf("IsCustomResource(%q, %q) = %v, want %v", tc.apiVersion, tc.kind, got, tc.want)
			}
		})
	}
}
