package objectmeta

import (
	"reflect"
	"strings"
	"testing"

	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// checkPlainLabels fails when leaving out the labels and annotations that
// withoutPlainLabels leaves out changes what ValidateObjectMeta reports.
func checkPlainLabels(t *testing.T, m *metav1.ObjectMeta) {
	t.Helper()
	want := apimachineryvalidation.ValidateObjectMeta(m, true, apimachineryvalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	got := apimachineryvalidation.ValidateObjectMeta(withoutPlainLabels(m), true, apimachineryvalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("labels %v, annotations %v: without the plain ones %v, with them %v", m.Labels, m.Annotations, got, want)
	}
}

// TestWithoutPlainLabels holds the shortcut of metadata validation to
// apimachinery's checks of every label and annotation.
func TestWithoutPlainLabels(t *testing.T) {
	long := strings.Repeat("x", 64)
	for _, m := range []metav1.ObjectMeta{
		{Name: "a", Namespace: "n", Labels: map[string]string{"app": "a", "example.com/tier": "web"}},
		{Name: "a", Namespace: "n", Labels: map[string]string{"app": "a b"}},
		{Name: "a", Namespace: "n", Labels: map[string]string{long: "a"}, Annotations: map[string]string{"Example.COM/x": "1"}},
		{Name: "a", Namespace: "n", Annotations: map[string]string{"bad key": "1", "ok": "2"}},
		{Name: "a", Namespace: "n", Annotations: map[string]string{"big": strings.Repeat("x", apimachineryvalidation.TotalAnnotationSizeLimitB)}},
		{Name: "Bad_Name", Namespace: "n", Labels: map[string]string{"app": "a"}, Annotations: map[string]string{"a": "b"}},
	} {
		checkPlainLabels(t, &m)
	}
	if m := (&metav1.ObjectMeta{Labels: map[string]string{"app": "a"}}); withoutPlainLabels(m) == m {
		t.Error("withoutPlainLabels kept labels that are certainly valid")
	}
}

func FuzzWithoutPlainLabels(f *testing.F) {
	f.Add("app", "a", "example.com/owner", "x")
	f.Add("a/b/c", "-x", "Bad Key", "")
	f.Fuzz(func(t *testing.T, lk, lv, ak, av string) {
		checkPlainLabels(t, &metav1.ObjectMeta{Name: "a", Namespace: "n", Labels: map[string]string{lk: lv, "app": "a"}, Annotations: map[string]string{ak: av}})
	})
}
