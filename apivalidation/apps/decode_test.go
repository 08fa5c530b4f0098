package apps_test

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	sigsjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// typedKinds are the kinds the tests decode, by apiVersion and kind.
var typedKinds = map[metav1.TypeMeta]func() any{
	{APIVersion: "apps/v1", Kind: "DaemonSet"}:  func() any { return new(appsv1.DaemonSet) },
	{APIVersion: "apps/v1", Kind: "ReplicaSet"}: func() any { return new(appsv1.ReplicaSet) },
	{APIVersion: "apps/v1", Kind: "Deployment"}: func() any { return new(appsv1.Deployment) },
}

// decodeManifest reads one manifest as the API server reads the body
// kubectl sends: YAML turned into JSON by sigs.k8s.io/yaml (as kubectl
// does), then decoded into the Go type of its apiVersion and kind by
// sigs.k8s.io/json, matching field names case-sensitively. obj is nil for
// a kind the tests do not decode. strict holds the strict decoder's errors
// (unknown and duplicate fields); err a decoding error (a wrong type, an
// unparsable quantity) or a YAML error.
func decodeManifest(src []byte) (typ metav1.TypeMeta, obj any, strict []error, err error) {
	data, err := yaml.YAMLToJSON(src)
	if err != nil {
		return typ, nil, nil, fmt.Errorf("reading YAML: %w", err)
	}
	if err := sigsjson.UnmarshalCaseSensitivePreserveInts(data, &typ); err != nil {
		return typ, nil, nil, err
	}
	newObj := typedKinds[metav1.TypeMeta{APIVersion: typ.APIVersion, Kind: typ.Kind}]
	if newObj == nil {
		return typ, nil, nil, nil
	}
	obj = newObj()
	strict, err = sigsjson.UnmarshalStrict(data, obj, sigsjson.DisallowUnknownFields)
	return typ, obj, strict, err
}
