package core

// Options describe what a cluster decides that changes the API server's
// verdict. The zero Options is how kubeadm, kind and the managed offerings
// run the server. Every validation entry point of apivalidation takes them.
type Options struct {
	// DisallowPrivileged makes privileged containers (and Windows
	// hostProcess containers) an error, as on an API server started with
	// --allow-privileged=false (the binary's own default).
	DisallowPrivileged bool
}
