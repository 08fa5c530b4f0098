// Package registry maps built-in kinds to the validation daemonlint ports
// from the API server for them: given a typed object of k8s.io/api, it
// calls the entry point of the kind's API group package (core, apps, batch,
// coreobjects, rbac, policy, scheduling, networking, autoscaling, storage,
// node) and says
// whether the kind is judged in full. For every other built-in kind,
// objectmeta.ValidateMetadata judges the metadata alone.
package registry

import (
	"fmt"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/yaml"

	"github.com/daemonlint/daemonlint/apivalidation/apps"
	"github.com/daemonlint/daemonlint/apivalidation/autoscaling"
	"github.com/daemonlint/daemonlint/apivalidation/batch"
	"github.com/daemonlint/daemonlint/apivalidation/core"
	"github.com/daemonlint/daemonlint/apivalidation/coreobjects"
	"github.com/daemonlint/daemonlint/apivalidation/networking"
	"github.com/daemonlint/daemonlint/apivalidation/node"
	"github.com/daemonlint/daemonlint/apivalidation/policy"
	"github.com/daemonlint/daemonlint/apivalidation/rbac"
	"github.com/daemonlint/daemonlint/apivalidation/scheduling"
	"github.com/daemonlint/daemonlint/apivalidation/storage"
)

// Options describe what a cluster decides that changes the server's
// verdict, per API group. The zero Options is a cluster set up by kubeadm.
type Options struct {
	// Core holds the core group's options (the Service IP range).
	Core coreobjects.Options
	// Pod holds the options of every kind that carries a pod template
	// (whether privileged containers are allowed).
	Pod core.Options
}

// entry is one judged kind: a constructor of its typed object and its
// validation.
type entry struct {
	new      func() runtime.Object
	validate func(runtime.Object, Options) field.ErrorList
}

// Judged reports whether the kind of gvk is validated in full.
func Judged(gvk schema.GroupVersionKind) bool {
	_, ok := kinds[gvk]
	return ok
}

// JudgedKinds returns the kinds validated in full, sorted by group,
// version and kind.
func JudgedKinds() []schema.GroupVersionKind {
	out := make([]schema.GroupVersionKind, 0, len(kinds))
	for gvk := range kinds {
		out = append(out, gvk)
	}
	slices.SortFunc(out, func(a, b schema.GroupVersionKind) int {
		return strings.Compare(a.Group+"/"+a.Version+"/"+a.Kind, b.Group+"/"+b.Version+"/"+b.Kind)
	})
	return out
}

// New returns an empty typed object of a judged kind, and false for
// other kinds.
func New(gvk schema.GroupVersionKind) (runtime.Object, bool) {
	e, ok := kinds[gvk]
	if !ok {
		return nil, false
	}
	return e.new(), true
}

// Validate returns the server's create errors for obj, a typed object of
// k8s.io/api such as *corev1.Service, and false when its kind is not judged
// in full. gvk names the apiVersion and kind the object was written as.
func Validate(gvk schema.GroupVersionKind, obj runtime.Object, opts Options) (field.ErrorList, bool) {
	e, ok := kinds[gvk]
	if !ok {
		return nil, false
	}
	return e.validate(obj, opts), true
}

// Decode reads one JSON or YAML document of a judged kind into its typed
// object with sigs.k8s.io/yaml; fields the type does not know are an
// error. It is a convenience for tests and tools: sigs.k8s.io/yaml reads a
// scalar by the type of the field it lands in (an unquoted y in a string
// field stays "y"), while kubectl converts the YAML without types (y is
// true there, and the server refuses it). The server's decoding errors are
// the lint layer's to report, not this package's.
func Decode(gvk schema.GroupVersionKind, doc []byte) (runtime.Object, error) {
	obj, ok := New(gvk)
	if !ok {
		return nil, fmt.Errorf("%s is not judged", gvk)
	}
	if err := yaml.UnmarshalStrict(doc, obj); err != nil {
		return nil, fmt.Errorf("decoding %s: %w", gvk.Kind, err)
	}
	return obj, nil
}

// ValidateObject returns the server's create errors for obj, a typed
// object of k8s.io/api, by its Go type, and false when its kind is not
// judged in full. Unlike Validate it needs no apiVersion, since each judged
// kind is judged in one version only.
func ValidateObject(obj runtime.Object, opts Options) (field.ErrorList, bool) {
	if errs, ok := coreobjects.ValidateObject(obj, opts.Core); ok {
		return errs, true
	}
	for _, v := range []func(runtime.Object, core.Options) (field.ErrorList, bool){core.ValidateObject, apps.ValidateObject, batch.ValidateObject} {
		if errs, ok := v(obj, opts.Pod); ok {
			return errs, true
		}
	}
	for _, v := range groupValidators {
		if errs, ok := v(obj); ok {
			return errs, true
		}
	}
	return nil, false
}

// groupValidators are the ValidateObject functions of the group packages
// whose options are empty.
var groupValidators = []func(runtime.Object) (field.ErrorList, bool){
	func(o runtime.Object) (field.ErrorList, bool) { return rbac.ValidateObject(o, rbac.Options{}) },
	func(o runtime.Object) (field.ErrorList, bool) { return policy.ValidateObject(o, policy.Options{}) },
	func(o runtime.Object) (field.ErrorList, bool) {
		return scheduling.ValidateObject(o, scheduling.Options{})
	},
	func(o runtime.Object) (field.ErrorList, bool) {
		return networking.ValidateObject(o, networking.Options{})
	},
	func(o runtime.Object) (field.ErrorList, bool) {
		return autoscaling.ValidateObject(o, autoscaling.Options{})
	},
	func(o runtime.Object) (field.ErrorList, bool) { return storage.ValidateObject(o, storage.Options{}) },
	func(o runtime.Object) (field.ErrorList, bool) { return node.ValidateObject(o, node.Options{}) },
}
