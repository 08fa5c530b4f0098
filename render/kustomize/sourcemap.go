package kustomize

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/daemonlint/daemonlint/manifest"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/render"
)

// A step is one element of a field path in a built object.
type step struct {
	// key is the mapping key, for a mapping step.
	key string
	// seq is set for a sequence item, with its index.
	seq   bool
	index int
	// name is the item's name field, for a sequence item that has one:
	// strategic merges match list items by it, so it finds the item in a
	// source file where the index may differ.
	name string
}

// format writes steps as an API-server field path.
func format(steps []step) string {
	var b strings.Builder
	for i, s := range steps {
		switch {
		case s.seq:
			b.WriteString("[" + strconv.Itoa(s.index) + "]")
		case s.key == "" || strings.ContainsAny(s.key, ".[]"):
			b.WriteString("[" + s.key + "]")
		default:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.key)
		}
	}
	return b.String()
}

// sourceMap maps spans of a built stream to the files that wrote them.
type sourceMap struct {
	dir   string // the built kustomization's directory
	kfile string // its kustomization file
	src   []byte
	docs  []*manifest.Document
	objs  []object
	chain chain
	files *parsed
}

func newSourceMap(dir, kfile string, src []byte, objs []object, c chain) *sourceMap {
	docs, _ := manifest.Parse(manifest.NewFile(dir, src))
	return &sourceMap{dir: dir, kfile: kfile, src: src, docs: docs, objs: objs, chain: c,
		files: &parsed{files: map[string][]*manifest.Document{}}}
}

// A source is where a field of a built object was written.
type source struct {
	doc *manifest.Document
	// field, when set, is the fixed field path in doc to point at (a
	// transformer's key): the built text is not there literally.
	field string
	// base is a field path in doc under which steps resolve ("" for the
	// object itself, "[2].value" for a JSON patch operation's value).
	base  string
	steps []step
	// what says what set the field, for the note ("set by the patch …").
	what string
}

// Locate implements render.SourceMap. Its note says what set a field that
// the resource file does not hold as built (a patch, a transformer); the
// overlay is the Output's Origin, so that one finding of a base file made
// the same way in several overlays reads the same in each.
func (m *sourceMap) Locate(start, end int) render.Location {
	note := ""
	fallback := render.Location{File: m.kfile}
	if end < start {
		end = start
	}
	var d *manifest.Document
	for _, doc := range m.docs {
		if sp := doc.Span(); sp.Start <= start && start <= sp.End {
			d = doc
			break
		}
	}
	if d == nil || d.Index >= len(m.objs) || d.Node == nil {
		return fallback
	}
	steps := pathAt(d, start, end)
	built := d.Lookup(format(steps))
	src := m.source(d, m.objs[d.Index], steps)
	if src.doc == nil {
		return fallback
	}
	if src.what != "" {
		note = src.what
	}
	loc := render.Location{File: src.doc.File.Name, Note: note}
	if src.field != "" {
		sp := src.doc.Lookup(src.field).Span
		loc.Start, loc.End = sp.Start, sp.End
		return loc
	}
	path, complete := translate(src.doc, src.base, src.steps)
	l := src.doc.Lookup(path)
	loc.Start, loc.End = l.Span.Start, l.Span.End
	if !complete || !l.Exact {
		return loc
	}
	// The whole field, key and value, is the same text; else, for a span
	// within the value, the value is.
	srcSpan, builtSpan := l.Span, built.Span
	if !bytes.Equal(src.doc.File.Src[srcSpan.Start:srcSpan.End], m.src[builtSpan.Start:builtSpan.End]) {
		srcSpan = src.doc.File.NodeSpan(l.Node)
		builtSpan = d.File.NodeSpan(built.Node)
		if !bytes.Equal(src.doc.File.Src[srcSpan.Start:srcSpan.End], m.src[builtSpan.Start:builtSpan.End]) {
			return loc
		}
	}
	if builtSpan.Start <= start && end <= builtSpan.End {
		loc.Start = srcSpan.Start + start - builtSpan.Start
		loc.End = srcSpan.Start + end - builtSpan.Start
		loc.Exact = true
	}
	return loc
}

// pathAt returns the path of the deepest node of d whose span, from its
// key, holds [start, end).
func pathAt(d *manifest.Document, start, end int) []step {
	var steps []step
	n := d.Node
	for n != nil {
		var next *yaml.Node
		var nextStep step
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				s := step{key: n.Content[i].Value}
				if within(d, append(steps, s), start, end) {
					next, nextStep = n.Content[i+1], s
				}
			}
		case yaml.SequenceNode:
			for i, it := range n.Content {
				s := step{seq: true, index: i}
				if name, ok := scalar(get(it, "name")); ok {
					s.name = name
				}
				if within(d, append(steps, s), start, end) {
					next, nextStep = it, s
					break
				}
			}
		}
		if next == nil {
			break
		}
		steps = append(steps, nextStep)
		n = next
	}
	return steps
}

func within(d *manifest.Document, steps []step, start, end int) bool {
	sp := d.Lookup(format(steps)).Span
	return sp.Start <= start && end <= sp.End && sp.Start < sp.End
}

// translate turns steps under base into a field path of doc, matching
// sequence items by name where they have one. complete reports whether
// every step was found.
func translate(doc *manifest.Document, base string, steps []step) (path string, complete bool) {
	n := doc.Node
	if base != "" {
		n = doc.Lookup(base).Node
	}
	var out []step
	for _, s := range steps {
		n = deref(n)
		if s.seq {
			idx := -1
			its := items(n)
			if s.name != "" {
				for i, it := range its {
					if name, ok := scalar(get(it, "name")); ok && name == s.name {
						idx = i
					}
				}
			} else if s.index < len(its) {
				idx = s.index
			}
			if idx < 0 {
				return join(base, format(out)), false
			}
			out = append(out, step{seq: true, index: idx})
			n = its[idx]
			continue
		}
		v := get(n, s.key)
		if v == nil {
			return join(base, format(out)), false
		}
		out = append(out, s)
		n = v
	}
	return join(base, format(out)), true
}

// join joins two field paths.
func join(a, b string) string {
	if a == "" || b == "" || strings.HasPrefix(b, "[") {
		return a + b
	}
	return a + "." + b
}

// source decides which file wrote the field at steps of the built object
// d: the last patch or transformer that set it, else the resource file the
// object came from.
func (m *sourceMap) source(d *manifest.Document, obj object, steps []step) source {
	path := format(steps)
	seen := map[string]bool{}
	ts := obj.transformations
	for i := len(ts) - 1; i >= 0; i-- {
		t := ts[i]
		kind := t.ConfiguredBy.Kind
		k := m.chain[filepath.Dir(filepath.Join(m.dir, t.ConfiguredIn))]
		if k == nil || k.doc == nil || seen[k.file+" "+kind] {
			continue
		}
		seen[k.file+" "+kind] = true
		in := " in " + k.file
		switch kind {
		case "PatchTransformer", "PatchStrategicMergeTransformer", "PatchJson6902Transformer":
			for j := len(k.patches) - 1; j >= 0; j-- {
				if p := k.patches[j]; p.transformer == kind {
					if s, ok := m.patchSource(k, p, d, steps); ok {
						return s
					}
				}
			}
		case "PrefixTransformer":
			if v, ok := scalar(get(k.doc.Node, "namePrefix")); ok && path == "metadata.name" && strings.HasPrefix(d.Name, v) {
				return source{doc: k.doc, field: "namePrefix", what: "namePrefix" + in}
			}
		case "SuffixTransformer":
			if v, ok := scalar(get(k.doc.Node, "nameSuffix")); ok && path == "metadata.name" && strings.HasSuffix(d.Name, v) {
				return source{doc: k.doc, field: "nameSuffix", what: "nameSuffix" + in}
			}
		case "NamespaceTransformer":
			if v, ok := scalar(get(k.doc.Node, "namespace")); ok && path == "metadata.namespace" && d.Namespace == v {
				return source{doc: k.doc, field: "namespace", what: "namespace" + in}
			}
		case "LabelTransformer":
			if s, ok := labelSource(k, d, steps); ok {
				s.what += in
				return s
			}
		case "AnnotationsTransformer":
			if n := len(steps); n >= 2 && !steps[n-1].seq && steps[n-2].key == "annotations" {
				key := steps[n-1].key
				v, ok := scalar(get(get(k.doc.Node, "commonAnnotations"), key))
				if b, _ := scalar(valueAt(d, steps)); ok && v == b {
					return source{doc: k.doc, field: "commonAnnotations[" + key + "]", what: "commonAnnotations" + in}
				}
			}
		case "ImageTagTransformer":
			if s, ok := imageSource(k, d, steps); ok {
				s.what += in
				return s
			}
		case "ReplicaCountTransformer":
			if path == "spec.replicas" {
				for j, r := range items(get(k.doc.Node, "replicas")) {
					if name, ok := scalar(get(r, "name")); ok && strings.Contains(d.Name, name) {
						return source{doc: k.doc, field: fmt.Sprintf("replicas[%d].count", j), what: "replicas" + in}
					}
				}
			}
		}
	}

	// Not set by a patch or transformer: the resource file, or the
	// generator that made the object.
	o := obj.origin
	if o.Path != "" {
		if sd := pickDoc(m.files.docs(filepath.Join(m.dir, o.Path)), d); sd != nil {
			return source{doc: sd, steps: steps}
		}
		return source{}
	}
	if o.ConfiguredIn != "" {
		k := m.chain[filepath.Dir(filepath.Join(m.dir, o.ConfiguredIn))]
		if k == nil || k.doc == nil {
			return source{}
		}
		gen := map[string]string{"ConfigMapGenerator": "configMapGenerator", "SecretGenerator": "secretGenerator"}[o.ConfiguredBy.Kind]
		for j, g := range items(get(k.doc.Node, gen)) {
			if name, ok := scalar(get(g, "name")); ok && strings.Contains(d.Name, name) {
				return source{doc: k.doc, field: fmt.Sprintf("%s[%d]", gen, j), what: "generated by " + gen + " in " + k.file}
			}
		}
		return source{doc: k.doc, field: "", base: "", steps: nil, what: "generated in " + k.file}
	}
	return source{}
}

// valueAt returns the node at steps of d.
func valueAt(d *manifest.Document, steps []step) *yaml.Node {
	return d.Lookup(format(steps)).Node
}

// pickDoc finds the document of a resource file that a built object came
// from: the same kind, and the name the build kept or decorated.
func pickDoc(docs []*manifest.Document, built *manifest.Document) *manifest.Document {
	var best *manifest.Document
	for _, sd := range docs {
		if sd.Kind != built.Kind {
			continue
		}
		if sd.Name == built.Name {
			return sd
		}
		if sd.Name != "" && strings.Contains(built.Name, sd.Name) && (best == nil || len(sd.Name) > len(best.Name)) {
			best = sd
		}
	}
	if best == nil && len(docs) == 1 {
		best = docs[0]
	}
	return best
}

// identifying reports whether a field path names what a strategic-merge
// patch uses to find its target (apiVersion, kind, name, namespace) or a
// list item (its name): every patch holds those, without setting them.
func identifying(steps []step) bool {
	switch format(steps) {
	case "apiVersion", "kind", "metadata.name", "metadata.namespace":
		return true
	}
	n := len(steps)
	return n >= 2 && steps[n-1].key == "name" && steps[n-2].seq
}

// patchSource reports whether the patch p of k set the field at steps of
// the built object d, and where.
func (m *sourceMap) patchSource(k *kustomization, p patch, d *manifest.Document, steps []step) (source, bool) {
	var docs []*manifest.Document
	what := "set by the patch "
	if p.file != "" {
		docs = m.files.docs(p.file)
		what += p.file
	} else {
		// An inline patch: read it to see whether it sets the field, and
		// point at the entry.
		field := p.field + ".patch"
		if p.transformer == "PatchStrategicMergeTransformer" {
			field = p.field
		}
		text, ok := scalar(k.doc.Lookup(field).Node)
		if !ok {
			return source{}, false
		}
		docs, _ = manifest.Parse(manifest.NewFile(k.file, []byte(text)))
		for i := len(docs) - 1; i >= 0; i-- {
			if _, ok := patchDocSource(docs[i], p, d, steps); ok {
				return source{doc: k.doc, field: field, what: "set by the patch at " + field + " in " + k.file}, true
			}
		}
		return source{}, false
	}
	for i := len(docs) - 1; i >= 0; i-- {
		if s, ok := patchDocSource(docs[i], p, d, steps); ok {
			s.what = what
			return s, true
		}
	}
	return source{}, false
}

// patchDocSource reports whether one patch document sets the field at
// steps of d.
func patchDocSource(pd *manifest.Document, p patch, d *manifest.Document, steps []step) (source, bool) {
	n := deref(pd.Node)
	if n == nil || len(steps) == 0 {
		// The object as a whole comes from its resource file.
		return source{}, false
	}
	if n.Kind == yaml.SequenceNode {
		if p.kind == patchSMP || !targets(p.target, d) {
			return source{}, false
		}
		return jsonPatchSource(pd, steps)
	}
	if p.kind == patchJSON || n.Kind != yaml.MappingNode || identifying(steps) {
		return source{}, false
	}
	if p.target != nil {
		if !targets(p.target, d) {
			return source{}, false
		}
	} else if pd.Kind != d.Kind || pd.Name == "" || !strings.Contains(d.Name, pd.Name) {
		return source{}, false
	}
	path, complete := translate(pd, "", steps)
	if !complete || !covers(pd.Lookup(path).Node, valueAt(d, steps)) {
		return source{}, false
	}
	return source{doc: pd, steps: steps}, true
}

// covers reports whether a strategic-merge patch's node wrote the whole of
// the built node: a scalar, or a mapping or list that holds every key or
// item of the built one. A patch that set only some keys of a mapping did
// not write the mapping: a finding about it, such as a missing field,
// belongs where the rest of it was written.
func covers(patch, built *yaml.Node) bool {
	patch, built = deref(patch), deref(built)
	if patch == nil || built == nil {
		return false
	}
	switch built.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(built.Content); i += 2 {
			if get(patch, built.Content[i].Value) == nil {
				return false
			}
		}
	case yaml.SequenceNode:
		its := items(patch)
		for i, it := range built.Content {
			name, named := scalar(get(it, "name"))
			if !named {
				if i >= len(its) {
					return false
				}
				continue
			}
			found := false
			for _, p := range its {
				if n, ok := scalar(get(p, "name")); ok && n == name {
					found = true
				}
			}
			if !found {
				return false
			}
		}
	}
	return true
}

// jsonPatchSource finds the last operation of a JSON patch that wrote the
// field at steps or one of its parents.
func jsonPatchSource(pd *manifest.Document, steps []step) (source, bool) {
	ops := items(pd.Node)
	for i := len(ops) - 1; i >= 0; i-- {
		op, _ := scalar(get(ops[i], "op"))
		ptr, ok := scalar(get(ops[i], "path"))
		if !ok {
			continue
		}
		var elems []string
		if ptr != "" {
			elems = strings.Split(strings.TrimPrefix(ptr, "/"), "/")
		}
		if len(elems) > len(steps) {
			continue
		}
		match := true
		for j, e := range elems {
			e = strings.ReplaceAll(strings.ReplaceAll(e, "~1", "/"), "~0", "~")
			s := steps[j]
			if s.seq {
				match = e == "-" || e == strconv.Itoa(s.index)
			} else {
				match = e == s.key
			}
			if !match {
				break
			}
		}
		if !match {
			continue
		}
		switch op {
		case "add", "replace":
			return source{doc: pd, base: fmt.Sprintf("[%d].value", i), steps: steps[len(elems):]}, true
		case "copy", "move":
			return source{doc: pd, field: fmt.Sprintf("[%d]", i)}, true
		}
	}
	return source{}, false
}

// targets reports whether a patch target selector selects the built
// object d. Names and kinds are regular expressions, as kustomize reads
// them; a name also matches a built name that a prefix or suffix
// decorated.
func targets(sel *yaml.Node, d *manifest.Document) bool {
	if sel == nil {
		return true
	}
	re := func(pattern, s string) bool {
		r, err := regexp.Compile("^(?:" + pattern + ")$")
		return err == nil && r.MatchString(s)
	}
	if v, ok := scalar(get(sel, "kind")); ok && !re(v, d.Kind) {
		return false
	}
	if v, ok := scalar(get(sel, "name")); ok && !re(v, d.Name) && !strings.Contains(d.Name, v) {
		return false
	}
	group, version := d.GroupVersion()
	if v, ok := scalar(get(sel, "group")); ok && v != group {
		return false
	}
	if v, ok := scalar(get(sel, "version")); ok && v != version {
		return false
	}
	meta := get(d.Node, "metadata")
	if v, ok := scalar(get(sel, "labelSelector")); ok && !selects(v, get(meta, "labels")) {
		return false
	}
	if v, ok := scalar(get(sel, "annotationSelector")); ok && !selects(v, get(meta, "annotations")) {
		return false
	}
	return true
}

// selects reports whether a label selector in its string form selects a
// labels mapping. Requirements other than k=v, k==v, k!=v, k and !k are
// taken to match.
func selects(selector string, labels *yaml.Node) bool {
	for _, req := range strings.Split(selector, ",") {
		req = strings.TrimSpace(req)
		switch {
		case req == "" || strings.Contains(req, " in ") || strings.Contains(req, " notin "):
		case strings.Contains(req, "!="):
			k, v, _ := strings.Cut(req, "!=")
			if got, ok := scalar(get(labels, strings.TrimSpace(k))); ok && got == strings.TrimSpace(v) {
				return false
			}
		case strings.Contains(req, "="):
			k, v, _ := strings.Cut(req, "=")
			v = strings.TrimPrefix(v, "=")
			if got, ok := scalar(get(labels, strings.TrimSpace(k))); !ok || got != strings.TrimSpace(v) {
				return false
			}
		case strings.HasPrefix(req, "!"):
			if get(labels, strings.TrimSpace(req[1:])) != nil {
				return false
			}
		default:
			if get(labels, req) == nil {
				return false
			}
		}
	}
	return true
}

// labelSource finds the labels or commonLabels entry of k that set the
// label at steps of d.
func labelSource(k *kustomization, d *manifest.Document, steps []step) (source, bool) {
	n := len(steps)
	if n < 2 || steps[n-1].seq {
		return source{}, false
	}
	key := steps[n-1].key
	parent := format(steps[:n-1])
	var place string
	switch {
	case parent == "metadata.labels":
		place = "metadata"
	case parent == "spec.selector" || strings.HasSuffix(parent, "matchLabels"):
		place = "selector"
	case strings.HasSuffix(parent, "metadata.labels"):
		place = "template"
	default:
		return source{}, false
	}
	value, _ := scalar(valueAt(d, steps))
	if v, ok := scalar(get(get(k.doc.Node, "commonLabels"), key)); ok && v == value {
		return source{doc: k.doc, field: "commonLabels[" + key + "]", what: "commonLabels"}, true
	}
	ls := items(get(k.doc.Node, "labels"))
	for j := len(ls) - 1; j >= 0; j-- {
		v, ok := scalar(get(get(ls[j], "pairs"), key))
		if !ok || v != value {
			continue
		}
		sel, _ := scalar(get(ls[j], "includeSelectors"))
		tpl, _ := scalar(get(ls[j], "includeTemplates"))
		if place == "metadata" || (place == "template" && (sel == "true" || tpl == "true")) || (place == "selector" && sel == "true") {
			return source{doc: k.doc, field: fmt.Sprintf("labels[%d].pairs[%s]", j, key), what: "labels"}, true
		}
	}
	return source{}, false
}

// imageSource finds the images entry of k that set the image at steps of
// d.
func imageSource(k *kustomization, d *manifest.Document, steps []step) (source, bool) {
	n := len(steps)
	if n < 3 || steps[n-1].key != "image" || !steps[n-2].seq {
		return source{}, false
	}
	switch steps[n-3].key {
	case "containers", "initContainers", "ephemeralContainers":
	default:
		return source{}, false
	}
	image, _ := scalar(valueAt(d, steps))
	name := image
	if i := strings.IndexByte(name, '@'); i >= 0 {
		name = name[:i]
	}
	if i := strings.LastIndexByte(name, ':'); i > strings.LastIndexByte(name, '/') {
		name = name[:i]
	}
	imgs := items(get(k.doc.Node, "images"))
	for j := len(imgs) - 1; j >= 0; j-- {
		orig, _ := scalar(get(imgs[j], "name"))
		newName, hasNew := scalar(get(imgs[j], "newName"))
		if !(hasNew && newName == name) && !(!hasNew && orig == name) {
			continue
		}
		field := fmt.Sprintf("images[%d]", j)
		for _, key := range []string{"newTag", "digest", "newName"} {
			if get(imgs[j], key) != nil {
				field += "." + key
				break
			}
		}
		return source{doc: k.doc, field: field, what: "images"}, true
	}
	return source{}, false
}
