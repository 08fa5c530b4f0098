package customresource

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	crdvalidation "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	"sigs.k8s.io/yaml"
)

// Registry holds the CustomResourceDefinitions and catalog schemas that
// custom resources are checked against. The zero value is not usable; make
// one with NewRegistry. A Registry is not safe for concurrent AddCRD calls;
// once filled, Validate may be called from many goroutines.
type Registry struct {
	crds    map[schema.GroupKind]*crd
	catalog map[catalogKey]*catalogEntry
}

// NewRegistry returns an empty Registry.
func NewRegistry() *Registry {
	return &Registry{
		crds:    map[schema.GroupKind]*crd{},
		catalog: map[catalogKey]*catalogEntry{},
	}
}

// crd is what a Registry keeps of one CustomResourceDefinition.
type crd struct {
	name       string // metadata.name
	source     string // where it came from, as the caller named it
	namespaced bool
	// invalid is set when the API server would have refused the CRD: its
	// kind is then unknown to the server and each custom resource of it is
	// reported as such.
	invalid  bool
	versions map[string]*crdVersion
	served   []string // served versions in the order of spec.versions
}

// crdVersion is one version of a CRD, with the validators the API server
// builds for it.
type crdVersion struct {
	served     bool
	structural *structuralschema.Structural
	validator  apiservervalidation.SchemaValidator
	// The CEL rules are compiled on first use: compiling them is most of
	// what adding a CRD costs, and most CRDs of a chart have no custom
	// resource in the same run. (ValidateCustomResourceDefinition has
	// compiled them once already, to check them.)
	celOnce sync.Once
	cel     *cel.Validator // nil when the schema has no rules
	// statusSubresource: on create the server drops status before
	// validation.
	statusSubresource bool
	specReplicasPath  string // scale subresource, "" when there is none
}

// describe names the CRD for messages: its name and where it came from.
func (c *crd) describe() string {
	if c.source == "" {
		return "CustomResourceDefinition " + c.name
	}
	return fmt.Sprintf("CustomResourceDefinition %s (%s)", c.name, c.source)
}

// AddCRDManifest decodes a CustomResourceDefinition manifest (YAML or JSON,
// apiextensions.k8s.io/v1) and adds it as AddCRD does. A manifest that does
// not decode gives one error at the root.
func (r *Registry) AddCRDManifest(data []byte, source string) field.ErrorList {
	var obj apiextensionsv1.CustomResourceDefinition
	if err := yaml.Unmarshal(data, &obj); err != nil {
		return field.ErrorList{field.Invalid(nil, field.OmitValueType{}, fmt.Sprintf("not a CustomResourceDefinition: %v", err))}
	}
	if obj.APIVersion != "" && obj.APIVersion != "apiextensions.k8s.io/v1" {
		return field.ErrorList{field.NotSupported(field.NewPath("apiVersion"), obj.APIVersion, []string{"apiextensions.k8s.io/v1"})}
	}
	if obj.Kind != "" && obj.Kind != "CustomResourceDefinition" {
		return field.ErrorList{field.NotSupported(field.NewPath("kind"), obj.Kind, []string{"CustomResourceDefinition"})}
	}
	return r.AddCRD(&obj, source)
}

// AddCRD validates a CustomResourceDefinition as the API server does on
// create and makes its custom resources checkable. source names where the
// CRD came from (a file and line, say); messages about its rules quote it.
// The returned errors are the server's, with field paths into the v1
// manifest: where the server names a field of its internal version that
// all versions share (spec.validation.openAPIV3Schema...), the path is the
// first version's (spec.versions[0].schema.openAPIV3Schema...).
//
// A CRD with errors is still recorded, so that its custom resources are
// reported as having an invalid definition rather than skipped. A CRD for
// a group and kind that is already known replaces the earlier one. The
// argument is not modified.
func (r *Registry) AddCRD(obj *apiextensionsv1.CustomResourceDefinition, source string) field.ErrorList {
	v1 := obj.DeepCopy()
	apiextensionsv1.SetObjectDefaults_CustomResourceDefinition(v1)
	var internal apiextensions.CustomResourceDefinition
	if err := apiextensionsv1.Convert_v1_CustomResourceDefinition_To_apiextensions_CustomResourceDefinition(v1, &internal, nil); err != nil {
		return field.ErrorList{field.Invalid(field.NewPath("spec"), field.OmitValueType{}, fmt.Sprintf("cannot convert to the internal version: %v", err))}
	}
	// PrepareForCreate of the CRD strategy: the status is the server's.
	// (Its dropDisabledFields does nothing while the feature gates keep
	// their defaults.)
	internal.Status = apiextensions.CustomResourceDefinitionStatus{}
	internal.Generation = 1
	for _, v := range internal.Spec.Versions {
		if v.Storage {
			internal.Status.StoredVersions = []string{v.Name}
			break
		}
	}
	errs := crdvalidation.ValidateCustomResourceDefinition(context.Background(), &internal)
	for _, e := range errs {
		e.Field = manifestPath(e.Field)
	}

	gk := schema.GroupKind{Group: v1.Spec.Group, Kind: v1.Spec.Names.Kind}
	if gk.Kind == "" {
		return errs // nothing to register it under
	}
	c := &crd{
		name:       v1.Name,
		source:     source,
		namespaced: v1.Spec.Scope != apiextensionsv1.ClusterScoped,
		invalid:    len(errs) > 0,
		versions:   map[string]*crdVersion{},
	}
	if !c.invalid {
		for i := range v1.Spec.Versions {
			v, err := newVersion(&v1.Spec.Versions[i])
			if err != nil {
				// ValidateCustomResourceDefinition accepted what the
				// server then cannot serve: report it rather than panic.
				errs = append(errs, field.Invalid(field.NewPath("spec", "versions").Index(i).Child("schema", "openAPIV3Schema"), field.OmitValueType{}, err.Error()))
				c.invalid = true
				break
			}
			c.versions[v1.Spec.Versions[i].Name] = v
			if v.served {
				c.served = append(c.served, v1.Spec.Versions[i].Name)
			}
		}
	}
	r.crds[gk] = c
	return errs
}

// newVersion builds the validators of one CRD version as the API server's
// custom resource handler does.
func newVersion(v *apiextensionsv1.CustomResourceDefinitionVersion) (*crdVersion, error) {
	out := &crdVersion{served: v.Served}
	if v.Subresources != nil {
		out.statusSubresource = v.Subresources.Status != nil
		if v.Subresources.Scale != nil {
			out.specReplicasPath = v.Subresources.Scale.SpecReplicasPath
		}
	}
	var props *apiextensions.JSONSchemaProps
	if v.Schema != nil && v.Schema.OpenAPIV3Schema != nil {
		internal := &apiextensions.CustomResourceValidation{}
		if err := apiextensionsv1.Convert_v1_CustomResourceValidation_To_apiextensions_CustomResourceValidation(v.Schema, internal, nil); err != nil {
			return nil, fmt.Errorf("converting the schema of version %q: %w", v.Name, err)
		}
		props = internal.OpenAPIV3Schema
	}
	s, err := structuralschema.NewStructural(props)
	if err != nil {
		return nil, fmt.Errorf("the schema of version %q is not structural: %w", v.Name, err)
	}
	s = s.DeepCopy()
	if err := structuraldefaulting.PruneDefaults(s); err != nil {
		return nil, fmt.Errorf("pruning the defaults of version %q: %w", v.Name, err)
	}
	out.structural = s
	validator, _, err := apiservervalidation.NewSchemaValidator(props)
	if err != nil {
		return nil, fmt.Errorf("the schema of version %q: %w", v.Name, err)
	}
	out.validator = validator
	return out, nil
}

// celValidator returns the version's CEL validator, nil when it has no
// rules, building it on first use as the server's custom resource strategy
// does, with the server's per-call cost limit.
func (v *crdVersion) celValidator() *cel.Validator {
	v.celOnce.Do(func() {
		v.cel = cel.NewValidator(v.structural, true, celconfig.PerCallLimit)
	})
	return v.cel
}

// Kinds returns the group/kinds the registry knows from CRDs, sorted, for
// summaries.
func (r *Registry) Kinds() []schema.GroupKind {
	out := make([]schema.GroupKind, 0, len(r.crds))
	for gk := range r.crds {
		out = append(out, gk)
	}
	slices.SortFunc(out, func(a, b schema.GroupKind) int {
		return strings.Compare(a.String(), b.String())
	})
	return out
}

// hoisted are the fields of the internal CRD spec that the conversion from
// v1 fills from spec.versions when every version has the same value.
var hoisted = []string{"spec.validation", "spec.subresources", "spec.additionalPrinterColumns", "spec.selectableFields"}

// manifestPath turns a path into the internal CRD that the server reports
// (spec.validation.openAPIV3Schema..., when all versions share one schema)
// into the path of the same field in the v1 manifest: the first version's
// (spec.versions[0].schema.openAPIV3Schema...).
func manifestPath(p string) string {
	for _, h := range hoisted {
		rest, ok := strings.CutPrefix(p, h)
		if !ok || (rest != "" && rest[0] != '.' && rest[0] != '[') {
			continue
		}
		name := strings.TrimPrefix(h, "spec.")
		if name == "validation" {
			name = "schema"
		}
		return "spec.versions[0]." + name + rest
	}
	return p
}
