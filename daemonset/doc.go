// Package daemonset holds what daemonlint knows about DaemonSets, free of
// any lint machinery: the API server's validation rules for DaemonSets and
// the ReplicaSets they are converted from, with the server's own field paths
// and wording, built on k8s.io/apimachinery's validation helpers.
//
// Functions here take typed objects from k8s.io/api and return
// field.ErrorList values, exactly as the API server would compute them for
// a create request; turning them into positioned diagnostics is the lint
// package's job.
package daemonset
