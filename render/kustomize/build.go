package kustomize

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/daemonlint/daemonlint/manifest"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/resmap"
	"sigs.k8s.io/kustomize/api/resource"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	kyaml "sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/daemonlint/daemonlint/render"
)

// The annotations of kustomize's build metadata.
const (
	originAnnotation          = "config.kubernetes.io/origin"
	transformationsAnnotation = "alpha.config.kubernetes.io/transformations"
)

// Options are the options of Build.
type Options struct {
	// LoadAnywhere lets a kustomization read files outside its own
	// directory tree, as `kustomize build --load-restrictor
	// LoadRestrictionsNone` does. By default it may not, as with kubectl.
	LoadAnywhere bool
}

// Build builds the kustomization in dir with krusty on the real file
// system and returns the built objects as one stream, in the order
// `kustomize build` prints them, with a source map back to the files that
// wrote each field.
//
// The stream is one Output for the whole build, not one per object: its
// lines then follow `kustomize build` output (less the build-metadata
// annotations, which Build strips), and rules that look across objects see
// them all.
//
// A build that fails is one Failure, on the line of the kustomization file
// that names the failing entry when the error names one. A kustomization
// that needs a remote resource is not built: each remote entry is a
// Failure on its line.
//
// Build may be called from several goroutines; the krusty runs themselves
// take turns, as krusty keeps an OpenAPI schema in a package variable.
func Build(dir string, opts Options) ([]render.Output, []render.Failure) {
	origin := render.Origin{Kind: "kustomization", Root: dir}
	chain := loadChain(dir)
	top := chain[filepath.Clean(dir)]
	if top == nil {
		return nil, []render.Failure{{File: dir, Message: fmt.Sprintf("%s: %v", dir, errNoKustomization), Origin: origin}}
	}
	var fails []render.Failure
	for _, k := range chain.ordered(dir) {
		for _, r := range k.refs {
			if r.remote {
				fails = append(fails, render.Failure{
					File:   k.file,
					Line:   k.line(r.field),
					Origin: origin,
					Message: fmt.Sprintf("%s: %s is a remote resource, which daemonlint does not fetch; "+
						"vendor it into the repository and name its local path instead", r.field, quote(r.value)),
				})
			}
		}
	}
	if len(fails) > 0 {
		return nil, fails
	}

	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, []render.Failure{{File: top.file, Line: 1, Message: err.Error(), Origin: origin}}
	}
	kopts := krusty.MakeDefaultOptions()
	if opts.LoadAnywhere {
		kopts.LoadRestrictions = types.LoadRestrictionsNone
	}
	fsys := metadataFS{FileSystem: filesys.MakeFsOnDisk(), file: filepath.Join(abs, filepath.Base(top.file))}
	m, err := run(kopts, fsys, abs)
	if err != nil {
		msg := strings.ReplaceAll(err.Error(), abs+string(filepath.Separator), filepath.Clean(dir)+string(filepath.Separator))
		file, line, field, value := chain.blame(dir, msg)
		if field != "" {
			msg = fmt.Sprintf("%s: %s: %s", field, quote(value), msg)
		}
		return nil, []render.Failure{{File: file, Line: line, Message: msg, Origin: origin}}
	}

	// Read each object's build metadata, then strip it.
	var objs []object
	for _, r := range m.Resources() {
		o := object{}
		if or, err := r.GetOrigin(); err == nil && or != nil {
			o.origin = *or
		}
		if ts, err := r.GetTransformations(); err == nil {
			for _, t := range ts {
				if t != nil {
					o.transformations = append(o.transformations, *t)
				}
			}
		}
		if err := stripMetadata(r); err != nil {
			return nil, []render.Failure{{File: top.file, Line: 1, Message: err.Error(), Origin: origin}}
		}
		objs = append(objs, o)
	}
	src, err := m.AsYaml()
	if err != nil {
		return nil, []render.Failure{{File: top.file, Line: 1, Message: err.Error(), Origin: origin}}
	}
	sm := newSourceMap(dir, top.file, src, objs, chain)
	return []render.Output{{Name: dir, Src: src, Map: sm, Origin: origin}}, nil
}

// krustyMu serialises builds: krusty sets kyaml's OpenAPI schema, a
// package variable, from each kustomization's openapi field.
var krustyMu sync.Mutex

// run runs krusty, turning a panic inside it into an error.
func run(opts *krusty.Options, fsys filesys.FileSystem, dir string) (m resmap.ResMap, err error) {
	krustyMu.Lock()
	defer krustyMu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, fmt.Errorf("kustomize failed: %v", r)
		}
	}()
	return krusty.MakeKustomizer(opts).Run(fsys, dir)
}

// An object is what the build metadata said about one built object.
type object struct {
	origin          resource.Origin
	transformations []resource.Origin
}

// stripMetadata removes the build-metadata annotations from r, and the
// annotations field when nothing else is left in it.
func stripMetadata(r *resource.Resource) error {
	anns := r.GetAnnotations()
	delete(anns, originAnnotation)
	delete(anns, transformationsAnnotation)
	if len(anns) > 0 {
		return r.SetAnnotations(anns)
	}
	meta, err := r.Pipe(kyaml.Lookup(kyaml.MetadataField))
	if err != nil || meta == nil {
		return err
	}
	return meta.PipeE(kyaml.Clear(kyaml.AnnotationsField))
}

// metadataFS is the file system on disk, except that the kustomization
// file being built reads with build metadata turned on. Nothing is written.
type metadataFS struct {
	filesys.FileSystem
	file string
}

// ReadFile implements filesys.FileSystem.
func (f metadataFS) ReadFile(path string) ([]byte, error) {
	b, err := f.FileSystem.ReadFile(path)
	if err != nil || filepath.Clean(path) != f.file {
		return b, err
	}
	return withBuildMetadata(b)
}

// withBuildMetadata returns a kustomization file's bytes with
// originAnnotations and transformerAnnotations added to buildMetadata.
func withBuildMetadata(b []byte) ([]byte, error) {
	rn, err := kyaml.Parse(string(b))
	if err != nil {
		return b, nil // krusty reports it
	}
	want := []string{types.OriginAnnotations, types.TransformerAnnotations}
	list := kyaml.NewListRNode()
	have := map[string]bool{}
	if n, err := rn.Pipe(kyaml.Lookup("buildMetadata")); err == nil && n != nil {
		for _, e := range n.YNode().Content {
			if !have[e.Value] {
				have[e.Value] = true
				list.YNode().Content = append(list.YNode().Content, kyaml.NewStringRNode(e.Value).YNode())
			}
		}
	}
	for _, v := range want {
		if !have[v] {
			list.YNode().Content = append(list.YNode().Content, kyaml.NewStringRNode(v).YNode())
		}
	}
	if err := rn.PipeE(kyaml.SetField("buildMetadata", list)); err != nil {
		return b, nil
	}
	s, err := rn.String()
	if err != nil {
		return b, nil
	}
	return []byte(s), nil
}

// A chain is the kustomizations a build reads, by cleaned directory.
type chain map[string]*kustomization

// loadChain reads the kustomization in dir and every local kustomization
// it uses, transitively.
func loadChain(dir string) chain {
	c := chain{}
	var visit func(string)
	visit = func(d string) {
		d = filepath.Clean(d)
		if _, seen := c[d]; seen {
			return
		}
		k := readKustomization(d)
		c[d] = k
		if k == nil {
			return
		}
		for _, r := range k.refs {
			if r.dir && (r.role == roleResource || r.role == roleComponent) {
				visit(r.path)
			}
		}
	}
	visit(dir)
	return c
}

// ordered returns the kustomizations of c reachable from dir, dir first,
// depth first in the order they are named.
func (c chain) ordered(dir string) []*kustomization {
	var out []*kustomization
	seen := map[string]bool{}
	var visit func(string)
	visit = func(d string) {
		d = filepath.Clean(d)
		k := c[d]
		if seen[d] || k == nil {
			return
		}
		seen[d] = true
		out = append(out, k)
		for _, r := range k.refs {
			if r.dir && (r.role == roleResource || r.role == roleComponent) {
				visit(r.path)
			}
		}
	}
	visit(dir)
	return out
}

// blame finds the kustomization file and line that a build error names:
// starting at dir, the entry whose quoted value the message names first,
// then, when that entry is a kustomization, its entries named after that,
// and so on. Without a named entry it is line 1 of dir's kustomization.
func (c chain) blame(dir, msg string) (file string, line int, field, value string) {
	k := c[filepath.Clean(dir)]
	file, line = k.file, 1
	pos := 0
	seen := map[*kustomization]bool{}
	for k != nil && !seen[k] {
		seen[k] = true
		best, at := -1, len(msg)+1
		for i, r := range k.refs {
			j := strings.Index(msg[pos:], "'"+r.value+"'")
			if j < 0 || r.value == "" {
				continue
			}
			if j < at || (j == at && best >= 0 && len(r.value) > len(k.refs[best].value)) {
				best, at = i, j
			}
		}
		if best < 0 {
			break
		}
		r := k.refs[best]
		file, line, field, value = k.file, k.line(r.field), r.field, r.value
		pos += at + len(r.value) + 2
		if !r.dir {
			break
		}
		k = c[filepath.Clean(r.path)]
	}
	return file, line, field, value
}

// parsed reads and parses a source file once per build.
type parsed struct {
	files map[string][]*manifest.Document
}

func (p *parsed) docs(path string) []*manifest.Document {
	if d, ok := p.files[path]; ok {
		return d
	}
	var docs []*manifest.Document
	if src, err := os.ReadFile(path); err == nil {
		docs, _ = manifest.Parse(manifest.NewFile(path, bytes.Clone(src)))
	}
	p.files[path] = docs
	return docs
}
