package storage

import (
	"testing"

	storagev1 "k8s.io/api/storage/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/internal/golden"
)

func TestGolden(t *testing.T) {
	t.Run("StorageClass", func(t *testing.T) {
		golden.Run(t, "StorageClass", func(o *storagev1.StorageClass) field.ErrorList { return ValidateStorageClass(o, Options{}) })
	})
	t.Run("CSIDriver", func(t *testing.T) {
		golden.Run(t, "CSIDriver", func(o *storagev1.CSIDriver) field.ErrorList { return ValidateCSIDriver(o, Options{}) })
	})
}
