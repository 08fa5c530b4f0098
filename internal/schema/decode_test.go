package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	sigsjson "sigs.k8s.io/json"

	"github.com/daemonlint/daemonlint/internal/mutate"
)

// decodeCases are objects of kinds that the schema rule checks, written
// with most kinds of field, and the Go types the API server decodes them
// into.
var decodeCases = []struct {
	apiVersion, kind string
	typ              reflect.Type
	doc              string
}{
	{"v1", "Service", reflect.TypeFor[corev1.Service](), `{"apiVersion": "v1", "kind": "Service",
		"metadata": {"name": "web", "labels": {"app": "web"}, "creationTimestamp": "2024-01-02T15:04:05Z"},
		"spec": {"type": "NodePort", "selector": {"app": "web"}, "clusterIP": "10.0.0.1",
			"ports": [{"name": "http", "port": 80, "targetPort": "http", "nodePort": 30080, "protocol": "TCP"}],
			"sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 10}}, "publishNotReadyAddresses": true}}`},
	{"v1", "Secret", reflect.TypeFor[corev1.Secret](), `{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
		"type": "Opaque", "data": {"a": "aGVsbG8="}, "stringData": {"b": "plain"}, "immutable": false}`},
	{"v1", "ResourceQuota", reflect.TypeFor[corev1.ResourceQuota](), `{"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "q"},
		"spec": {"hard": {"cpu": "2", "memory": "1Gi", "pods": 10}, "scopeSelector": {"matchExpressions": [{"scopeName": "PriorityClass", "operator": "In", "values": ["high"]}]}}}`},
	{"apps/v1", "StatefulSet", reflect.TypeFor[appsv1.StatefulSet](), `{"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "db"},
		"spec": {"replicas": 3, "serviceName": "db", "selector": {"matchLabels": {"app": "db"}},
			"updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 0, "maxUnavailable": "50%"}},
			"template": {"metadata": {"labels": {"app": "db"}}, "spec": {
				"volumes": [{"name": "cfg", "configMap": {"name": "cfg", "defaultMode": 420}}],
				"containers": [{"name": "db", "image": "db:1", "ports": [{"containerPort": 5432}],
					"resources": {"requests": {"cpu": 0.5, "memory": "1Gi"}},
					"readinessProbe": {"tcpSocket": {"port": 5432}, "periodSeconds": 5}}]}},
			"volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "10Gi"}}}}]}}`},
	{"batch/v1", "CronJob", reflect.TypeFor[batchv1.CronJob](), `{"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "c"},
		"spec": {"schedule": "0 3 * * *", "suspend": false, "jobTemplate": {"spec": {"backoffLimit": 2, "ttlSecondsAfterFinished": 60,
			"template": {"spec": {"restartPolicy": "OnFailure", "containers": [{"name": "c", "image": "c", "env": [{"name": "A", "value": "1"}]}]}}}}}}`},
	{"networking.k8s.io/v1", "Ingress", reflect.TypeFor[networkingv1.Ingress](), `{"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "i"},
		"spec": {"ingressClassName": "nginx", "tls": [{"hosts": ["a.example.com"], "secretName": "tls"}],
			"rules": [{"host": "a.example.com", "http": {"paths": [{"path": "/", "pathType": "Prefix",
				"backend": {"service": {"name": "web", "port": {"number": 80}}}}]}}]}}`},
	{"policy/v1", "PodDisruptionBudget", reflect.TypeFor[policyv1.PodDisruptionBudget](), `{"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "p"},
		"spec": {"maxUnavailable": 1, "selector": {"matchLabels": {"app": "web"}}, "unhealthyPodEvictionPolicy": "AlwaysAllow"}}`},
	{"autoscaling/v2", "HorizontalPodAutoscaler", reflect.TypeFor[autoscalingv2.HorizontalPodAutoscaler](), `{"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "h"},
		"spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}, "minReplicas": 1, "maxReplicas": 5,
			"metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "AverageValue", "averageValue": "500m"}}}],
			"behavior": {"scaleDown": {"stabilizationWindowSeconds": 300, "policies": [{"type": "Percent", "value": 10, "periodSeconds": 60}]}}}}`},
	{"events.k8s.io/v1", "Event", reflect.TypeFor[eventsv1.Event](), `{"apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": {"name": "e"},
		"eventTime": "2024-01-02T15:04:05.000000Z", "reportingController": "x", "reportingInstance": "y", "action": "a", "reason": "r",
		"regarding": {"kind": "Pod", "name": "p"}, "series": {"count": 2, "lastObservedTime": "2024-01-02T15:04:05.123456Z"}}`},
	{"rbac.authorization.k8s.io/v1", "ClusterRoleBinding", reflect.TypeFor[rbacv1.ClusterRoleBinding](), `{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
		"metadata": {"name": "b"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"},
		"subjects": [{"kind": "ServiceAccount", "name": "sa", "namespace": "default"}]}`},
}

// TestSchemasAgreeWithTheDecoder mutates every value of objects of several
// kinds and checks that the kind's schema accepts exactly what
// sigs.k8s.io/json, which the API server decodes with, decodes into the
// kind's Go type without an error or an unknown field. Missing required
// fields are left out: decoding does not check them.
func TestSchemasAgreeWithTheDecoder(t *testing.T) {
	replacements := []any{"x", true, 1.5, json.Number("3000000000"), json.Number("7"), map[string]any{}, []any{}, []any{"y"}, nil,
		map[string]any{"zzz": 1}, "1.2.3", "aGk=", "2024-01-02T15:04:05Z"}
	for _, tc := range decodeCases {
		t.Run(tc.kind, func(t *testing.T) {
			s, ok, err := Lookup(tc.apiVersion, tc.kind)
			if err != nil || !ok {
				t.Fatalf("Lookup: %t, %v", ok, err)
			}
			base, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(tc.doc)))
			if err != nil {
				t.Fatal(err)
			}
			check := func(v any) {
				doc, err := json.Marshal(v)
				if err != nil {
					t.Fatal(err)
				}
				strict, derr := sigsjson.UnmarshalStrict(doc, reflect.New(tc.typ).Interface(), sigsjson.DisallowUnknownFields)
				decodes := derr == nil && len(strict) == 0
				inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
				if err != nil {
					t.Fatal(err)
				}
				valid := !hasNonRequiredErrors(s.Validate(inst))
				if valid != decodes {
					t.Errorf("%s\nschema valid %t, decoder: %v %v", doc, valid, derr, strict)
				}
			}
			check(base)
			for _, p := range mutate.ValuePaths(base, nil) {
				for _, r := range replacements {
					check(mutate.Set(base, p, r))
				}
			}
		})
	}
}

// hasNonRequiredErrors reports whether a validation error holds anything
// but missing required properties.
func hasNonRequiredErrors(err error) bool {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return err != nil
	}
	if len(ve.Causes) == 0 {
		_, required := ve.ErrorKind.(*kind.Required)
		return !required
	}
	return slices.ContainsFunc(ve.Causes, func(c *jsonschema.ValidationError) bool { return hasNonRequiredErrors(c) })
}
