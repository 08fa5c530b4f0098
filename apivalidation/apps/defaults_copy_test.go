package apps

import (
	"path/filepath"
	"reflect"
	"testing"

	appsv1 "k8s.io/api/apps/v1"

	"github.com/daemonlint/daemonlint/apivalidation/core"
	"github.com/daemonlint/daemonlint/apivalidation/internal/copytest"
)

// everyStatefulSetDefault is a StatefulSet that reaches every default
// StatefulSetWithDefaults writes: no labels of its own, a rolling update
// with neither partition nor maxUnavailable, an empty claim retention
// policy, claim templates without a volumeMode (one also named as a
// template volume), and a template with defaults of its own.
const everyStatefulSetDefault = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  serviceName: s
  selector: {matchLabels: {app: a}}
  updateStrategy: {type: RollingUpdate, rollingUpdate: {}}
  persistentVolumeClaimRetentionPolicy: {}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: "0.0001"}}}
  - metadata: {name: cache}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
  template:
    metadata:
      labels: {app: a}
      annotations: {pod.beta.kubernetes.io/init-containers: "[]"}
    spec:
      volumes:
      - name: cache
      - {name: s, secret: {secretName: s}}
      containers:
      - name: c
        image: c
        ports: [{containerPort: 80}]
        env: [{name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
        resources: {limits: {cpu: "0.0001"}}
        volumeMounts: [{name: data, mountPath: /d}, {name: cache, mountPath: /c}]
        livenessProbe: {httpGet: {port: 80}}
`

// statefulSetCases returns the StatefulSets to check: everyStatefulSetDefault,
// the generated corpus of the benchmark, the API server mutations of
// testdata and the shared corpus when it is here.
func statefulSetCases(t *testing.T) map[string]*appsv1.StatefulSet {
	t.Helper()
	out := map[string]*appsv1.StatefulSet{}
	keep := func(name string, obj any) bool {
		ss, ok := obj.(*appsv1.StatefulSet)
		if ok {
			out[name] = ss
		}
		return ok
	}
	if copytest.Objects(t, everyStatefulSetDefault, filepath.Join("..", "..", "testdata", "apiserver-mutations"), []string{"statefulset"}, keep) != 1 {
		t.Fatal("everyStatefulSetDefault does not decode to a StatefulSet")
	}
	return out
}

// TestStatefulSetDefaultsCopyOnlyWhatTheyWrite holds StatefulSetWithDefaults,
// which copies only what defaulting writes, to the DeepCopy it replaces:
// defaulting and validating a StatefulSet leave it as it was, the defaulted
// StatefulSet is the defaults of a deep copy, and the errors are those of
// validating that. It also checks that validation writes nothing of the
// defaulted spec, whose template statefulSetPodTemplate shares.
func TestStatefulSetDefaultsCopyOnlyWhatTheyWrite(t *testing.T) {
	cases := statefulSetCases(t)
	if len(cases) < 100 {
		t.Fatalf("%d StatefulSets to check, want the generated, mutated and hand-made ones", len(cases))
	}
	for name, ss := range cases {
		before := ss.DeepCopy()
		want := ss.DeepCopy()
		setStatefulSetDefaults(want)
		got := StatefulSetWithDefaults(ss)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: defaulting gives\n%+v\nwant the defaults of a deep copy\n%+v", name, got.Spec, want.Spec)
		}
		spec := got.Spec.DeepCopy()
		validateStatefulSet(got, core.Options{})
		if !reflect.DeepEqual(&got.Spec, spec) {
			t.Errorf("%s: validating the defaulted StatefulSet changed its spec", name)
		}
		gotErrs := ValidateStatefulSet(ss, core.Options{})
		if wantErrs := validateStatefulSet(want, core.Options{}); !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Errorf("%s: got errors %v, want those of a deep copy %v", name, gotErrs, wantErrs)
		}
		if !reflect.DeepEqual(ss, before) {
			t.Errorf("%s: defaulting or validating it changed it", name)
		}
	}
}
