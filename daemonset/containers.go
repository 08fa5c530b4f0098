package daemonset

import (
	"fmt"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// CheckResources reports containers (and sidecar init containers) without
// a CPU request, a memory request or a memory limit. A request defaulted
// from a limit, and pod-level resources, count as set; pause containers,
// which use next to nothing, are not reported. A container that lacks only
// the memory limit is reported as advice: some node agents (networking
// above all) go without one on purpose, so that they are never OOM-killed.
func CheckResources(ds *appsv1.DaemonSet) []Finding {
	pod := ds.Spec.Template.Spec.Resources
	var out []Finding
	for _, ref := range containers(ds, true) {
		if ref.init && !isSidecar(ref.c) {
			continue // runs to completion before the agent starts
		}
		if isPauseImage(ref.c.Image) {
			continue
		}
		has := func(name corev1.ResourceName, limitOnly bool) bool {
			for _, r := range []*corev1.ResourceRequirements{&ref.c.Resources, pod} {
				if r == nil {
					continue
				}
				if _, ok := r.Limits[name]; ok {
					return true
				}
				if _, ok := r.Requests[name]; ok && !limitOnly {
					return true
				}
			}
			return false
		}
		var missing, fields []string
		if !has(corev1.ResourceCPU, false) {
			missing, fields = append(missing, "cpu request"), append(fields, "resources.requests.cpu")
		}
		if !has(corev1.ResourceMemory, false) {
			missing, fields = append(missing, "memory request"), append(fields, "resources.requests.memory")
		}
		noLimit := !has(corev1.ResourceMemory, true)
		if noLimit {
			missing, fields = append(missing, "memory limit"), append(fields, "resources.limits.memory")
		}
		if len(missing) == 0 {
			continue
		}
		path := ref.field("resources")
		switch {
		case len(missing) == 1 && noLimit:
			out = append(out, Finding{
				Severity: Info,
				Field:    path,
				Message:  fmt.Sprintf("container %q has no memory limit: a memory leak in a daemon pod grows on every node at once; set resources.limits.memory, unless the agent must never be OOM-killed (some networking agents go without a limit on purpose)", ref.c.Name),
			})
		default:
			out = append(out, Finding{
				Severity: Warning,
				Field:    path,
				Message: fmt.Sprintf("container %q has no %s: a DaemonSet runs a copy on every node, and the scheduler reserves nothing for what it does not request, on any of them; set %s",
					ref.c.Name, joinWords(missing, "or"), joinWords(fields, "and")),
			})
		}
	}
	return out
}

// isPauseImage reports whether an image is a pause image, which a pod
// runs only to hold its place.
func isPauseImage(image string) bool {
	name, _, _ := strings.Cut(image, "@")
	name = name[strings.LastIndex(name, "/")+1:]
	name, _, _ = strings.Cut(name, ":")
	return name == "pause"
}

// ImageTag returns the tag of an image reference and whether it names a
// digest: "fluentd:v1.17" gives ("v1.17", false), "fluentd" gives
// ("", false), "fluentd@sha256:…" gives ("", true).
func ImageTag(image string) (tag string, digest bool) {
	name, _, digest := strings.Cut(image, "@")
	last := name[strings.LastIndex(name, "/")+1:]
	if i := strings.LastIndex(last, ":"); i >= 0 {
		tag = last[i+1:]
	}
	return tag, digest
}

// CheckImageTags reports container images without a tag or with the tag
// latest, and no digest.
func CheckImageTags(ds *appsv1.DaemonSet) []Finding {
	var out []Finding
	for _, ref := range containers(ds, true) {
		image := strings.TrimSpace(ref.c.Image)
		if image == "" {
			continue
		}
		tag, digest := ImageTag(image)
		if digest || (tag != "" && tag != "latest") {
			continue
		}
		what := "has no tag, so it means :latest"
		if tag == "latest" {
			what = "uses the tag latest"
		}
		out = append(out, Finding{
			Severity: Warning,
			Field:    ref.field("image"),
			Message: fmt.Sprintf("image %q of container %q %s: each node pulls whatever latest is when it starts the pod, so nodes that join later run a newer version than the rest and no rollout is ever recorded; pin a version tag or a digest",
				image, ref.c.Name, what),
		})
	}
	return out
}

// CheckProbes reports containers that declare ports but have no readiness
// probe. A container with a liveness or startup probe is not reported: when
// the new version fails that probe, the restarting pod is unavailable and
// the rolling update stops too.
func CheckProbes(ds *appsv1.DaemonSet) []Finding {
	var out []Finding
	for _, ref := range containers(ds, false) {
		if len(ref.c.Ports) == 0 || ref.c.ReadinessProbe != nil || ref.c.LivenessProbe != nil || ref.c.StartupProbe != nil {
			continue
		}
		out = append(out, Finding{
			Severity: Warning,
			Field:    ref.field("readinessProbe"),
			Message: fmt.Sprintf("container %q declares ports but has no probe: it counts as ready as soon as it starts, so a rolling update moves on to the next node even when the new version does not serve, and Services send it traffic too early; add a readinessProbe on one of its ports",
				ref.c.Name),
		})
	}
	return out
}
