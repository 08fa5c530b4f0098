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
// runs, on a 2-core machine under a load of 7 to 9, so absolute numbers
// are high): package initialisation grows by 9 ms (the sum of per-package
// medians) to 14 ms (the median of per-run sums), from about 7 ms; a whole
// start by about 15 ms of wall time, from about 13 ms; the binary from 14
// to 47 MB. The largest single costs are kube-openapi's strfmt registry
// (1.8 ms), the legacy metrics registry (1.2 ms), prometheus (0.7 ms) and
// the egress selector (0.4 to 1.3 ms). Importing the registry strategies
// instead would add about 16 ms of init (per-package medians), and a tiny
// program that imports them is 70 MB against 48 MB for this package.
// Of this package's cost, CRD manifest validation (the webhook chain) is
// about 2.5 ms of init and 21 MB of binary; the schema validator, metrics
// and CEL about 6 ms.
package customresource
