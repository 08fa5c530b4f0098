// Package kustomize builds kustomizations with kustomize's own engine
// (sigs.k8s.io/kustomize/api, krusty, as `kubectl apply -k` does) into
// manifest streams that daemonlint lints like any file, and maps every
// span of a built stream back to the file a person edits: the resource
// file a field came from, the patch that set it, or the kustomization.yaml
// line of the transformer (namePrefix, labels, images, replicas) that made
// it.
//
// Find walks a directory tree for kustomizations and tells which of them
// are leaves (the overlays nobody else includes) and which files the
// kustomizations read, so that a caller builds each leaf once and does not
// lint patches or resource files as standalone manifests. Build builds one
// kustomization on the real file system; it never fetches remote
// resources and never writes a file.
//
// Tracing uses kustomize's build metadata, the origin and transformer
// annotations (buildMetadata: [originAnnotations, transformerAnnotations]),
// which Build turns on in memory and strips from the objects it returns.
//
// Known limits: krusty writes warnings about deprecated kustomization
// fields (patchesStrategicMerge, patchesJson6902, commonLabels, bases,
// vars) to the process's standard error itself; this package cannot stop
// that without changing global state. Patch targets given by labelSelector
// or annotationSelector are matched against the built object's labels and
// annotations, which is what they were when the patch ran unless a later
// transformer changed them.
package kustomize
