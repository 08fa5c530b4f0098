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
// A built span maps to a source this way: the node at the span gives a
// field path; the transformers and patches that the transformer annotation
// lists are tried from the last applied to the first, and the first that
// set that field wins (a patch file whose document targets the object and
// holds the path, a JSON patch operation whose path is the field or a
// parent of it, a namePrefix, nameSuffix, namespace, labels, commonLabels,
// commonAnnotations, images or replicas entry whose value is the built
// one); else the resource file named by the origin annotation, the
// document of the same kind and name. The path is then looked up there,
// matching list items by name; a field the source lacks gives its nearest
// parent. A location is Exact when the source text is the built text byte
// for byte, as unchanged resource and patch text usually is.
//
// Known limits: krusty writes warnings about deprecated kustomization
// fields (patchesStrategicMerge, patchesJson6902, commonLabels, bases,
// vars) to the process's standard error itself; this package cannot stop
// that without changing global state. Patch targets given by labelSelector
// or annotationSelector are matched against the built object's labels and
// annotations, which is what they were when the patch ran unless a later
// transformer changed them.
package kustomize
