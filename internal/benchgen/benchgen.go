// Package benchgen generates the benchmark corpus: realistic Kubernetes
// manifests (DaemonSets, Deployments, ReplicaSets, Services and ConfigMaps,
// about one in ten with a mistake the API server rejects), the same bytes
// for the same seed on every machine.
package benchgen

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
)

// A Generator writes documents. Its output depends only on its seed and
// the calls made.
type Generator struct {
	rnd *rand.Rand
	n   int
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
	b.Grow(size + 8<<10)
	for b.Len() < size {
		if b.Len() > 0 {
			b.WriteString("---\n")
		}
		g.Document(&b)
	}
	return b.Bytes()
}

var (
	apps   = []string{"fluent-bit", "node-exporter", "calico-node", "kube-proxy", "datadog-agent", "falco", "cilium", "promtail", "nginx", "api", "billing", "search", "checkout", "redis", "worker"}
	images = []string{"fluent/fluent-bit:3.1.4", "quay.io/prometheus/node-exporter:v1.8.2", "calico/node:v3.28.1", "registry.k8s.io/kube-proxy:v1.31.0", "gcr.io/datadoghq/agent:7.57.0", "falcosecurity/falco:0.38.2", "quay.io/cilium/cilium:v1.16.1", "grafana/promtail:3.1.1", "nginx:1.27.1", "ghcr.io/example/api:2.14.0"}
	teams  = []string{"platform", "observability", "networking", "security", "payments", "search"}
)

// mistake is one of the errors a tenth of the workload documents carry.
type mistake int

const (
	noMistake mistake = iota
	kindSpelling
	selectorMismatch
	unknownField
	badLabel
	badPort
	missingImage
	mistakes
)

// Document writes one document.
func (g *Generator) Document(b *bytes.Buffer) {
	g.n++
	m := noMistake
	if g.rnd.Intn(10) == 0 {
		m = mistake(1 + g.rnd.Intn(int(mistakes)-1))
	}
	switch r := g.rnd.Intn(100); {
	case r < 30:
		g.workload(b, "DaemonSet", m)
	case r < 55:
		g.workload(b, "Deployment", m)
	case r < 65:
		g.workload(b, "ReplicaSet", m)
	case r < 85:
		g.service(b, m)
	default:
		g.configMap(b, m)
	}
}

func (g *Generator) pick(list []string) string { return list[g.rnd.Intn(len(list))] }

func (g *Generator) name() string {
	return fmt.Sprintf("%s-%d", g.pick(apps), g.n)
}

func (g *Generator) metadata(b *bytes.Buffer, name, app string, m mistake) {
	fmt.Fprintf(b, "metadata:\n  name: %s\n  namespace: %s\n  labels:\n", name, g.pick(teams))
	fmt.Fprintf(b, "    app.kubernetes.io/name: %s\n    app.kubernetes.io/part-of: %s\n", app, g.pick(teams))
	if m == badLabel {
		b.WriteString("    tier: \"front end\"\n")
	} else {
		fmt.Fprintf(b, "    tier: %s\n", g.pick([]string{"frontend", "backend", "system"}))
	}
	fmt.Fprintf(b, "  annotations:\n    example.com/owner: %s@example.com\n    example.com/revision: \"%d\"\n", g.pick(teams), g.rnd.Intn(1000))
}

func (g *Generator) workload(b *bytes.Buffer, kind string, m mistake) {
	name, app := g.name(), g.pick(apps)
	spelled := kind
	if m == kindSpelling {
		spelled = strings.ToUpper(kind[:1]) + strings.ToLower(kind[1:])
	}
	fmt.Fprintf(b, "apiVersion: apps/v1\nkind: %s\n", spelled)
	g.metadata(b, name, app, m)
	b.WriteString("spec:\n")
	if kind != "DaemonSet" {
		fmt.Fprintf(b, "  replicas: %d\n", 1+g.rnd.Intn(5))
	}
	if kind == "DaemonSet" {
		b.WriteString("  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 1\n")
	}
	selected := app
	if m == selectorMismatch {
		selected = app + "-old"
	}
	fmt.Fprintf(b, "  selector:\n    matchLabels:\n      app.kubernetes.io/name: %s\n", selected)
	fmt.Fprintf(b, "  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: %s\n", app)
	b.WriteString("    spec:\n")
	if m == unknownField {
		b.WriteString("      serviceAcountName: default\n")
	} else {
		fmt.Fprintf(b, "      serviceAccountName: %s\n", app)
	}
	if kind == "DaemonSet" {
		b.WriteString("      priorityClassName: system-node-critical\n      hostNetwork: true\n      dnsPolicy: ClusterFirstWithHostNet\n")
		b.WriteString("      tolerations:\n      - operator: Exists\n        effect: NoSchedule\n      - operator: Exists\n        effect: NoExecute\n")
	}
	if kind != "DaemonSet" {
		fmt.Fprintf(b, "      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n"+
			"          - weight: 100\n            podAffinityTerm:\n              topologyKey: kubernetes.io/hostname\n"+
			"              labelSelector:\n                matchLabels:\n                  app.kubernetes.io/name: %s\n", app)
	} else {
		b.WriteString("      nodeSelector:\n        kubernetes.io/os: linux\n")
	}
	b.WriteString("      terminationGracePeriodSeconds: 30\n      containers:\n")
	for c := 0; c < 1+g.rnd.Intn(2); c++ {
		g.container(b, c, m)
	}
	b.WriteString("      volumes:\n      - name: config\n        configMap:\n          name: " + app + "-config\n")
	if kind == "DaemonSet" {
		b.WriteString("      - name: varlog\n        hostPath:\n          path: /var/log\n          type: Directory\n")
	}
}

func (g *Generator) container(b *bytes.Buffer, i int, m mistake) {
	fmt.Fprintf(b, "      - name: c%d\n", i)
	if m != missingImage {
		fmt.Fprintf(b, "        image: %s\n", g.pick(images))
	}
	b.WriteString("        imagePullPolicy: IfNotPresent\n")
	fmt.Fprintf(b, "        args:\n        - --log-level=%s\n        - --listen=:%d\n", g.pick([]string{"info", "debug", "warn"}), 8000+g.rnd.Intn(1000))
	port := 8000 + g.rnd.Intn(1000)
	if m == badPort && i == 0 {
		port = 70000
	}
	fmt.Fprintf(b, "        ports:\n        - name: http\n          containerPort: %d\n          protocol: TCP\n", port)
	b.WriteString("        env:\n")
	for e := 0; e < 4+g.rnd.Intn(6); e++ {
		fmt.Fprintf(b, "        - name: SETTING_%d\n          value: \"%d\"\n", e, g.rnd.Intn(100000))
	}
	b.WriteString("        - name: NODE_NAME\n          valueFrom:\n            fieldRef:\n              fieldPath: spec.nodeName\n")
	mem := 64 + g.rnd.Intn(256)
	fmt.Fprintf(b, "        resources:\n          requests:\n            cpu: %dm\n            memory: %dMi\n          limits:\n            memory: %dMi\n",
		50+g.rnd.Intn(200), mem, mem+g.rnd.Intn(512))
	b.WriteString("        livenessProbe:\n          httpGet:\n            path: /healthz\n            port: http\n          initialDelaySeconds: 10\n          periodSeconds: 10\n")
	b.WriteString("        readinessProbe:\n          httpGet:\n            path: /ready\n            port: http\n")
	b.WriteString("        securityContext:\n          readOnlyRootFilesystem: true\n          allowPrivilegeEscalation: false\n")
	b.WriteString("        volumeMounts:\n        - name: config\n          mountPath: /etc/config\n          readOnly: true\n")
}

func (g *Generator) service(b *bytes.Buffer, m mistake) {
	name, app := g.name(), g.pick(apps)
	b.WriteString("apiVersion: v1\nkind: Service\n")
	g.metadata(b, name, app, m)
	port := 80 + g.rnd.Intn(9000)
	if m == badPort {
		port = 0
	}
	fmt.Fprintf(b, "spec:\n  type: ClusterIP\n  selector:\n    app.kubernetes.io/name: %s\n  ports:\n  - name: http\n    port: %d\n    targetPort: http\n    protocol: TCP\n", app, port)
}

func (g *Generator) configMap(b *bytes.Buffer, m mistake) {
	name, app := g.name(), g.pick(apps)
	b.WriteString("apiVersion: v1\nkind: ConfigMap\n")
	g.metadata(b, name, app, m)
	b.WriteString("data:\n  LOG_LEVEL: info\n  config.yaml: |\n")
	for l := 0; l < 40+g.rnd.Intn(40); l++ {
		fmt.Fprintf(b, "    key%d: value %d for %s\n", l, g.rnd.Intn(1<<20), app)
	}
}
