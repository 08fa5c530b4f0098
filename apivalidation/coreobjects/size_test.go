package coreobjects

import (
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TestTotalSize checks the 1 MiB limit on the values of a ConfigMap and a
// Secret against the oracle's answers (too large for a golden file). The
// server reports the ConfigMap's at the empty path, which it prints as
// "[]".
func TestTotalSize(t *testing.T) {
	big := strings.Repeat("x", maxSecretSize+1)
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "big"}, Data: map[string]string{"a": big}}
	if got, want := lines(ValidateConfigMap(cm, Options{})), []string{"FieldValueTooLong [] Too long: may not be more than 1048576 bytes"}; !slices.Equal(got, want) {
		t.Errorf("ConfigMap: got %q, want %q", got, want)
	}
	s := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "big"}, StringData: map[string]string{"a": big}}
	if got, want := lines(ValidateSecret(s, Options{})), []string{"FieldValueTooLong data Too long: may not be more than 1048576 bytes"}; !slices.Equal(got, want) {
		t.Errorf("Secret: got %q, want %q", got, want)
	}
	cm.Data["a"] = big[1:]
	if errs := ValidateConfigMap(cm, Options{}); len(errs) != 0 {
		t.Errorf("ConfigMap of exactly 1 MiB: %v", errs)
	}
}
