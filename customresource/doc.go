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
// libraries it needs to every start of a program, whether or not a custom
// resource is ever checked. The packages that do the work import the heavy
// ones themselves: pkg/apiserver/validation imports the component-base
// metrics (legacyregistry, prometheus) and, through the CEL packages,
// cel-go, protobuf descriptors and the apiserver feature gates;
// kube-openapi's strfmt registry is the schema validator's; and
// apis/apiextensions/validation imports k8s.io/apiserver/pkg/util/webhook
// for the conversion webhook checks, which brings the egress selector,
// konnectivity, gRPC, OpenTelemetry and the client-go transport. None of
// these can be left out while using those packages. What this package
// avoids is everything above them: it imports no registry strategy
// (pkg/registry/customresource and pkg/registry/customresourcedefinition
// link the generic registry, storage and client-go's kubernetes scheme,
// whose init alone costs about 4 ms), no scheme install (it converts with
// the generated conversion functions) and not the server (pkg/apiserver).
//
// Measured with scripts/initcost.sh -base ./lint,./daemonset
// ./customresource (tiny programs, GODEBUG=inittrace=1, 40 alternating
// runs, on a 2-core machine under a load of about 7, so absolute numbers
// are high): the summed package initialisation grows from about 6 to
// about 15 to 25 ms (per-package medians add up to 8 to 9 ms), a start
// from about 14 to about 38 ms of wall time, and the binary from 14 to
// 47 MB. The registry strategies instead would add about 16 ms of init.
// Of this package's cost, CRD manifest validation (the webhook chain) is
// about 2.5 ms of init and 21 MB of binary; the schema validator, metrics
// and CEL about 6 ms.
package customresource
