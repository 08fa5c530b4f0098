// Package benchgen generates the benchmark corpus: Kubernetes manifests
// shaped like the real ones of the shared corpus, the same bytes for the
// same seed on every machine.
//
// About 30% of the documents are DaemonSets, 25% Deployments, and the rest
// ConfigMaps, Services, StatefulSets, ReplicaSets, Jobs and Pods. Sizes
// range from a few lines (a Service, a small ConfigMap) to a CNI agent's
// DaemonSet of several hundred lines (init containers, dozens of
// environment variables, host-path volumes, probes, affinity, tolerations,
// security contexts); some ConfigMaps carry long configuration files. About
// one document in ten carries one mistake the API server rejects (see
// [Mistake]).
package benchgen

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
)

// A Mistake names the error a generated document carries, or is empty for
// a document the API server accepts.
type Mistake string

// The mistakes a generated document may carry. Each makes the API server
// reject the document.
const (
	// SelectorMismatch: spec.selector does not select the pod template's
	// labels (422).
	SelectorMismatch Mistake = "selector-mismatch"
	// BadLabel: a label value with a space in it (422).
	BadLabel Mistake = "bad-label"
	// UnknownField: a misspelled field name (400, strict decoding).
	UnknownField Mistake = "unknown-field"
	// WrongType: a string where the API wants a number, or a number where
	// it wants a string (400, strict decoding).
	WrongType Mistake = "wrong-type"
	// DaemonSetReplicas: spec.replicas on a DaemonSet (400, unknown field).
	DaemonSetReplicas Mistake = "daemonset-replicas"
)

// A Generator writes documents. Its output depends only on its seed and
// the calls made.
type Generator struct {
	rnd *rand.Rand
	n   int
	b   *bytes.Buffer
}

// New returns a Generator seeded with seed.
func New(seed int64) *Generator {
	return &Generator{rnd: rand.New(rand.NewSource(seed))}
}

// File returns a stream of docs documents.
func (g *Generator) File(docs int) []byte {
	var b bytes.Buffer
	for i := 0; i < docs; i++ {
		if i > 0 {
			b.WriteString("---\n")
		}
		g.Document(&b)
	}
	return b.Bytes()
}

// Stream returns a stream of documents of at least size bytes.
func (g *Generator) Stream(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 64<<10)
	for b.Len() < size {
		if b.Len() > 0 {
			b.WriteString("---\n")
		}
		g.Document(&b)
	}
	return b.Bytes()
}

// Document appends one document to b, without a document marker, and
// returns its kind and the mistake it carries ("" for none).
func (g *Generator) Document(b *bytes.Buffer) (kind string, m Mistake) {
	g.n++
	g.b = b
	defer func() { g.b = nil }()
	mistaken := g.rnd.Intn(10) == 0
	switch r := g.rnd.Intn(100); {
	case r < 30:
		kind = "DaemonSet"
	case r < 55:
		kind = "Deployment"
	case r < 67:
		kind = "ConfigMap"
	case r < 79:
		kind = "Service"
	case r < 85:
		kind = "StatefulSet"
	case r < 90:
		kind = "ReplicaSet"
	case r < 95:
		kind = "Job"
	default:
		kind = "Pod"
	}
	if mistaken {
		m = g.pickMistake(kind)
	}
	switch kind {
	case "ConfigMap":
		g.configMap(m)
	case "Service":
		g.service(m)
	case "Pod":
		g.pod(m)
	case "Job":
		g.job(m)
	default:
		g.workload(kind, m)
	}
	return kind, m
}

func (g *Generator) pickMistake(kind string) Mistake {
	all := []Mistake{BadLabel, UnknownField, WrongType}
	switch kind {
	case "DaemonSet":
		all = append(all, SelectorMismatch, DaemonSetReplicas)
	case "Deployment", "StatefulSet", "ReplicaSet":
		all = append(all, SelectorMismatch)
	}
	return all[g.rnd.Intn(len(all))]
}

// line writes one line indented by ind spaces.
func (g *Generator) line(ind int, format string, args ...any) {
	for i := 0; i < ind; i++ {
		g.b.WriteByte(' ')
	}
	fmt.Fprintf(g.b, format, args...)
	g.b.WriteByte('\n')
}

func (g *Generator) pick(list []string) string { return list[g.rnd.Intn(len(list))] }

// between returns a number in [lo, hi].
func (g *Generator) between(lo, hi int) int { return lo + g.rnd.Intn(hi-lo+1) }

func (g *Generator) chance(percent int) bool { return g.rnd.Intn(100) < percent }

var (
	agents     = []string{"calico-node", "cilium", "kube-flannel", "antrea-agent", "fluent-bit", "node-exporter", "datadog-agent", "falco", "promtail", "ebs-csi-node", "nfs-csi-node", "kube-proxy", "node-problem-detector", "nvidia-device-plugin", "otel-collector"}
	services   = []string{"api", "billing", "search", "checkout", "frontend", "redis", "worker", "ingest", "gateway", "auth", "catalog", "notifier", "scheduler", "metrics-server", "coredns"}
	teams      = []string{"platform", "observability", "networking", "security", "payments", "search", "storage"}
	namespaces = []string{"kube-system", "monitoring", "logging", "default", "payments", "search", "storage", "calico-system", "cilium"}
	registries = []string{"quay.io/", "docker.io/", "registry.k8s.io/", "ghcr.io/example/", "gcr.io/datadoghq/", "public.ecr.aws/eks/", ""}
	levels     = []string{"info", "debug", "warn", "error"}
	hostDirs   = []string{"/var/log", "/var/lib/kubelet", "/run/xtables.lock", "/lib/modules", "/etc/cni/net.d", "/opt/cni/bin", "/var/run/calico", "/var/lib/calico", "/sys/fs/bpf", "/proc", "/sys", "/var/lib/docker/containers", "/run/containerd", "/etc/machine-id", "/dev"}
	envNames   = []string{"DATASTORE_TYPE", "WAIT_FOR_DATASTORE", "NODENAME", "CALICO_NETWORKING_BACKEND", "CLUSTER_TYPE", "IP", "CALICO_IPV4POOL_IPIP", "CALICO_IPV4POOL_VXLAN", "FELIX_IPINIPMTU", "FELIX_VXLANMTU", "FELIX_WIREGUARDMTU", "CALICO_DISABLE_FILE_LOGGING", "FELIX_DEFAULTENDPOINTTOHOSTACTION", "FELIX_IPV6SUPPORT", "FELIX_HEALTHENABLED", "CILIUM_K8S_NAMESPACE", "CILIUM_CLUSTERMESH_CONFIG", "GOMEMLIMIT", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT", "LOG_LEVEL", "HTTP_PROXY", "NO_PROXY", "DD_API_KEY", "DD_SITE", "DD_KUBERNETES_KUBELET_HOST", "DD_LOGS_ENABLED", "DD_APM_ENABLED", "FLUENT_ELASTICSEARCH_HOST", "FLUENT_ELASTICSEARCH_PORT", "OTEL_EXPORTER_OTLP_ENDPOINT", "AWS_REGION", "CSI_ENDPOINT", "ADDRESS", "DRIVER_REG_SOCK_PATH", "TZ", "JAVA_OPTS", "DATABASE_URL", "REDIS_HOST", "FEATURE_FLAGS"}
)

func (g *Generator) image(name string) string {
	return fmt.Sprintf("%s%s/%s:v%d.%d.%d", g.pick(registries), g.pick(teams), name, g.between(0, 3), g.between(0, 30), g.between(0, 9))
}

// labels writes a label mapping at ind; a BadLabel mistake puts a space in
// one value.
func (g *Generator) labels(ind int, app string, m Mistake) {
	g.line(ind, "app.kubernetes.io/name: %s", app)
	if g.chance(50) {
		g.line(ind, "app.kubernetes.io/part-of: %s", g.pick(teams))
		g.line(ind, "app.kubernetes.io/version: v%d.%d.%d", g.between(0, 3), g.between(0, 30), g.between(0, 9))
	}
	if g.chance(30) {
		g.line(ind, "app.kubernetes.io/managed-by: %s", g.pick([]string{"Helm", "kustomize", "argocd"}))
	}
	if m == BadLabel {
		g.line(ind, "tier: \"%s\"", g.pick([]string{"front end", "back end", "node agent"}))
	} else if g.chance(30) {
		g.line(ind, "tier: %s", g.pick([]string{"frontend", "backend", "system", "node-agent"}))
	}
}

func (g *Generator) metadata(name, app string, m Mistake, rich bool) {
	g.line(0, "metadata:")
	g.line(2, "name: %s", name)
	if g.chance(80) {
		g.line(2, "namespace: %s", g.pick(namespaces))
	}
	g.line(2, "labels:")
	g.labels(4, app, m)
	if rich || g.chance(20) {
		g.line(2, "annotations:")
		g.line(4, "example.com/owner: %s@example.com", g.pick(teams))
		if g.chance(50) {
			g.line(4, "example.com/revision: \"%d\"", g.rnd.Intn(1000))
		}
		if rich && g.chance(40) {
			g.line(4, "deprecated.daemonset.template.generation: \"%d\"", g.between(1, 40))
		}
	}
}

// podShape says how much a pod template holds.
type podShape struct {
	agent        bool // a node agent: host network, tolerations, host paths
	inits        int
	containers   int
	env          [2]int // environment variables per container, lo and hi
	volumes      int
	probes       bool
	affinity     bool
	security     bool
	restartNever bool
	bare         bool // the fewest fields a container can have
}

// shape draws a pod template's size for kind: most are small or medium,
// a few are CNI agents of several hundred lines.
func (g *Generator) shape(kind string) podShape {
	r := g.rnd.Intn(100)
	switch kind {
	case "DaemonSet":
		s := podShape{agent: true}
		switch {
		case r < 30:
			s.containers, s.env, s.volumes = 1, [2]int{0, 2}, g.between(0, 2)
		case r < 75:
			s.containers, s.env, s.volumes = g.pick2(1, 1, 2), [2]int{1, 6}, g.between(1, 4)
			s.probes, s.security = g.chance(70), g.chance(50)
		case r < 96:
			s.inits, s.containers, s.env, s.volumes = 1, g.pick2(1, 2, 2), [2]int{3, 8}, g.between(2, 6)
			s.probes, s.affinity, s.security = true, g.chance(50), true
		default: // a CNI agent, calico-node or cilium-like
			s.inits, s.containers, s.env, s.volumes = g.between(2, 3), g.between(1, 2), [2]int{25, 45}, g.between(10, 15)
			s.probes, s.affinity, s.security = true, true, true
		}
		return s
	case "Deployment":
		switch {
		case r < 40:
			return podShape{containers: 1, env: [2]int{0, 2}, volumes: g.between(0, 1)}
		case r < 90:
			return podShape{containers: g.pick2(1, 1, 2), env: [2]int{0, 4}, volumes: g.between(0, 2), probes: g.chance(70), affinity: g.chance(40), security: g.chance(40)}
		default:
			return podShape{inits: g.between(0, 1), containers: g.between(2, 3), env: [2]int{5, 14}, volumes: g.between(2, 5), probes: true, affinity: true, security: true}
		}
	case "StatefulSet":
		return podShape{containers: 1, env: [2]int{0, 5}, volumes: g.between(0, 2), probes: g.chance(50), affinity: g.chance(30), security: g.chance(30)}
	case "Job":
		return podShape{containers: 1, env: [2]int{0, 3}, restartNever: true, security: g.chance(20)}
	case "Pod":
		return podShape{containers: 1, env: [2]int{0, 1}, bare: true}
	default: // ReplicaSet
		return podShape{containers: 1, env: [2]int{0, 3}, volumes: g.between(0, 1), probes: g.chance(30)}
	}
}

func (g *Generator) workload(kind string, m Mistake) {
	s := g.shape(kind)
	pool := services
	if kind == "DaemonSet" {
		pool = agents
	}
	app := g.pick(pool)
	g.line(0, "apiVersion: apps/v1")
	g.line(0, "kind: %s", kind)
	g.metadata(fmt.Sprintf("%s-%d", app, g.n), app, m, s.inits > 0)
	g.line(0, "spec:")
	switch {
	case kind == "DaemonSet" && m == DaemonSetReplicas:
		g.line(2, "replicas: %d", g.between(1, 3))
	case kind != "DaemonSet" && m == WrongType && g.chance(50):
		g.line(2, "replicas: \"%d\"", g.between(1, 5))
		m = ""
	case kind != "DaemonSet":
		g.line(2, "replicas: %d", g.between(1, 5))
	}
	selected := app
	if m == SelectorMismatch {
		selected = app + "-v2"
	}
	g.line(2, "selector:")
	g.line(4, "matchLabels:")
	g.line(6, "app.kubernetes.io/name: %s", selected)
	switch kind {
	case "DaemonSet":
		if g.chance(40) {
			break
		}
		g.line(2, "updateStrategy:")
		g.line(4, "type: RollingUpdate")
		g.line(4, "rollingUpdate:")
		g.line(6, "maxUnavailable: %s", g.pick([]string{"1", "10%", "25%"}))
		if g.chance(30) {
			g.line(2, "minReadySeconds: %d", g.between(0, 30))
		}
	case "Deployment":
		if g.chance(40) {
			g.line(2, "revisionHistoryLimit: %d", g.between(2, 10))
		}
		if g.chance(50) {
			break
		}
		g.line(2, "strategy:")
		g.line(4, "type: RollingUpdate")
		g.line(4, "rollingUpdate:")
		g.line(6, "maxSurge: 25%%")
		g.line(6, "maxUnavailable: %d", g.between(0, 1))
	case "StatefulSet":
		g.line(2, "serviceName: %s-headless", app)
		g.line(2, "podManagementPolicy: %s", g.pick([]string{"OrderedReady", "Parallel"}))
	}
	g.line(2, "template:")
	g.line(4, "metadata:")
	g.line(6, "labels:")
	g.line(8, "app.kubernetes.io/name: %s", app)
	if s.inits > 0 || g.chance(20) {
		g.line(6, "annotations:")
		g.line(8, "kubectl.kubernetes.io/default-container: %s", app)
		if g.chance(50) {
			g.line(8, "prometheus.io/scrape: \"true\"")
			g.line(8, "prometheus.io/port: \"%d\"", g.between(9000, 9999))
		}
	}
	g.line(4, "spec:")
	g.podSpec(6, app, s, m)
	if kind == "StatefulSet" {
		g.line(2, "volumeClaimTemplates:")
		g.line(2, "- metadata:")
		g.line(6, "name: data")
		g.line(4, "spec:")
		g.line(6, "accessModes: [\"ReadWriteOnce\"]")
		g.line(6, "storageClassName: %s", g.pick([]string{"gp3", "standard", "fast-ssd"}))
		g.line(6, "resources:")
		g.line(8, "requests:")
		g.line(10, "storage: %dGi", g.between(1, 500))
	}
}

func (g *Generator) job(m Mistake) {
	s := g.shape("Job")
	app := g.pick(services)
	g.line(0, "apiVersion: batch/v1")
	g.line(0, "kind: Job")
	g.metadata(fmt.Sprintf("%s-migrate-%d", app, g.n), app, m, false)
	g.line(0, "spec:")
	if m == WrongType && g.chance(50) {
		g.line(2, "backoffLimit: \"%d\"", g.between(1, 6))
		m = ""
	} else {
		g.line(2, "backoffLimit: %d", g.between(0, 6))
	}
	if g.chance(50) {
		g.line(2, "ttlSecondsAfterFinished: %d", g.between(60, 86400))
	}
	g.line(2, "template:")
	g.line(4, "metadata:")
	g.line(6, "labels:")
	g.line(8, "app.kubernetes.io/name: %s", app)
	g.line(4, "spec:")
	g.podSpec(6, app, s, m)
}

func (g *Generator) pod(m Mistake) {
	s := g.shape("Pod")
	app := g.pick(services)
	g.line(0, "apiVersion: v1")
	g.line(0, "kind: Pod")
	g.metadata(fmt.Sprintf("%s-debug-%d", app, g.n), app, m, false)
	g.line(0, "spec:")
	g.podSpec(2, app, s, m)
}

// podSpec writes a pod spec's fields at indent ind. An UnknownField or
// WrongType mistake lands in it.
func (g *Generator) podSpec(ind int, app string, s podShape, m Mistake) {
	vols := g.volumes(s)
	if s.agent && g.chance(50) {
		g.line(ind, "priorityClassName: system-node-critical")
	}
	if m == UnknownField && g.chance(40) {
		g.line(ind, "serviceAcountName: %s", app)
		m = ""
	} else if s.agent && g.chance(80) || g.chance(40) {
		g.line(ind, "serviceAccountName: %s", app)
	}
	if s.agent && g.chance(60) {
		g.line(ind, "hostNetwork: true")
		g.line(ind, "dnsPolicy: ClusterFirstWithHostNet")
	}
	if s.agent && s.inits > 1 {
		g.line(ind, "hostPID: true")
	}
	if s.restartNever {
		g.line(ind, "restartPolicy: %s", g.pick([]string{"Never", "OnFailure"}))
	}
	if s.agent && g.chance(60) {
		g.line(ind, "nodeSelector:")
		g.line(ind+2, "kubernetes.io/os: linux")
	}
	if s.agent && g.chance(75) {
		g.line(ind, "tolerations:")
		if g.chance(60) {
			g.line(ind, "- operator: Exists")
		} else {
			g.line(ind, "- operator: Exists")
			g.line(ind+2, "effect: NoSchedule")
			g.line(ind, "- key: CriticalAddonsOnly")
			g.line(ind+2, "operator: Exists")
			g.line(ind, "- operator: Exists")
			g.line(ind+2, "effect: NoExecute")
		}
	}
	if s.affinity {
		g.affinity(ind, app, s.agent)
	}
	if s.security {
		g.line(ind, "securityContext:")
		if s.agent && s.inits > 0 {
			g.line(ind+2, "seccompProfile:")
			g.line(ind+4, "type: RuntimeDefault")
		} else {
			g.line(ind+2, "runAsNonRoot: true")
			g.line(ind+2, "runAsUser: %d", g.pick2(65534, 1000))
			g.line(ind+2, "fsGroup: %d", g.pick2(65534, 2000))
		}
	}
	if g.chance(40) {
		g.line(ind, "terminationGracePeriodSeconds: %d", g.pick2(30, 0, 5, 60))
	}
	if s.inits > 0 {
		g.line(ind, "initContainers:")
		for i := 0; i < s.inits; i++ {
			g.container(ind, fmt.Sprintf("init-%d", i), s, s.env[1]/2, vols, true, &m)
		}
	}
	g.line(ind, "containers:")
	for i := 0; i < s.containers; i++ {
		name := app
		if i > 0 {
			name = g.pick([]string{"sidecar", "exporter", "config-reloader", "node-driver-registrar", "liveness-probe"}) + fmt.Sprint(i)
		}
		env := s.env[1]
		if i > 0 {
			env /= 3
		}
		g.container(ind, name, s, env, vols, false, &m)
	}
	if len(vols) > 0 {
		g.line(ind, "volumes:")
		for _, v := range vols {
			g.line(ind, "- name: %s", v.name)
			switch {
			case v.hostPath != "":
				g.line(ind+2, "hostPath:")
				g.line(ind+4, "path: %s", v.hostPath)
				if g.chance(60) {
					g.line(ind+4, "type: %s", g.pick([]string{"DirectoryOrCreate", "Directory", `""`}))
				}
			case v.configMap:
				g.line(ind+2, "configMap:")
				g.line(ind+4, "name: %s-config", app)
				if g.chance(30) {
					g.line(ind+4, "defaultMode: 420")
				}
			case v.secret:
				g.line(ind+2, "secret:")
				g.line(ind+4, "secretName: %s-tls", app)
			default:
				g.line(ind+2, "emptyDir: {}")
			}
		}
	}
	if m == WrongType && g.chance(50) {
		g.line(ind, "activeDeadlineSeconds: \"%d\"", g.between(60, 600))
	} else if m != "" {
		// The mistake found no place above: put it on the pod spec.
		switch m {
		case UnknownField:
			g.line(ind, "nodeSelectors:")
			g.line(ind+2, "kubernetes.io/arch: amd64")
		case WrongType:
			g.line(ind, "hostNetwork: \"true\"")
		}
	}
}

func (g *Generator) pick2(vals ...int) int { return vals[g.rnd.Intn(len(vals))] }

type volume struct {
	name, hostPath    string
	configMap, secret bool
	mountPath         string
}

func (g *Generator) volumes(s podShape) []volume {
	var vols []volume
	used := map[string]bool{}
	for i := 0; i < s.volumes; i++ {
		switch {
		case i == 0:
			vols = append(vols, volume{name: "config", configMap: true, mountPath: "/etc/config"})
		case s.agent && g.chance(75):
			dir := g.pick(hostDirs)
			if used[dir] {
				continue
			}
			used[dir] = true
			name := strings.ReplaceAll(strings.Trim(dir, "/"), "/", "-")
			name = strings.ReplaceAll(name, ".", "-")
			vols = append(vols, volume{name: "host-" + name, hostPath: dir, mountPath: "/host" + dir})
		case g.chance(40):
			if used["tls"] {
				continue
			}
			used["tls"] = true
			vols = append(vols, volume{name: "tls", secret: true, mountPath: "/etc/tls"})
		default:
			name := fmt.Sprintf("scratch-%d", i)
			vols = append(vols, volume{name: name, mountPath: "/tmp/" + name})
		}
	}
	return vols
}

func (g *Generator) affinity(ind int, app string, agent bool) {
	g.line(ind, "affinity:")
	if agent {
		g.line(ind+2, "nodeAffinity:")
		g.line(ind+4, "requiredDuringSchedulingIgnoredDuringExecution:")
		g.line(ind+6, "nodeSelectorTerms:")
		g.line(ind+6, "- matchExpressions:")
		g.line(ind+10, "- key: kubernetes.io/arch")
		g.line(ind+12, "operator: In")
		g.line(ind+12, "values:")
		g.line(ind+12, "- amd64")
		g.line(ind+12, "- arm64")
		g.line(ind+10, "- key: node.kubernetes.io/instance-type")
		g.line(ind+12, "operator: NotIn")
		g.line(ind+12, "values: [\"fargate\"]")
		return
	}
	g.line(ind+2, "podAntiAffinity:")
	g.line(ind+4, "preferredDuringSchedulingIgnoredDuringExecution:")
	g.line(ind+4, "- weight: %d", g.between(1, 100))
	g.line(ind+6, "podAffinityTerm:")
	g.line(ind+8, "topologyKey: %s", g.pick([]string{"kubernetes.io/hostname", "topology.kubernetes.io/zone"}))
	g.line(ind+8, "labelSelector:")
	g.line(ind+10, "matchLabels:")
	g.line(ind+12, "app.kubernetes.io/name: %s", app)
}

// container writes one container (or init container) at indent ind. If
// *m is an UnknownField or WrongType mistake, it may land here, and *m
// becomes "".
func (g *Generator) container(ind int, name string, s podShape, maxEnv int, vols []volume, init bool, m *Mistake) {
	g.line(ind, "- name: %s", name)
	g.line(ind+2, "image: %s", g.image(strings.TrimRight(name, "0123456789")))
	if *m == UnknownField && g.chance(50) {
		g.line(ind+2, "imagePullpolicy: IfNotPresent")
		*m = ""
	} else if !s.bare && g.chance(40) {
		g.line(ind+2, "imagePullPolicy: %s", g.pick([]string{"IfNotPresent", "Always"}))
	}
	switch {
	case s.bare || g.chance(40):
	case init:
		g.line(ind+2, "command:")
		g.line(ind+2, "- /opt/cni/bin/install")
		if g.chance(50) {
			g.line(ind+2, "- --mode=%s", g.pick([]string{"copy", "link", "sysctl"}))
		}
	default:
		g.line(ind+2, "args:")
		for a := 0; a < g.between(1, 3); a++ {
			g.line(ind+2, "- --%s=%s", g.pick([]string{"log-level", "config", "metrics-bind-address", "v", "health-port"}), g.pick(levels))
		}
	}
	port := g.between(8000, 9999)
	if !init && (s.probes || *m == WrongType || g.chance(60)) {
		g.line(ind+2, "ports:")
		if *m == WrongType {
			g.line(ind+2, "- containerPort: \"%d\"", port)
			*m = ""
		} else {
			g.line(ind+2, "- containerPort: %d", port)
		}
		g.line(ind+4, "name: metrics")
		g.line(ind+4, "protocol: TCP")
	}
	if n := g.between(min(s.env[0], maxEnv), maxEnv); n > 0 {
		g.line(ind+2, "env:")
		start := g.rnd.Intn(len(envNames))
		for e := 0; e < n; e++ {
			env := envNames[(start+e)%len(envNames)]
			if e >= len(envNames) {
				env = fmt.Sprintf("%s_%d", env, e/len(envNames))
			}
			g.env(ind+2, env)
		}
	}
	if !s.bare && g.chance(70) {
		g.line(ind+2, "resources:")
		cpu, mem := g.between(10, 500), g.between(32, 1024)
		g.line(ind+4, "requests:")
		g.line(ind+6, "cpu: %dm", cpu)
		g.line(ind+6, "memory: %dMi", mem)
		if g.chance(50) {
			g.line(ind+4, "limits:")
			g.line(ind+6, "memory: %dMi", mem+g.between(0, 1024))
		}
	}
	if s.probes && !init {
		g.line(ind+2, "livenessProbe:")
		g.line(ind+4, "httpGet:")
		g.line(ind+6, "path: /healthz")
		g.line(ind+6, "port: metrics")
		if s.agent {
			g.line(ind+6, "host: localhost")
		}
		g.line(ind+4, "initialDelaySeconds: %d", g.between(5, 30))
		g.line(ind+4, "periodSeconds: %d", g.pick2(10, 15, 30))
		if g.chance(50) {
			g.line(ind+4, "timeoutSeconds: %d", g.between(1, 10))
			g.line(ind+4, "failureThreshold: %d", g.between(3, 6))
		}
	}
	if s.probes && !init && g.chance(60) {
		g.line(ind+2, "readinessProbe:")
		if g.chance(50) {
			g.line(ind+4, "exec:")
			g.line(ind+6, "command:")
			g.line(ind+6, "- /bin/%s", name)
			g.line(ind+6, "- -ready")
		} else {
			g.line(ind+4, "tcpSocket:")
			g.line(ind+6, "port: %d", port)
		}
		g.line(ind+4, "periodSeconds: %d", g.pick2(5, 10))
		if s.agent && g.chance(40) {
			g.line(ind+2, "lifecycle:")
			g.line(ind+4, "preStop:")
			g.line(ind+6, "exec:")
			g.line(ind+8, "command: [\"/bin/sh\", \"-c\", \"sleep %d\"]", g.between(1, 15))
		}
	}
	if s.security {
		g.line(ind+2, "securityContext:")
		if s.agent && (init || g.chance(50)) {
			g.line(ind+4, "privileged: true")
		} else {
			g.line(ind+4, "allowPrivilegeEscalation: false")
			g.line(ind+4, "readOnlyRootFilesystem: true")
			g.line(ind+4, "capabilities:")
			if s.agent {
				g.line(ind+6, "add: [\"NET_ADMIN\", \"NET_RAW\", \"SYS_ADMIN\"]")
			}
			g.line(ind+6, "drop:")
			g.line(ind+6, "- ALL")
		}
	}
	if len(vols) > 0 {
		g.line(ind+2, "volumeMounts:")
		for i, v := range vols {
			if i > 0 && g.chance(25) {
				continue
			}
			g.line(ind+2, "- name: %s", v.name)
			g.line(ind+4, "mountPath: %s", v.mountPath)
			if v.configMap || v.secret || g.chance(30) {
				g.line(ind+4, "readOnly: true")
			}
			if v.hostPath != "" && g.chance(20) {
				g.line(ind+4, "mountPropagation: HostToContainer")
			}
		}
	}
	if !init && g.chance(20) {
		g.line(ind+2, "terminationMessagePolicy: FallbackToLogsOnError")
	}
}

func (g *Generator) env(ind int, name string) {
	g.line(ind, "- name: %s", name)
	switch r := g.rnd.Intn(10); {
	case r < 6:
		g.line(ind+2, "value: %s", g.pick([]string{"\"true\"", "\"false\"", "info", "\"1440\"", "kubernetes", "bird", "\"Always\"", "k8s,bgp", "\"10.96.0.1\"", "\"443\"", "ACCEPT"}))
	case r < 8:
		g.line(ind+2, "valueFrom:")
		g.line(ind+4, "fieldRef:")
		g.line(ind+6, "fieldPath: %s", g.pick([]string{"spec.nodeName", "status.hostIP", "metadata.namespace", "status.podIP"}))
	default:
		g.line(ind+2, "valueFrom:")
		g.line(ind+4, "configMapKeyRef:")
		g.line(ind+6, "name: %s-config", g.pick(agents))
		g.line(ind+6, "key: %s", strings.ToLower(strings.ReplaceAll(name, "_", "-")))
		if g.chance(50) {
			g.line(ind+6, "optional: true")
		}
	}
}

func (g *Generator) service(m Mistake) {
	app := g.pick(services)
	g.line(0, "apiVersion: v1")
	g.line(0, "kind: Service")
	g.metadata(fmt.Sprintf("%s-%d", app, g.n), app, m, false)
	g.line(0, "spec:")
	if g.chance(20) {
		g.line(2, "clusterIP: None")
	} else {
		g.line(2, "type: ClusterIP")
	}
	if m == UnknownField {
		g.line(2, "selectors:")
	} else {
		g.line(2, "selector:")
	}
	g.line(4, "app.kubernetes.io/name: %s", app)
	g.line(2, "ports:")
	for i, name := range []string{"http", "metrics", "grpc"}[:g.between(1, 3)] {
		if m == WrongType && i == 0 {
			g.line(2, "- port: \"%d\"", g.between(80, 9000))
		} else {
			g.line(2, "- port: %d", 80+i*1000+g.rnd.Intn(900))
		}
		g.line(4, "name: %s", name)
		g.line(4, "targetPort: %s", name)
		g.line(4, "protocol: TCP")
	}
}

func (g *Generator) configMap(m Mistake) {
	app := g.pick(append(services, agents...))
	g.line(0, "apiVersion: v1")
	g.line(0, "kind: ConfigMap")
	g.metadata(fmt.Sprintf("%s-config-%d", app, g.n), app, m, false)
	if m == UnknownField {
		g.line(0, "date:")
	} else {
		g.line(0, "data:")
	}
	if m == WrongType {
		g.line(2, "workers: %d", g.between(1, 64))
	}
	start := g.rnd.Intn(len(envNames))
	for i := 0; i < g.between(1, 5); i++ {
		g.line(2, "%s: %s", strings.ToLower(envNames[(start+i)%len(envNames)]), g.pick([]string{"\"true\"", "info", "\"8080\"", "kubernetes"}))
	}
	r := g.rnd.Intn(100)
	if r < 45 {
		return
	}
	lines := g.between(10, 90)
	if r >= 95 {
		lines = g.between(200, 640)
	}
	g.line(2, "%s: |", g.pick([]string{"config.yaml", "fluent-bit.conf", "nginx.conf", "felix.cfg", "cni-config.json", "rules.yaml"}))
	section := 0
	for l := 0; l < lines; l++ {
		if l%12 == 0 {
			section++
			g.line(4, "[SECTION_%d]", section)
			continue
		}
		g.line(6, "%s %s", g.pick([]string{"Name", "Match", "Path", "Parser", "Refresh_Interval", "Mem_Buf_Limit", "Skip_Long_Lines", "Tag", "Host", "Port", "Retry_Limit"}),
			g.pick([]string{"tail", "kube.*", "/var/log/containers/*.log", "docker", "10", "5MB", "On", "Off", "elasticsearch.logging.svc", "9200", "False"}))
	}
}

// Chart returns the files of a Helm chart, by path relative to the chart's
// directory: Chart.yaml, values.yaml and templates documents of
// templates/NN.yaml, each a Document whose first line names the release
// with an action ({{ .Release.Name }}), so that rendering it runs Helm's
// engine. Template markers in a document are escaped as text.
func (g *Generator) Chart(templates int) map[string][]byte {
	files := map[string][]byte{
		"Chart.yaml":  []byte("apiVersion: v2\nname: bench\nversion: 1.0.0\n"),
		"values.yaml": []byte("# the templates take no values\n{}\n"),
	}
	for i := range templates {
		var b bytes.Buffer
		b.WriteString("# release {{ .Release.Name }}\n")
		var doc bytes.Buffer
		g.Document(&doc)
		escaped := bytes.ReplaceAll(doc.Bytes(), []byte("{{"), []byte(`{{ "{{" }}`))
		b.Write(escaped)
		files[fmt.Sprintf("templates/%02d.yaml", i)] = b.Bytes()
	}
	return files
}
