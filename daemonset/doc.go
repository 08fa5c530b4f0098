// Package daemonset holds what daemonlint knows about DaemonSets, free of
// any lint machinery: the API server's validation rules for DaemonSets and
// the ReplicaSets they are converted from, with the server's own field paths
// and wording, built on k8s.io/apimachinery's validation helpers.
//
// Functions here take typed objects from k8s.io/api and return
// field.ErrorList values, exactly as the API server would compute them for
// a create request; turning them into positioned diagnostics is the lint
// package's job.
//
// Placement says on which nodes the DaemonSet controller runs a daemon pod
// and why not, following the controller of Kubernetes v1.37.2 with
// k8s.io/component-helpers; NodeProfiles are typical nodes for when no real
// ones are at hand. The Check functions (CheckResources, CheckHostPaths, …)
// are best-practice checks for node agents that return Findings.
package daemonset
