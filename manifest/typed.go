package manifest

import (
	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	sigsjson "sigs.k8s.io/json"

	"github.com/daemonlint/daemonlint/internal/kinds"
)

// Typed reports whether Decode turns documents of apiVersion and kind into
// their k8s.io/api Go type: every kind the API server's validation of
// apivalidation/registry judges in full, and v1 Node.
func Typed(apiVersion, kind string) bool {
	return kinds.Typed(apiVersion, kind)
}

type decodeResult struct {
	obj    any
	strict []error
	err    error
	// direct: obj was decoded from the node tree (see decodeNodesSize), which
	// also shows that JSON succeeds.
	direct bool
	// uniqueKeys: the decoding from the node tree read every mapping and
	// found no key twice.
	uniqueKeys bool
	// noBraces: the decoding from the node tree read every scalar and
	// none holds a '{'.
	noBraces bool
}

// Decode returns the object decoded into its k8s.io/api Go type, as the API
// server decodes a request body: from the JSON kubectl sends (see JSON),
// matching field names case-sensitively. It knows the kinds of Typed; for
// another kind of a built-in API group (see IsBuiltinKind) it decodes the
// metadata alone, into a *metav1.PartialObjectMetadata, with strict nil
// (the rest of the object is not looked at); for anything else (custom
// resources, Lists, misspelled kinds) obj is nil.
//
// strict holds the errors of strict field validation (unknown fields,
// in sigs.k8s.io/json's words: `unknown field "spec.replicas"`); err is a
// decoding error (a wrong type, an unparsable quantity), in which case obj
// holds what could be decoded. The result is computed once.
func (d *Document) Decode() (obj any, strict []error, err error) {
	d.decodeOnce.Do(func() {
		obj, typed := kinds.New(d.APIVersion, d.Kind)
		if !typed {
			if d.IsList() || d.APIVersion == "" {
				return
			}
			if group, _ := d.GroupVersion(); !IsBuiltinKind(group, d.Kind) {
				return
			}
			obj = new(metav1.PartialObjectMetadata)
		}
		if typed {
			if nd := decodeNodesSize(d.Node, obj); nd.ok {
				d.decoded = decodeResult{obj: obj, strict: nd.strict, direct: true, uniqueKeys: nd.uniqueKeys, noBraces: nd.noBraces}
				d.decodedDirect.Store(true)
				return
			}
			// The document leaves the common case: decode what the
			// server decodes, for its errors in its words.
			obj, _ = kinds.New(d.APIVersion, d.Kind)
		}
		data, err := d.JSON()
		if err != nil {
			d.decoded.err = err
			return
		}
		if !typed {
			err := sigsjson.UnmarshalCaseSensitivePreserveInts(data, obj)
			d.decoded = decodeResult{obj: obj, err: err}
			return
		}
		strict, err := sigsjson.UnmarshalStrict(data, obj, sigsjson.DisallowUnknownFields)
		d.decoded = decodeResult{obj: obj, strict: strict, err: err}
	})
	return d.decoded.obj, d.decoded.strict, d.decoded.err
}

// Sendable returns the error of JSON, why kubectl could not send the
// object as JSON, or nil. For a document that Decode reads straight from
// its node tree (the common case of the kinds of Typed), it knows the
// answer without writing the JSON.
func (d *Document) Sendable() error {
	if Typed(d.APIVersion, d.Kind) && !d.IsList() {
		d.Decode()
		if d.decoded.direct {
			return nil
		}
	}
	_, err := d.JSON()
	return err
}

// KeysUnique reports whether the document is known to have no key twice
// in any mapping and no merge key: true only for a document that Decode
// reads straight from its node tree (the common case of the kinds of
// Typed), which reads every mapping; false says nothing. A rule that looks
// for repeated keys can skip such a document.
func (d *Document) KeysUnique() bool {
	if !Typed(d.APIVersion, d.Kind) || d.IsList() {
		return false
	}
	d.Decode()
	return d.decoded.uniqueKeys
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
