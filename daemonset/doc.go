// Package daemonset holds what daemonlint knows about DaemonSets alone, free
// of any lint machinery: the best-practice checks for node agents.
//
// Each Check function (CheckResources, CheckHostPaths, CheckPrivileged, …)
// takes a typed apps/v1 DaemonSet and returns Findings: the API server's
// field path a finding is about, where to place it when that field is not
// written, a message, and a Severity of its own (Warning for a likely
// mistake, Info for advice). Turning findings into positioned diagnostics
// is the lint package's job.
//
// The API server's validation of DaemonSets (and of the ReplicaSets and
// Deployments they are converted from) lives in
// github.com/daemonlint/daemonlint/apivalidation/apps, with the pod template
// rules in apivalidation/core; where a DaemonSet's pods run is
// github.com/daemonlint/daemonlint/placement.
package daemonset
