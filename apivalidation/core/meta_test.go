package core_test

import (
	"strings"
	"testing"

	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/yaml"

	"github.com/daemonlint/daemonlint/apivalidation/core"
)

// errorStrings renders errors as the server prints them, one a line.
func errorStrings(errs field.ErrorList) string {
	var b strings.Builder
	for _, e := range errs {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

// TestValidateObjectMeta checks metadata as on create, after
// PrepareForCreate, for namespaced and cluster-scoped objects.
func TestValidateObjectMeta(t *testing.T) {
	for _, tc := range []struct {
		name       string
		meta       string
		namespaced bool
		want       string
	}{
		{name: "namespaced, namespace defaulted", meta: "name: agent", namespaced: true},
		{name: "cluster-scoped", meta: "name: agent"},
		{
			name: "cluster-scoped with a namespace",
			meta: "name: agent\nnamespace: kube-system",
			want: "metadata.namespace: Forbidden: not allowed on this type\n",
		},
		{
			name:       "bad namespace",
			meta:       "name: agent\nnamespace: Kube_System",
			namespaced: true,
			want:       `metadata.namespace: Invalid value: "Kube_System": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')` + "\n",
		},
		{name: "generated name", meta: "generateName: agent-", namespaced: true},
		{
			name:       "no name",
			meta:       "labels: {app: agent}",
			namespaced: true,
			want:       "metadata.name: Required value: name or generateName is required\n",
		},
		{
			name:       "finalizer without a domain",
			meta:       "name: agent\nfinalizers: [cleanup]",
			namespaced: true,
			want:       `metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified` + "\n",
		},
		{
			name:       "label value too long",
			meta:       "name: agent\nlabels: {app: " + strings.Repeat("a", 64) + "}",
			namespaced: true,
			want:       `metadata.labels: Invalid value: "` + strings.Repeat("a", 64) + `": must be no more than 63 bytes` + "\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var m metav1.ObjectMeta
			if err := yaml.UnmarshalStrict([]byte(tc.meta), &m); err != nil {
				t.Fatal(err)
			}
			core.PrepareForCreate(&m, tc.namespaced)
			if tc.namespaced && m.Namespace == "" {
				t.Errorf("PrepareForCreate left the namespace empty, want %q", core.DefaultNamespace)
			}
			if !tc.namespaced && strings.Contains(tc.meta, "namespace:") == (m.Namespace == "") {
				t.Errorf("PrepareForCreate changed the namespace of a cluster-scoped object to %q", m.Namespace)
			}
			errs := core.ValidateObjectMeta(&m, tc.namespaced, apimachineryvalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
			if got := errorStrings(errs); got != tc.want {
				t.Errorf("got errors:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
