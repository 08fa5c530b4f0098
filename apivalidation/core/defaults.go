package core

import (
	"maps"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

// SetPodTemplateDefaults applies, in place, the core/v1 defaults the API
// server sets in a workload's pod template (SetObjectDefaults_DaemonSet and
// its siblings): the pod spec's dnsPolicy, restartPolicy, securityContext,
// terminationGracePeriodSeconds and schedulerName; each container's
// imagePullPolicy, termination message path and policy, port protocols,
// fieldRef apiVersion, probe thresholds and httpGet path and scheme;
// resource quantities rounded up to milli precision; a volume with no
// source becomes an emptyDir; hostPath type, file modes and token expiry
// defaults. Unlike a Pod, a template gets no requests copied from its
// limits. It also clears the fields whose feature gates are off in a
// default server, which the server accepts and drops.
func SetPodTemplateDefaults(t *corev1.PodTemplateSpec) {
	spec := &t.Spec
	if spec.ServiceAccountName == "" {
		spec.ServiceAccountName = spec.DeprecatedServiceAccount //nolint:staticcheck // the server syncs the deprecated field
	}
	spec.DeprecatedServiceAccount = spec.ServiceAccountName //nolint:staticcheck // the server syncs the deprecated field
	if spec.DNSPolicy == "" {
		spec.DNSPolicy = corev1.DNSClusterFirst
	}
	if spec.RestartPolicy == "" {
		spec.RestartPolicy = corev1.RestartPolicyAlways
	}
	if spec.SecurityContext == nil {
		spec.SecurityContext = &corev1.PodSecurityContext{}
	}
	if spec.TerminationGracePeriodSeconds == nil {
		spec.TerminationGracePeriodSeconds = new(int64(corev1.DefaultTerminationGracePeriodSeconds))
	}
	if spec.SchedulerName == "" {
		spec.SchedulerName = corev1.DefaultSchedulerName
	}
	for i := range spec.Volumes {
		volumeDefaults(&spec.Volumes[i])
	}
	for i := range spec.InitContainers {
		containerDefaults(&spec.InitContainers[i])
	}
	for i := range spec.Containers {
		containerDefaults(&spec.Containers[i])
	}
	for i := range spec.EphemeralContainers {
		containerDefaults((*corev1.Container)(&spec.EphemeralContainers[i].EphemeralContainerCommon))
	}
	roundUpResourceList(spec.Overhead)
	if spec.Resources != nil {
		roundUpResourceList(spec.Resources.Limits)
		roundUpResourceList(spec.Resources.Requests)
	}
	dropDisabledTemplateFields(t)
}

// TemplateForDefaults returns a copy of t that SetPodTemplateDefaults may
// change without changing t: the pod spec and everything of it that
// defaulting writes (volumes, containers with their ports, environment,
// volume mounts, resources, probes and lifecycle, the pod's overhead and
// resources, the annotations) are copied, and the rest (labels, affinity,
// tolerations, commands, security contexts) is shared, which a full
// DeepCopy of a large template would spend most of its time on.
func TemplateForDefaults(t *corev1.PodTemplateSpec) corev1.PodTemplateSpec {
	out := *t
	out.Annotations = maps.Clone(t.Annotations)
	s := &out.Spec
	if t.Spec.Volumes != nil {
		s.Volumes = make([]corev1.Volume, len(t.Spec.Volumes))
		for i := range t.Spec.Volumes {
			t.Spec.Volumes[i].DeepCopyInto(&s.Volumes[i])
		}
	}
	s.InitContainers = containersForDefaults(t.Spec.InitContainers)
	s.Containers = containersForDefaults(t.Spec.Containers)
	s.EphemeralContainers = slices.Clone(t.Spec.EphemeralContainers)
	for i := range s.EphemeralContainers {
		containerForDefaults((*corev1.Container)(&s.EphemeralContainers[i].EphemeralContainerCommon))
	}
	s.Overhead = t.Spec.Overhead.DeepCopy()
	s.Resources = t.Spec.Resources.DeepCopy()
	return out
}

// containersForDefaults copies containers for TemplateForDefaults.
func containersForDefaults(containers []corev1.Container) []corev1.Container {
	out := slices.Clone(containers)
	for i := range out {
		containerForDefaults(&out[i])
	}
	return out
}

// containerForDefaults replaces, in a shallow copy of a container, what
// containerDefaults and dropDisabledTemplateFields write with copies.
func containerForDefaults(c *corev1.Container) {
	c.Ports = slices.Clone(c.Ports)
	c.Env = slices.Clone(c.Env)
	for j := range c.Env {
		c.Env[j].ValueFrom = c.Env[j].ValueFrom.DeepCopy()
	}
	c.VolumeMounts = slices.Clone(c.VolumeMounts)
	c.Resources.Limits = listForRounding(c.Resources.Limits)
	c.Resources.Requests = listForRounding(c.Resources.Requests)
	c.LivenessProbe = c.LivenessProbe.DeepCopy()
	c.ReadinessProbe = c.ReadinessProbe.DeepCopy()
	c.StartupProbe = c.StartupProbe.DeepCopy()
	c.Lifecycle = c.Lifecycle.DeepCopy()
}

// volumeDefaults applies the defaults of one pod volume.
func volumeDefaults(v *corev1.Volume) {
	if (v.VolumeSource == corev1.VolumeSource{}) {
		v.EmptyDir = &corev1.EmptyDirVolumeSource{}
	}
	if v.Image != nil && v.Image.PullPolicy == "" {
		v.Image.PullPolicy = defaultPullPolicy(v.Image.Reference)
	}
	if v.HostPath != nil && v.HostPath.Type == nil {
		v.HostPath.Type = new(corev1.HostPathUnset)
	}
	if v.Secret != nil && v.Secret.DefaultMode == nil {
		v.Secret.DefaultMode = new(corev1.SecretVolumeSourceDefaultMode)
	}
	if v.ConfigMap != nil && v.ConfigMap.DefaultMode == nil {
		v.ConfigMap.DefaultMode = new(corev1.ConfigMapVolumeSourceDefaultMode)
	}
	if v.ISCSI != nil && v.ISCSI.ISCSIInterface == "" {
		v.ISCSI.ISCSIInterface = "default"
	}
	if v.RBD != nil {
		if v.RBD.RBDPool == "" {
			v.RBD.RBDPool = "rbd"
		}
		if v.RBD.RadosUser == "" {
			v.RBD.RadosUser = "admin"
		}
		if v.RBD.Keyring == "" {
			v.RBD.Keyring = "/etc/ceph/keyring"
		}
	}
	if v.DownwardAPI != nil {
		if v.DownwardAPI.DefaultMode == nil {
			v.DownwardAPI.DefaultMode = new(corev1.DownwardAPIVolumeSourceDefaultMode)
		}
		for j := range v.DownwardAPI.Items {
			fieldRefDefaults(v.DownwardAPI.Items[j].FieldRef)
		}
	}
	if v.AzureDisk != nil {
		if v.AzureDisk.CachingMode == nil {
			v.AzureDisk.CachingMode = new(corev1.AzureDataDiskCachingReadWrite)
		}
		if v.AzureDisk.FSType == nil {
			v.AzureDisk.FSType = new("ext4")
		}
		if v.AzureDisk.ReadOnly == nil {
			v.AzureDisk.ReadOnly = new(false)
		}
		if v.AzureDisk.Kind == nil {
			v.AzureDisk.Kind = new(corev1.AzureSharedBlobDisk)
		}
	}
	if v.Projected != nil {
		if v.Projected.DefaultMode == nil {
			v.Projected.DefaultMode = new(corev1.ProjectedVolumeSourceDefaultMode)
		}
		for j := range v.Projected.Sources {
			src := &v.Projected.Sources[j]
			if src.DownwardAPI != nil {
				for k := range src.DownwardAPI.Items {
					fieldRefDefaults(src.DownwardAPI.Items[k].FieldRef)
				}
			}
			if src.ServiceAccountToken != nil && src.ServiceAccountToken.ExpirationSeconds == nil {
				src.ServiceAccountToken.ExpirationSeconds = new(int64(3600))
			}
		}
	}
	if v.ScaleIO != nil {
		if v.ScaleIO.StorageMode == "" {
			v.ScaleIO.StorageMode = "ThinProvisioned"
		}
		if v.ScaleIO.FSType == "" {
			v.ScaleIO.FSType = "xfs"
		}
	}
	if v.Ephemeral != nil && v.Ephemeral.VolumeClaimTemplate != nil {
		spec := &v.Ephemeral.VolumeClaimTemplate.Spec
		if spec.VolumeMode == nil {
			spec.VolumeMode = new(corev1.PersistentVolumeFilesystem)
		}
		roundUpResourceList(spec.Resources.Limits)
		roundUpResourceList(spec.Resources.Requests)
	}
}

// containerDefaults applies the defaults of one container.
func containerDefaults(c *corev1.Container) {
	if c.ImagePullPolicy == "" {
		c.ImagePullPolicy = defaultPullPolicy(c.Image)
	}
	if c.TerminationMessagePath == "" {
		c.TerminationMessagePath = corev1.TerminationMessagePathDefault
	}
	if c.TerminationMessagePolicy == "" {
		c.TerminationMessagePolicy = corev1.TerminationMessageReadFile
	}
	for j := range c.Ports {
		if c.Ports[j].Protocol == "" {
			c.Ports[j].Protocol = corev1.ProtocolTCP
		}
	}
	for j := range c.Env {
		if vf := c.Env[j].ValueFrom; vf != nil {
			fieldRefDefaults(vf.FieldRef)
			if vf.FileKeyRef != nil && vf.FileKeyRef.Optional == nil {
				vf.FileKeyRef.Optional = new(false)
			}
		}
	}
	roundUpResourceList(c.Resources.Limits)
	roundUpResourceList(c.Resources.Requests)
	for _, p := range []*corev1.Probe{c.LivenessProbe, c.ReadinessProbe, c.StartupProbe} {
		probeDefaults(p)
	}
	if c.Lifecycle != nil {
		for _, h := range []*corev1.LifecycleHandler{c.Lifecycle.PostStart, c.Lifecycle.PreStop} {
			if h != nil {
				httpGetDefaults(h.HTTPGet)
			}
		}
	}
}

// probeDefaults applies the defaults of a probe.
func probeDefaults(p *corev1.Probe) {
	if p == nil {
		return
	}
	if p.TimeoutSeconds == 0 {
		p.TimeoutSeconds = 1
	}
	if p.PeriodSeconds == 0 {
		p.PeriodSeconds = 10
	}
	if p.SuccessThreshold == 0 {
		p.SuccessThreshold = 1
	}
	if p.FailureThreshold == 0 {
		p.FailureThreshold = 3
	}
	httpGetDefaults(p.HTTPGet)
	if p.GRPC != nil && p.GRPC.Service == nil {
		p.GRPC.Service = new("")
	}
}

// httpGetDefaults applies the defaults of an httpGet action.
func httpGetDefaults(h *corev1.HTTPGetAction) {
	if h == nil {
		return
	}
	if h.Path == "" {
		h.Path = "/"
	}
	if h.Scheme == "" {
		h.Scheme = corev1.URISchemeHTTP
	}
}

// fieldRefDefaults applies the default apiVersion of a field reference.
func fieldRefDefaults(f *corev1.ObjectFieldSelector) {
	if f != nil && f.APIVersion == "" {
		f.APIVersion = "v1"
	}
}

// roundUpResourceList rounds every quantity up to milli precision, as the
// server's SetDefaults_ResourceList does (0.0001 becomes 1m).
func roundUpResourceList(list corev1.ResourceList) {
	for name, q := range list {
		if r, changed := roundedUp(q); changed {
			list[name] = r
		}
	}
}

// roundedUp returns q rounded up to milli precision, and whether that
// changed it.
func roundedUp(q resource.Quantity) (resource.Quantity, bool) {
	r := q
	r.RoundUp(resource.Milli)
	return r, r != q
}

// listForRounding returns list for roundUpResourceList to round: a copy
// when rounding changes one of its quantities, list itself when it
// changes none (the common case: whole numbers, "100m", "64Mi").
func listForRounding(list corev1.ResourceList) corev1.ResourceList {
	for _, q := range list {
		if _, changed := roundedUp(q); changed {
			return list.DeepCopy()
		}
	}
	return list
}

// defaultPullPolicy returns the imagePullPolicy the server gives an image
// without one: Always for the "latest" tag (or no tag and no digest),
// IfNotPresent otherwise. Validation only needs the policy to be set, so
// this follows the image reference grammar loosely.
func defaultPullPolicy(image string) corev1.PullPolicy {
	name, digest, _ := strings.Cut(image, "@")
	tag := ""
	if i := strings.LastIndexByte(name, ':'); i > strings.LastIndexByte(name, '/') {
		tag = name[i+1:]
	}
	if tag == "latest" || (tag == "" && digest == "") {
		return corev1.PullAlways
	}
	return corev1.PullIfNotPresent
}

// initContainerAnnotations are the annotations of the removed beta
// init-container API, which the server drops from pod templates.
var initContainerAnnotations = []string{
	"pod.beta.kubernetes.io/init-containers",
	"pod.alpha.kubernetes.io/init-containers",
	"pod.beta.kubernetes.io/init-container-statuses",
	"pod.alpha.kubernetes.io/init-container-statuses",
}

// dropDisabledTemplateFields clears the template fields whose feature gates
// are off in a default v1.37 API server, as PrepareForCreate does before
// validation: they are accepted and silently discarded.
func dropDisabledTemplateFields(t *corev1.PodTemplateSpec) {
	spec := &t.Spec
	spec.SchedulingGroup = nil    // GenericWorkload
	spec.EvictionResponders = nil // EvictionRequestAPI
	for i := range spec.Volumes {
		v := &spec.Volumes[i]
		if v.EmptyDir != nil {
			v.EmptyDir.Mode = nil // EmptyDirVolumeMode
		}
		dropAtomicWriteUserFields(v)
	}
	visit := func(c *corev1.Container) {
		for _, p := range []*corev1.Probe{c.LivenessProbe, c.ReadinessProbe, c.StartupProbe} {
			if p == nil {
				continue
			}
			if p.HTTPGet != nil {
				p.HTTPGet.Protocol = nil // H2CContainerProbe
			}
			if p.GRPC != nil {
				p.GRPC.Mode = nil // GRPCContainerProbeTLS
			}
		}
		if lc := c.Lifecycle; lc != nil {
			for _, h := range []*corev1.LifecycleHandler{lc.PostStart, lc.PreStop} {
				if h != nil && h.HTTPGet != nil {
					h.HTTPGet.Protocol = nil // H2CContainerProbe
				}
			}
			if lc.StopSignal != nil { // ContainerStopSignals
				lc.StopSignal = nil
				if (*lc == corev1.Lifecycle{}) {
					c.Lifecycle = nil
				}
			}
		}
		for j := range c.VolumeMounts {
			c.VolumeMounts[j].BindMountOptions = nil // VolumeBindMountOptions
		}
	}
	for i := range spec.InitContainers {
		visit(&spec.InitContainers[i])
	}
	for i := range spec.Containers {
		visit(&spec.Containers[i])
	}
	for i := range spec.EphemeralContainers {
		visit((*corev1.Container)(&spec.EphemeralContainers[i].EphemeralContainerCommon))
	}
	for _, k := range initContainerAnnotations {
		delete(t.Annotations, k)
	}
}

// dropAtomicWriteUserFields clears the user fields of projected files
// (AtomicWriteVolumeUserFields).
func dropAtomicWriteUserFields(v *corev1.Volume) {
	dropKeyToPaths := func(items []corev1.KeyToPath) {
		for i := range items {
			items[i].User = nil
		}
	}
	dropFiles := func(items []corev1.DownwardAPIVolumeFile) {
		for i := range items {
			items[i].User = nil
		}
	}
	switch {
	case v.Secret != nil:
		v.Secret.DefaultUser = nil
		dropKeyToPaths(v.Secret.Items)
	case v.ConfigMap != nil:
		v.ConfigMap.DefaultUser = nil
		dropKeyToPaths(v.ConfigMap.Items)
	case v.DownwardAPI != nil:
		v.DownwardAPI.DefaultUser = nil
		dropFiles(v.DownwardAPI.Items)
	case v.Projected != nil:
		v.Projected.DefaultUser = nil
		for j := range v.Projected.Sources {
			src := &v.Projected.Sources[j]
			switch {
			case src.Secret != nil:
				dropKeyToPaths(src.Secret.Items)
			case src.DownwardAPI != nil:
				dropFiles(src.DownwardAPI.Items)
			case src.ConfigMap != nil:
				dropKeyToPaths(src.ConfigMap.Items)
			case src.ServiceAccountToken != nil:
				src.ServiceAccountToken.User = nil
			case src.ClusterTrustBundle != nil:
				src.ClusterTrustBundle.User = nil
			case src.PodCertificate != nil:
				src.PodCertificate.User = nil
			}
		}
	}
}
