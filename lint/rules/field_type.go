package rules

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/daemonlint/daemonlint/internal/yamledit"
	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/manifest"
)

// FieldType reports values that the API server cannot decode into the
// field's Go type.
var FieldType = &lint.Rule{
	Name: "field-type",
	Doc: `Every value must have the type of its field, as kubectl sends it

kubectl turns YAML into JSON with YAML 1.1 rules before sending it: an
unquoted true, yes, on, y (and their opposites, in any case) is a boolean,
and 1.0 or 0777 is a number. Where the field is a string (a label value,
an environment variable's value, a container name), the API server refuses
the object with 400 Bad Request: "DaemonSet in version "v1" cannot be
handled as a DaemonSet: json: cannot unmarshal bool into Go struct field
EnvVar.spec.template.spec.containers.env.value of type string". Quote such
values ("on"); the fix does.

The same holds the other way round ("80" where containerPort wants an
integer; the fix removes the quotes), for a mapping where a list is
expected, a number such as 1.5 where an integer or a string is (maxUnavailable
takes 1 or "50%"), an unparsable quantity (1.2.3), and the server-managed
annotations deprecated.daemonset.template.generation and
deprecated.deployment.rollback.to, which must hold integers.

Each finding sits on its field and quotes the server's message. The server
stops at the first such error (and then does not report unknown fields);
daemonlint reports every one it finds. The rule reads every built-in kind
the target release serves through its k8s.io/api Go type (the schema rule
checks CustomResourceDefinitions and APIServices, whose types live
elsewhere). Type errors have a rule of their own, apart from unknown-field,
because they are a different mistake with a different fix (quoting a value
rather than renaming a key), and the server reports them differently (the
first one alone, where it lists every unknown field).`,
	Bad: `metadata:
  labels:
    enabled: on
`,
	Good: `metadata:
  labels:
    enabled: "on"
`,
	Since:    "v0.1.0",
	Severity: lint.Error,
	Run:      runFieldType,
}

func runFieldType(p *lint.Pass) error {
	d := p.Doc
	typ, ok := typedType(d, targetOf(p))
	if !ok {
		return nil
	}
	obj, _, err := decodeStrict(d, typ)
	if obj == nil {
		return nil
	}
	var verr *manifest.ValueError
	if errors.As(err, &verr) {
		return nil // the syntax rule reports what kubectl cannot send
	}
	found := false
	if err != nil {
		prefix := decodePrefix(d)
		problems, cerr := checkDecodeDoc(d, reflect.TypeOf(obj).Elem())
		if cerr != nil {
			return cerr
		}
		for _, pr := range problems {
			if pr.Unknown {
				continue
			}
			found = found || pr.Msg == err.Error()
			loc := d.Lookup(pr.Path)
			node := loc.Node
			if !loc.Exact {
				node = nil
			}
			explain, fixes := explainDecodeProblem(p.File, pr, node)
			p.Report(lint.Diagnostic{Span: loc.Span, Field: pr.Path, Message: fmt.Sprintf("%s: %s (%s%s)", pr.Path, explain, prefix, pr.Msg), Fixes: fixes})
		}
		if !found {
			// The walk missed what the server says: report it as it is, on
			// the field its message names, as far as that can be found.
			path := ""
			if _, rest, ok := strings.Cut(err.Error(), " into Go struct field "); ok {
				if field, _, ok := strings.Cut(rest, " of type "); ok {
					_, path, _ = strings.Cut(field, ".")
				}
			}
			loc := d.Lookup(path)
			p.Report(lint.Diagnostic{Span: loc.Span, Field: loc.Found, Message: "the API server cannot decode this object: " + prefix + err.Error()})
		}
	}
	reportConversionProblems(p, obj)
	return nil
}

// decodePrefix is how the API server begins the message of an object it
// cannot decode.
func decodePrefix(d *manifest.Document) string {
	_, version := d.GroupVersion()
	return fmt.Sprintf("%s in version %q cannot be handled as a %s: ", d.Kind, version, d.Kind)
}

// Annotations that apps/v1 conversion parses (k8s.io/kubernetes
// pkg/apis/apps/v1/conversion.go).
const (
	templateGenerationAnnotation = "deprecated.daemonset.template.generation"
	rollbackToAnnotation         = "deprecated.deployment.rollback.to"
)

// reportConversionProblems reports the annotations that the server fails
// to convert to its internal version after decoding.
func reportConversionProblems(p *lint.Pass, obj any) {
	var key, value, msg string
	switch o := obj.(type) {
	case *appsv1.DaemonSet:
		v, ok := o.Annotations[templateGenerationAnnotation]
		if !ok {
			return
		}
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			key, value, msg = templateGenerationAnnotation, v, err.Error()
		}
	case *appsv1.Deployment:
		v := o.Annotations[rollbackToAnnotation]
		if v == "" {
			return
		}
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			key, value, msg = rollbackToAnnotation, v, fmt.Sprintf("failed to parse annotation[%s]=%s as int64: %v", rollbackToAnnotation, v, err)
		}
	}
	if key == "" {
		return
	}
	path := "metadata.annotations[" + key + "]"
	loc := p.Doc.Lookup(path)
	var fixes []lint.Fix
	annotations := p.Doc.Lookup("metadata.annotations")
	if k, _, direct := findKey(annotations.Node, key); k != nil && direct && annotations.Exact {
		fixes = []lint.Fix{{Message: "Remove the " + key + " annotation", Edits: []manifest.Edit{yamledit.RemoveEntry(p.File, yamlutil.ResolveAlias(annotations.Node), k)}}}
	}
	p.Report(lint.Diagnostic{
		Span:  loc.Span,
		Field: path,
		Message: fmt.Sprintf("%s: %s is not an integer; the API server sets this annotation itself and reads it as one, so remove it (%s%s)",
			path, scalarText(value), decodePrefix(p.Doc), msg),
		Fixes: fixes,
	})
}

var (
	quantityType    = reflect.TypeFor[resource.Quantity]()
	intOrStringType = reflect.TypeFor[intstr.IntOrString]()
	timeType        = reflect.TypeFor[metav1.Time]()
	microTimeType   = reflect.TypeFor[metav1.MicroTime]()
)

// explainDecodeProblem says in plain words why a value cannot be decoded,
// and returns the certain fix, if any. n is the value's YAML node, or nil.
func explainDecodeProblem(f *manifest.File, pr decodeProblem, n *yaml.Node) (string, []lint.Fix) {
	t := pr.Type
	switch t {
	case quantityType:
		return fmt.Sprintf("%s is not a quantity; write a number with an optional suffix, such as 500m, 2, 1.5Gi or 128Mi", scalarText(pr.Value)), nil
	case intOrStringType:
		return fmt.Sprintf("%s is neither an integer nor a string; write a whole number, or a string in quotes", scalarText(pr.Value)), nil
	case timeType, microTimeType:
		return fmt.Sprintf("%s is not an RFC 3339 time such as \"2006-01-02T15:04:05Z\"", scalarText(pr.Value)), nil
	}
	want := jsonOther
	switch t.Kind() {
	case reflect.String:
		want = jsonString
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		want = jsonInteger
	case reflect.Bool:
		want = jsonBoolean
	}
	if hint, fixes := scalarHint(f, n, want); hint != "" {
		return hint, fixes
	}
	if num, ok := pr.Value.(json.Number); ok && want == jsonInteger {
		s := num.String()
		if strings.ContainsAny(s, ".eE") {
			return fmt.Sprintf("%s is not a whole number; the field is %s", s, describeGoType(t)), nil
		}
		return fmt.Sprintf("%s is out of range for %s", s, describeGoType(t)), nil
	}
	if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
		if _, ok := pr.Value.(string); ok {
			return "the value is not valid base64 data", nil
		}
	}
	return fmt.Sprintf("%s cannot be read as %s", describeValue(pr.Value), describeGoType(t)), nil
}

// describeGoType names the JSON a Go type takes, for a message.
func describeGoType(t reflect.Type) string {
	switch t {
	case quantityType:
		return "a quantity"
	case intOrStringType:
		return "an integer or a string"
	case timeType, microTimeType:
		return "an RFC 3339 time"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean (true or false)"
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return fmt.Sprintf("an integer (%s)", t.Kind())
	case reflect.Int, reflect.Uint:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "base64-encoded data"
		}
		return "a list"
	case reflect.Map, reflect.Struct:
		return "a mapping"
	}
	return t.String()
}
