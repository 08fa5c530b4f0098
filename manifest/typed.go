package manifest

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	sigsjson "sigs.k8s.io/json"
)

// typedKinds are the kinds that Decode turns into Go types, by apiVersion
// and kind.
var typedKinds = map[[2]string]func() any{
	{"apps/v1", "DaemonSet"}:  func() any { return new(appsv1.DaemonSet) },
	{"apps/v1", "ReplicaSet"}: func() any { return new(appsv1.ReplicaSet) },
	{"apps/v1", "Deployment"}: func() any { return new(appsv1.Deployment) },
	{"v1", "Node"}:            func() any { return new(corev1.Node) },
	{"v1", "Pod"}:             func() any { return new(corev1.Pod) },
}

// Typed reports whether Decode turns documents of apiVersion and kind into a
// Go type.
func Typed(apiVersion, kind string) bool {
	_, ok := typedKinds[[2]string{apiVersion, kind}]
	return ok
}

type decodeResult struct {
	obj    any
	strict []error
	err    error
}

// Decode returns the object decoded into its k8s.io/api Go type, as the API
// server decodes a request body: from the JSON kubectl sends (see JSON),
// matching field names case-sensitively. It knows apps/v1 DaemonSet,
// ReplicaSet and Deployment, and v1 Node and Pod; for other kinds obj is
// nil.
//
// strict holds the errors of strict field validation (unknown fields,
// in sigs.k8s.io/json's words: `unknown field "spec.replicas"`); err is a
// decoding error (a wrong type, an unparsable quantity), in which case obj
// holds what could be decoded. The result is computed once.
func (d *Document) Decode() (obj any, strict []error, err error) {
	d.decodeOnce.Do(func() {
		newObj := typedKinds[[2]string{d.APIVersion, d.Kind}]
		if newObj == nil {
			return
		}
		data, err := d.JSON()
		if err != nil {
			d.decoded.err = err
			return
		}
		obj := newObj()
		strict, err := sigsjson.UnmarshalStrict(data, obj, sigsjson.DisallowUnknownFields)
		d.decoded = decodeResult{obj: obj, strict: strict, err: err}
	})
	return d.decoded.obj, d.decoded.strict, d.decoded.err
}

// DaemonSet returns the document as an apps/v1 DaemonSet, or nil when it is
// not one or cannot be decoded.
func (d *Document) DaemonSet() *appsv1.DaemonSet {
	obj, _, err := d.Decode()
	ds, _ := obj.(*appsv1.DaemonSet)
	if err != nil {
		return nil
	}
	return ds
}

// ReplicaSet returns the document as an apps/v1 ReplicaSet, or nil when it
// is not one or cannot be decoded.
func (d *Document) ReplicaSet() *appsv1.ReplicaSet {
	obj, _, err := d.Decode()
	rs, _ := obj.(*appsv1.ReplicaSet)
	if err != nil {
		return nil
	}
	return rs
}
