package daemonset

import (
	"fmt"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// A Finding is one best-practice finding about a DaemonSet: something the
// API server accepts that a node agent should do differently, or should do
// knowingly.
type Finding struct {
	// Field is the API server's field path the finding is about; the field
	// may be absent from the manifest (a missing priorityClassName).
	Field string
	// Anchor is where to place the finding when Field is not written in
	// the manifest, or empty for Field's nearest written parent.
	Anchor string
	// Message says what is wrong, why it matters for a DaemonSet, and what
	// to write instead.
	Message string
	// Severity says how much the finding matters: a likely mistake
	// (Warning) or advice (Info). A check may give both.
	Severity Severity
}

// Severity says how much a Finding matters. It is daemonset's own scale,
// which a linter maps onto its severities.
type Severity int

// The severities of findings, from the worst. The zero Severity is not a
// severity: every Finding has one of these.
const (
	// Warning is for what the API server accepts but is very likely a
	// mistake for a node agent.
	Warning Severity = 1 + iota
	// Info is for advice: what is often right, but worth a second look.
	Info
)

// String returns "warning" or "info".
func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

var (
	templatePath = field.NewPath("spec", "template", "spec")
)

// A containerRef is a container of a pod spec, with its index and
// whether it is an init container.
type containerRef struct {
	c     *corev1.Container
	index int
	init  bool
}

// field returns the field path, as field.Path prints it, of the
// container's field name (such as "resources" or
// "securityContext.privileged"): spec.template.spec.containers[0].resources.
// It is built only for a finding, as one string rather than a field.Path
// printed.
func (r containerRef) field(name string) string {
	list := "containers"
	if r.init {
		list = "initContainers"
	}
	return "spec.template.spec." + list + "[" + strconv.Itoa(r.index) + "]." + name
}

// containers returns the template's containers, then its init containers
// when withInit is set.
func containers(ds *appsv1.DaemonSet, withInit bool) []containerRef {
	spec := &ds.Spec.Template.Spec
	n := len(spec.Containers)
	if withInit {
		n += len(spec.InitContainers)
	}
	out := make([]containerRef, 0, n)
	for i := range spec.Containers {
		out = append(out, containerRef{&spec.Containers[i], i, false})
	}
	if withInit {
		for i := range spec.InitContainers {
			out = append(out, containerRef{&spec.InitContainers[i], i, true})
		}
	}
	return out
}

// isSidecar reports whether an init container runs for the pod's whole life.
func isSidecar(c *corev1.Container) bool {
	return c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways
}

// joinWords joins words as a list in a sentence, with conj ("and", "or")
// before the last: "a", "a or b", "a, b or c".
func joinWords(words []string, conj string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}
