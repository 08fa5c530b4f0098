package coreobjects

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/golden"
)

func TestGolden(t *testing.T) {
	t.Run("ServiceAccount", func(t *testing.T) {
		golden.Run(t, "ServiceAccount", func(o *corev1.ServiceAccount) field.ErrorList { return ValidateServiceAccount(o, Options{}) })
	})
	t.Run("ConfigMap", func(t *testing.T) {
		golden.Run(t, "ConfigMap", func(o *corev1.ConfigMap) field.ErrorList { return ValidateConfigMap(o, Options{}) })
	})
	t.Run("Secret", func(t *testing.T) {
		golden.Run(t, "Secret", func(o *corev1.Secret) field.ErrorList { return ValidateSecret(o, Options{}) })
	})
	t.Run("Service", func(t *testing.T) {
		golden.Run(t, "Service", func(o *corev1.Service) field.ErrorList { return ValidateService(o, Options{}) })
	})
	t.Run("Namespace", func(t *testing.T) {
		golden.Run(t, "Namespace", func(o *corev1.Namespace) field.ErrorList { return ValidateNamespace(o, Options{}) })
	})
	t.Run("PersistentVolumeClaim", func(t *testing.T) {
		golden.Run(t, "PersistentVolumeClaim", func(o *corev1.PersistentVolumeClaim) field.ErrorList {
			return ValidatePersistentVolumeClaim(o, Options{})
		})
	})
	t.Run("LimitRange", func(t *testing.T) {
		golden.Run(t, "LimitRange", func(o *corev1.LimitRange) field.ErrorList { return ValidateLimitRange(o, Options{}) })
	})
	t.Run("ResourceQuota", func(t *testing.T) {
		golden.Run(t, "ResourceQuota", func(o *corev1.ResourceQuota) field.ErrorList { return ValidateResourceQuota(o, Options{}) })
	})
}
