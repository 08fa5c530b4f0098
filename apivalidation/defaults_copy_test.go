package apivalidation_test

import (
	"path/filepath"
	"reflect"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/daemonlint/daemonlint/apivalidation/core"
	"github.com/daemonlint/daemonlint/apivalidation/internal/copytest"
	"github.com/daemonlint/daemonlint/apivalidation/registry"
)

// everyDefault is a DaemonSet whose template reaches every default that
// SetPodTemplateDefaults writes and every field it clears.
const everyDefault = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: d}
spec:
  selector: {matchLabels: {app: a}}
  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 0}}
  template:
    metadata:
      labels: {app: a}
      annotations: {pod.beta.kubernetes.io/init-containers: "[]", keep: "x"}
    spec:
      overhead: {cpu: "0.0001"}
      resources: {limits: {cpu: "0.0001"}, requests: {memory: 1Ki}}
      volumes:
      - name: none
      - {name: img, image: {reference: "r:latest"}}
      - {name: hp, hostPath: {path: /x}}
      - {name: s, secret: {secretName: s, items: [{key: k, path: p}]}}
      - {name: cm, configMap: {name: c, items: [{key: k, path: p}]}}
      - {name: iscsi, iscsi: {targetPortal: a, iqn: b, lun: 0}}
      - {name: rbd, rbd: {monitors: [a], image: i}}
      - {name: dapi, downwardAPI: {items: [{path: p, fieldRef: {fieldPath: metadata.name}}]}}
      - {name: az, azureDisk: {diskName: d, diskURI: u}}
      - name: proj
        projected:
          sources:
          - downwardAPI: {items: [{path: p, fieldRef: {fieldPath: metadata.name}}]}
          - serviceAccountToken: {path: t}
          - secret: {name: s, items: [{key: k, path: p}]}
      - {name: sio, scaleIO: {gateway: g, system: s, secretRef: {name: s}}}
      - {name: ed, emptyDir: {}}
      - name: eph
        ephemeral:
          volumeClaimTemplate:
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: "0.0001"}}}
      initContainers:
      - name: i
        image: i
        env: [{name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
      containers:
      - name: c
        image: c
        ports: [{containerPort: 80}]
        env:
        - {name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
        - {name: B, value: b}
        resources: {limits: {cpu: "0.0001", memory: 1Gi}, requests: {cpu: "0.0001"}}
        volumeMounts: [{name: ed, mountPath: /e}]
        livenessProbe: {httpGet: {port: 80}}
        readinessProbe: {grpc: {port: 80}}
        startupProbe: {exec: {command: [x]}}
        lifecycle:
          postStart: {httpGet: {port: 80}}
          preStop: {httpGet: {port: 80}}
`

// copyCases returns the DaemonSets, Deployments and ReplicaSets to check:
// everyDefault, the generated corpus of the benchmark, the API server
// mutations of testdata and the shared corpus when it is here.
func copyCases(t *testing.T) map[string]runtime.Object {
	t.Helper()
	out := map[string]runtime.Object{}
	keep := func(name string, obj any) bool {
		switch obj.(type) {
		case *appsv1.DaemonSet, *appsv1.Deployment, *appsv1.ReplicaSet:
			out[name] = obj.(runtime.Object)
			return true
		}
		return false
	}
	if copytest.Objects(t, everyDefault, filepath.Join("..", "testdata", "apiserver-mutations"), []string{"daemonset", "deployment", "replicaset"}, keep) != 1 {
		t.Fatal("everyDefault does not decode to a DaemonSet")
	}
	return out
}

// TestDefaultsCopyOnlyWhatTheyWrite holds the copies that defaulting works
// on (core.TemplateForDefaults and the workloads' *WithDefaults, which no
// longer copy whole objects) to what a deep copy gives: validating an
// object leaves it as it was, and defaulting a template's copy gives what
// defaulting a deep copy of it gives.
func TestDefaultsCopyOnlyWhatTheyWrite(t *testing.T) {
	cases := copyCases(t)
	if len(cases) < 500 {
		t.Fatalf("%d objects to check, want the generated, mutated and hand-made ones", len(cases))
	}
	for name, obj := range cases {
		before := obj.DeepCopyObject()
		registry.ValidateObject(obj, registry.Options{})
		if !reflect.DeepEqual(obj, before) {
			t.Errorf("%s: validating it changed it", name)
			continue
		}
		var tmpl *corev1.PodTemplateSpec
		switch o := obj.(type) {
		case *appsv1.DaemonSet:
			tmpl = &o.Spec.Template
		case *appsv1.Deployment:
			tmpl = &o.Spec.Template
		case *appsv1.ReplicaSet:
			tmpl = &o.Spec.Template
		}
		want := tmpl.DeepCopy()
		core.SetPodTemplateDefaults(want)
		got := core.TemplateForDefaults(tmpl)
		core.SetPodTemplateDefaults(&got)
		if !reflect.DeepEqual(&got, want) {
			t.Errorf("%s: defaulting the template's copy gives\n%+v\nwant\n%+v", name, got.Spec, want.Spec)
		}
		if !reflect.DeepEqual(obj, before) {
			t.Errorf("%s: defaulting the template's copy changed the template", name)
		}
	}
}
