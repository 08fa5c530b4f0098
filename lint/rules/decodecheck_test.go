package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	sigsjson "sigs.k8s.io/json"

	"github.com/daemonlint/daemonlint/internal/benchgen"
	"github.com/daemonlint/daemonlint/internal/kinds"
	"github.com/daemonlint/daemonlint/internal/mutate"
	"github.com/daemonlint/daemonlint/manifest"
)

// richDaemonSet uses most kinds of field a workload has: integers,
// booleans, IntOrString, quantities, times, maps, lists, and fields
// promoted from embedded structs.
const richDaemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
  labels: {app: agent}
  annotations: {note: x}
  creationTimestamp: "2024-01-02T15:04:05Z"
spec:
  minReadySeconds: 5
  revisionHistoryLimit: 3
  selector:
    matchLabels: {app: agent}
    matchExpressions: [{key: tier, operator: In, values: [a]}]
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: 1, maxSurge: "0%"}
  template:
    metadata:
      labels: {app: agent}
    spec:
      hostNetwork: true
      terminationGracePeriodSeconds: 30
      nodeSelector: {kubernetes.io/os: linux}
      tolerations: [{key: k, operator: Exists, effect: NoSchedule, tolerationSeconds: 10}]
      volumes:
      - name: logs
        hostPath: {path: /var/log, type: Directory}
      - name: cfg
        configMap: {name: cfg, defaultMode: 420, items: [{key: a, path: b}]}
      containers:
      - name: agent
        image: agent:1
        args: [--v=2]
        ports: [{containerPort: 8080, hostPort: 8080, protocol: TCP}]
        env: [{name: A, value: "1"}, {name: B, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
        resources:
          limits: {cpu: 500m, memory: 128Mi}
          requests: {cpu: 0.1}
        securityContext: {privileged: false, runAsUser: 0, capabilities: {add: [NET_ADMIN]}}
        livenessProbe:
          httpGet: {path: /healthz, port: 8080}
          initialDelaySeconds: 5
        volumeMounts: [{name: logs, mountPath: /var/log, readOnly: true}]
`

// TestCheckDecodeMatchesTheDecoder mutates every value of a DaemonSet, one
// at a time and in pairs, and checks that checkDecode agrees with
// sigs.k8s.io/json, which the API server decodes with: no type error when
// it decodes, the very message it returns otherwise, and the same unknown
// fields in the same order.
func TestCheckDecodeMatchesTheDecoder(t *testing.T) {
	docs, serrs := manifest.Parse(manifest.NewFile("rich.yaml", []byte(richDaemonSet)))
	if len(serrs) > 0 || len(docs) != 1 {
		t.Fatalf("bad test input: %v", serrs)
	}
	data, err := docs[0].JSON()
	if err != nil {
		t.Fatal(err)
	}
	var base any
	if err := json.Unmarshal(data, &base); err != nil {
		t.Fatal(err)
	}
	typ := reflect.TypeFor[appsv1.DaemonSet]()
	paths := mutate.ValuePaths(base, nil)
	replacements := []any{"x", true, 1.5, 3000000000, map[string]any{}, []any{}, map[string]any{"zzz": 1, "Aaa": 2}}
	check := func(t *testing.T, mutated any) {
		t.Helper()
		doc, err := json.Marshal(mutated)
		if err != nil {
			t.Fatal(err)
		}
		strict, derr := sigsjson.UnmarshalStrict(doc, reflect.New(typ).Interface(), sigsjson.DisallowUnknownFields)
		problems, err := checkDecode(doc, typ)
		if err != nil {
			t.Fatal(err)
		}
		var typeErrs, unknown []string
		first, firstAbort := "", ""
		for _, p := range problems {
			if p.Unknown {
				unknown = append(unknown, p.JSONPath)
				continue
			}
			typeErrs = append(typeErrs, p.Msg)
			if first == "" {
				first = p.Msg
			}
			if p.Abort && firstAbort == "" {
				firstAbort = p.Msg
			}
		}
		if derr == nil {
			if len(typeErrs) > 0 {
				t.Errorf("%s: the decoder accepts it, checkDecode reports %q", doc, typeErrs)
			}
			var want []string
			for _, e := range strict {
				var fe sigsjson.FieldError
				if errors.As(e, &fe) {
					want = append(want, fe.FieldPath())
				}
			}
			if !slices.Equal(unknown, want) {
				t.Errorf("%s: unknown fields %q, want %q", doc, unknown, want)
			}
			return
		}
		got := first
		if firstAbort != "" {
			got = firstAbort
		}
		if got != derr.Error() {
			t.Errorf("%s:\nthe decoder says %q\ncheckDecode says %q (all: %q)", doc, derr, got, typeErrs)
		}
	}
	for i, p := range paths {
		for _, r := range replacements {
			mutated := mutate.Set(base, p, r)
			check(t, mutated)
			// and a second mutation further on, to check which one the
			// server reports
			if j := i + len(paths)/3; j < len(paths) {
				check(t, mutate.Set(mutated, paths[j], "y"))
			}
		}
	}
}

// plainTypes are the kinds of leaf types decodesPlainly judges.
var plainTypes = []reflect.Type{
	reflect.TypeFor[string](), reflect.TypeFor[appsv1.DaemonSetUpdateStrategyType](), reflect.TypeFor[bool](),
	reflect.TypeFor[int](), reflect.TypeFor[int8](), reflect.TypeFor[int16](), reflect.TypeFor[int32](), reflect.TypeFor[int64](),
	reflect.TypeFor[uint](), reflect.TypeFor[uint8](), reflect.TypeFor[uint16](), reflect.TypeFor[uint32](), reflect.TypeFor[uint64](),
	reflect.TypeFor[float64](), reflect.TypeFor[[]string](), reflect.TypeFor[map[string]string](),
}

// checkPlain fails when decodesPlainly says that JSON text raw decodes
// into one of plainTypes and sigs.k8s.io/json's decoding fails. It
// returns how many types it claimed.
func checkPlain(t *testing.T, raw string) int {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return 0
	}
	// The walk decodes the value as it marshals it again.
	data, err := json.Marshal(v)
	if err != nil {
		return 0
	}
	claimed := 0
	for _, typ := range plainTypes {
		if !decodesPlainly(v, typ) {
			continue
		}
		claimed++
		if err := sigsjson.UnmarshalCaseSensitivePreserveInts(data, reflect.New(typ).Interface()); err != nil {
			t.Errorf("decodesPlainly(%s, %v) = true, but decoding fails: %v", raw, typ, err)
		}
	}
	return claimed
}

// TestDecodesPlainly holds the walk's shortcut for leaves to the
// decoding it skips.
func TestDecodesPlainly(t *testing.T) {
	claimed := 0
	for _, raw := range []string{`"a"`, `""`, `true`, `false`, `null`, `0`, `-1`, `127`, `128`, `-129`, `255`, `256`, `65535`,
		`2147483647`, `2147483648`, `-2147483649`, `4294967295`, `9223372036854775807`, `9223372036854775808`,
		`18446744073709551615`, `18446744073709551616`, `1.0`, `1e3`, `-0`, `01`, `1.5`, `[]`, `{}`, `"1"`} {
		claimed += checkPlain(t, raw)
	}
	if claimed < 30 {
		t.Errorf("decodesPlainly claimed %d values, want the strings, booleans and numbers that fit", claimed)
	}
}

func FuzzDecodesPlainly(f *testing.F) {
	for _, s := range []string{`"a"`, `true`, `128`, `-1`, `1e3`, `18446744073709551616`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) { checkPlain(t, raw) })
}

// TestWalkProblemsOfValue holds the walk of a document's value
// (Document.Value, what unknown-field and field-type walk) to the walk of
// its JSON read back: the generated corpus, whose documents carry seeded
// mistakes, and the mutations of richDaemonSet give the same problems.
func TestWalkProblemsOfValue(t *testing.T) {
	var srcs [][]byte
	g := benchgen.New(6)
	for range 10 {
		srcs = append(srcs, g.File(100))
	}
	muts, err := mutate.Mutations([]byte(richDaemonSet))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range muts {
		srcs = append(srcs, m.Doc)
	}
	withProblems := 0
	for _, src := range srcs {
		docs, _ := manifest.Parse(manifest.NewFile("in.yaml", src))
		for _, d := range docs {
			typ, ok := kinds.GoType(d.APIVersion, d.Kind)
			if !ok {
				continue
			}
			data, err := d.JSON()
			if err != nil {
				continue
			}
			want, err := checkDecode(data, typ)
			if err != nil {
				t.Fatal(err)
			}
			v, err := d.Value()
			if err != nil {
				t.Fatal(err)
			}
			if got := walkProblems(v, typ); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %s: the value's walk gives\n%+v\nthe JSON's\n%+v", d.Kind, d.Name, got, want)
			}
			if len(want) > 0 {
				withProblems++
			}
		}
	}
	if withProblems < 50 {
		t.Errorf("%d documents with problems, want the seeded mistakes and mutations", withProblems)
	}
}

// checkDecode is walkProblems of an object's JSON read back, the
// straightforward way the tests hold the value walk to.
func checkDecode(data []byte, t reflect.Type) ([]decodeProblem, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("reading the object's JSON: %w", err)
	}
	return walkProblems(v, t), nil
}
