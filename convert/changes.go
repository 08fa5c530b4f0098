package convert

import (
	"fmt"
	"slices"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/daemonlint/daemonlint/apivalidation/apps"
	"github.com/daemonlint/daemonlint/manifest"
)

// This file holds what both conversions decide, typed and on source, and
// the words of their notes, so that the two cannot drift apart.

// oldAPIVersions are the apiVersions of ReplicaSets and Deployments that
// the API server no longer serves; a conversion writes apps/v1 instead.
var oldAPIVersions = []string{"extensions/v1beta1", "apps/v1beta1", "apps/v1beta2"}

// serverFields are the metadata fields that the API server sets on the
// objects it stores, which an object to be created must not carry, in the
// order notes list them.
var serverFields = []string{"uid", "resourceVersion", "generation", "creationTimestamp",
	"deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink"}

// podTemplateHash is the label the Deployment controller puts on each of
// its ReplicaSets, their selectors and their pods.
const podTemplateHash = "pod-template-hash"

// surgeDefault is the maxSurge a Deployment uses when none is written.
const surgeDefault = "25%"

// sourceKind returns the kind a document of apiVersion and kind is
// converted from, "ReplicaSet" or "Deployment", or "" when it is neither:
// its apiVersion must be apps/v1 or an old version of the apps or
// extensions group, and its kind must name or misspell one of the two.
func sourceKind(apiVersion, kind string) string {
	if apiVersion != "apps/v1" && !slices.Contains(oldAPIVersions, apiVersion) {
		return ""
	}
	switch k := manifest.SuggestKind(kind, apiVersion); k {
	case "ReplicaSet", "Deployment":
		return k
	}
	return ""
}

// dropAnnotation reports whether a conversion removes the annotation key:
// the Deployment controller's bookkeeping, and kubectl's record of the old
// object's configuration.
func dropAnnotation(key string) bool {
	return strings.HasPrefix(key, "deployment.kubernetes.io/") ||
		key == "kubectl.kubernetes.io/last-applied-configuration"
}

// isDeploymentOwner reports whether an owner reference names a Deployment.
func isDeploymentOwner(apiVersion, kind string) bool {
	group, _ := manifest.SplitAPIVersion(apiVersion)
	return kind == "Deployment" && (group == "apps" || group == "extensions")
}

// hashSuffix returns the name without a trailing "-<hash>", when name ends
// with the pod-template-hash, or "".
func hashSuffix(name, hash string) string {
	if hash == "" {
		return ""
	}
	base, ok := strings.CutSuffix(name, "-"+hash)
	if !ok || base == "" {
		return ""
	}
	return base
}

// withoutHash returns labels without pod-template-hash (nil when nothing
// is left) and the hash.
func withoutHash(l map[string]string) (map[string]string, string) {
	hash, ok := l[podTemplateHash]
	if !ok {
		return l, ""
	}
	out := make(map[string]string, len(l)-1)
	for k, v := range l {
		if k != podTemplateHash {
			out[k] = v
		}
	}
	if len(out) == 0 {
		out = nil
	}
	return out, hash
}

// A fieldNote is a note before it has a file and a position.
type fieldNote struct {
	field, msg string
}

// Messages of the notes, by what they are about.

func kindNote(written, kind string) string {
	return fmt.Sprintf("kind %q is taken to mean %q (kinds are case-sensitive) and becomes DaemonSet", written, kind)
}

func apiVersionNote(written string) string {
	return fmt.Sprintf("apiVersion %q is no longer served; the DaemonSet uses apps/v1", written)
}

func replicasNote(replicas string) string {
	return fmt.Sprintf("spec.replicas (%s) is removed: a DaemonSet runs one pod on each eligible node; choose the nodes with a nodeSelector, node affinity and tolerations", replicas)
}

func selectorNote(tmpl map[string]string) string {
	return fmt.Sprintf("spec.selector is written from the template labels (%s): apps/v1 has no default selector", labels.Set(tmpl).String())
}

func serverFieldsNote(fields []string) string {
	return fmt.Sprintf("%s %s removed: the API server sets them on the objects it stores, and a new object must not carry them", strings.Join(fields, ", "), isAre(len(fields)))
}

func ownerNote(name string) string {
	return fmt.Sprintf("metadata.ownerReferences: the reference to Deployment %q is removed; that Deployment still runs its own ReplicaSets and would fight the DaemonSet for these pods (and deleting it would delete the DaemonSet): delete it, or scale it to 0, once the DaemonSet runs", name)
}

func annotationsNote(keys []string) string {
	they := "it describes"
	if len(keys) > 1 {
		they = "they describe"
	}
	return fmt.Sprintf("metadata.annotations %s %s removed: %s the old object", strings.Join(keys, ", "), isAre(len(keys)), they)
}

func hashNote(hash string, fields []string) string {
	return fmt.Sprintf("the pod-template-hash label %q is removed from %s: the Deployment controller set it for one revision of the template, and a DaemonSet tells its revisions apart itself", hash, strings.Join(fields, ", "))
}

func nameNote(name, base string) string {
	return fmt.Sprintf("metadata.name %q ends with the pod-template-hash; consider naming the DaemonSet %q", name, base)
}

func removedSpecNote(field string) string {
	switch field {
	case "progressDeadlineSeconds":
		return "spec.progressDeadlineSeconds is removed: a DaemonSet has no progress deadline"
	case "rollbackTo":
		return "spec.rollbackTo is removed: it is not a DaemonSet field; roll a DaemonSet back with kubectl rollout undo"
	case "paused":
		return "spec.paused is removed: a DaemonSet cannot be paused; updateStrategy OnDelete holds a rollout until pods are deleted"
	}
	return fmt.Sprintf("spec.%s is removed: it is not a DaemonSet field", field)
}

const recreateNote = "spec.strategy.type Recreate becomes updateStrategy RollingUpdate, whose defaults (maxUnavailable 1, no maxSurge) come closest: a DaemonSet cannot stop every pod before starting new ones, but it replaces them node by node, deleting the old pod before the new one starts, so no node runs both; OnDelete would keep the old pods until someone deletes them"

func dropSurgeNote(surge, unavailable string) string {
	return fmt.Sprintf("spec.strategy.rollingUpdate.maxSurge (%s) is dropped: a DaemonSet allows only one of maxUnavailable and maxSurge to be non-zero, and maxUnavailable is %s", surge, unavailable)
}

const addSurgeNote = "spec.updateStrategy.rollingUpdate.maxSurge is set to " + surgeDefault + ", the Deployment's default: with maxUnavailable 0 a DaemonSet needs a non-zero maxSurge"

const zeroSurgeNote = "spec.strategy.rollingUpdate: maxUnavailable and maxSurge are both 0, which neither a Deployment nor a DaemonSet accepts; set one of them"

const activeDeadlineNote = "spec.template.spec.activeDeadlineSeconds is removed: the API server forbids it in a DaemonSet, whose pods run as long as their node"

func restartPolicyNote(policy string) string {
	return fmt.Sprintf("spec.template.spec.restartPolicy %q becomes \"Always\": a DaemonSet's pods are always restarted", policy)
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// A strategyPlan is what happens to a Deployment's strategy.
type strategyPlan struct {
	// rolling: type Recreate becomes RollingUpdate, with the DaemonSet's
	// defaults (maxUnavailable 1, maxSurge 0). A Deployment that sets
	// Recreate has no rollingUpdate, so none is written.
	rolling bool
	// dropSurge: rollingUpdate.maxSurge goes.
	dropSurge bool
	// addSurge: rollingUpdate.maxSurge is written as surgeDefault.
	addSurge bool
	notes    []fieldNote
}

// planStrategy decides how strategy s becomes a DaemonSet updateStrategy.
// A DaemonSet defaults maxUnavailable to 1 and maxSurge to 0 and accepts
// exactly one of them non-zero; a Deployment defaults both to 25%.
func planStrategy(s appsv1.DeploymentStrategy) strategyPlan {
	var p strategyPlan
	switch s.Type {
	case appsv1.RecreateDeploymentStrategyType:
		p.rolling = true
		p.notes = append(p.notes, fieldNote{"spec.strategy.type", recreateNote})
		return p
	case "", appsv1.RollingUpdateDeploymentStrategyType:
	default:
		return p // not a strategy type either kind accepts: left for the linter
	}
	ru := s.RollingUpdate
	if ru == nil {
		return p
	}
	unavailable := apps.IntOrPercentValue(ptr.Deref(ru.MaxUnavailable, intstr.FromInt32(1)))
	surge := apps.IntOrPercentValue(ptr.Deref(ru.MaxSurge, intstr.FromInt32(0)))
	switch {
	case unavailable != 0 && surge != 0:
		p.dropSurge = true
		u := "1 by default"
		if ru.MaxUnavailable != nil {
			u = ru.MaxUnavailable.String()
		}
		p.notes = append(p.notes, fieldNote{"spec.strategy.rollingUpdate.maxSurge", dropSurgeNote(ru.MaxSurge.String(), u)})
	case unavailable == 0 && surge == 0 && ru.MaxSurge == nil:
		p.addSurge = true
		p.notes = append(p.notes, fieldNote{"spec.strategy.rollingUpdate", addSurgeNote})
	case unavailable == 0 && surge == 0:
		p.notes = append(p.notes, fieldNote{"spec.strategy.rollingUpdate", zeroSurgeNote})
	}
	return p
}

// podNotes are the notes about a pod template whose meaning changes when
// one pod runs on every node.
func podNotes(spec *corev1.PodSpec) []fieldNote {
	const base = "spec.template.spec"
	var notes []fieldNote
	if a := spec.Affinity; a != nil && a.PodAntiAffinity != nil {
		notes = append(notes, fieldNote{base + ".affinity.podAntiAffinity",
			base + ".affinity.podAntiAffinity keeps replicas apart, which one pod per node already does; under a DaemonSet it can only keep pods off some nodes"})
	}
	if len(spec.TopologySpreadConstraints) > 0 {
		notes = append(notes, fieldNote{base + ".topologySpreadConstraints",
			base + ".topologySpreadConstraints spread replicas over nodes or zones; a DaemonSet places one pod on each node, so they can only keep pods off some nodes"})
	}
	for _, group := range []struct {
		name       string
		containers []corev1.Container
	}{{"initContainers", spec.InitContainers}, {"containers", spec.Containers}} {
		for i, c := range group.containers {
			for j, p := range c.Ports {
				if p.HostPort != 0 {
					field := fmt.Sprintf("%s.%s[%d].ports[%d].hostPort", base, group.name, i, j)
					notes = append(notes, fieldNote{field, fmt.Sprintf("%s %d of container %q is now opened on every node the DaemonSet runs on; make sure nothing else there uses it", field, p.HostPort, c.Name)})
				}
			}
		}
	}
	total := corev1.ResourceList{}
	for _, c := range spec.Containers {
		for name, q := range c.Resources.Requests {
			sum := total[name]
			sum.Add(q)
			total[name] = sum
		}
	}
	if len(total) > 0 {
		names := make([]string, 0, len(total))
		for name := range total {
			names = append(names, string(name))
		}
		slices.Sort(names)
		parts := make([]string, 0, len(names))
		for _, name := range names {
			q := total[corev1.ResourceName(name)]
			parts = append(parts, name+" "+q.String())
		}
		notes = append(notes, fieldNote{base + ".containers",
			fmt.Sprintf("the containers request %s for each pod: a DaemonSet reserves that on every node it runs on", strings.Join(parts, ", "))})
	}
	return notes
}

// checkSelectable returns why no valid DaemonSet selector can be had for a
// selector and template labels (after pod-template-hash is removed from
// both), and the field at fault, or "". A missing selector is written from
// the template labels, which must not be empty; a selector that held only
// pod-template-hash would be left empty. A selector that is kept must be
// valid and select the template labels: the API server rejects a DaemonSet
// (as it rejects the ReplicaSet or Deployment) whose template it does not
// select, so converting such an object would only move the error.
func checkSelectable(sel *metav1.LabelSelector, tmpl map[string]string, hashRemoved bool) (field, why string) {
	switch {
	case sel == nil && len(tmpl) == 0:
		return "spec.template.metadata.labels", "spec.template.metadata.labels are empty, so no spec.selector can be written; label the pod template"
	case sel == nil:
		return "", ""
	case hashRemoved && len(sel.MatchLabels) == 0 && len(sel.MatchExpressions) == 0:
		return "spec.selector", "spec.selector selects only the pod-template-hash label, which the conversion removes; select the template labels instead"
	}
	s, err := metav1.LabelSelectorAsSelector(sel)
	switch {
	case err != nil:
		return "spec.selector", fmt.Sprintf("spec.selector is not a valid label selector (%v); fix it before converting", err)
	case len(tmpl) == 0:
		return "spec.template.metadata.labels", fmt.Sprintf("spec.template.metadata.labels are missing, so no pod matches spec.selector %q and the API server rejects the object; add the labels the selector selects before converting", s.String())
	case !s.Matches(labels.Set(tmpl)):
		return "spec.selector", fmt.Sprintf("spec.template.metadata.labels do not match spec.selector: %q is not selected by %q, and the API server rejects the object; make them agree before converting", labels.Set(tmpl).String(), s.String())
	}
	return "", ""
}
