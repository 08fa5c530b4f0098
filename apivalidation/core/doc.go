// Package core is the API server's validation of the core/v1 parts that
// every workload kind shares (kube-apiserver v1.37.2,
// pkg/apis/core/validation): object metadata, pod templates and pod specs.
//
// The entry points take typed k8s.io/api objects and return field.ErrorList
// values with the server's field paths, error types and detail texts:
//
//   - ValidateObjectMeta checks metadata as on create, after
//     PrepareForCreate has done what the create handler does first (the
//     default namespace, a name generated from generateName).
//   - ValidatePodTemplateSpec checks a workload's pod template: labels and
//     annotations, then the pod spec with its containers (names, images,
//     ports, env, probes, lifecycle, mounts, resources, security context),
//     volumes (including projected volumes and ephemeral PVC templates),
//     scheduling (affinity, tolerations, topology spread) and pod security.
//   - SetPodTemplateDefaults applies the core/v1 defaults the server sets
//     in a pod template before validating it.
//   - ValidatePod (the server's ValidatePodCreate, after PodWithDefaults
//     and what the pod strategy prepares), ValidatePodTemplate and
//     ValidateReplicationController (after
//     ReplicationControllerWithDefaults) judge the core/v1 kinds that carry
//     a pod; ValidateObject dispatches to them on the Go type.
//
// Options carry what a cluster decides that changes the verdict; the zero
// Options is the usual server. A workload kind's own rules, and its
// defaults, are in its group's package (apivalidation/apps for DaemonSets,
// ReplicaSets, Deployments and StatefulSets, apivalidation/batch for Jobs
// and CronJobs), which calls into this one.
package core
