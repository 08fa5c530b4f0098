// Package convert turns ReplicaSets and Deployments into DaemonSets.
//
// A conversion is a short list of byte edits on the user's own text: the
// kind becomes DaemonSet, spec.replicas goes with its comments, an old
// apiVersion becomes apps/v1, a missing selector is written from the
// template labels, a Deployment's strategy becomes an updateStrategy, and
// what a live object carries that a new DaemonSet must not (status, server
// fields, the pod-template-hash label, the owning Deployment) is removed.
// Every other byte (comments, blank lines, key order, quoting, flow style,
// line endings, other documents) is kept, so a reviewer sees a small diff.
//
// There are three entry points that agree with one another:
//
//   - ToDaemonSet converts a typed *appsv1.ReplicaSet or *appsv1.Deployment;
//   - Edits converts one lint.Document and returns the []lint.Edit;
//   - Convert converts a whole YAML stream.
//
// Decoding the source that Edits produces gives the DaemonSet that
// ToDaemonSet returns for the decoded original. Each conversion also
// returns Notes: what was dropped or changed and why, and what means
// something else under a DaemonSet (an anti-affinity rule, a hostPort, a
// HorizontalPodAutoscaler that targets the old object).
//
// A document that is already a DaemonSet, or is not a ReplicaSet or
// Deployment, is left as it is, so converting twice equals converting once.
package convert
