package manifest_test

import (
	"fmt"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/daemonlint/daemonlint/manifest"
)

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		// wantType is the Go type of the object ("<nil>" for none), and
		// wantName its name.
		wantType, wantName string
		wantStrict         int
		wantErr            bool
	}{
		{
			name:     "a service",
			src:      "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n",
			wantType: fmt.Sprintf("%T", new(corev1.Service)), wantName: "web",
		},
		{
			name:     "unknown fields of a service, strictly",
			src:      "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selectr: {}\n  Ports: []\n",
			wantType: fmt.Sprintf("%T", new(corev1.Service)), wantName: "web", wantStrict: 2,
		},
		{
			name:     "a wrong type in a configmap",
			src:      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  enabled: on\n",
			wantType: fmt.Sprintf("%T", new(corev1.ConfigMap)), wantName: "c", wantErr: true,
		},
		{
			name:     "metadata alone for a kind not judged in full",
			src:      "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: data\nspec:\n  bogus: 1\n",
			wantType: fmt.Sprintf("%T", new(metav1.PartialObjectMetadata)), wantName: "data",
		},
		{
			name:     "metadata is matched case-sensitively",
			src:      "apiVersion: v1\nkind: PersistentVolume\nMetadata:\n  name: data\n",
			wantType: fmt.Sprintf("%T", new(metav1.PartialObjectMetadata)), wantName: "",
		},
		{
			name:     "a custom resource",
			src:      "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n",
			wantType: "<nil>",
		},
		{
			name:     "a misspelled kind",
			src:      "apiVersion: v1\nkind: Servise\nmetadata:\n  name: w\n",
			wantType: "<nil>",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs, errs := manifest.Parse(manifest.NewFile("x.yaml", []byte(tc.src)))
			if len(errs) > 0 || len(docs) != 1 {
				t.Fatalf("Parse: %d documents, errors %v", len(docs), errs)
			}
			obj, strict, err := docs[0].Decode()
			if got := fmt.Sprintf("%T", obj); got != tc.wantType {
				t.Errorf("Decode: got a %s, want a %s", got, tc.wantType)
			}
			if m, ok := obj.(metav1.Object); ok && m.GetName() != tc.wantName {
				t.Errorf("Decode: got name %q, want %q", m.GetName(), tc.wantName)
			}
			if len(strict) != tc.wantStrict {
				t.Errorf("Decode: got strict errors %v, want %d", strict, tc.wantStrict)
			}
			if (err != nil) != tc.wantErr {
				t.Errorf("Decode: got error %v, want one: %v", err, tc.wantErr)
			}
		})
	}
}
