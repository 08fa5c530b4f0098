// Package customresource checks custom resources against the
// CustomResourceDefinitions that define them, the way the API server does on
// create, and checks the CustomResourceDefinition manifests themselves.
//
// Everything here is the API server's own code from
// k8s.io/apiextensions-apiserver; this package only wires it together in
// the order a create request runs it:
//
//   - a CRD manifest is converted to the internal type and validated with
//     ValidateCustomResourceDefinition, with the options of a create
//     (structural schema, pruned defaults, CEL rules compiled within the
//     server's cost limits);
//   - a custom resource is pruned of unknown fields (reported as strict field
//     validation reports them: unknown field "spec.foo"), defaulted, its
//     metadata validated, then validated against the version's
//     openAPIV3Schema (NewSchemaValidator, ValidateCustomResource), its
//     embedded resources and x-kubernetes-list-type invariants checked, and
//     finally its x-kubernetes-validations CEL rules run with the server's
//     per-call and per-object cost budgets.
//
// A Registry also accepts JSON-schema files in the layout of the CRD
// catalogs ({group}/{kind}_{version}.json, as datreeio/CRDs-catalog
// publishes them) for custom resources whose CRD is not at hand; those are
// judged by the JSON schema alone.
//
// All findings are field.Error values whose paths are the API server's
// (spec.replicas, spec.items[0].name), ready to be placed on a document.
//
// # Start-up cost
//
// Linking this package adds the package initialisation of the apiserver
// libraries it uses (feature gates, metrics registries, CEL, the webhook
// helpers of CRD validation) to every start of a program, a few
// milliseconds. It imports only the leaf packages that do the work, never
// the registry strategies or the server; see the README of the repository
// for the measured numbers.
package customresource
