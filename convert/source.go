package convert

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/daemonlint/daemonlint/internal/yamledit"
	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/manifest"
	"go.yaml.in/yaml/v3"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	sigsjson "sigs.k8s.io/json"

	"github.com/daemonlint/daemonlint/internal/lazyre"
)

// Edits returns the edits of d's file that turn document d into a
// DaemonSet, and notes on what changed. A document that is not a
// ReplicaSet or Deployment (a misspelled kind counts, in apps/v1 or an old
// apiVersion of the apps or extensions group), that opts do not select, or
// that is a List (its items are documents of their own) gives no edits, no
// notes and no error. When d cannot be converted the error is an *Error
// that names the file and line, and there are no edits.
func Edits(d *manifest.Document, opts Options) ([]manifest.Edit, []Note, error) {
	c, err := convertDocument(d, opts)
	if c == nil || err != nil {
		return nil, nil, err
	}
	return c.edits, c.notes, nil
}

// convertDocument converts d, returning nil and no error when d is not to
// be converted.
func convertDocument(d *manifest.Document, opts Options) (*sourceConv, error) {
	kind := sourceKind(d.APIVersion, d.Kind)
	if kind == "" || d.IsList() || !opts.converts(kind, d.Name) {
		return nil, nil
	}
	c := &sourceConv{
		d:           d,
		f:           d.File,
		kind:        kind,
		removal:     map[*yaml.Node][]*yaml.Node{},
		parent:      map[*yaml.Node]entry{},
		collapsible: map[*yaml.Node]bool{},
	}
	c.convert()
	if c.err == "" {
		c.finish()
	}
	if c.err != "" {
		at := c.errNode
		if at == nil {
			at = d.Node
		}
		return nil, &Error{File: d.File.Name, Pos: c.f.Position(c.f.NodeStart(at)),
			Document: d.Index, Kind: kind, Name: d.Name, Msg: c.err}
	}
	slices.SortStableFunc(c.notes, func(a, b Note) int { return cmp.Compare(a.Pos.Line, b.Pos.Line) })
	return c, nil
}

// An entry is a key of a mapping.
type entry struct {
	m, k *yaml.Node
}

// sourceConv is one conversion of a document's text.
type sourceConv struct {
	d    *manifest.Document
	f    *manifest.File
	kind string
	// podLabels are the pod template's labels, without pod-template-hash.
	podLabels map[string]string

	// removal holds, for each mapping or sequence, the keys or items to
	// remove from it; containers lists them in the order first seen.
	removal    map[*yaml.Node][]*yaml.Node
	containers []*yaml.Node
	// parent is the entry whose value a mapping or sequence is.
	parent map[*yaml.Node]entry
	// collapsible are the mappings and sequences whose entry goes when
	// every entry of theirs goes, as ToDaemonSet leaves them nil.
	collapsible map[*yaml.Node]bool

	edits []manifest.Edit
	notes []Note

	err     string
	errNode *yaml.Node
}

// fail records why the document cannot be converted; the first reason
// wins.
func (c *sourceConv) fail(n *yaml.Node, format string, args ...any) {
	if c.err == "" {
		c.err, c.errNode = fmt.Sprintf(format, args...), n
	}
}

func (c *sourceConv) note(n *yaml.Node, field, msg string) {
	c.notes = append(c.notes, Note{File: c.f.Name, Pos: c.f.Position(c.f.NodeStart(n)),
		Document: c.d.Index, Name: c.d.Name, Field: field, Message: msg})
}

// noteField places a note on field, or on its nearest existing parent.
func (c *sourceConv) noteField(field, msg string) {
	loc := c.d.Lookup(field)
	c.notes = append(c.notes, Note{File: c.f.Name, Pos: c.f.Position(loc.Span.Start),
		Document: c.d.Index, Name: c.d.Name, Field: field, Message: msg})
}

// get returns the key and value (aliases resolved) of key in mapping m,
// as the API server reads it, and remembers which entry holds a mapping or
// sequence value.
func (c *sourceConv) get(m *yaml.Node, key string) (k, v *yaml.Node) {
	m = yamlutil.ResolveAlias(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	k, v = yamlutil.MappingPair(m, key)
	v = yamlutil.ResolveAlias(v)
	if v != nil && (v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode) && slices.Contains(m.Content, k) {
		if _, seen := c.parent[v]; !seen {
			c.parent[v] = entry{m, k}
		}
	}
	return k, v
}

// collapsibleMapping is mapping for a mapping whose entry goes when the
// conversion removes every entry of it.
func (c *sourceConv) collapsibleMapping(m *yaml.Node, key string) *yaml.Node {
	v := c.mapping(m, key)
	if v != nil {
		c.collapsible[v] = true
	}
	return v
}

// mapping returns the value of key in m when it is a mapping.
func (c *sourceConv) mapping(m *yaml.Node, key string) *yaml.Node {
	_, v := c.get(m, key)
	if v == nil || v.Kind != yaml.MappingNode {
		return nil
	}
	return v
}

// values returns the value nodes of every entry of m whose key is key.
func values(m *yaml.Node, key string) []*yaml.Node {
	var out []*yaml.Node
	for _, k := range yamlutil.MappingKeys(m, key) {
		if i := slices.Index(m.Content, k); i >= 0 && i+1 < len(m.Content) {
			out = append(out, yamlutil.ResolveAlias(m.Content[i+1]))
		}
	}
	return out
}

// drop removes every entry of key from mapping m and returns their keys.
// A key that m has only through a merge key (<<) cannot be removed by an
// edit of m, so it stops the conversion.
func (c *sourceConv) drop(m *yaml.Node, key, field string) []*yaml.Node {
	m = yamlutil.ResolveAlias(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	keys := yamlutil.MappingKeys(m, key)
	if len(keys) == 0 {
		if k, _ := yamlutil.MappingPair(m, key); k != nil {
			c.fail(k, "%s comes from a YAML merge key (<<) and cannot be removed here; write the object without the merge", field)
		}
		return nil
	}
	for _, k := range keys {
		c.removeNode(m, k)
	}
	return keys
}

// removeNode records that key or item n goes from container x.
func (c *sourceConv) removeNode(x, n *yaml.Node) {
	list, seen := c.removal[x]
	if !seen {
		c.containers = append(c.containers, x)
	}
	if !slices.Contains(list, n) {
		c.removal[x] = append(list, n)
	}
}

// replace replaces the scalar n with s.
func (c *sourceConv) replace(n *yaml.Node, s string) {
	if n == nil || n.Kind != yaml.ScalarNode {
		c.fail(n, "expected a single value here")
		return
	}
	c.edits = append(c.edits, yamledit.ReplaceScalar(c.f, n, s))
}

var jsonFieldRE = lazyre.New(`Go struct field [^. ]+\.(\S+) of type`)

// decode reads the document as the API server reads the kind it is
// converted from.
func (c *sourceConv) decode() any {
	data, err := c.d.JSON()
	if err != nil {
		c.fail(c.d.Node, "%v", err)
		return nil
	}
	var obj any = new(appsv1.ReplicaSet)
	if c.kind == "Deployment" {
		obj = new(appsv1.Deployment)
	}
	if err := sigsjson.UnmarshalCaseSensitivePreserveInts(data, obj); err != nil {
		at := c.d.Node
		// encoding/json names the field as "Go struct field Type.path".
		if m := jsonFieldRE().FindStringSubmatch(err.Error()); m != nil {
			if loc := c.d.Lookup(m[1]); loc.Key != nil {
				at = loc.Key
			}
		}
		c.fail(at, "the object cannot be read as a %s: %v", c.kind, err)
		return nil
	}
	return obj
}

// convert records every edit and note of the conversion.
func (c *sourceConv) convert() {
	m := yamlutil.ResolveAlias(c.d.Node)
	obj := c.decode()
	if obj == nil {
		return
	}
	var (
		template corev1.PodTemplateSpec
		selector *metav1.LabelSelector
		replicas *int32
	)
	switch o := obj.(type) {
	case *appsv1.ReplicaSet:
		template, selector, replicas = o.Spec.Template, o.Spec.Selector, o.Spec.Replicas
	case *appsv1.Deployment:
		template, selector, replicas = o.Spec.Template, o.Spec.Selector, o.Spec.Replicas
	}

	// The header.
	for _, v := range values(m, "kind") {
		c.replace(v, "DaemonSet")
	}
	if c.d.Kind != c.kind {
		k, _ := yamlutil.MappingPair(m, "kind")
		c.note(k, "kind", kindNote(c.d.Kind, c.kind))
	}
	if slices.Contains(oldAPIVersions, c.d.APIVersion) {
		for _, v := range values(m, "apiVersion") {
			c.replace(v, "apps/v1")
		}
		k, _ := yamlutil.MappingPair(m, "apiVersion")
		c.note(k, "apiVersion", apiVersionNote(c.d.APIVersion))
	}
	c.drop(m, "status", "status")

	var hash string
	var hashFields []string
	dropHash := func(labels *yaml.Node, field string) bool {
		keys := c.drop(labels, podTemplateHash, field+"["+podTemplateHash+"]")
		if len(keys) == 0 {
			return false
		}
		_, v := yamlutil.MappingPair(yamlutil.ResolveAlias(labels), podTemplateHash)
		if v = yamlutil.ResolveAlias(v); v != nil && v.Kind == yaml.ScalarNode {
			hash = v.Value
		}
		hashFields = append(hashFields, field)
		return true
	}

	// metadata.
	meta := c.mapping(m, "metadata")
	c.convertMeta(meta)
	dropHash(c.collapsibleMapping(meta, "labels"), "metadata.labels")

	// spec.
	specKey, spec := c.get(m, "spec")
	if spec != nil && spec.Kind != yaml.MappingNode {
		c.fail(specKey, "spec is not a mapping")
		return
	}
	if keys := c.drop(spec, "replicas", "spec.replicas"); len(keys) > 0 {
		text := "null"
		if replicas != nil {
			text = fmt.Sprint(*replicas)
		}
		c.note(keys[len(keys)-1], "spec.replicas", replicasNote(text))
	}
	if c.kind == "Deployment" {
		for _, f := range []string{"progressDeadlineSeconds", "paused", "rollbackTo"} {
			if keys := c.drop(spec, f, "spec."+f); len(keys) > 0 {
				c.note(keys[len(keys)-1], "spec."+f, removedSpecNote(f))
			}
		}
		c.convertStrategy(spec, obj.(*appsv1.Deployment).Spec.Strategy)
	}

	selKey, sel := c.get(spec, "selector")
	selectorHash := false
	var selLabels map[string]string
	if selector != nil {
		selLabels, _ = withoutHash(selector.MatchLabels)
		selectorHash = dropHash(c.collapsibleMapping(sel, "matchLabels"), "spec.selector.matchLabels")
	}
	tmpl := c.mapping(spec, "template")
	tmeta := c.mapping(tmpl, "metadata")
	tmplLabels, _ := withoutHash(template.Labels)
	c.podLabels = tmplLabels
	dropHash(c.collapsibleMapping(tmeta, "labels"), "spec.template.metadata.labels")
	if hash != "" {
		c.noteField(hashFields[0], hashNote(hash, hashFields))
		if base := hashSuffix(c.d.Name, hash); base != "" {
			c.noteField("metadata.name", nameNote(c.d.Name, base))
		}
	}

	var checkSel *metav1.LabelSelector
	if selector != nil {
		checkSel = &metav1.LabelSelector{MatchLabels: selLabels, MatchExpressions: selector.MatchExpressions}
	}
	if field, why := checkSelectable(checkSel, tmplLabels, selectorHash); why != "" {
		at := c.d.Lookup(field)
		c.fail(at.Node, "%s", why)
		if at.Key != nil {
			c.errNode = at.Key
		}
		return
	}
	if selector == nil {
		c.writeSelector(spec, selKey, tmplLabels)
	}

	c.drop(tmeta, "creationTimestamp", "spec.template.metadata.creationTimestamp")
	pod := c.mapping(tmpl, "spec")
	if keys := c.drop(pod, "activeDeadlineSeconds", "spec.template.spec.activeDeadlineSeconds"); len(keys) > 0 {
		c.note(keys[len(keys)-1], "spec.template.spec.activeDeadlineSeconds", activeDeadlineNote)
	}
	if p := template.Spec.RestartPolicy; p != "" && p != corev1.RestartPolicyAlways {
		for _, v := range values(pod, "restartPolicy") {
			c.replace(v, "Always")
		}
		c.noteField("spec.template.spec.restartPolicy", restartPolicyNote(string(p)))
	}
	for _, n := range podNotes(&template.Spec) {
		c.noteField(n.field, n.msg)
	}
}

// convertMeta removes what a live object's metadata carries and a new
// DaemonSet must not: the server's fields, the owning Deployment, the
// Deployment controller's annotations.
func (c *sourceConv) convertMeta(meta *yaml.Node) {
	if meta == nil {
		return
	}
	var removed []string
	var first *yaml.Node
	for _, f := range serverFields {
		if keys := c.drop(meta, f, "metadata."+f); len(keys) > 0 {
			removed = append(removed, "metadata."+f)
			if first == nil || keys[0].Line < first.Line {
				first = keys[0]
			}
		}
	}
	if len(removed) > 0 {
		c.note(first, "metadata", serverFieldsNote(removed))
	}

	if _, refs := c.get(meta, "ownerReferences"); refs != nil && refs.Kind == yaml.SequenceNode {
		c.collapsible[refs] = true
		for _, item := range refs.Content {
			ref := yamlutil.ResolveAlias(item)
			apiVersion, kind, name := scalarValue(ref, "apiVersion"), scalarValue(ref, "kind"), scalarValue(ref, "name")
			if isDeploymentOwner(apiVersion, kind) {
				c.removeNode(refs, item)
				c.note(item, "metadata.ownerReferences", ownerNote(name))
			}
		}
	}

	if ann := c.collapsibleMapping(meta, "annotations"); ann != nil {
		var dropped []string
		var first *yaml.Node
		for i := 0; i+1 < len(ann.Content); i += 2 {
			k := ann.Content[i]
			if k.Kind == yaml.ScalarNode && dropAnnotation(k.Value) {
				c.removeNode(ann, k)
				if !slices.Contains(dropped, k.Value) {
					dropped = append(dropped, k.Value)
				}
				if first == nil {
					first = k
				}
			}
		}
		if len(dropped) > 0 {
			slices.Sort(dropped)
			c.note(first, "metadata.annotations", annotationsNote(dropped))
		}
	}
}

// scalarValue returns the text of the scalar value of key in mapping m, or
// "".
func scalarValue(m *yaml.Node, key string) string {
	_, v := yamlutil.MappingPair(m, key)
	v = yamlutil.ResolveAlias(v)
	if v == nil || v.Kind != yaml.ScalarNode {
		return ""
	}
	return v.Value
}

// convertStrategy renames a Deployment's strategy to updateStrategy and
// makes its values valid for a DaemonSet.
func (c *sourceConv) convertStrategy(spec *yaml.Node, s appsv1.DeploymentStrategy) {
	keys := yamlutil.MappingKeys(spec, "strategy")
	if len(keys) == 0 {
		if k, _ := yamlutil.MappingPair(spec, "strategy"); k != nil {
			c.fail(k, "spec.strategy comes from a YAML merge key (<<) and cannot be renamed here; write the object without the merge")
		}
		return
	}
	for _, k := range keys {
		c.replace(k, "updateStrategy")
	}
	p := planStrategy(s)
	strategy := c.collapsibleMapping(spec, "strategy")
	if p.rolling {
		for _, v := range values(strategy, "type") {
			c.replace(v, string(appsv1.RollingUpdateDaemonSetStrategyType))
		}
	}
	ru := c.collapsibleMapping(strategy, "rollingUpdate")
	switch {
	case p.dropSurge:
		c.drop(ru, "maxSurge", "spec.strategy.rollingUpdate.maxSurge")
	case p.addSurge && ru != nil:
		c.edits = append(c.edits, yamledit.InsertEntry(c.f, ru, nil, "maxSurge: "+yamlutil.QuoteScalar(surgeDefault)+"\n"))
	}
	for _, n := range p.notes {
		c.noteField(n.field, n.msg)
	}
}

// writeSelector writes spec.selector from the template labels, just before
// spec.template, replacing a selector entry whose value is null.
func (c *sourceConv) writeSelector(spec, selKey *yaml.Node, labels map[string]string) {
	if spec == nil {
		c.fail(c.d.Node, "the object has no spec")
		return
	}
	for _, k := range yamlutil.MappingKeys(spec, "selector") {
		c.removeNode(spec, k)
	}
	before, _ := yamlutil.MappingPair(spec, "template")
	if !slices.Contains(spec.Content, before) {
		before = nil
	}
	c.edits = append(c.edits, yamledit.InsertEntry(c.f, spec, before, selectorEntry(labels, keyStyle(spec))))
	at := selKey
	if at == nil {
		at = before
	}
	if at == nil {
		at = spec
	}
	c.note(at, "spec.selector", selectorNote(labels))
}

// finish turns the recorded removals into edits: a mapping or sequence
// that loses every entry is removed with its key, and edits within a
// removed range go.
func (c *sourceConv) finish() {
	for changed := true; changed; {
		changed = false
		for _, x := range c.containers {
			list, ok := c.removal[x]
			if !ok || !c.collapsible[x] || !allRemoved(x, list) {
				continue
			}
			p, ok := c.parent[x]
			if !ok {
				continue
			}
			delete(c.removal, x)
			c.removeNode(p.m, p.k)
			changed = true
		}
	}
	for _, x := range c.containers {
		list, ok := c.removal[x]
		if !ok {
			continue
		}
		if x.Kind == yaml.SequenceNode {
			edits, ok := yamledit.RemoveItems(c.f, x, list)
			if !ok {
				c.fail(list[0], "this list item shares its line with another; it cannot be removed by an edit")
				return
			}
			c.edits = append(c.edits, edits...)
			continue
		}
		c.edits = append(c.edits, yamledit.RemoveEntries(c.f, x, list)...)
	}
	edits, err := normalize(c.edits, len(c.f.Src))
	if err != nil {
		c.fail(c.d.Node, "the edits of the conversion collide (%v); convert this object by hand", err)
		return
	}
	c.edits = edits
}

// allRemoved reports whether list holds every key (of a mapping) or every
// item (of a sequence) of x.
func allRemoved(x *yaml.Node, list []*yaml.Node) bool {
	if x.Kind == yaml.MappingNode {
		for i := 0; i < len(x.Content); i += 2 {
			if !slices.Contains(list, x.Content[i]) {
				return false
			}
		}
		return len(x.Content) > 0
	}
	for _, it := range x.Content {
		if !slices.Contains(list, it) {
			return false
		}
	}
	return len(x.Content) > 0
}

// normalize sorts edits, merges deletions that overlap, drops edits that
// lie inside a deletion, and checks that what is left does not overlap.
func normalize(edits []manifest.Edit, size int) ([]manifest.Edit, error) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b manifest.Edit) int {
		if a.Start != b.Start {
			return cmp.Compare(a.Start, b.Start)
		}
		return cmp.Compare(b.End, a.End) // the wider first
	})
	isDel := func(x manifest.Edit) bool { return x.NewText == "" && x.End > x.Start }
	var out []manifest.Edit
	for _, e := range sorted {
		if k := len(out) - 1; k >= 0 && isDel(out[k]) {
			prev := &out[k]
			switch {
			case isDel(e) && e.Start <= prev.End:
				prev.End = max(prev.End, e.End)
				continue
			case e.Start == e.End && e.Start > prev.Start && e.Start < prev.End:
				continue // an insertion inside a removed range
			case e.Start < e.End && e.Start >= prev.Start && e.End <= prev.End:
				continue // a change inside a removed range
			}
		}
		out = append(out, e)
	}
	return manifest.SortEdits(out, size)
}
