package placement

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// A NodeProfile is a typical node, for showing where a DaemonSet would run
// when no real nodes are at hand. The profiles are examples of what nodes
// commonly look like, not a real cluster: a cluster's own nodes
// (kubectl get nodes -o yaml) give the real answer.
type NodeProfile struct {
	// Description says what the node stands for ("kubeadm control plane").
	Description string
	// Node is the node, with the labels, taints and allocatable resources
	// such a node has.
	Node corev1.Node
}

// Names of the built-in node profiles.
const (
	ControlPlaneProfile   = "cp-1"
	WorkerProfile         = "worker-1"
	CordonedWorkerProfile = "worker-2"
	GPUWorkerProfile      = "gpu-1"
)

// NodeProfiles returns the built-in node profiles: a kubeadm control-plane
// node (tainted node-role.kubernetes.io/control-plane:NoSchedule, as kubeadm
// taints it since v1.25), a plain Linux worker, a cordoned worker (as
// kubectl cordon and the node lifecycle controller leave it:
// spec.unschedulable and the node.kubernetes.io/unschedulable:NoSchedule
// taint), and a GPU worker tainted nvidia.com/gpu:NoSchedule and labelled
// as the NVIDIA GPU operator labels it. The slice is new on every call.
func NodeProfiles() []NodeProfile {
	return []NodeProfile{
		{
			Description: "kubeadm control plane",
			Node: profileNode(ControlPlaneProfile, map[string]string{
				"node-role.kubernetes.io/control-plane":                   "",
				"node.kubernetes.io/exclude-from-external-load-balancers": "",
			}, []corev1.Taint{
				{Key: "node-role.kubernetes.io/control-plane", Effect: corev1.TaintEffectNoSchedule},
			}, corev1.ResourceList{
				corev1.ResourceCPU:    resource.MustParse("2"),
				corev1.ResourceMemory: resource.MustParse("4Gi"),
			}),
		},
		{
			Description: "worker",
			Node:        profileNode(WorkerProfile, nil, nil, nil),
		},
		{
			Description: "cordoned worker",
			Node: cordon(profileNode(CordonedWorkerProfile, nil, []corev1.Taint{
				{Key: corev1.TaintNodeUnschedulable, Effect: corev1.TaintEffectNoSchedule},
			}, nil)),
		},
		{
			Description: "GPU worker, tainted nvidia.com/gpu:NoSchedule",
			Node: profileNode(GPUWorkerProfile, map[string]string{
				"nvidia.com/gpu.present": "true",
			}, []corev1.Taint{
				{Key: "nvidia.com/gpu", Effect: corev1.TaintEffectNoSchedule},
			}, corev1.ResourceList{
				corev1.ResourceCPU:    resource.MustParse("8"),
				corev1.ResourceMemory: resource.MustParse("64Gi"),
				"nvidia.com/gpu":      resource.MustParse("1"),
			}),
		},
	}
}

// DefaultNodes returns the nodes of the built-in NodeProfiles.
func DefaultNodes() []corev1.Node {
	profiles := NodeProfiles()
	nodes := make([]corev1.Node, len(profiles))
	for i, p := range profiles {
		nodes[i] = p.Node
	}
	return nodes
}

// ControlPlaneNode returns the built-in kubeadm control-plane node profile.
func ControlPlaneNode() corev1.Node {
	return NodeProfiles()[0].Node
}

// profileNode returns a Linux amd64 node with the labels the kubelet sets,
// extra labels and taints, and allocatable resources (a 4 CPU, 16 GiB
// worker unless given).
func profileNode(name string, extra map[string]string, taints []corev1.Taint, allocatable corev1.ResourceList) corev1.Node {
	labels := map[string]string{
		"beta.kubernetes.io/arch": "amd64",
		"beta.kubernetes.io/os":   "linux",
		"kubernetes.io/arch":      "amd64",
		"kubernetes.io/hostname":  name,
		"kubernetes.io/os":        "linux",
	}
	for k, v := range extra {
		labels[k] = v
	}
	alloc := corev1.ResourceList{
		corev1.ResourceCPU:              resource.MustParse("4"),
		corev1.ResourceMemory:           resource.MustParse("16Gi"),
		corev1.ResourceEphemeralStorage: resource.MustParse("100Gi"),
		corev1.ResourcePods:             resource.MustParse("110"),
	}
	for k, v := range allocatable {
		alloc[k] = v
	}
	return corev1.Node{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Node"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels},
		Spec:       corev1.NodeSpec{Taints: taints},
		Status:     corev1.NodeStatus{Capacity: alloc.DeepCopy(), Allocatable: alloc},
	}
}

// cordon marks a node unschedulable, as kubectl cordon does.
func cordon(n corev1.Node) corev1.Node {
	n.Spec.Unschedulable = true
	return n
}
