// Package placement says on which nodes the DaemonSet controller runs a
// daemon pod, and why not, following the controller of Kubernetes v1.37.2
// with k8s.io/component-helpers.
//
// Placement gives one NodeVerdict per node: whether the pod is created
// (Runs), whether a running pod would stay (KeepsRunning), whether the
// taint manager evicts it again and again because a NoExecute toleration
// has tolerationSeconds (EvictedEverySeconds), and the Reasons
// against it (node name, node selector, node affinity, untolerated taints),
// what may keep it Pending (host ports, resources) and notes. PlaceAll does
// the same for several DaemonSets at once, so that host ports they share
// are found; Summary says it all in one line.
//
// The pods tolerate what the controller adds to them (see
// DaemonPodTolerations). NodeProfiles and DefaultNodes are typical nodes
// (a control-plane node, workers, a cordoned one, a GPU node) for when no
// real ones are at hand.
package placement
