package schema

import (
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func TestForVersion(t *testing.T) {
	for _, tc := range []struct {
		in       string
		want     string // the release's Name, "" for an error
		wantErr  string // text the error must hold
		wantList bool   // the error lists the supported versions
	}{
		{in: "1.30", want: "1.30"},
		{in: "1.30.2", want: "1.30"},
		{in: "v1.30.14", want: "1.30"},
		{in: "v1.37", want: "1.37"},
		{in: "1.29", want: "1.29"},
		{in: " 1.33 ", want: "1.33"},
		{in: "1.28", wantErr: `unsupported Kubernetes version "1.28"`, wantList: true},
		{in: "1.38.0", wantErr: `unsupported Kubernetes version "1.38.0"`, wantList: true},
		{in: "2.0", wantErr: `invalid Kubernetes version "2.0": write 1.N or 1.N.P`, wantList: true},
		{in: "1.30.x", wantErr: `invalid Kubernetes version "1.30.x"`, wantList: true},
		{in: "latest", wantErr: `invalid Kubernetes version "latest"`, wantList: true},
		{in: "", wantErr: `invalid Kubernetes version ""`, wantList: true},
		{in: "1.", wantErr: `invalid Kubernetes version "1."`, wantList: true},
		{in: "1.30.", wantErr: `invalid Kubernetes version "1.30."`, wantList: true},
		{in: "1.30.1.2", wantErr: `invalid Kubernetes version "1.30.1.2"`, wantList: true},
		{in: "1.-30", wantErr: `invalid Kubernetes version "1.-30"`, wantList: true},
		{in: "vv1.30", wantErr: `invalid Kubernetes version "vv1.30"`, wantList: true},
		{in: "1.030", want: "1.30"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			v, err := ForVersion(tc.in)
			if tc.want != "" {
				if err != nil {
					t.Fatalf("ForVersion(%q): %v", tc.in, err)
				}
				if got := v.Name(); got != tc.want {
					t.Errorf("ForVersion(%q).Name() = %q, want %q", tc.in, got, tc.want)
				}
				if got := v.Release(); !strings.HasPrefix(got, "v"+tc.want+".") {
					t.Errorf("ForVersion(%q).Release() = %q, want v%s.P", tc.in, got, tc.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("ForVersion(%q) = %s, want an error", tc.in, v.Name())
			}
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error %q does not hold %q", err, tc.wantErr)
			}
			if tc.wantList && !strings.Contains(err.Error(), strings.Join(Versions(), ", ")) {
				t.Errorf("error %q does not list the supported versions %q", err, Versions())
			}
		})
	}
}

func TestVersions(t *testing.T) {
	got := Versions()
	want := []string{"1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36", "1.37"}
	if !slices.Equal(got, want) {
		t.Errorf("Versions() = %q, want %q", got, want)
	}
	if Default != got[len(got)-1] {
		t.Errorf("Default = %q, want the newest, %q", Default, got[len(got)-1])
	}
	v, err := ForVersion(Default)
	if err != nil {
		t.Fatal(err)
	}
	if v.Release() != Release {
		t.Errorf("the release of Default is %q, want Release %q", v.Release(), Release)
	}
}

// TestServes checks what each release serves against what the releases'
// own data says: the OpenAPI documents, the beta resources the API server
// still enables, and the prerelease-lifecycle tags.
func TestServes(t *testing.T) {
	for _, tc := range []struct {
		version, apiVersion, kind string
		want                      Availability // Lifecycle and HasLifecycle not compared
	}{
		// Served by default while a newer version exists
		// (legacyBetaEnabledByDefaultResources), deprecated in 1.29,
		// removed in 1.32.
		{"1.29", "flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", Availability{Served: true, Deprecated: true}},
		{"1.30", "flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", Availability{Served: true, Deprecated: true}},
		{"1.31", "flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", Availability{Served: true, Deprecated: true}},
		{"1.32", "flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", Availability{Removed: "1.32"}},
		{"1.37", "flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", Availability{Removed: "1.32"}},
		{"1.30", "flowcontrol.apiserver.k8s.io/v1", "FlowSchema", Availability{Served: true}},
		// Removed before the oldest supported release: known from the
		// lifecycles alone.
		{"1.29", "autoscaling/v2beta2", "HorizontalPodAutoscaler", Availability{Removed: "1.26"}},
		{"1.37", "autoscaling/v2beta2", "HorizontalPodAutoscaler", Availability{Removed: "1.26"}},
		{"1.29", "batch/v1beta1", "CronJob", Availability{Removed: "1.25"}},
		{"1.29", "policy/v1beta1", "PodSecurityPolicy", Availability{Removed: "1.25"}},
		{"1.29", "extensions/v1beta1", "DaemonSet", Availability{Removed: "1.16"}},
		{"1.29", "extensions/v1beta1", "Ingress", Availability{Removed: "1.22"}},
		{"1.29", "flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", Availability{Removed: "1.29"}},
		// GA in a later release.
		{"1.29", "admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", Availability{Added: "1.30"}},
		{"1.30", "admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", Availability{Served: true}},
		{"1.32", "networking.k8s.io/v1", "ServiceCIDR", Availability{Added: "1.33"}},
		{"1.33", "resource.k8s.io/v1", "ResourceClaim", Availability{Added: "1.34"}},
		// An alpha version deleted before the removal its lifecycle
		// names (1.33): gone from the OpenAPI document of 1.31.
		{"1.30", "networking.k8s.io/v1alpha1", "IPAddress", Availability{Disabled: true, Deprecated: true}},
		{"1.31", "networking.k8s.io/v1alpha1", "IPAddress", Availability{Removed: "1.31"}},
		{"1.33", "networking.k8s.io/v1alpha1", "IPAddress", Availability{Removed: "1.31"}},
		// In the release, off by default.
		{"1.29", "admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicy", Availability{Disabled: true}},
		{"1.37", "resource.k8s.io/v1beta1", "ResourceClaim", Availability{Disabled: true, Deprecated: true}},
		// Not built in.
		{"1.37", "monitoring.coreos.com/v1", "ServiceMonitor", Availability{}},
		{"1.37", "apps/v1", "DaemonSett", Availability{}},
	} {
		t.Run(tc.version+" "+tc.apiVersion+" "+tc.kind, func(t *testing.T) {
			v, err := ForVersion(tc.version)
			if err != nil {
				t.Fatal(err)
			}
			got := v.Serves(tc.apiVersion, tc.kind)
			got.Lifecycle, got.HasLifecycle = Lifecycle{}, false
			if got != tc.want {
				t.Errorf("Serves = %+v, want %+v", got, tc.want)
			}
			_, ok, err := v.Lookup(tc.apiVersion, tc.kind)
			if err != nil {
				t.Fatal(err)
			}
			if ok != tc.want.Served {
				t.Errorf("Lookup ok = %t, want %t (served)", ok, tc.want.Served)
			}
		})
	}
}

func TestDaemonSetServedEverywhere(t *testing.T) {
	for _, name := range Versions() {
		t.Run(name, func(t *testing.T) {
			v, err := ForVersion(name)
			if err != nil {
				t.Fatal(err)
			}
			if a := v.Serves("apps/v1", "DaemonSet"); !a.Served {
				t.Errorf("apps/v1 DaemonSet: %+v, want served", a)
			}
			if a := v.Serves("extensions/v1beta1", "DaemonSet"); a.Served || a.Removed != "1.16" {
				t.Errorf("extensions/v1beta1 DaemonSet: %+v, want removed in 1.16", a)
			}
			if !v.IsBuiltinGroup("apps") || v.IsBuiltinGroup("extensions") {
				t.Errorf("IsBuiltinGroup: apps %t, extensions %t; want true, false", v.IsBuiltinGroup("apps"), v.IsBuiltinGroup("extensions"))
			}
		})
	}
}

func TestLifecycleOf(t *testing.T) {
	for _, tc := range []struct {
		apiVersion, kind string
		ok               bool
		want             Lifecycle // Source not compared
	}{
		{"flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", true, Lifecycle{
			Introduced: "1.26", Deprecated: "1.29", Removed: "1.32",
			Replacement: GroupVersionKind{"flowcontrol.apiserver.k8s.io", "v1", "FlowSchema"},
		}},
		{"autoscaling/v2beta2", "HorizontalPodAutoscaler", true, Lifecycle{
			Introduced: "1.12", Deprecated: "1.23", Removed: "1.26",
			Replacement: GroupVersionKind{"autoscaling", "v2", "HorizontalPodAutoscaler"},
		}},
		{"batch/v1beta1", "CronJob", true, Lifecycle{
			Introduced: "1.8", Deprecated: "1.21", Removed: "1.25",
			Replacement: GroupVersionKind{"batch", "v1", "CronJob"},
		}},
		{"policy/v1beta1", "PodSecurityPolicy", true, Lifecycle{Introduced: "1.10", Deprecated: "1.21", Removed: "1.25"}},
		{"extensions/v1beta1", "DaemonSet", true, Lifecycle{
			Introduced: "1.1", Deprecated: "1.8", Removed: "1.16",
			Replacement: GroupVersionKind{"apps", "v1", "DaemonSet"},
		}},
		{"monitoring.coreos.com/v1", "ServiceMonitor", false, Lifecycle{}},
		{"autoscaling/v2beta2", "HorizontalPodAutoscalerList", false, Lifecycle{}},
	} {
		t.Run(tc.apiVersion+" "+tc.kind, func(t *testing.T) {
			got, ok := LifecycleOf(tc.apiVersion, tc.kind)
			if ok != tc.ok {
				t.Fatalf("LifecycleOf ok = %t, want %t", ok, tc.ok)
			}
			if ok && !strings.HasPrefix(got.Source, "k8s.io/api@v0.") {
				t.Errorf("Source = %q, want k8s.io/api@v0.N.P", got.Source)
			}
			got.Source = ""
			if got != tc.want {
				t.Errorf("LifecycleOf = %+v, want %+v", got, tc.want)
			}
		})
	}
	if got, want := (GroupVersionKind{"autoscaling", "v2", "HorizontalPodAutoscaler"}).APIVersion(), "autoscaling/v2"; got != want {
		t.Errorf("APIVersion() = %q, want %q", got, want)
	}
	if got, want := (GroupVersionKind{"", "v1", "Pod"}).APIVersion(), "v1"; got != want {
		t.Errorf("APIVersion() = %q, want %q", got, want)
	}
}

// TestVersionSchemas validates objects against the schemas of different
// releases: a field a release does not know is refused, one it knows is
// accepted.
func TestVersionSchemas(t *testing.T) {
	const podLevelResources = `{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "agent"},
		"spec": {"selector": {"matchLabels": {"app": "agent"}}, "template": {
			"metadata": {"labels": {"app": "agent"}},
			"spec": {"resources": {"limits": {"cpu": "1"}}, "containers": [{"name": "agent", "image": "agent:1"}]}}}}`
	const plain = `{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "agent"},
		"spec": {"selector": {"matchLabels": {"app": "agent"}}, "template": {
			"metadata": {"labels": {"app": "agent"}},
			"spec": {"containers": [{"name": "agent", "image": "agent:1"}]}}}}`
	const flowSchema = `{"apiVersion": "flowcontrol.apiserver.k8s.io/v1beta3", "kind": "FlowSchema", "metadata": {"name": "fs"},
		"spec": {"priorityLevelConfiguration": {"name": "global-default"}, "matchingPrecedence": 1000,
			"rules": [{"subjects": [{"kind": "Group", "group": {"name": "system:authenticated"}}],
				"resourceRules": [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"], "namespaces": ["*"]}]}]}}`
	for _, tc := range []struct {
		name, version, apiVersion, kind, doc string
		wantErr                              string // "" when valid
	}{
		// PodSpec.resources (pod-level resources) is in the OpenAPI
		// document from 1.32 on.
		{"pod-level resources 1.29", "1.29", "apps/v1", "DaemonSet", podLevelResources, "additional properties 'resources' not allowed"},
		{"pod-level resources 1.30", "1.30", "apps/v1", "DaemonSet", podLevelResources, "additional properties 'resources' not allowed"},
		{"pod-level resources 1.31", "1.31", "apps/v1", "DaemonSet", podLevelResources, "additional properties 'resources' not allowed"},
		{"pod-level resources 1.32", "1.32", "apps/v1", "DaemonSet", podLevelResources, ""},
		{"pod-level resources 1.37", "1.37", "apps/v1", "DaemonSet", podLevelResources, ""},
		{"plain 1.29", "1.29", "apps/v1", "DaemonSet", plain, ""},
		{"plain 1.37", "1.37", "apps/v1", "DaemonSet", plain, ""},
		{"flowcontrol v1beta3 1.30", "1.30", "flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", flowSchema, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := ForVersion(tc.version)
			if err != nil {
				t.Fatal(err)
			}
			s, ok, err := v.Lookup(tc.apiVersion, tc.kind)
			if err != nil || !ok {
				t.Fatalf("Lookup(%s, %s) = %t, %v", tc.apiVersion, tc.kind, ok, err)
			}
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			err = s.Validate(inst)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.wantErr != "" && err == nil:
				t.Errorf("accepted, want an error with %q", tc.wantErr)
			case tc.wantErr != "" && !strings.Contains(err.Error(), tc.wantErr):
				t.Errorf("error %q does not hold %q", err, tc.wantErr)
			}
		})
	}
}

// TestSchemasShared checks that releases with the same schema for a kind
// share one compiled schema, and that a changed one is not shared.
func TestSchemasShared(t *testing.T) {
	lookup := func(version, apiVersion, kind string) *jsonschema.Schema {
		t.Helper()
		v, err := ForVersion(version)
		if err != nil {
			t.Fatal(err)
		}
		s, ok, err := v.Lookup(apiVersion, kind)
		if err != nil || !ok {
			t.Fatalf("%s: Lookup(%s, %s) = %t, %v", version, apiVersion, kind, ok, err)
		}
		return s
	}
	if lookup("1.31", "apps/v1", "DaemonSet") == lookup("1.32", "apps/v1", "DaemonSet") {
		t.Error("1.31 and 1.32 share the DaemonSet schema, but 1.32 added PodSpec.resources")
	}
	if lookup("1.29", "flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema") != lookup("1.31", "flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema") {
		t.Error("1.29 and 1.31 compiled the unchanged v1beta3 FlowSchema schema twice")
	}
}
