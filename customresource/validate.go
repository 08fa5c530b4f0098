package customresource

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype"
	schemaobjectmeta "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/objectmeta"
	structuralpruning "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apimachinery/pkg/api/operation"
	metavalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	"k8s.io/apimachinery/pkg/util/validation/field"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	"k8s.io/apiserver/pkg/features"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
)

// DefaultNamespace is the namespace a namespaced custom resource without
// metadata.namespace is created in, as kubectl's default context does.
const DefaultNamespace = "default"

// generatedNameSuffix stands for the five random characters the server
// appends to metadata.generateName.
const generatedNameSuffix = "abcde"

// Validate checks one custom resource, decoded from YAML or JSON into
// plain Go values (maps, slices, strings, numbers, booleans, nil), as the
// API server checks it on create with strict field validation. It finds
// the schema by the object's apiVersion and kind: a CRD added with AddCRD,
// or else a catalog schema (AddCatalogDir). found is false when neither is
// known; the caller then skips the object. obj is not modified.
//
// The errors are, in this order: unknown fields (type
// field.ErrorTypeNotFound, detail `unknown field "spec.foo"`, as strict
// field validation reports them; the server would stop there, but the rest
// is checked on the pruned object so that all problems show at once),
// metadata, the openAPIV3Schema, the scale subresource's replicas,
// embedded resources, x-kubernetes-list-type invariants, and the
// x-kubernetes-validations rules (whose messages name the CRD). As on the
// server, the rules are not run when an earlier error is of a type that
// blocks them (a required, unsupported, too long or too many value, or a
// wrong type); a last error with an empty Field then says so. An empty
// Field always means the object itself (the server prints it as <nil>).
func (r *Registry) Validate(obj map[string]any) (errs field.ErrorList, found bool) {
	data, err := json.Marshal(obj)
	if err != nil {
		return field.ErrorList{field.Invalid(nil, field.OmitValueType{}, fmt.Sprintf("not a JSON object: %v", err))}, false
	}
	return r.ValidateJSON(data)
}

// ValidateJSON is Validate for an object given as JSON. When data is not a
// JSON object, found is false and errs holds the reason.
func (r *Registry) ValidateJSON(data []byte) (errs field.ErrorList, found bool) {
	var u map[string]any
	if err := utiljson.Unmarshal(data, &u); err != nil || u == nil {
		if err == nil {
			err = fmt.Errorf("null")
		}
		return field.ErrorList{field.Invalid(nil, field.OmitValueType{}, fmt.Sprintf("not a JSON object: %v", err))}, false
	}
	apiVersion, _ := u["apiVersion"].(string)
	kind, _ := u["kind"].(string)
	gv, err := schema.ParseGroupVersion(apiVersion)
	if err != nil || kind == "" {
		return nil, false
	}
	c, ok := r.crds[schema.GroupKind{Group: gv.Group, Kind: kind}]
	if !ok {
		return r.validateCatalog(u, gv.WithKind(kind))
	}
	if c.invalid {
		return field.ErrorList{field.Invalid(field.NewPath("kind"), kind,
			fmt.Sprintf("%s defines this kind but is itself invalid, so the API server does not serve it: fix the CustomResourceDefinition first", c.describe()))}, true
	}
	v, ok := c.versions[gv.Version]
	if !ok || !v.served {
		served := make([]string, len(c.served))
		for i, s := range c.served {
			served[i] = strconv.Quote(gv.Group + "/" + s)
		}
		detail := fmt.Sprintf("%s serves no version of %s", c.describe(), kind)
		if len(served) > 0 {
			detail = fmt.Sprintf("%s does not serve this version of %s: write %s", c.describe(), kind, strings.Join(served, " or "))
		}
		return field.ErrorList{&field.Error{Type: field.ErrorTypeNotSupported, Field: "apiVersion", BadValue: apiVersion, Detail: detail}}, true
	}
	return c.validate(u, v), true
}

// validate runs the API server's create path on u, which it owns.
func (c *crd) validate(u map[string]any, v *crdVersion) field.ErrorList {
	ctx := context.Background()
	var errs field.ErrorList

	// Decoding: what strict field validation reports, then pruning,
	// coercion of metadata and defaulting (customresource_handler.go,
	// unstructuredSchemaCoercer.apply and unstructuredDefaulter).
	objectMeta, foundMeta, unknown, err := schemaobjectmeta.GetObjectMetaWithOptions(u, schemaobjectmeta.ObjectMetaOptions{ReturnUnknownFieldPaths: true})
	if err != nil {
		return field.ErrorList{field.Invalid(field.NewPath("metadata"), field.OmitValueType{}, err.Error())}
	}
	unknown = append(unknown, structuralpruning.PruneWithOptions(u, v.structural, true, structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true})...)
	structuraldefaulting.PruneNonNullableNullsWithoutDefaults(u, v.structural)
	ferr, paths := schemaobjectmeta.CoerceWithOptions(nil, u, v.structural, false, schemaobjectmeta.CoerceOptions{ReturnUnknownFieldPaths: true})
	if ferr != nil {
		errs = append(errs, ferr)
	}
	unknown = append(unknown, paths...)
	for _, p := range unknown {
		errs = append(errs, &field.Error{Type: field.ErrorTypeNotFound, Field: parsePath(p).String(), BadValue: field.OmitValueType{}, Detail: fmt.Sprintf("unknown field %q", p)})
	}
	if foundMeta {
		// BeforeCreate: the request's namespace, a generated name.
		if c.namespaced && objectMeta.Namespace == "" {
			objectMeta.Namespace = DefaultNamespace
		}
		if !c.namespaced {
			objectMeta.Namespace = ""
		}
		if objectMeta.Name == "" && objectMeta.GenerateName != "" {
			objectMeta.Name = objectMeta.GenerateName + generatedNameSuffix
		}
		if err := schemaobjectmeta.SetObjectMeta(u, objectMeta); err != nil {
			errs = append(errs, field.Invalid(field.NewPath("metadata"), field.OmitValueType{}, err.Error()))
		}
	}
	structuraldefaulting.Default(u, v.structural)
	if v.statusSubresource {
		delete(u, "status") // PrepareForCreate
	}

	// Validation: customResourceStrategy.Validate.
	if foundMeta {
		errs = append(errs, metavalidation.ValidateObjectMetaDeclaratively(ctx, operation.Create, objectMeta, nil, c.namespaced,
			metavalidation.NameIsDNSSubdomain, field.NewPath("metadata"), utilfeature.DefaultFeatureGate.Enabled(features.DeclarativeValidationBeta))...)
	} else {
		errs = append(errs, field.Required(field.NewPath("metadata", "name"), "name or generateName is required"))
	}
	errs = append(errs, apiservervalidation.ValidateCustomResource(nil, u, v.validator)...)
	errs = append(errs, validateScaleSpec(u, v.specReplicasPath)...)
	errs = append(errs, schemaobjectmeta.Validate(ctx, nil, u, v.structural, false)...)
	errs = append(errs, listtype.ValidateListSetsAndMaps(nil, v.structural, u)...)
	if celValidator := v.celValidator(); celValidator != nil {
		if blocking(errs) {
			errs = append(errs, &field.Error{Type: field.ErrorTypeInvalid, BadValue: field.OmitValueType{}, Detail: "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"})
		} else {
			celErrs, _ := celValidator.Validate(ctx, nil, v.structural, u, nil, celconfig.RuntimeCELCostBudget)
			for _, e := range celErrs {
				e.Detail = fmt.Sprintf("%s (rule of %s)", e.Detail, c.describe())
				errs = append(errs, e)
			}
		}
	}
	for _, e := range errs {
		if e.Field == "<nil>" { // a nil *field.Path: the object itself
			e.Field = ""
		}
	}
	return errs
}

// blocking reports whether errs hold an error that stops the server from
// running CEL rules (hasBlockingErr in the custom resource strategy).
func blocking(errs field.ErrorList) bool {
	for _, e := range errs {
		switch e.Type {
		case field.ErrorTypeNotSupported, field.ErrorTypeRequired, field.ErrorTypeTooLong, field.ErrorTypeTooMany, field.ErrorTypeTypeInvalid:
			return true
		}
	}
	return false
}

// validateScaleSpec checks the scale subresource's spec replicas as the
// server's customResourceValidator.ValidateScaleSpec does.
func validateScaleSpec(u map[string]any, specReplicasPath string) field.ErrorList {
	if specReplicasPath == "" {
		return nil
	}
	// The server names the field as written (.spec.replicas); without the
	// leading dot it is a path like all others.
	trimmed := strings.TrimPrefix(specReplicasPath, ".")
	p := parsePath(trimmed)
	n, _, err := unstructured.NestedInt64(u, strings.Split(trimmed, ".")...)
	switch {
	case err != nil:
		return field.ErrorList{field.Invalid(p, n, err.Error())}
	case n < 0:
		return field.ErrorList{field.Invalid(p, n, "should be a non-negative integer")}
	case n > math.MaxInt32:
		return field.ErrorList{field.Invalid(p, n, fmt.Sprintf("should be less than or equal to %v", math.MaxInt32))}
	}
	return nil
}

// parsePath turns a pruning path such as spec.items[0].name back into a
// field.Path. A key that holds a dot cannot be told from two keys; such
// paths come out split at the dot.
func parsePath(s string) *field.Path {
	var p *field.Path
	for part := range strings.SplitSeq(s, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name != "" {
			if p == nil {
				p = field.NewPath(name)
			} else {
				p = p.Child(name)
			}
		}
		for rest != "" {
			idx, after, ok := strings.Cut(rest, "]")
			if !ok {
				break
			}
			if i, err := strconv.Atoi(idx); err == nil && p != nil {
				p = p.Index(i)
			} else if p != nil {
				p = p.Key(idx)
			}
			rest = strings.TrimPrefix(after, "[")
		}
	}
	if p == nil {
		return field.NewPath(s)
	}
	return p
}
