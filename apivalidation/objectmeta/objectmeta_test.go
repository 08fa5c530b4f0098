package objectmeta

import (
	"slices"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"

	kinds "github.com/daemonlint/daemonlint/internal/schema"
)

// notJudged are the served kinds a create does not store, which the
// oracle reports as unsupported: reviews, bindings and evictions.
var notJudged = []string{
	"TokenReview", "SelfSubjectReview", "LocalSubjectAccessReview", "SelfSubjectAccessReview",
	"SelfSubjectRulesReview", "SubjectAccessReview", "Binding",
}

func TestEveryServedKindHasARule(t *testing.T) {
	for _, k := range kinds.Kinds() {
		if !k.Served || slices.Contains(notJudged, k.Kind) {
			continue
		}
		gk := schema.GroupKind{Group: k.Group, Kind: k.Kind}
		if _, ok := RuleFor(gk); !ok {
			t.Errorf("%s %s: no metadata rule", k.APIVersion(), k.Kind)
		}
	}
}

func TestPrepare(t *testing.T) {
	tests := []struct {
		name       string
		in         metav1.ObjectMeta
		namespaced bool
		wantName   string
		wantNS     string
	}{
		{name: "namespaced without namespace", in: metav1.ObjectMeta{Name: "a"}, namespaced: true, wantName: "a", wantNS: "default"},
		{name: "namespaced with namespace", in: metav1.ObjectMeta{Name: "a", Namespace: "kube-system"}, namespaced: true, wantName: "a", wantNS: "kube-system"},
		{name: "cluster-scoped namespace cleared", in: metav1.ObjectMeta{Name: "a", Namespace: "kube-system"}, wantName: "a"},
		{name: "generateName", in: metav1.ObjectMeta{GenerateName: "agent-"}, namespaced: true, wantName: "agent-bcdfg", wantNS: "default"},
		{name: "long generateName", in: metav1.ObjectMeta{GenerateName: strings.Repeat("a", 70)}, wantName: strings.Repeat("a", 58) + "bcdfg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.in
			Prepare(&m, tt.namespaced)
			if m.Name != tt.wantName || m.Namespace != tt.wantNS {
				t.Errorf("got name %q namespace %q, want %q %q", m.Name, m.Namespace, tt.wantName, tt.wantNS)
			}
		})
	}
}

func TestValidateMetadata(t *testing.T) {
	tests := []struct {
		name string
		gk   schema.GroupKind
		meta metav1.ObjectMeta
		want []string // "type field" of each error
		ok   bool
	}{
		{
			name: "service name is a DNS label",
			gk:   schema.GroupKind{Kind: "Service"},
			meta: metav1.ObjectMeta{Name: "my.service"},
			want: []string{"FieldValueInvalid metadata.name"},
			ok:   true,
		},
		{
			name: "configmap name may have dots",
			gk:   schema.GroupKind{Kind: "ConfigMap"},
			meta: metav1.ObjectMeta{Name: "my.config"},
			ok:   true,
		},
		{
			name: "rbac names are path segments",
			gk:   schema.GroupKind{Group: "rbac.authorization.k8s.io", Kind: "ClusterRole"},
			meta: metav1.ObjectMeta{Name: "system:Agent_Reader"},
			ok:   true,
		},
		{
			name: "rbac name with a slash",
			gk:   schema.GroupKind{Group: "rbac.authorization.k8s.io", Kind: "ClusterRole"},
			meta: metav1.ObjectMeta{Name: "a/b"},
			want: []string{"FieldValueInvalid metadata.name"},
			ok:   true,
		},
		{
			name: "namespace on a cluster-scoped kind is cleared",
			gk:   schema.GroupKind{Group: "storage.k8s.io", Kind: "StorageClass"},
			meta: metav1.ObjectMeta{Name: "fast", Namespace: "Not_Valid"},
			ok:   true,
		},
		{
			name: "runtimeclass allows any finalizer",
			gk:   schema.GroupKind{Group: "node.k8s.io", Kind: "RuntimeClass"},
			meta: metav1.ObjectMeta{Name: "gvisor", Finalizers: []string{"cleanup"}},
			ok:   true,
		},
		{
			name: "pod rejects a finalizer without a domain",
			gk:   schema.GroupKind{Kind: "Pod"},
			meta: metav1.ObjectMeta{Name: "p", Finalizers: []string{"cleanup"}},
			want: []string{"FieldValueInvalid metadata.finalizers[0]"},
			ok:   true,
		},
		{
			name: "custom resource",
			gk:   schema.GroupKind{Group: "example.com", Kind: "Widget"},
			meta: metav1.ObjectMeta{Name: "Bad_Name"},
			ok:   false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs, ok := ValidateMetadata(&tt.meta, tt.gk)
			if ok != tt.ok {
				t.Fatalf("got ok %v, want %v", ok, tt.ok)
			}
			if got := typesAndFields(errs); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestValidateMetadataAccessor(t *testing.T) {
	u := &unstructured.Unstructured{}
	u.SetName("Bad_Name")
	u.SetLabels(map[string]string{"app": "-x"})
	errs, ok := ValidateMetadata(u, schema.GroupKind{Group: "apps", Kind: "Deployment"})
	if !ok {
		t.Fatal("Deployment not known")
	}
	got := typesAndFields(errs)
	want := []string{"FieldValueInvalid metadata.name", "FieldValueInvalid metadata.labels"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if u.GetNamespace() != "" {
		t.Errorf("ValidateMetadata changed its argument: namespace %q", u.GetNamespace())
	}
}

func typesAndFields(errs field.ErrorList) []string {
	var out []string
	for _, e := range errs {
		out = append(out, string(e.Type)+" "+e.Field)
	}
	return out
}
