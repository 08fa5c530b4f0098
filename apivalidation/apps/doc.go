// Package apps is the API server's create validation of the apps/v1
// workload kinds (kube-apiserver v1.37.2, pkg/apis/apps/validation), one
// entry point per kind:
//
//   - ValidateDaemonSet, after DaemonSetWithDefaults
//   - ValidateReplicaSet, after ReplicaSetWithDefaults
//   - ValidateDeployment, after DeploymentWithDefaults
//   - ValidateStatefulSet, after StatefulSetWithDefaults
//
// Each returns the server's field.ErrorList for creating the object, in the
// server's order, with its field paths and wording, and leaves its argument
// unchanged: it validates a copy with the server's defaults. The pod
// template is validated once for all kinds by
// github.com/daemonlint/daemonlint/apivalidation/core; what a kind adds
// (its selector, update strategy, replicas, restartPolicy Always, a
// StatefulSet's claim templates) is here. ValidateObject dispatches on the
// Go type.
// The selector checks are also available alone (DaemonSetSelectorErrors,
// ReplicaSetSelectorErrors, DeploymentSelectorErrors), as is the number the
// server reads from a rolling update's maxUnavailable or maxSurge
// (IntOrPercentValue).
package apps
