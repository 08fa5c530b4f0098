package kustomize

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/daemonlint/daemonlint/manifest"

	"go.yaml.in/yaml/v3"
)

// fileNames are the names krusty recognises for a kustomization file, in
// its order.
var fileNames = []string{"kustomization.yaml", "kustomization.yml", "Kustomization"}

// kustFile returns the kustomization file of dir, or "" when it has none.
func kustFile(dir string) string {
	for _, n := range fileNames {
		p := filepath.Join(dir, n)
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// A role is what a kustomization does with a path it names.
type role int

const (
	roleResource role = iota
	roleComponent
	rolePatch
	roleGeneratorInput
	roleOther // replacements, crds, configurations, openapi, plugin configs
)

// A ref is one path that a kustomization names.
type ref struct {
	// field is its field path in the kustomization ("resources[2]").
	field string
	// value is the path as written.
	value string
	// path is value joined to the kustomization's directory; "" for a
	// remote reference.
	path string
	role role
	// remote is set for a URL or a git repository.
	remote bool
	// dir is set when path is a directory holding a kustomization.
	dir bool
}

// A patchKind says how a patch is applied.
type patchKind int

const (
	patchSMP       patchKind = iota // a strategic-merge patch
	patchJSON                       // a JSON 6902 patch
	patchUndecided                  // a patches entry: its content decides
)

// A patch is one patch entry of a kustomization.
type patch struct {
	// field is the entry's field path in the kustomization.
	field string
	// transformer is the builtin transformer kind that applies it.
	transformer string
	kind        patchKind
	// file is the patch file, or "" for an inline patch.
	file string
	// target is the entry's target selector, or nil.
	target *yaml.Node
}

// A kustomization is one parsed kustomization file.
type kustomization struct {
	dir  string
	file string
	doc  *manifest.Document // nil when the file does not parse
	refs []ref
	// patches are in the order krusty applies them within this
	// kustomization.
	patches []patch
}

// readKustomization reads the kustomization of dir. It returns nil when
// dir holds none. A file that does not parse gives a kustomization with no
// document and no references: the build reports the problem.
func readKustomization(dir string) *kustomization {
	file := kustFile(dir)
	if file == "" {
		return nil
	}
	k := &kustomization{dir: dir, file: file}
	src, err := os.ReadFile(file)
	if err != nil {
		return k
	}
	docs, _ := manifest.Parse(manifest.NewFile(file, src))
	if len(docs) == 0 || docs[0].Node == nil || docs[0].Node.Kind != yaml.MappingNode {
		return k
	}
	k.doc = docs[0]
	k.read()
	return k
}

// read collects the references and patches of k.doc.
func (k *kustomization) read() {
	root := k.doc.Node
	paths := func(key string, r role) {
		for i, v := range items(get(root, key)) {
			if s, ok := scalar(v); ok {
				k.add(fmt.Sprintf("%s[%d]", key, i), s, r)
			}
		}
	}
	paths("resources", roleResource)
	paths("bases", roleResource)
	paths("components", roleComponent)
	paths("crds", roleOther)
	paths("configurations", roleOther)
	paths("generators", roleOther)
	paths("transformers", roleOther)
	paths("validators", roleOther)
	if s, ok := scalar(get(get(root, "openapi"), "path")); ok {
		k.add("openapi.path", s, roleOther)
	}
	for i, r := range items(get(root, "replacements")) {
		if s, ok := scalar(get(r, "path")); ok {
			k.add(fmt.Sprintf("replacements[%d].path", i), s, roleOther)
		}
	}
	for _, gen := range []string{"configMapGenerator", "secretGenerator"} {
		for i, g := range items(get(root, gen)) {
			for j, f := range items(get(g, "files")) {
				if s, ok := scalar(f); ok {
					// "key=path" names the data key; the path follows.
					if _, p, found := strings.Cut(s, "="); found {
						s = p
					}
					k.add(fmt.Sprintf("%s[%d].files[%d]", gen, i, j), s, roleGeneratorInput)
				}
			}
			for j, f := range items(get(g, "envs")) {
				if s, ok := scalar(f); ok {
					k.add(fmt.Sprintf("%s[%d].envs[%d]", gen, i, j), s, roleGeneratorInput)
				}
			}
			if s, ok := scalar(get(g, "env")); ok {
				k.add(fmt.Sprintf("%s[%d].env", gen, i), s, roleGeneratorInput)
			}
		}
	}

	// Patches, in krusty's order: patchesStrategicMerge, patches, then
	// (after the name, label and annotation transformers) patchesJson6902.
	for i, v := range items(get(root, "patchesStrategicMerge")) {
		s, ok := scalar(v)
		if !ok {
			continue
		}
		field := fmt.Sprintf("patchesStrategicMerge[%d]", i)
		p := patch{field: field, transformer: "PatchStrategicMergeTransformer", kind: patchSMP}
		// An entry is a file when one exists, else an inline patch.
		if isFile(filepath.Join(k.dir, s)) {
			p.file = filepath.Join(k.dir, s)
			k.add(field, s, rolePatch)
		}
		k.patches = append(k.patches, p)
	}
	for i, v := range items(get(root, "patches")) {
		field := fmt.Sprintf("patches[%d]", i)
		p := patch{field: field, transformer: "PatchTransformer", kind: patchUndecided, target: get(v, "target")}
		if s, ok := scalar(get(v, "path")); ok {
			p.file = filepath.Join(k.dir, s)
			k.add(field+".path", s, rolePatch)
		}
		k.patches = append(k.patches, p)
	}
	for i, v := range items(get(root, "patchesJson6902")) {
		field := fmt.Sprintf("patchesJson6902[%d]", i)
		p := patch{field: field, transformer: "PatchJson6902Transformer", kind: patchJSON, target: get(v, "target")}
		if s, ok := scalar(get(v, "path")); ok {
			p.file = filepath.Join(k.dir, s)
			k.add(field+".path", s, rolePatch)
		}
		k.patches = append(k.patches, p)
	}
}

// add records a path that k names.
func (k *kustomization) add(field, value string, r role) {
	rf := ref{field: field, value: value, role: r}
	p := filepath.Join(k.dir, value)
	info, err := os.Stat(p)
	switch {
	case err == nil:
		rf.path = p
		rf.dir = info.IsDir() && kustFile(p) != ""
	case isRemote(value):
		rf.remote = true
	default:
		// Missing: the build names it.
		rf.path = p
	}
	k.refs = append(k.refs, rf)
}

// line returns the 1-based line of a field of k, or 1.
func (k *kustomization) line(field string) int {
	if k.doc == nil {
		return 1
	}
	loc := k.doc.Lookup(field)
	return k.doc.File.Position(loc.Span.Start).Line
}

// isRemote reports whether a resource as written is a URL or a git
// repository, as kustomize reads it when no local file has that name.
func isRemote(s string) bool {
	if strings.Contains(s, "://") || strings.HasPrefix(s, "git@") || strings.Contains(s, "?ref=") ||
		strings.Contains(s, "?version=") || strings.HasPrefix(s, "git::") {
		return true
	}
	for _, host := range []string{"github.com/", "gitlab.com/", "bitbucket.org/"} {
		if strings.HasPrefix(s, host) {
			return true
		}
	}
	return false
}

func isFile(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.Mode().IsRegular()
}

// get returns the value of key in the mapping n, the last one where a key
// is repeated, or nil.
func get(n *yaml.Node, key string) *yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var v *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			v = n.Content[i+1]
		}
	}
	return v
}

// items returns the items of the sequence n, or nil.
func items(n *yaml.Node) []*yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// scalar returns the value of the scalar n.
func scalar(n *yaml.Node) (string, bool) {
	n = deref(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", false
	}
	return n.Value, true
}

// deref resolves an alias, once.
func deref(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode {
		return n.Alias
	}
	return n
}

// A Tree is what Find learned about the kustomizations under a directory.
type Tree struct {
	// Kustomizations are the directories that hold a kustomization file,
	// sorted, each joined to the root as Find was given it.
	Kustomizations []string
	// Leaves are the kustomizations that no other kustomization in the
	// tree uses as a resource or component, and that are not components
	// themselves: the ones to build. Sorted.
	Leaves []string
	// Read are the files that the kustomizations read, sorted: their
	// kustomization files, resources, patches, components' files,
	// generators' inputs, replacement sources, CRDs, configurations and
	// OpenAPI schemas. A caller does not lint them as standalone
	// manifests; a resource is checked through the build instead.
	Read []string
}

// Reads reports whether a kustomization in t reads the file path, given
// joined to the same root as Find was.
func (t Tree) Reads(path string) bool {
	_, found := slices.BinarySearch(t.Read, filepath.Clean(path))
	return found
}

// Find walks root for kustomizations, skipping vendor/, node_modules/ and
// directories whose names start with a dot, and works out which are leaves
// and which files they read. It does not build anything and fetches
// nothing: a leaf that needs a remote resource is reported by Build. A
// component that no kustomization uses is not a leaf (kustomize does not
// build a component on its own), but its files are read. Find fails only
// when root cannot be walked.
func Find(root string) (Tree, error) {
	var t Tree
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			return nil // an unreadable subdirectory is not ours to report
		}
		if !d.IsDir() {
			return nil
		}
		if p != root {
			name := d.Name()
			if name == "vendor" || name == "node_modules" || strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
		}
		if kustFile(p) != "" {
			dirs = append(dirs, p)
		}
		return nil
	})
	if err != nil {
		return Tree{}, fmt.Errorf("finding kustomizations in %s: %w", root, err)
	}

	used := map[string]bool{}
	read := map[string]bool{}
	isComponent := map[string]bool{}
	for _, dir := range dirs {
		k := readKustomization(dir)
		read[filepath.Clean(k.file)] = true
		if k.doc != nil && k.doc.Kind == "Component" {
			isComponent[dir] = true
		}
		for _, r := range k.refs {
			switch {
			case r.remote || r.path == "":
			case r.dir:
				used[filepath.Clean(r.path)] = true
			case isFile(r.path):
				read[filepath.Clean(r.path)] = true
			}
		}
	}
	slices.Sort(dirs)
	t.Kustomizations = dirs
	for _, dir := range dirs {
		if !used[filepath.Clean(dir)] && !isComponent[dir] {
			t.Leaves = append(t.Leaves, dir)
		}
	}
	for p := range read {
		t.Read = append(t.Read, p)
	}
	slices.Sort(t.Read)
	return t, nil
}

// errNoKustomization is returned for a directory without a kustomization.
var errNoKustomization = errors.New("no kustomization.yaml, kustomization.yml or Kustomization")

// quote quotes a value for a message.
func quote(s string) string { return strconv.Quote(s) }
