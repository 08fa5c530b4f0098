// Package apivalidation is the API server's create validation, re-expressed
// on the k8s.io/api v1 types without k8s.io/kubernetes: for an object, the
// field.ErrorList that `kubectl apply --dry-run=server` gets from
// kube-apiserver v1.37.2, with the server's field paths, error types and
// wording, after the defaults the server applies first.
//
// It is grouped by API group, one package each, with one entry point per
// kind:
//
//   - apivalidation/core: the core/v1 rules every workload shares:
//     ObjectMeta (ValidateObjectMeta, PrepareForCreate), pod templates
//     (ValidatePodTemplateSpec) with their containers, volumes, scheduling
//     and security, the pod defaults (SetPodTemplateDefaults), and the
//     Options that change the server's verdict; and the core/v1 pod-bearing
//     kinds: ValidatePod, ValidatePodTemplate and
//     ValidateReplicationController.
//   - apivalidation/apps: ValidateDaemonSet, ValidateReplicaSet,
//     ValidateDeployment and ValidateStatefulSet, each with its defaults
//     (DaemonSetWithDefaults, …), update strategy and selector checks
//     (DaemonSetSelectorErrors, …).
//   - apivalidation/batch: ValidateJob and ValidateCronJob, with their
//     defaults (JobWithDefaults, CronJobWithDefaults) and the schedule
//     check alone (ValidateSchedule).
//
// Each of these packages has a ValidateObject that runs the entry point of
// an object's kind and reports whether the package judges that kind, so
// that a caller can dispatch on a decoded runtime.Object:
//
//	for _, validate := range []func(runtime.Object, core.Options) (field.ErrorList, bool){
//		core.ValidateObject, apps.ValidateObject, batch.ValidateObject,
//	} {
//		if errs, ok := validate(obj, opts); ok {
//			return errs
//		}
//	}
//
// Every pod-bearing kind validates its pod template with the same code,
// core.ValidatePodTemplateSpec.
//
// This package holds no code of its own; its packages import no lint
// package.
package apivalidation
