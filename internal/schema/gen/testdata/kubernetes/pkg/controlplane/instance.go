package controlplane

import (
	widgetsv1 "k8s.io/api/widgets/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	widgetsbeta "k8s.io/kubernetes/pkg/apis/widgets/v1beta1"
)

var (
	stableAPIGroupVersionsEnabledByDefault = []schema.GroupVersion{
		widgetsv1.SchemeGroupVersion,
	}
	legacyBetaEnabledByDefaultResources = []schema.GroupVersionResource{
		widgetsbeta.SchemeGroupVersion.WithResource("widgets"), // deprecate in 1.23, remove in 1.26
		widgetsbeta.SchemeGroupVersion.WithResource("gizmos"),
	}
)
