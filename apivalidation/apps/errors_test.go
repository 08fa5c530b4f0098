package apps_test

import (
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/daemonlint/daemonlint/apivalidation/apps"
	"github.com/daemonlint/daemonlint/apivalidation/core"
)

// baseMetadata and baseTemplate make up the base DaemonSet and Deployment
// of the tests below: valid, and with a little of everything a node agent
// sets (init and sidecar containers, ports, env vars from every source,
// probes of every kind, resources, security contexts, volumes of the
// common kinds and their mounts).
const (
	baseMetadata = `metadata:
  name: agent
  namespace: monitoring
  labels: {app: agent}
  annotations: {description: collects node metrics}
  finalizers: [example.com/cleanup]
  ownerReferences:
  - {apiVersion: v1, kind: ConfigMap, name: owner, uid: 6f4a2b1c-0000-4000-8000-000000000001}
`
	baseTemplate = `  template:
    metadata:
      labels: {app: agent, tier: node}
      annotations: {prometheus.io/scrape: "true"}
    spec:
      serviceAccountName: agent
      priorityClassName: system-node-critical
      nodeSelector: {kubernetes.io/os: linux}
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        fsGroup: 2000
        supplementalGroups: [3000]
        seccompProfile: {type: RuntimeDefault}
        sysctls: [{name: net.ipv4.ip_local_port_range, value: "1024 65535"}]
      tolerations:
      - {operator: Exists, effect: NoSchedule}
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: kubernetes.io/arch, operator: In, values: [amd64, arm64]}
      initContainers:
      - name: init-config
        image: busybox:1.36
        command: [sh, -c, cp /src/* /dst/]
        volumeMounts:
        - {name: config, mountPath: /src}
        - {name: work, mountPath: /dst}
      - name: proxy
        image: example.com/proxy:1.0
        restartPolicy: Always
        readinessProbe:
          tcpSocket: {port: 15000}
      containers:
      - name: agent
        image: example.com/agent:1.2.3
        args: [--config=/etc/agent/config.yaml]
        ports:
        - {name: metrics, containerPort: 9100, hostPort: 9100}
        - {name: health, containerPort: 8080}
        env:
        - {name: LOG_LEVEL, value: info}
        - name: NODE_NAME
          valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
        - name: MEMORY_LIMIT
          valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}
        - name: CLUSTER
          valueFrom: {configMapKeyRef: {name: agent-config, key: cluster}}
        - name: TOKEN
          valueFrom: {secretKeyRef: {name: agent-token, key: token}}
        envFrom:
        - configMapRef: {name: agent-env}
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {memory: 256Mi}
        livenessProbe:
          httpGet: {path: /healthz, port: health}
          initialDelaySeconds: 10
          periodSeconds: 20
        readinessProbe:
          httpGet: {path: /ready, port: 8080}
        startupProbe:
          exec: {command: [cat, /tmp/started]}
          failureThreshold: 30
        lifecycle:
          preStop:
            sleep: {seconds: 5}
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
        volumeMounts:
        - {name: config, mountPath: /etc/agent, readOnly: true}
        - {name: varlog, mountPath: /var/log, readOnly: true}
        - {name: work, mountPath: /work, subPath: agent}
      - name: exporter
        image: example.com/exporter:0.9
        ports:
        - {containerPort: 9200}
        env:
        - {name: TARGET, value: "localhost:9100"}
        resources:
          requests: {cpu: 50m, memory: 64Mi}
          limits: {cpu: 200m, memory: 64Mi}
        readinessProbe:
          grpc: {port: 9200}
        volumeMounts:
        - {name: tls, mountPath: /etc/tls, readOnly: true}
        - {name: podinfo, mountPath: /etc/podinfo, readOnly: true}
        - {name: token, mountPath: /var/run/token, readOnly: true}
      volumes:
      - name: config
        configMap:
          name: agent-config
          items: [{key: config.yaml, path: config.yaml}]
      - name: varlog
        hostPath: {path: /var/log, type: Directory}
      - name: work
        emptyDir: {sizeLimit: 1Gi}
      - name: tls
        secret: {secretName: agent-tls, defaultMode: 0400}
      - name: podinfo
        downwardAPI:
          items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]
      - name: token
        projected:
          sources:
          - serviceAccountToken: {path: token, expirationSeconds: 3600}
`
)

// baseDaemonSet returns the base DaemonSet, decoded.
func baseDaemonSet(tb testing.TB) *appsv1.DaemonSet {
	tb.Helper()
	src := "apiVersion: apps/v1\nkind: DaemonSet\n" + baseMetadata + `spec:
  selector:
    matchLabels: {app: agent}
  updateStrategy:
    rollingUpdate: {maxUnavailable: 10%}
` + baseTemplate
	_, obj, strict, err := decodeManifest([]byte(src))
	ds, ok := obj.(*appsv1.DaemonSet)
	if err != nil || len(strict) > 0 || !ok {
		tb.Fatalf("the base DaemonSet does not decode: %v %v", err, strict)
	}
	return ds
}

// baseDeployment returns the base Deployment, decoded: the base
// DaemonSet's metadata and template.
func baseDeployment(tb testing.TB) *appsv1.Deployment {
	tb.Helper()
	src := "apiVersion: apps/v1\nkind: Deployment\n" + baseMetadata + `spec:
  replicas: 2
  selector:
    matchLabels: {app: agent}
  strategy:
    rollingUpdate: {maxUnavailable: 0, maxSurge: 1}
` + baseTemplate
	_, obj, strict, err := decodeManifest([]byte(src))
	d, ok := obj.(*appsv1.Deployment)
	if err != nil || len(strict) > 0 || !ok {
		tb.Fatalf("the base Deployment does not decode: %v %v", err, strict)
	}
	return d
}

// errorLines renders errors one a line, in their order, with everything a
// caller sees: field path, type, value and detail.
func errorLines(errs field.ErrorList) []string {
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// checkErrors compares the errors got with the lines wanted.
func checkErrors(t *testing.T, errs field.ErrorList, want []string) {
	t.Helper()
	got := errorLines(errs)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %d errors:\n\t%s\nwant %d:\n\t%s", len(got), strings.Join(got, "\n\t"), len(want), strings.Join(want, "\n\t"))
	}
}

// TestBaseWorkloadsValid checks that the base DaemonSet and Deployment are
// valid, so that each error below comes from its mutation.
func TestBaseWorkloadsValid(t *testing.T) {
	checkErrors(t, apps.ValidateDaemonSet(baseDaemonSet(t), core.Options{}), nil)
	checkErrors(t, apps.ValidateDeployment(baseDeployment(t), core.Options{}), nil)
}

// A workload is what the template mutations below change: the metadata
// and pod template of a DaemonSet or a Deployment.
type workload struct {
	meta *metav1.ObjectMeta
	tmpl *corev1.PodTemplateSpec
	spec *corev1.PodSpec
}

// TestTemplateErrors mutates the base DaemonSet's and Deployment's
// metadata and pod template, each case making a field or two wrong, and
// compares the whole error list with the case's: field paths, types,
// values, details and their order, which the golden tests (sets of the
// server's causes) do not check. The lists were recorded from the
// validation as it stood when its field paths were still built eagerly,
// so that building them only for errors is seen to change none. Both
// kinds must give the same list.
func TestTemplateErrors(t *testing.T) {
	for _, tc := range templateCases {
		t.Run(tc.name, func(t *testing.T) {
			ds := baseDaemonSet(t)
			tc.mutate(workload{meta: &ds.ObjectMeta, tmpl: &ds.Spec.Template, spec: &ds.Spec.Template.Spec})
			checkErrors(t, apps.ValidateDaemonSet(ds, core.Options{}), tc.want)
			d := baseDeployment(t)
			tc.mutate(workload{meta: &d.ObjectMeta, tmpl: &d.Spec.Template, spec: &d.Spec.Template.Spec})
			checkErrors(t, apps.ValidateDeployment(d, core.Options{}), tc.want)
		})
	}
}

// TestDaemonSetErrors mutates what only a DaemonSet has.
func TestDaemonSetErrors(t *testing.T) {
	for _, tc := range daemonSetCases {
		t.Run(tc.name, func(t *testing.T) {
			ds := baseDaemonSet(t)
			tc.mutate(ds)
			checkErrors(t, apps.ValidateDaemonSet(ds, core.Options{}), tc.want)
		})
	}
}

// TestDeploymentErrors mutates what only a Deployment has.
func TestDeploymentErrors(t *testing.T) {
	for _, tc := range deploymentCases {
		t.Run(tc.name, func(t *testing.T) {
			d := baseDeployment(t)
			tc.mutate(d)
			checkErrors(t, apps.ValidateDeployment(d, core.Options{}), tc.want)
		})
	}
}

// quantity returns a parsed quantity.
func quantity(s string) resource.Quantity { return resource.MustParse(s) }

// intOrString returns s as an IntOrString: a number or a string.
func intOrString(s string) *intstr.IntOrString {
	v := intstr.Parse(s)
	return &v
}

// templateCases are the mutations of TestTemplateErrors.
var templateCases = []struct {
	name   string
	mutate func(w workload)
	want   []string
}{
	// Metadata.
	{name: "generateName", mutate: func(w workload) { w.meta.GenerateName = "Agent_" },
		want: []string{
			"metadata.generateName: Invalid value: \"Agent_\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
		},
	},
	{name: "name", mutate: func(w workload) { w.meta.Name = "Agent_1" },
		want: []string{
			"metadata.name: Invalid value: \"Agent_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
		},
	},
	{name: "namespace", mutate: func(w workload) { w.meta.Namespace = "Kube System" },
		want: []string{
			"metadata.namespace: Invalid value: \"Kube System\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
		},
	},
	{name: "label", mutate: func(w workload) { w.meta.Labels["bad key!"] = "a b" },
		want: []string{
			"metadata.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
			"metadata.labels: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
		},
	},
	{name: "annotation", mutate: func(w workload) { w.meta.Annotations["-bad"] = "x" },
		want: []string{
			"metadata.annotations: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
		},
	},
	{name: "owner reference", mutate: func(w workload) { w.meta.OwnerReferences[0].UID = "" },
		want: []string{
			"metadata.ownerReferences[0].uid: Required value: must not be empty",
		},
	},
	{name: "finalizer", mutate: func(w workload) { w.meta.Finalizers = append(w.meta.Finalizers, "cleanup", "Bad/Name") },
		want: []string{
			"metadata.finalizers: Invalid value: \"Bad/Name\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
			"metadata.finalizers[1]: Invalid value: \"cleanup\": name is neither a standard finalizer name nor is it fully qualified",
		},
	},
	{name: "template label", mutate: func(w workload) { w.tmpl.Labels["extra"] = "a b" },
		want: []string{
			"spec.template.labels: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
		},
	},
	{name: "template annotation", mutate: func(w workload) { w.tmpl.Annotations["-bad"] = "x" },
		want: []string{
			"spec.template.annotations: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
		},
	},
	{name: "seccomp annotation", mutate: func(w workload) {
		w.tmpl.Annotations["seccomp.security.alpha.kubernetes.io/pod"] = "bogus"
		w.tmpl.Annotations["container.seccomp.security.alpha.kubernetes.io/agent"] = "unconfined"
	},
		want: []string{
			"spec.template.annotations.seccomp.security.alpha.kubernetes.io/pod: Invalid value: \"bogus\": must be a valid seccomp profile",
			"spec.template.spec.securityContext.seccompProfile.type: Forbidden: seccomp type in annotation and field must match",
		},
	},

	// Volumes.
	{name: "volume name", mutate: func(w workload) { w.spec.Volumes[0].Name = "Config" },
		want: []string{
			"spec.template.spec.volumes[0].name: Invalid value: \"Config\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
			"spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"config\"",
			"spec.template.spec.initContainers[0].volumeMounts[0].name: Not found: \"config\"",
		},
	},
	{name: "volume name twice", mutate: func(w workload) { w.spec.Volumes[3].Name = "config" },
		want: []string{
			"spec.template.spec.volumes[3].name: Duplicate value: \"config\"",
			"spec.template.spec.containers[1].volumeMounts[0].name: Not found: \"tls\"",
		},
	},
	{name: "volume with two sources", mutate: func(w workload) {
		w.spec.Volumes[0].Secret = &corev1.SecretVolumeSource{SecretName: "s"}
	},
		want: []string{
			"spec.template.spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type",
			"spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"config\"",
			"spec.template.spec.initContainers[0].volumeMounts[0].name: Not found: \"config\"",
		},
	},
	{name: "configMap volume without name", mutate: func(w workload) { w.spec.Volumes[0].ConfigMap.Name = "" },
		want: []string{
			"spec.template.spec.volumes[0].configMap.name: Required value",
			"spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"config\"",
			"spec.template.spec.initContainers[0].volumeMounts[0].name: Not found: \"config\"",
		},
	},
	{name: "configMap volume item", mutate: func(w workload) {
		w.spec.Volumes[0].ConfigMap.Items = append(w.spec.Volumes[0].ConfigMap.Items,
			corev1.KeyToPath{Key: "", Path: "/etc/x"}, corev1.KeyToPath{Key: "k", Path: "../x", Mode: new(int32(01000))})
	},
		want: []string{
			"spec.template.spec.volumes[0].configMap.items[1].key: Required value",
			"spec.template.spec.volumes[0].configMap.items[1].path: Invalid value: \"/etc/x\": must be a relative path",
			"spec.template.spec.volumes[0].configMap.items[2].path: Invalid value: \"../x\": must not contain '..'",
			"spec.template.spec.volumes[0].configMap.items[2].mode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive",
			"spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"config\"",
			"spec.template.spec.initContainers[0].volumeMounts[0].name: Not found: \"config\"",
		},
	},
	{name: "configMap volume mode", mutate: func(w workload) { w.spec.Volumes[0].ConfigMap.DefaultMode = new(int32(-1)) },
		want: []string{
			"spec.template.spec.volumes[0].configMap.defaultMode: Invalid value: -1: must be a number between 0 and 0777 (octal), both inclusive",
			"spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"config\"",
			"spec.template.spec.initContainers[0].volumeMounts[0].name: Not found: \"config\"",
		},
	},
	{name: "secret volume", mutate: func(w workload) {
		w.spec.Volumes[3].Secret.SecretName = ""
		w.spec.Volumes[3].Secret.DefaultMode = new(int32(01000))
		w.spec.Volumes[3].Secret.Items = []corev1.KeyToPath{{Key: "k", Path: ".."}}
	},
		want: []string{
			"spec.template.spec.volumes[3].secret.secretName: Required value",
			"spec.template.spec.volumes[3].secret.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive",
			"spec.template.spec.volumes[3].secret.items[0].path: Invalid value: \"..\": must not contain '..'",
			"spec.template.spec.volumes[3].secret.items[0].path: Invalid value: \"..\": must not start with '..'",
			"spec.template.spec.containers[1].volumeMounts[0].name: Not found: \"tls\"",
		},
	},
	{name: "hostPath volume", mutate: func(w workload) {
		w.spec.Volumes[1].HostPath.Path = "/var/../etc"
		w.spec.Volumes[1].HostPath.Type = new(corev1.HostPathType("Folder"))
	},
		want: []string{
			"spec.template.spec.volumes[1].hostPath.path: Invalid value: \"/var/../etc\": must not contain '..'",
			"spec.template.spec.volumes[1].hostPath.type: Unsupported value: \"Folder\": supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\"",
			"spec.template.spec.containers[0].volumeMounts[1].name: Not found: \"varlog\"",
		},
	},
	{name: "emptyDir volume", mutate: func(w workload) { w.spec.Volumes[2].EmptyDir.SizeLimit = new(quantity("-1Gi")) },
		want: []string{
			"spec.template.spec.volumes[2].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource quantity",
			"spec.template.spec.containers[0].volumeMounts[2].name: Not found: \"work\"",
			"spec.template.spec.initContainers[0].volumeMounts[1].name: Not found: \"work\"",
		},
	},
	{name: "downwardAPI volume", mutate: func(w workload) {
		w.spec.Volumes[4].DownwardAPI.Items = append(w.spec.Volumes[4].DownwardAPI.Items,
			corev1.DownwardAPIVolumeFile{Path: "node", FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "spec.nodeName"}},
			corev1.DownwardAPIVolumeFile{Path: "cpu", ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.cpu"}})
	},
		want: []string{
			"spec.template.spec.volumes[4].downwardAPI.fieldRef.fieldPath: Unsupported value: \"spec.nodeName\": supported values: \"metadata.annotations\", \"metadata.labels\", \"metadata.name\", \"metadata.namespace\", \"metadata.uid\"",
			"spec.template.spec.volumes[4].downwardAPI.resourceFieldRef.containerName: Required value",
			"spec.template.spec.containers[1].volumeMounts[1].name: Not found: \"podinfo\"",
		},
	},
	{name: "projected volume", mutate: func(w workload) {
		w.spec.Volumes[5].Projected.Sources[0].ServiceAccountToken.Path = ""
		w.spec.Volumes[5].Projected.Sources[0].ServiceAccountToken.ExpirationSeconds = new(int64(60))
	},
		want: []string{
			"spec.template.spec.volumes[5].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes",
			"spec.template.spec.volumes[5].projected.path: Required value",
			"spec.template.spec.containers[1].volumeMounts[2].name: Not found: \"token\"",
		},
	},

	// Containers.
	{name: "container without name", mutate: func(w workload) { w.spec.Containers[1].Name = "" },
		want: []string{
			"spec.template.spec.containers[1].name: Required value",
		},
	},
	{name: "container name", mutate: func(w workload) { w.spec.Containers[1].Name = "Exporter" },
		want: []string{
			"spec.template.spec.containers[1].name: Invalid value: \"Exporter\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
		},
	},
	{name: "container name twice", mutate: func(w workload) { w.spec.Containers[1].Name = "agent" },
		want: []string{
			"spec.template.spec.containers[1].name: Duplicate value: \"agent\"",
		},
	},
	{name: "container name of an init container", mutate: func(w workload) { w.spec.InitContainers[0].Name = "agent" },
		want: []string{
			"spec.template.spec.initContainers[0].name: Duplicate value: \"agent\"",
		},
	},
	{name: "container without image", mutate: func(w workload) { w.spec.Containers[0].Image = "" },
		want: []string{
			"spec.template.spec.containers[0].image: Required value",
		},
	},
	{name: "termination message policy", mutate: func(w workload) { w.spec.Containers[0].TerminationMessagePolicy = "Always" },
		want: []string{
			"spec.template.spec.containers[0].terminationMessagePolicy: Unsupported value: \"Always\": supported values: \"File\", \"FallbackToLogsOnError\"",
		},
	},
	{name: "image pull policy", mutate: func(w workload) { w.spec.Containers[1].ImagePullPolicy = "Sometimes" },
		want: []string{
			"spec.template.spec.containers[1].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"",
		},
	},
	{name: "no containers", mutate: func(w workload) { w.spec.Containers = nil },
		want: []string{
			"spec.template.spec.containers: Required value",
		},
	},
	{name: "ephemeral container", mutate: func(w workload) {
		w.spec.EphemeralContainers = []corev1.EphemeralContainer{{EphemeralContainerCommon: corev1.EphemeralContainerCommon{
			Name: "debug", Image: " busybox", TerminationMessagePolicy: "File", ImagePullPolicy: "Always",
			Ports: []corev1.ContainerPort{{ContainerPort: 80, Protocol: "TCP"}}}}}
	},
		want: []string{
			"spec.template.spec.ephemeralContainers[0].image: Invalid value: \" busybox\": must not have leading or trailing whitespace",
			"spec.template.spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container",
			"spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template",
		},
	},

	// Ports.
	{name: "port number", mutate: func(w workload) {
		w.spec.Containers[0].Ports[1].ContainerPort = 0
		w.spec.Containers[1].Ports[0].ContainerPort = 70000
	},
		want: []string{
			"spec.template.spec.containers[0].ports[1].containerPort: Required value",
			"spec.template.spec.containers[1].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
		},
	},
	{name: "port name", mutate: func(w workload) {
		w.spec.Containers[0].Ports[1].Name = "Health_Port"
		w.spec.Containers[1].Ports[0].Name = "metrics"
	},
		want: []string{
			"spec.template.spec.containers[0].ports[1].name: Invalid value: \"Health_Port\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
		},
	},
	{name: "port name twice", mutate: func(w workload) { w.spec.Containers[0].Ports[1].Name = "metrics" },
		want: []string{
			"spec.template.spec.containers[0].ports[1].name: Duplicate value: \"metrics\"",
		},
	},
	{name: "port protocol", mutate: func(w workload) { w.spec.Containers[0].Ports[1].Protocol = "HTTP" },
		want: []string{
			"spec.template.spec.containers[0].ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
		},
	},
	{name: "host port twice", mutate: func(w workload) {
		w.spec.Containers[1].Ports = append(w.spec.Containers[1].Ports, corev1.ContainerPort{ContainerPort: 9100, HostPort: 9100})
	},
		want: []string{
			"spec.template.spec.containers[1].ports[1].hostPort: Duplicate value: \"TCP//9100\"",
		},
	},
	{name: "host port twice in an init container", mutate: func(w workload) {
		w.spec.InitContainers[1].Ports = []corev1.ContainerPort{{ContainerPort: 1, HostPort: 81}, {ContainerPort: 2, HostPort: 81}}
	},
		want: []string{
			"spec.template.spec.initContainers[0].ports[1].hostPort: Duplicate value: \"TCP//81\"",
		},
	},
	{name: "host port out of range", mutate: func(w workload) { w.spec.Containers[0].Ports[0].HostPort = -1 },
		want: []string{
			"spec.template.spec.containers[0].ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive",
		},
	},
	{name: "host port under hostNetwork", mutate: func(w workload) {
		w.spec.HostNetwork = true
		w.spec.Containers[0].Ports[0].HostPort = 9101
	},
		want: []string{
			"spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 9101: must match `containerPort` when `hostNetwork` is true",
			"spec.template.spec.securityContext.sysctls[0].name: Invalid value: \"net.ipv4.ip_local_port_range\": may not be specified when 'hostNetwork' is true",
		},
	},

	// Environment.
	{name: "env var without name", mutate: func(w workload) { w.spec.Containers[0].Env[2].Name = "" },
		want: []string{
			"spec.template.spec.containers[0].env[2].name: Required value",
		},
	},
	{name: "env var name", mutate: func(w workload) { w.spec.Containers[1].Env[0].Name = "A=B" },
		want: []string{
			"spec.template.spec.containers[1].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
		},
	},
	{name: "env var value and valueFrom", mutate: func(w workload) { w.spec.Containers[0].Env[1].Value = "x" },
		want: []string{
			"spec.template.spec.containers[0].env[1].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty",
		},
	},
	{name: "env var with two sources", mutate: func(w workload) {
		w.spec.Containers[0].Env[3].ValueFrom.SecretKeyRef = &corev1.SecretKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: "s"}, Key: "k"}
	},
		want: []string{
			"spec.template.spec.containers[0].env[3].valueFrom: Invalid value: \"\": may not have more than one field specified at a time",
		},
	},
	{name: "env var without source", mutate: func(w workload) { w.spec.Containers[0].Env[1].ValueFrom.FieldRef = nil },
		want: []string{
			"spec.template.spec.containers[0].env[1].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`",
		},
	},
	{name: "env fieldRef", mutate: func(w workload) {
		w.spec.Containers[0].Env[1].ValueFrom.FieldRef.FieldPath = "spec.schedulerName"
		w.spec.Containers[1].Env = append(w.spec.Containers[1].Env,
			corev1.EnvVar{Name: "A", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.labels['-x']"}}},
			corev1.EnvVar{Name: "B", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v2", FieldPath: "metadata.name"}}})
	},
		want: []string{
			"spec.template.spec.containers[0].env[1].valueFrom.fieldRef.fieldPath: Unsupported value: \"spec.schedulerName\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"",
			"spec.template.spec.containers[1].env[1].valueFrom.fieldRef: Invalid value: \"-x\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
			"spec.template.spec.containers[1].env[2].valueFrom.fieldRef.fieldPath: Invalid value: \"metadata.name\": error converting fieldPath: unsupported pod version: v2",
		},
	},
	{name: "env resourceFieldRef", mutate: func(w workload) {
		w.spec.Containers[0].Env[2].ValueFrom.ResourceFieldRef.Resource = "limits.gpu"
		w.spec.Containers[1].Env = append(w.spec.Containers[1].Env,
			corev1.EnvVar{Name: "A", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "requests.cpu", Divisor: quantity("10m")}}})
	},
		want: []string{
			"spec.template.spec.containers[0].env[2].valueFrom.resourceFieldRef.resource: Unsupported value: \"limits.gpu\": supported values: \"limits.cpu\", \"limits.ephemeral-storage\", \"limits.memory\", \"requests.cpu\", \"requests.ephemeral-storage\", \"requests.memory\"",
			"spec.template.spec.containers[1].env[1].valueFrom.resourceFieldRef.divisor: Invalid value: \"requests.cpu\": only divisor's values 1m and 1 are supported with the cpu resource",
		},
	},
	{name: "env configMapKeyRef", mutate: func(w workload) {
		w.spec.Containers[0].Env[3].ValueFrom.ConfigMapKeyRef.Key = ""
		w.spec.Containers[0].Env[3].ValueFrom.ConfigMapKeyRef.Name = "Agent Config"
	},
		want: []string{
			"spec.template.spec.containers[0].env[3].valueFrom.configMapKeyRef.name: Invalid value: \"Agent Config\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
			"spec.template.spec.containers[0].env[3].valueFrom.configMapKeyRef.key: Required value",
		},
	},
	{name: "env secretKeyRef", mutate: func(w workload) {
		w.spec.Containers[0].Env[4].ValueFrom.SecretKeyRef.Key = "a/b"
		w.spec.Containers[0].Env[4].ValueFrom.SecretKeyRef.Name = ""
	},
		want: []string{
			"spec.template.spec.containers[0].env[4].valueFrom.secretKeyRef.name: Invalid value: \"\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
			"spec.template.spec.containers[0].env[4].valueFrom.secretKeyRef.key: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
		},
	},
	{name: "env fileKeyRef", mutate: func(w workload) {
		w.spec.Containers[1].Env = append(w.spec.Containers[1].Env,
			corev1.EnvVar{Name: "A", ValueFrom: &corev1.EnvVarSource{FileKeyRef: &corev1.FileKeySelector{VolumeName: "missing", Path: "env", Key: "A"}}},
			corev1.EnvVar{Name: "B", ValueFrom: &corev1.EnvVarSource{FileKeyRef: &corev1.FileKeySelector{VolumeName: "config", Path: "../env"}}})
	},
		want: []string{
			"spec.template.spec.containers[1].env[2].valueFrom.fileKeyRef.key: Required value",
			"spec.template.spec.containers[1].env[2].valueFrom.fileKeyRef.path: Invalid value: \"../env\": must not contain '..'",
			"spec.template.spec.containers[1].env[1].valueFrom.fileKeyRef.volumeName: Not found: \"missing\"",
			"spec.template.spec.containers[1].env[2].valueFrom.fileKeyRef.volumeName: Invalid value: \"config\": referenced volume must be of type emptyDir",
		},
	},
	{name: "envFrom", mutate: func(w workload) {
		w.spec.Containers[0].EnvFrom = append(w.spec.Containers[0].EnvFrom,
			corev1.EnvFromSource{Prefix: "A=B"},
			corev1.EnvFromSource{SecretRef: &corev1.SecretEnvSource{}})
	},
		want: []string{
			"spec.template.spec.containers[0].envFrom[1].prefix: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
			"spec.template.spec.containers[0].envFrom: Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`",
			"spec.template.spec.containers[0].envFrom[2].secretRef.name: Required value",
		},
	},

	// Volume mounts and devices.
	{name: "mount of an unknown volume", mutate: func(w workload) { w.spec.Containers[0].VolumeMounts[1].Name = "logs" },
		want: []string{
			"spec.template.spec.containers[0].volumeMounts[1].name: Not found: \"logs\"",
		},
	},
	{name: "mount without name or path", mutate: func(w workload) {
		w.spec.Containers[1].VolumeMounts = append(w.spec.Containers[1].VolumeMounts, corev1.VolumeMount{})
	},
		want: []string{
			"spec.template.spec.containers[1].volumeMounts[3].name: Required value",
			"spec.template.spec.containers[1].volumeMounts[3].name: Not found: \"\"",
			"spec.template.spec.containers[1].volumeMounts[3].mountPath: Required value",
		},
	},
	{name: "mount path twice", mutate: func(w workload) { w.spec.Containers[0].VolumeMounts[2].MountPath = "/var/log" },
		want: []string{
			"spec.template.spec.containers[0].volumeMounts[2].mountPath: Invalid value: \"/var/log\": must be unique",
		},
	},
	{name: "mount subPath", mutate: func(w workload) {
		w.spec.Containers[0].VolumeMounts[2].SubPath = "/agent"
		w.spec.Containers[0].VolumeMounts[1].SubPathExpr = "../$(NODE_NAME)"
		w.spec.Containers[0].VolumeMounts[1].SubPath = "x"
	},
		want: []string{
			"spec.template.spec.containers[0].volumeMounts[1].subPathExpr: Invalid value: \"../$(NODE_NAME)\": subPathExpr and subPath are mutually exclusive",
			"spec.template.spec.containers[0].volumeMounts.subPathExpr: Invalid value: \"../$(NODE_NAME)\": must not contain '..'",
			"spec.template.spec.containers[0].volumeMounts.subPath: Invalid value: \"/agent\": must be a relative path",
		},
	},
	{name: "mount propagation", mutate: func(w workload) {
		w.spec.Containers[0].VolumeMounts[1].MountPropagation = new(corev1.MountPropagationBidirectional)
		w.spec.Containers[0].VolumeMounts[2].MountPropagation = new(corev1.MountPropagationMode("Shared"))
	},
		want: []string{
			"spec.template.spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers",
			"spec.template.spec.containers[0].volumeMounts.mountPropagation: Unsupported value: \"Shared\": supported values: \"Bidirectional\", \"HostToContainer\", \"None\"",
		},
	},
	{name: "mount recursiveReadOnly", mutate: func(w workload) {
		w.spec.Containers[0].VolumeMounts[2].RecursiveReadOnly = new(corev1.RecursiveReadOnlyEnabled)
		w.spec.Containers[0].VolumeMounts[1].RecursiveReadOnly = new(corev1.RecursiveReadOnlyMode("Always"))
	},
		want: []string{
			"spec.template.spec.containers[0].volumeMounts.recursiveReadOnly: Unsupported value: \"Always\": supported values: \"Disabled\", \"Enabled\", \"IfPossible\"",
			"spec.template.spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when readOnly is true",
		},
	},
	{name: "volume device", mutate: func(w workload) {
		w.spec.Containers[0].VolumeDevices = []corev1.VolumeDevice{{Name: "work", DevicePath: "/dev/work"}, {Name: "config", DevicePath: "/var/log"}}
	},
		want: []string{
			"spec.template.spec.containers[0].volumeMounts[0].name: Invalid value: \"config\": must not already exist in volumeDevices",
			"spec.template.spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/var/log\": must not already exist as a path in volumeDevices",
			"spec.template.spec.containers[0].volumeMounts[2].name: Invalid value: \"work\": must not already exist in volumeDevices",
			"spec.template.spec.containers[0].volumeDevices[0].name: Invalid value: \"work\": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode",
			"spec.template.spec.containers[0].volumeDevices[0].name: Invalid value: \"work\": must not already exist in volumeMounts",
			"spec.template.spec.containers[0].volumeDevices[1].name: Invalid value: \"config\": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode",
			"spec.template.spec.containers[0].volumeDevices[1].name: Invalid value: \"config\": must not already exist in volumeMounts",
			"spec.template.spec.containers[0].volumeDevices[1].devicePath: Invalid value: \"/var/log\": must not already exist as a path in volumeMounts",
		},
	},

	// Resources.
	{name: "negative request", mutate: func(w workload) { w.spec.Containers[0].Resources.Requests[corev1.ResourceCPU] = quantity("-100m") },
		want: []string{
			"spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: \"-100m\": must be greater than or equal to 0",
		},
	},
	{name: "request above limit", mutate: func(w workload) { w.spec.Containers[1].Resources.Requests[corev1.ResourceCPU] = quantity("1") },
		want: []string{
			"spec.template.spec.containers[1].resources.requests: Invalid value: \"1\": must be less than or equal to cpu limit of 200m",
		},
	},
	{name: "resource name", mutate: func(w workload) {
		w.spec.Containers[0].Resources.Limits["foo"] = quantity("1")
		w.spec.Containers[0].Resources.Requests["example.com/gpu"] = quantity("500m")
	},
		want: []string{
			"spec.template.spec.containers[0].resources.limits[foo]: Invalid value: \"foo\": must be a standard resource type or fully qualified",
			"spec.template.spec.containers[0].resources.limits[foo]: Invalid value: \"foo\": must be a standard resource for containers",
			"spec.template.spec.containers[0].resources.requests[example.com/gpu]: Invalid value: \"500m\": must be an integer",
			"spec.template.spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources",
		},
	},
	{name: "hugepages", mutate: func(w workload) {
		w.spec.InitContainers[0].Resources.Limits = corev1.ResourceList{"hugepages-2Mi": quantity("3Mi")}
	},
		want: []string{
			"spec.template.spec.initContainers[0].resources.limits[hugepages-2Mi]: Invalid value: \"3Mi\": 3Mi is not positive integer multiple of hugepages-2Mi",
			"spec.template.spec.initContainers[0].resources: Forbidden: HugePages require cpu or memory",
		},
	},
	{name: "resource claims", mutate: func(w workload) {
		w.spec.Containers[0].Resources.Claims = []corev1.ResourceClaim{{Name: "gpu"}, {Name: ""}}
	},
		want: []string{
			"spec.template.spec.containers[0].resources.claims[0]: Not found: \"gpu\": must be one of the names in pod.spec.resourceClaims which is empty",
			"spec.template.spec.containers[0].resources.claims[1]: Required value",
		},
	},
	{name: "resize policy", mutate: func(w workload) {
		w.spec.Containers[0].ResizePolicy = []corev1.ContainerResizePolicy{{ResourceName: "cpu", RestartPolicy: "NotRequired"}, {ResourceName: "cpu", RestartPolicy: "Sometimes"}}
	},
		want: []string{
			"spec.template.spec.containers[0].resizePolicy[1]: Duplicate value: \"cpu\"",
			"spec.template.spec.containers[0].resizePolicy: Unsupported value: \"Sometimes\": supported values: \"NotRequired\", \"RestartContainer\"",
		},
	},
	{name: "pod resources", mutate: func(w workload) {
		w.spec.Resources = &corev1.ResourceRequirements{Limits: corev1.ResourceList{"cpu": quantity("100m"), "ephemeral-storage": quantity("1Gi")}}
	},
		want: []string{
			"spec.template.spec.resources.limits[ephemeral-storage]: Unsupported value: \"ephemeral-storage\": supported values: \"cpu\", \"hugepages-\", \"memory\"",
			"spec.template.spec.resources.containers[1][cpu].limits: Invalid value: \"200m\": must be less than or equal to pod limits of 100m",
		},
	},
	{name: "overhead", mutate: func(w workload) { w.spec.Overhead = corev1.ResourceList{"cpu": quantity("-1")} },
		want: []string{
			"spec.template.spec.overhead.limits[cpu]: Invalid value: \"-1\": must be greater than or equal to 0",
		},
	},

	// Container security contexts.
	{name: "container runAsUser and runAsGroup", mutate: func(w workload) {
		w.spec.Containers[0].SecurityContext.RunAsUser = new(int64(-1))
		w.spec.Containers[0].SecurityContext.RunAsGroup = new(int64(-2))
	},
		want: []string{
			"spec.template.spec.containers[0].securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive",
			"spec.template.spec.containers[0].securityContext.runAsGroup: Invalid value: -2: must be between 0 and 2147483647, inclusive",
		},
	},
	{name: "container procMount", mutate: func(w workload) {
		w.spec.Containers[0].SecurityContext.ProcMount = new(corev1.ProcMountType("Masked"))
		w.spec.Containers[1].SecurityContext = &corev1.SecurityContext{ProcMount: new(corev1.UnmaskedProcMount)}
	},
		want: []string{
			"spec.template.spec.containers[0].securityContext.procMount: Unsupported value: \"Masked\": supported values: \"Default\", \"Unmasked\"",
			"spec.template.spec.containers[1].securityContext.procMount: Invalid value: \"Unmasked\": `hostUsers` must be false to use `Unmasked`",
		},
	},
	{name: "container seccompProfile", mutate: func(w workload) {
		w.spec.Containers[0].SecurityContext.SeccompProfile = &corev1.SeccompProfile{Type: "Localhost"}
		w.spec.Containers[1].SecurityContext = &corev1.SecurityContext{SeccompProfile: &corev1.SeccompProfile{Type: "RuntimeDefault", LocalhostProfile: new("x")}}
	},
		want: []string{
			"spec.template.spec.containers[0].securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost",
			"spec.template.spec.containers[1].securityContext.seccompProfile.localhostProfile: Invalid value: {\"Type\":\"RuntimeDefault\",\"LocalhostProfile\":\"x\"}: can only be set when seccomp type is Localhost",
		},
	},
	{name: "container privileged without escalation", mutate: func(w workload) {
		w.spec.Containers[0].SecurityContext.Privileged = new(true)
		w.spec.Containers[0].SecurityContext.Capabilities.Add = []corev1.Capability{"CAP_SYS_ADMIN"}
	},
		want: []string{
			"spec.template.spec.containers[0].securityContext: Invalid value: {\"Capabilities\":{\"Add\":[\"CAP_SYS_ADMIN\"],\"Drop\":[\"ALL\"]},\"Privileged\":true,\"SELinuxOptions\":null,\"WindowsOptions\":null,\"RunAsUser\":null,\"RunAsGroup\":null,\"RunAsNonRoot\":null,\"ReadOnlyRootFilesystem\":true,\"AllowPrivilegeEscalation\":false,\"ProcMount\":null,\"SeccompProfile\":null,\"AppArmorProfile\":null}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
			"spec.template.spec.containers[0].securityContext: Invalid value: {\"Capabilities\":{\"Add\":[\"CAP_SYS_ADMIN\"],\"Drop\":[\"ALL\"]},\"Privileged\":true,\"SELinuxOptions\":null,\"WindowsOptions\":null,\"RunAsUser\":null,\"RunAsGroup\":null,\"RunAsNonRoot\":null,\"ReadOnlyRootFilesystem\":true,\"AllowPrivilegeEscalation\":false,\"ProcMount\":null,\"SeccompProfile\":null,\"AppArmorProfile\":null}: cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN",
		},
	},
	{name: "container appArmorProfile", mutate: func(w workload) {
		w.spec.Containers[0].SecurityContext.AppArmorProfile = &corev1.AppArmorProfile{Type: "Localhost", LocalhostProfile: new(" p")}
		w.spec.Containers[1].SecurityContext = &corev1.SecurityContext{AppArmorProfile: &corev1.AppArmorProfile{}}
	},
		want: []string{
			"spec.template.spec.containers[0].securityContext.appArmorProfile.localhostProfile: Invalid value: \" p\": must not be padded with whitespace",
			"spec.template.spec.containers[1].securityContext.appArmorProfile.type: Required value: type is required when appArmorProfile is set",
		},
	},
	{name: "container windowsOptions", mutate: func(w workload) {
		w.spec.Containers[0].SecurityContext.WindowsOptions = &corev1.WindowsSecurityContextOptions{RunAsUserName: new(`a\b\c`), GMSACredentialSpec: new("")}
	},
		want: []string{
			"spec.template.spec.containers[0].securityContext.windowsOptions.gmsaCredentialSpec: Invalid value: \"\": gmsaCredentialSpec cannot be an empty string",
			"spec.template.spec.containers[0].securityContext.windowsOptions.runAsUserName: Invalid value: \"a\\\\b\\\\c\": runAsUserName cannot contain more than one backslash",
		},
	},
	{name: "privileged container", mutate: func(w workload) {
		// Allowed: core.Options{} does not disallow privileged containers.
		w.spec.Containers[1].SecurityContext = &corev1.SecurityContext{Privileged: new(true)}
	},
		want: nil,
	},

	// Probes and lifecycle.
	{name: "probe without handler", mutate: func(w workload) { w.spec.Containers[0].LivenessProbe.HTTPGet = nil },
		want: []string{
			"spec.template.spec.containers[0].livenessProbe: Required value: must specify a handler type",
		},
	},
	{name: "probe with two handlers", mutate: func(w workload) {
		w.spec.Containers[0].ReadinessProbe.TCPSocket = &corev1.TCPSocketAction{Port: intstr.FromInt32(8080)}
		w.spec.Containers[0].ReadinessProbe.Exec = &corev1.ExecAction{}
	},
		want: []string{
			"spec.template.spec.containers[0].readinessProbe.exec.command: Required value",
			"spec.template.spec.containers[0].readinessProbe.httpGet: Forbidden: may not specify more than 1 handler type",
			"spec.template.spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type",
		},
	},
	{name: "probe timings", mutate: func(w workload) {
		p := w.spec.Containers[0].LivenessProbe
		p.InitialDelaySeconds, p.TimeoutSeconds, p.PeriodSeconds, p.SuccessThreshold, p.FailureThreshold = -1, -1, -1, -1, -1
		p.TerminationGracePeriodSeconds = new(int64(0))
	},
		want: []string{
			"spec.template.spec.containers[0].livenessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0",
			"spec.template.spec.containers[0].livenessProbe.timeoutSeconds: Invalid value: -1: must be greater than or equal to 0",
			"spec.template.spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0",
			"spec.template.spec.containers[0].livenessProbe.successThreshold: Invalid value: -1: must be greater than or equal to 0",
			"spec.template.spec.containers[0].livenessProbe.failureThreshold: Invalid value: -1: must be greater than or equal to 0",
			"spec.template.spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0",
			"spec.template.spec.containers[0].livenessProbe.successThreshold: Invalid value: -1: must be 1",
		},
	},
	{name: "liveness and startup successThreshold", mutate: func(w workload) {
		w.spec.Containers[0].LivenessProbe.SuccessThreshold = 2
		w.spec.Containers[0].StartupProbe.SuccessThreshold = 3
	},
		want: []string{
			"spec.template.spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
			"spec.template.spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1",
		},
	},
	{name: "readiness terminationGracePeriodSeconds", mutate: func(w workload) {
		w.spec.Containers[1].ReadinessProbe.TerminationGracePeriodSeconds = new(int64(10))
	},
		want: []string{
			"spec.template.spec.containers[1].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes",
		},
	},
	{name: "httpGet probe", mutate: func(w workload) {
		h := w.spec.Containers[0].LivenessProbe.HTTPGet
		h.Port = intstr.FromString("Health_Port")
		h.Scheme = "FTP"
		h.HTTPHeaders = []corev1.HTTPHeader{{Name: "X Bad", Value: "v"}}
		w.spec.Containers[0].ReadinessProbe.HTTPGet.Port = intstr.FromInt32(0)
	},
		want: []string{
			"spec.template.spec.containers[0].livenessProbe.httpGet.port: Invalid value: \"Health_Port\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
			"spec.template.spec.containers[0].livenessProbe.httpGet.scheme: Unsupported value: \"FTP\": supported values: \"HTTP\", \"HTTPS\"",
			"spec.template.spec.containers[0].livenessProbe.httpGet.httpHeaders: Invalid value: \"X Bad\": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')",
			"spec.template.spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive",
		},
	},
	{name: "exec, tcpSocket and grpc probes", mutate: func(w workload) {
		w.spec.Containers[0].StartupProbe.Exec.Command = nil
		w.spec.InitContainers[1].ReadinessProbe.TCPSocket.Port = intstr.FromInt32(70000)
		w.spec.Containers[1].ReadinessProbe.GRPC.Port = -1
	},
		want: []string{
			"spec.template.spec.containers[0].startupProbe.exec.command: Required value",
			"spec.template.spec.containers[1].readinessProbe.grpc.port: Invalid value: -1: must be between 1 and 65535, inclusive",
			"spec.template.spec.initContainers[1].readinessProbe.tcpSocket.port: Invalid value: 70000: must be between 1 and 65535, inclusive",
		},
	},
	{name: "lifecycle", mutate: func(w workload) {
		w.spec.Containers[0].Lifecycle.PreStop.Sleep.Seconds = 100
		w.spec.Containers[0].Lifecycle.PostStart = &corev1.LifecycleHandler{}
		w.spec.Containers[1].Lifecycle = &corev1.Lifecycle{PreStop: &corev1.LifecycleHandler{
			Exec: &corev1.ExecAction{Command: []string{"x"}}, HTTPGet: &corev1.HTTPGetAction{Path: "/", Port: intstr.FromInt32(1), Scheme: "HTTP"}}}
	},
		want: []string{
			"spec.template.spec.containers[0].lifecycle.postStart: Required value: must specify a handler type",
			"spec.template.spec.containers[0].lifecycle.preStop.sleep: Invalid value: 100: must be non-negative and less than terminationGracePeriodSeconds (30)",
			"spec.template.spec.containers[1].lifecycle.preStop.httpGet: Forbidden: may not specify more than 1 handler type",
		},
	},

	// Container restart policies and init containers.
	{name: "container restartPolicy", mutate: func(w workload) {
		w.spec.Containers[0].RestartPolicy = new(corev1.ContainerRestartPolicy("Sometimes"))
		w.spec.Containers[1].RestartPolicyRules = []corev1.ContainerRestartRule{{Action: "Restart"}}
	},
		want: []string{
			"spec.template.spec.containers[0].restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\"",
			"spec.template.spec.containers[1].restartPolicy: Required value: must specify restartPolicy when restart rules are used",
			"spec.template.spec.containers[1].restartPolicyRules[0].exitCodes: Required value: must be specified",
		},
	},
	{name: "container restartPolicyRules", mutate: func(w workload) {
		w.spec.Containers[0].RestartPolicy = new(corev1.ContainerRestartPolicyNever)
		w.spec.Containers[0].RestartPolicyRules = []corev1.ContainerRestartRule{
			{Action: "Stop", ExitCodes: &corev1.ContainerRestartRuleOnExitCodes{Operator: "Is", Values: []int32{1}}},
			{Action: "Restart"}}
	},
		want: []string{
			"spec.template.spec.containers[0].restartPolicyRules[0].action: Unsupported value: \"Stop\": supported values: \"Restart\", \"RestartAllContainers\"",
			"spec.template.spec.containers[0].restartPolicyRules[0].exitCodes.operator: Unsupported value: \"Is\": supported values: \"In\", \"NotIn\"",
			"spec.template.spec.containers[0].restartPolicyRules[1].exitCodes: Required value: must be specified",
		},
	},
	{name: "init container probes and lifecycle", mutate: func(w workload) {
		c := &w.spec.InitContainers[0]
		c.LivenessProbe = &corev1.Probe{}
		c.ReadinessProbe = &corev1.Probe{}
		c.StartupProbe = &corev1.Probe{}
		c.Lifecycle = &corev1.Lifecycle{}
		c.ResizePolicy = []corev1.ContainerResizePolicy{{ResourceName: "memory", RestartPolicy: "RestartContainer"}}
	},
		want: []string{
			"spec.template.spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always",
			"spec.template.spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always",
			"spec.template.spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always",
			"spec.template.spec.initContainers[0].startupProbe: Forbidden: may not be set for init containers without restartPolicy=Always",
			"spec.template.spec.initContainers[0].resizePolicy[0].restartPolicy: Invalid value: \"RestartContainer\": must not be set to 'RestartContainer' for non-sidecar initContainers",
		},
	},
	{name: "sidecar probes", mutate: func(w workload) {
		c := &w.spec.InitContainers[1]
		c.ReadinessProbe.TCPSocket = nil
		c.LivenessProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"x"}}}, SuccessThreshold: 2}
	},
		want: []string{
			"spec.template.spec.initContainers[1].livenessProbe.successThreshold: Invalid value: 2: must be 1",
			"spec.template.spec.initContainers[1].readinessProbe: Required value: must specify a handler type",
		},
	},
	{name: "init container restartPolicy", mutate: func(w workload) {
		w.spec.InitContainers[0].RestartPolicy = new(corev1.ContainerRestartPolicy("Sometimes"))
		w.spec.InitContainers[1].RestartPolicy = nil
		w.spec.InitContainers[1].RestartPolicyRules = []corev1.ContainerRestartRule{{Action: "Restart"}}
	},
		want: []string{
			"spec.template.spec.initContainers[0].restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\"",
			"spec.template.spec.initContainers[1].restartPolicy: Required value: must specify restartPolicy when restart rules are used",
			"spec.template.spec.initContainers[1].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always",
		},
	},
	{name: "init container mounts, env and image", mutate: func(w workload) {
		c := &w.spec.InitContainers[0]
		c.Image = ""
		c.VolumeMounts[1].Name = "scratch"
		c.Env = []corev1.EnvVar{{Name: ""}}
	},
		want: []string{
			"spec.template.spec.initContainers[0].image: Required value",
			"spec.template.spec.initContainers[0].env[0].name: Required value",
			"spec.template.spec.initContainers[0].volumeMounts[1].name: Not found: \"scratch\"",
		},
	},

	// Pod security context.
	{name: "pod user and group IDs", mutate: func(w workload) {
		sc := w.spec.SecurityContext
		sc.RunAsUser, sc.RunAsGroup, sc.FSGroup = new(int64(-1)), new(int64(-1)), new(int64(-1))
		sc.SupplementalGroups = append(sc.SupplementalGroups, -5)
	},
		want: []string{
			"spec.template.spec.securityContext.fsGroup: Invalid value: -1: must be between 0 and 2147483647, inclusive",
			"spec.template.spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive",
			"spec.template.spec.securityContext.runAsGroup: Invalid value: -1: must be between 0 and 2147483647, inclusive",
			"spec.template.spec.securityContext.supplementalGroups[1]: Invalid value: -5: must be between 0 and 2147483647, inclusive",
		},
	},
	{name: "pod sysctls", mutate: func(w workload) {
		w.spec.SecurityContext.Sysctls = append(w.spec.SecurityContext.Sysctls,
			corev1.Sysctl{Name: ""}, corev1.Sysctl{Name: "Bad!"}, corev1.Sysctl{Name: "net.ipv4.ip_local_port_range"})
	},
		want: []string{
			"spec.template.spec.securityContext.sysctls[1].name: Required value",
			"spec.template.spec.securityContext.sysctls[2].name: Invalid value: \"Bad!\": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$",
			"spec.template.spec.securityContext.sysctls[3].name: Duplicate value: \"net.ipv4.ip_local_port_range\"",
		},
	},
	{name: "pod sysctls under hostNetwork and hostIPC", mutate: func(w workload) {
		w.spec.HostNetwork, w.spec.HostIPC = true, true
		w.spec.SecurityContext.Sysctls = append(w.spec.SecurityContext.Sysctls, corev1.Sysctl{Name: "kernel.shm_rmid_forced"})
	},
		want: []string{
			"spec.template.spec.securityContext.sysctls[0].name: Invalid value: \"net.ipv4.ip_local_port_range\": may not be specified when 'hostNetwork' is true",
			"spec.template.spec.securityContext.sysctls[1].name: Invalid value: \"kernel.shm_rmid_forced\": may not be specified when 'hostIPC' is true",
		},
	},
	{name: "pod policies", mutate: func(w workload) {
		sc := w.spec.SecurityContext
		sc.FSGroupChangePolicy = new(corev1.PodFSGroupChangePolicy("Never"))
		sc.SupplementalGroupsPolicy = new(corev1.SupplementalGroupsPolicy("Loose"))
		sc.SELinuxChangePolicy = new(corev1.PodSELinuxChangePolicy("Relabel"))
	},
		want: []string{
			"spec.template.spec.securityContext.fsGroupChangePolicy: Unsupported value: \"Never\": supported values: \"Always\", \"OnRootMismatch\"",
			"spec.template.spec.securityContext.supplementalGroupsPolicy: Unsupported value: \"Loose\": supported values: \"Merge\", \"Strict\"",
			"spec.template.spec.securityContext.seLinuxChangePolicy: Unsupported value: \"Relabel\": supported values: \"MountOption\", \"Recursive\"",
		},
	},
	{name: "pod profiles and windowsOptions", mutate: func(w workload) {
		sc := w.spec.SecurityContext
		sc.SeccompProfile.Type = "Custom"
		sc.AppArmorProfile = &corev1.AppArmorProfile{Type: "RuntimeDefault", LocalhostProfile: new("p")}
		sc.WindowsOptions = &corev1.WindowsSecurityContextOptions{GMSACredentialSpecName: new("Bad Name")}
	},
		want: []string{
			"spec.template.spec.securityContext.seccompProfile.type: Unsupported value: \"Custom\": supported values: \"Localhost\", \"RuntimeDefault\", \"Unconfined\"",
			"spec.template.spec.securityContext.windowsOptions.gmsaCredentialSpecName: Invalid value: \"Bad Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
			"spec.template.spec.securityContext.appArmorProfile.localhostProfile: Invalid value: \"p\": can only be set when AppArmor type is Localhost",
		},
	},
	{name: "shareProcessNamespace and hostPID", mutate: func(w workload) {
		w.spec.ShareProcessNamespace = new(true)
		w.spec.HostPID = true
	},
		want: []string{
			"spec.template.spec.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled",
		},
	},

	// The rest of the pod spec.
	{name: "pod restartPolicy", mutate: func(w workload) { w.spec.RestartPolicy = "OnFailure" },
		want: []string{
			"spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"",
		},
	},
	{name: "dnsPolicy", mutate: func(w workload) { w.spec.DNSPolicy = "Cluster" },
		want: []string{
			"spec.template.spec.dnsPolicy: Unsupported value: \"Cluster\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"",
		},
	},
	{name: "dnsPolicy None", mutate: func(w workload) { w.spec.DNSPolicy = "None" },
		want: []string{
			"spec.template.spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None",
		},
	},
	{name: "dnsConfig", mutate: func(w workload) {
		w.spec.DNSConfig = &corev1.PodDNSConfig{Nameservers: []string{"1.1.1.1", "x"}, Searches: []string{"a..b"}, Options: []corev1.PodDNSConfigOption{{}}}
	},
		want: []string{
			"spec.template.spec.dnsConfig.nameservers[1]: Invalid value: \"x\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
			"spec.template.spec.dnsConfig.searches[0]: Invalid value: \"a..b\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')",
			"spec.template.spec.dnsConfig.options[0]: Required value: must not be empty",
		},
	},
	{name: "nodeSelector", mutate: func(w workload) { w.spec.NodeSelector["bad key!"] = "x" },
		want: []string{
			"spec.template.spec.nodeSelector: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
		},
	},
	{name: "node affinity", mutate: func(w workload) {
		w.spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms[0].MatchExpressions[0].Operator = "Near"
		w.spec.Affinity.PodAntiAffinity = &corev1.PodAntiAffinity{PreferredDuringSchedulingIgnoredDuringExecution: []corev1.WeightedPodAffinityTerm{
			{Weight: 101, PodAffinityTerm: corev1.PodAffinityTerm{TopologyKey: ""}}}}
	},
		want: []string{
			"spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: \"Near\": not a valid selector operator",
			"spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100",
			"spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Required value: can not be empty",
			"spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Invalid value: \"\": name part must be non-empty",
			"spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
		},
	},
	{name: "tolerations", mutate: func(w workload) {
		w.spec.Tolerations = append(w.spec.Tolerations, corev1.Toleration{Key: "k", Operator: "Exists", Value: "v"}, corev1.Toleration{Operator: "Equal"})
	},
		want: []string{
			"spec.template.spec.tolerations[1].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
			"spec.template.spec.tolerations[2].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
		},
	},
	{name: "topologySpreadConstraints", mutate: func(w workload) {
		w.spec.TopologySpreadConstraints = []corev1.TopologySpreadConstraint{{MaxSkew: 0, TopologyKey: "", WhenUnsatisfiable: "Maybe"}}
	},
		want: []string{
			"spec.template.spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero",
			"spec.template.spec.topologySpreadConstraints[0].topologyKey: Required value: can not be empty",
			"spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: \"Maybe\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"",
		},
	},
	{name: "readiness and scheduling gates", mutate: func(w workload) {
		w.spec.ReadinessGates = []corev1.PodReadinessGate{{ConditionType: "bad type"}}
		w.spec.SchedulingGates = []corev1.PodSchedulingGate{{Name: "example.com/gate"}, {Name: "example.com/gate"}}
	},
		want: []string{
			"spec.template.spec.readinessGates[0].conditionType: Invalid value: \"bad type\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
			"spec.template.spec.schedulingGates[1]: Duplicate value: \"example.com/gate\"",
		},
	},
	{name: "pod names", mutate: func(w workload) {
		w.spec.ServiceAccountName = "Agent"
		w.spec.NodeName = "node_1"
		w.spec.Hostname = "Host"
		w.spec.Subdomain = "sub.domain"
		w.spec.PriorityClassName = "Critical"
		w.spec.RuntimeClassName = new("Kata")
	},
		want: []string{
			"spec.template.spec.serviceAccountName: Invalid value: \"Agent\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
			"spec.template.spec.nodeName: Invalid value: \"node_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
			"spec.template.spec.hostname: Invalid value: \"Host\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
			"spec.template.spec.subdomain: Invalid value: \"sub.domain\": must not contain dots",
			"spec.template.spec.priorityClassName: Invalid value: \"Critical\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
			"spec.template.spec.runtimeClassName: Invalid value: \"Kata\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
		},
	},
	{name: "hostAliases", mutate: func(w workload) {
		w.spec.HostAliases = []corev1.HostAlias{{IP: "10.0.0.300", Hostnames: []string{"ok", "Bad_Host"}}}
	},
		want: []string{
			"spec.template.spec.hostAliases[0].ip: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
			"spec.template.spec.hostAliases[0].hostnames[1]: Invalid value: \"Bad_Host\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
		},
	},
	{name: "preemptionPolicy", mutate: func(w workload) { w.spec.PreemptionPolicy = new(corev1.PreemptionPolicy("Always")) },
		want: []string{
			"spec.template.spec.preemptionPolicy: Unsupported value: \"Always\": supported values: \"PreemptLowerPriority\", \"Never\"",
		},
	},
	{name: "hostUsers false", mutate: func(w workload) {
		w.spec.HostUsers = new(false)
		w.spec.HostNetwork = true
		w.spec.Containers[0].VolumeDevices = []corev1.VolumeDevice{{Name: "work", DevicePath: "/dev/x"}}
	},
		want: []string{
			"spec.template.spec.containers[0].volumeMounts[2].name: Invalid value: \"work\": must not already exist in volumeDevices",
			"spec.template.spec.containers[0].volumeDevices[0].name: Invalid value: \"work\": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode",
			"spec.template.spec.containers[0].volumeDevices[0].name: Invalid value: \"work\": must not already exist in volumeMounts",
			"spec.template.spec.securityContext.sysctls[0].name: Invalid value: \"net.ipv4.ip_local_port_range\": may not be specified when 'hostNetwork' is true",
			"spec.template.spec.hostNetwork: Forbidden: when `hostUsers` is false",
			"spec.template.spec.containers[0].volumeDevices: Forbidden: when `hostUsers` is false",
		},
	},
	{name: "hostnameOverride", mutate: func(w workload) {
		w.spec.HostnameOverride = new("Bad_Name")
		w.spec.SetHostnameAsFQDN = new(true)
	},
		want: []string{
			"spec.template.spec.hostnameOverride: Forbidden: may not be specified when setHostnameAsFQDN is true",
			"spec.template.spec.hostnameOverride: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
		},
	},
	{name: "resourceClaims", mutate: func(w workload) {
		w.spec.ResourceClaims = []corev1.PodResourceClaim{{Name: "gpu"}, {Name: "gpu", ResourceClaimName: new("Claim")}}
	},
		want: []string{
			"spec.template.spec.resourceClaims[0]: Invalid value: {\"Name\":\"gpu\",\"ResourceClaimName\":null,\"ResourceClaimTemplateName\":null}: must specify one of: `resourceClaimName`, `resourceClaimTemplateName`",
			"spec.template.spec.resourceClaims[1].name: Duplicate value: \"gpu\"",
			"spec.template.spec.resourceClaims[1].resourceClaimName: Invalid value: \"Claim\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
		},
	},
	{name: "os", mutate: func(w workload) { w.spec.OS = &corev1.PodOS{Name: "plan9"} },
		want: []string{
			"spec.template.spec.os: Unsupported value: \"plan9\": supported values: \"linux\", \"windows\"",
		},
	},
	{name: "linux with windowsOptions", mutate: func(w workload) {
		w.spec.OS = &corev1.PodOS{Name: "linux"}
		w.spec.SecurityContext.WindowsOptions = &corev1.WindowsSecurityContextOptions{}
		w.spec.Containers[1].SecurityContext = &corev1.SecurityContext{WindowsOptions: &corev1.WindowsSecurityContextOptions{}}
	},
		want: []string{
			"spec.template.spec.securityContext.windowsOptions: Forbidden: windows options cannot be set for a linux pod",
			"spec.template.spec.containers[1].securityContext.windowsOptions: Forbidden: windows options cannot be set for a linux pod",
		},
	},
	{name: "windows with linux fields", mutate: func(w workload) { w.spec.OS = &corev1.PodOS{Name: "windows"} },
		want: []string{
			"spec.template.spec.securityContext.seccompProfile: Forbidden: cannot be set for a windows pod",
			"spec.template.spec.securityContext.fsGroup: Forbidden: cannot be set for a windows pod",
			"spec.template.spec.securityContext.sysctls: Forbidden: cannot be set for a windows pod",
			"spec.template.spec.securityContext.runAsUser: Forbidden: cannot be set for a windows pod",
			"spec.template.spec.securityContext.supplementalGroups: Forbidden: cannot be set for a windows pod",
			"spec.template.spec.containers[0].securityContext.capabilities: Forbidden: cannot be set for a windows pod",
			"spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem: Forbidden: cannot be set for a windows pod",
			"spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: Forbidden: cannot be set for a windows pod",
		},
	},
	{name: "hostProcess", mutate: func(w workload) {
		w.spec.SecurityContext.WindowsOptions = &corev1.WindowsSecurityContextOptions{HostProcess: new(true)}
		w.spec.Containers[1].SecurityContext = &corev1.SecurityContext{WindowsOptions: &corev1.WindowsSecurityContextOptions{HostProcess: new(false)}}
	},
		want: []string{
			"spec.template.spec.containers[1].securityContext.windowsOptions.hostProcess: Invalid value: false: pod hostProcess value must be identical if both are specified, was true",
			"spec.template.spec: Invalid value: \"\": If pod contains any hostProcess containers then all containers must be HostProcess containers",
			"spec.template.spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers",
		},
	},
	{name: "apparmor annotation", mutate: func(w workload) {
		w.tmpl.Annotations["container.apparmor.security.beta.kubernetes.io/agent"] = "localhost/other"
		w.tmpl.Annotations["container.apparmor.security.beta.kubernetes.io/missing"] = "bogus"
		w.spec.SecurityContext.AppArmorProfile = &corev1.AppArmorProfile{Type: "Localhost", LocalhostProfile: new("p")}
	},
		want: []string{
			"spec.template.annotations[container.apparmor.security.beta.kubernetes.io/missing]: Invalid value: \"missing\": container not found",
			"spec.template.annotations[container.apparmor.security.beta.kubernetes.io/missing]: Invalid value: \"bogus\": invalid AppArmor profile name: \"bogus\"",
			"spec.template.spec.containers[0].securityContext.appArmorProfile.localhostProfile: Forbidden: apparmor profile in annotation and field must match",
		},
	},
}

// daemonSetCases are the mutations of TestDaemonSetErrors.
var daemonSetCases = []struct {
	name   string
	mutate func(ds *appsv1.DaemonSet)
	want   []string
}{
	{name: "no selector", mutate: func(ds *appsv1.DaemonSet) { ds.Spec.Selector = nil },
		want: []string{
			"spec.template.metadata.labels: Invalid value: {\"app\":\"agent\",\"tier\":\"node\"}: `selector` does not match template `labels`",
		},
	},
	{name: "empty selector", mutate: func(ds *appsv1.DaemonSet) { ds.Spec.Selector = &metav1.LabelSelector{} },
		want: []string{
			"spec.selector: Invalid value: {}: empty selector is invalid for daemonset",
		},
	},
	{name: "selector", mutate: func(ds *appsv1.DaemonSet) {
		ds.Spec.Selector.MatchLabels["bad key!"] = "a b"
		ds.Spec.Selector.MatchExpressions = []metav1.LabelSelectorRequirement{{Key: "tier", Operator: "Near"}, {Key: "tier", Operator: "In"}}
	},
		want: []string{
			"spec.selector.matchLabels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
			"spec.selector.matchLabels: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
			"spec.selector.matchExpressions[0].operator: Invalid value: \"Near\": not a valid selector operator",
			"spec.selector.matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
		},
	},
	{name: "selector mismatch", mutate: func(ds *appsv1.DaemonSet) { ds.Spec.Selector.MatchLabels["app"] = "other" },
		want: []string{
			"spec.template.metadata.labels: Invalid value: {\"app\":\"agent\",\"tier\":\"node\"}: `selector` does not match template `labels`",
		},
	},
	{name: "update strategy type", mutate: func(ds *appsv1.DaemonSet) { ds.Spec.UpdateStrategy.Type = "Rolling" },
		want: []string{
			"spec.updateStrategy: Unsupported value: {\"Type\":\"Rolling\",\"RollingUpdate\":{\"MaxUnavailable\":\"10%\",\"MaxSurge\":0}}: supported values: \"RollingUpdate\", \"OnDelete\"",
		},
	},
	{name: "OnDelete", mutate: func(ds *appsv1.DaemonSet) {
		ds.Spec.UpdateStrategy = appsv1.DaemonSetUpdateStrategy{Type: "OnDelete", RollingUpdate: &appsv1.RollingUpdateDaemonSet{MaxUnavailable: intOrString("-5")}}
	},
		want: nil,
	},
	{name: "maxUnavailable and maxSurge zero", mutate: func(ds *appsv1.DaemonSet) {
		ds.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable = intOrString("0")
	},
		want: []string{
			"spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
		},
	},
	{name: "maxUnavailable and maxSurge both set", mutate: func(ds *appsv1.DaemonSet) {
		ds.Spec.UpdateStrategy.RollingUpdate.MaxSurge = intOrString("10%")
	},
		want: []string{
			"spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"10%\": may not be set when maxUnavailable is non-zero",
		},
	},
	{name: "maxUnavailable above 100%", mutate: func(ds *appsv1.DaemonSet) {
		ds.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable = intOrString("120%")
	},
		want: []string{
			"spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"120%\": must not be greater than 100%",
		},
	},
	{name: "maxUnavailable and maxSurge malformed", mutate: func(ds *appsv1.DaemonSet) {
		ds.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable = intOrString("-1")
		ds.Spec.UpdateStrategy.RollingUpdate.MaxSurge = intOrString("x%")
	},
		want: []string{
			"spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0",
			"spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"x%\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
		},
	},
	{name: "minReadySeconds and revisionHistoryLimit", mutate: func(ds *appsv1.DaemonSet) {
		ds.Spec.MinReadySeconds = -1
		ds.Spec.RevisionHistoryLimit = new(int32(-1))
	},
		want: []string{
			"spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
			"spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
		},
	},
	{name: "template generation annotation", mutate: func(ds *appsv1.DaemonSet) {
		ds.Annotations["deprecated.daemonset.template.generation"] = "x"
		ds.Spec.Template.Spec.Containers[0].Name = ""
	},
		want: []string{
			"metadata.annotations[deprecated.daemonset.template.generation]: Invalid value: \"x\": strconv.ParseInt: parsing \"x\": invalid syntax",
		},
	},
	{name: "activeDeadlineSeconds", mutate: func(ds *appsv1.DaemonSet) { ds.Spec.Template.Spec.ActiveDeadlineSeconds = new(int64(10)) },
		want: []string{
			"spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported",
		},
	},
}

// deploymentCases are the mutations of TestDeploymentErrors.
var deploymentCases = []struct {
	name   string
	mutate func(d *appsv1.Deployment)
	want   []string
}{
	{name: "replicas", mutate: func(d *appsv1.Deployment) { d.Spec.Replicas = new(int32(-1)) },
		want: []string{
			"spec.replicas: Invalid value: -1: must be greater than or equal to 0",
		},
	},
	{name: "no selector", mutate: func(d *appsv1.Deployment) { d.Spec.Selector = nil },
		want: []string{
			"spec.selector: Required value",
			"spec.template.metadata.labels: Invalid value: {\"app\":\"agent\",\"tier\":\"node\"}: `selector` does not match template `labels`",
		},
	},
	{name: "empty selector", mutate: func(d *appsv1.Deployment) { d.Spec.Selector = &metav1.LabelSelector{} },
		want: []string{
			"spec.selector: Invalid value: {}: empty selector is invalid for deployment",
		},
	},
	{name: "selector", mutate: func(d *appsv1.Deployment) {
		d.Spec.Selector.MatchExpressions = []metav1.LabelSelectorRequirement{{Key: "tier", Operator: "Exists", Values: []string{"x"}}}
		d.Spec.Template.Spec.Containers[0].Name = ""
	},
		want: []string{
			"spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
			"spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"agent\"},\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"Exists\",\"values\":[\"x\"]}]}: invalid label selector",
		},
	},
	{name: "selector mismatch", mutate: func(d *appsv1.Deployment) {
		d.Spec.Selector.MatchExpressions = []metav1.LabelSelectorRequirement{{Key: "tier", Operator: "NotIn", Values: []string{"node"}}}
	},
		want: []string{
			"spec.template.metadata.labels: Invalid value: {\"app\":\"agent\",\"tier\":\"node\"}: `selector` does not match template `labels`",
		},
	},
	{name: "Recreate with rollingUpdate", mutate: func(d *appsv1.Deployment) { d.Spec.Strategy.Type = "Recreate" },
		want: []string{
			"spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
		},
	},
	{name: "strategy type", mutate: func(d *appsv1.Deployment) { d.Spec.Strategy.Type = "BlueGreen" },
		want: []string{
			"spec.strategy: Unsupported value: {\"Type\":\"BlueGreen\",\"RollingUpdate\":{\"MaxUnavailable\":0,\"MaxSurge\":1}}: supported values: \"Recreate\", \"RollingUpdate\"",
		},
	},
	{name: "maxUnavailable and maxSurge zero", mutate: func(d *appsv1.Deployment) {
		d.Spec.Strategy.RollingUpdate.MaxSurge = intOrString("0%")
	},
		want: []string{
			"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0",
		},
	},
	{name: "maxUnavailable and maxSurge malformed", mutate: func(d *appsv1.Deployment) {
		d.Spec.Strategy.RollingUpdate.MaxUnavailable = intOrString("150%")
		d.Spec.Strategy.RollingUpdate.MaxSurge = intOrString("-1")
	},
		want: []string{
			"spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0",
			"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%",
		},
	},
	{name: "progressDeadlineSeconds", mutate: func(d *appsv1.Deployment) {
		d.Spec.MinReadySeconds = 30
		d.Spec.ProgressDeadlineSeconds = new(int32(30))
	},
		want: []string{
			"spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds",
		},
	},
	{name: "negative counts", mutate: func(d *appsv1.Deployment) {
		d.Spec.MinReadySeconds = -1
		d.Spec.RevisionHistoryLimit = new(int32(-1))
		d.Spec.ProgressDeadlineSeconds = new(int32(-2))
	},
		want: []string{
			"spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
			"spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
			"spec.progressDeadlineSeconds: Invalid value: -2: must be greater than or equal to 0",
			"spec.progressDeadlineSeconds: Invalid value: -2: must be greater than minReadySeconds",
		},
	},
	{name: "rollback annotation", mutate: func(d *appsv1.Deployment) { d.Annotations["deprecated.deployment.rollback.to"] = "-3" },
		want: []string{
			"spec.rollback.version: Invalid value: -3: must be greater than or equal to 0",
		},
	},
	{name: "activeDeadlineSeconds", mutate: func(d *appsv1.Deployment) { d.Spec.Template.Spec.ActiveDeadlineSeconds = new(int64(0)) },
		want: []string{
			"spec.template.spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive",
			"spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported",
		},
	},
}
