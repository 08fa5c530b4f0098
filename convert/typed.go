package convert

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// ToDaemonSet converts a *appsv1.ReplicaSet or *appsv1.Deployment into the
// DaemonSet that Edits writes for the same object, and returns notes on
// what changed (without file positions). obj is not modified. The
// TypeMeta's kind and apiVersion, when set, are read as Edits reads them
// from source: a misspelled kind or an old apiVersion gets a note.
//
// It returns an error for any other type, and when no selector can be
// written because the pod template has no labels.
func ToDaemonSet(obj runtime.Object) (*appsv1.DaemonSet, []Note, error) {
	var (
		tm       metav1.TypeMeta
		meta     metav1.ObjectMeta
		spec     appsv1.DaemonSetSpec
		kind     string
		replicas *int32
		notes    []fieldNote
	)
	switch o := obj.(type) {
	case *appsv1.ReplicaSet:
		if o == nil {
			return nil, nil, errors.New("nil ReplicaSet")
		}
		o = o.DeepCopy()
		kind, tm, meta, replicas = "ReplicaSet", o.TypeMeta, o.ObjectMeta, o.Spec.Replicas
		spec = appsv1.DaemonSetSpec{Selector: o.Spec.Selector, Template: o.Spec.Template, MinReadySeconds: o.Spec.MinReadySeconds}
	case *appsv1.Deployment:
		if o == nil {
			return nil, nil, errors.New("nil Deployment")
		}
		o = o.DeepCopy()
		kind, tm, meta, replicas = "Deployment", o.TypeMeta, o.ObjectMeta, o.Spec.Replicas
		spec = appsv1.DaemonSetSpec{Selector: o.Spec.Selector, Template: o.Spec.Template,
			MinReadySeconds: o.Spec.MinReadySeconds, RevisionHistoryLimit: o.Spec.RevisionHistoryLimit}
		if o.Spec.ProgressDeadlineSeconds != nil {
			notes = append(notes, fieldNote{"spec.progressDeadlineSeconds", removedSpecNote("progressDeadlineSeconds")})
		}
		if o.Spec.Paused {
			notes = append(notes, fieldNote{"spec.paused", removedSpecNote("paused")})
		}
		spec.UpdateStrategy, notes = typedStrategy(o.Spec.Strategy, notes)
	default:
		return nil, nil, fmt.Errorf("cannot convert %T to a DaemonSet: only *appsv1.ReplicaSet and *appsv1.Deployment", obj)
	}

	if tm.Kind != "" && tm.Kind != kind {
		notes = append(notes, fieldNote{"kind", kindNote(tm.Kind, kind)})
	}
	if slices.Contains(oldAPIVersions, tm.APIVersion) {
		notes = append(notes, fieldNote{"apiVersion", apiVersionNote(tm.APIVersion)})
	}
	if replicas != nil {
		notes = append(notes, fieldNote{"spec.replicas", replicasNote(fmt.Sprint(*replicas))})
	}

	notes = append(notes, typedMeta(&meta)...)

	// pod-template-hash, in the order the notes name the places.
	var hash string
	var hashFields []string
	strip := func(l map[string]string, field string) (map[string]string, bool) {
		out, h := withoutHash(l)
		if h != "" {
			hash = h
			hashFields = append(hashFields, field)
		}
		return out, h != ""
	}
	meta.Labels, _ = strip(meta.Labels, "metadata.labels")
	selectorHash := false
	if spec.Selector != nil {
		spec.Selector.MatchLabels, selectorHash = strip(spec.Selector.MatchLabels, "spec.selector.matchLabels")
	}
	spec.Template.Labels, _ = strip(spec.Template.Labels, "spec.template.metadata.labels")
	if hash != "" {
		notes = append(notes, fieldNote{hashFields[0], hashNote(hash, hashFields)})
		if base := hashSuffix(meta.Name, hash); base != "" {
			notes = append(notes, fieldNote{"metadata.name", nameNote(meta.Name, base)})
		}
	}
	if _, why := checkSelectable(spec.Selector, spec.Template.Labels, selectorHash); why != "" {
		return nil, nil, fmt.Errorf("cannot convert %s %q: %s", kind, meta.Name, why)
	}
	if spec.Selector == nil {
		spec.Selector = &metav1.LabelSelector{MatchLabels: maps.Clone(spec.Template.Labels)}
		notes = append(notes, fieldNote{"spec.selector", selectorNote(spec.Template.Labels)})
	}

	spec.Template.CreationTimestamp = metav1.Time{}
	ps := &spec.Template.Spec
	if ps.ActiveDeadlineSeconds != nil {
		ps.ActiveDeadlineSeconds = nil
		notes = append(notes, fieldNote{"spec.template.spec.activeDeadlineSeconds", activeDeadlineNote})
	}
	if ps.RestartPolicy != "" && ps.RestartPolicy != corev1.RestartPolicyAlways {
		notes = append(notes, fieldNote{"spec.template.spec.restartPolicy", restartPolicyNote(string(ps.RestartPolicy))})
		ps.RestartPolicy = corev1.RestartPolicyAlways
	}
	notes = append(notes, podNotes(ps)...)

	ds := &appsv1.DaemonSet{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "DaemonSet"},
		ObjectMeta: meta,
		Spec:       spec,
	}
	out := make([]Note, len(notes))
	for i, n := range notes {
		out[i] = Note{Name: meta.Name, Field: n.field, Message: n.msg}
	}
	return ds, out, nil
}

// typedMeta removes from meta what a live object carries and a new
// DaemonSet must not, and returns the notes saying so.
func typedMeta(meta *metav1.ObjectMeta) []fieldNote {
	var notes []fieldNote
	var removed []string
	mark := func(name string, set bool) {
		if set {
			removed = append(removed, "metadata."+name)
		}
	}
	mark("uid", meta.UID != "")
	mark("resourceVersion", meta.ResourceVersion != "")
	mark("generation", meta.Generation != 0)
	mark("creationTimestamp", !meta.CreationTimestamp.IsZero())
	mark("deletionTimestamp", meta.DeletionTimestamp != nil)
	mark("deletionGracePeriodSeconds", meta.DeletionGracePeriodSeconds != nil)
	mark("managedFields", meta.ManagedFields != nil)
	mark("selfLink", meta.SelfLink != "")
	meta.UID, meta.ResourceVersion, meta.Generation, meta.SelfLink = "", "", 0, ""
	meta.CreationTimestamp, meta.DeletionTimestamp, meta.DeletionGracePeriodSeconds = metav1.Time{}, nil, nil
	meta.ManagedFields = nil
	if len(removed) > 0 {
		notes = append(notes, fieldNote{"metadata", serverFieldsNote(removed)})
	}

	var owners []metav1.OwnerReference
	for _, ref := range meta.OwnerReferences {
		if isDeploymentOwner(ref.APIVersion, ref.Kind) {
			notes = append(notes, fieldNote{"metadata.ownerReferences", ownerNote(ref.Name)})
			continue
		}
		owners = append(owners, ref)
	}
	meta.OwnerReferences = owners

	var dropped []string
	for _, k := range slices.Sorted(maps.Keys(meta.Annotations)) {
		if dropAnnotation(k) {
			dropped = append(dropped, k)
			delete(meta.Annotations, k)
		}
	}
	if len(dropped) > 0 {
		notes = append(notes, fieldNote{"metadata.annotations", annotationsNote(dropped)})
		if len(meta.Annotations) == 0 {
			meta.Annotations = nil
		}
	}
	return notes
}

// typedStrategy turns a Deployment's strategy into a DaemonSet's.
func typedStrategy(s appsv1.DeploymentStrategy, notes []fieldNote) (appsv1.DaemonSetUpdateStrategy, []fieldNote) {
	p := planStrategy(s)
	notes = append(notes, p.notes...)
	out := appsv1.DaemonSetUpdateStrategy{Type: appsv1.DaemonSetUpdateStrategyType(s.Type)}
	if p.rolling {
		out.Type = appsv1.RollingUpdateDaemonSetStrategyType
	}
	if ru := s.RollingUpdate; ru != nil {
		out.RollingUpdate = &appsv1.RollingUpdateDaemonSet{MaxUnavailable: ru.MaxUnavailable, MaxSurge: ru.MaxSurge}
		switch {
		case p.dropSurge:
			out.RollingUpdate.MaxSurge = nil
			if out.RollingUpdate.MaxUnavailable == nil {
				out.RollingUpdate = nil // the edit removes the emptied rollingUpdate
			}
		case p.addSurge:
			v := intstr.FromString(surgeDefault)
			out.RollingUpdate.MaxSurge = &v
		}
	}
	return out, notes
}
