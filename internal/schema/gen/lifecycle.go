package gen

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// A GroupVersionKind names a kind of an API version.
type GroupVersionKind struct {
	Group, Version, Kind string
}

// APIVersion returns "group/version", or "version" for the core group.
func (g GroupVersionKind) APIVersion() string {
	if g.Group == "" {
		return g.Version
	}
	return g.Group + "/" + g.Version
}

// A Lifecycle is what a release of k8s.io/api says about a pre-release
// (alpha or beta) kind in its zz_generated.prerelease-lifecycle.go: the
// releases ("1.N") that introduced, deprecate and remove it, and the kind
// to use instead.
type Lifecycle struct {
	GroupVersionKind
	Introduced, Deprecated, Removed string
	// Replacement is the zero value when the release names none.
	Replacement GroupVersionKind
	// Source is the k8s.io/api release the data was read from.
	Source string
}

const lifecycleFile = "zz_generated.prerelease-lifecycle.go"

// ReadLifecycles reads every zz_generated.prerelease-lifecycle.go of the
// k8s.io/api module at the root of fsys (release names the module version,
// recorded as Source) and returns the lifecycle of every kind they
// describe, sorted by apiVersion and kind. The group of a package is the
// GroupName constant of its register.go. List types (FooList beside Foo)
// are left out.
func ReadLifecycles(fsys fs.FS, release string) ([]Lifecycle, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() == lifecycleFile {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	var out []Lifecycle
	for _, f := range files {
		dir := path.Dir(f)
		group, err := GroupName(fsys, dir)
		if err != nil {
			return nil, err
		}
		ls, err := readLifecycleFile(fsys, f)
		if err != nil {
			return nil, err
		}
		version := path.Base(dir)
		for _, l := range ls {
			if base, ok := strings.CutSuffix(l.Kind, "List"); ok && slices.ContainsFunc(ls, func(o Lifecycle) bool { return o.Kind == base }) {
				continue
			}
			l.Group, l.Version, l.Source = group, version, release
			out = append(out, l)
		}
	}
	sortLifecycles(out)
	return out, nil
}

func sortLifecycles(ls []Lifecycle) {
	slices.SortFunc(ls, func(a, b Lifecycle) int {
		if c := strings.Compare(a.APIVersion(), b.APIVersion()); c != 0 {
			return c
		}
		return strings.Compare(a.Kind, b.Kind)
	})
}

// MergeLifecycles merges the lifecycles read from several releases of
// k8s.io/api, oldest first: a kind that later releases describe again
// takes their word, and a kind that they no longer have (its types were
// deleted after its removal) keeps the word of the last release that had
// it. The result is sorted by apiVersion and kind.
func MergeLifecycles(releases ...[]Lifecycle) []Lifecycle {
	byKind := map[GroupVersionKind]Lifecycle{}
	for _, ls := range releases {
		for _, l := range ls {
			byKind[l.GroupVersionKind] = l
		}
	}
	out := make([]Lifecycle, 0, len(byKind))
	for _, l := range byKind {
		out = append(out, l)
	}
	sortLifecycles(out)
	return out
}

// readLifecycleFile parses one zz_generated.prerelease-lifecycle.go: the
// methods APILifecycleIntroduced, APILifecycleDeprecated,
// APILifecycleRemoved and APILifecycleReplacement of each type, each a
// single return statement of constants.
func readLifecycleFile(fsys fs.FS, name string) ([]Lifecycle, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, 0)
	if err != nil {
		return nil, err
	}
	byType := map[string]*Lifecycle{}
	var order []string
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || len(fn.Recv.List) != 1 || !strings.HasPrefix(fn.Name.Name, "APILifecycle") {
			continue
		}
		star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
		if !ok {
			return nil, fmt.Errorf("%s: %s: receiver is not a pointer", fset.Position(fn.Pos()), fn.Name.Name)
		}
		typ, ok := star.X.(*ast.Ident)
		if !ok {
			return nil, fmt.Errorf("%s: %s: receiver is not a named type", fset.Position(fn.Pos()), fn.Name.Name)
		}
		l := byType[typ.Name]
		if l == nil {
			l = &Lifecycle{GroupVersionKind: GroupVersionKind{Kind: typ.Name}}
			byType[typ.Name] = l
			order = append(order, typ.Name)
		}
		if fn.Body == nil || len(fn.Body.List) != 1 {
			return nil, fmt.Errorf("%s: %s.%s: want a single return statement", fset.Position(fn.Pos()), typ.Name, fn.Name.Name)
		}
		ret, ok := fn.Body.List[0].(*ast.ReturnStmt)
		if !ok {
			return nil, fmt.Errorf("%s: %s.%s: want a single return statement", fset.Position(fn.Pos()), typ.Name, fn.Name.Name)
		}
		switch fn.Name.Name {
		case "APILifecycleIntroduced", "APILifecycleDeprecated", "APILifecycleRemoved":
			rel, err := releaseOf(ret)
			if err != nil {
				return nil, fmt.Errorf("%s: %s.%s: %w", fset.Position(fn.Pos()), typ.Name, fn.Name.Name, err)
			}
			switch fn.Name.Name {
			case "APILifecycleIntroduced":
				l.Introduced = rel
			case "APILifecycleDeprecated":
				l.Deprecated = rel
			default:
				l.Removed = rel
			}
		case "APILifecycleReplacement":
			gvk, err := gvkOf(ret)
			if err != nil {
				return nil, fmt.Errorf("%s: %s.%s: %w", fset.Position(fn.Pos()), typ.Name, fn.Name.Name, err)
			}
			l.Replacement = gvk
		default:
			return nil, fmt.Errorf("%s: unknown method %s.%s", fset.Position(fn.Pos()), typ.Name, fn.Name.Name)
		}
	}
	out := make([]Lifecycle, 0, len(order))
	for _, name := range order {
		out = append(out, *byType[name])
	}
	return out, nil
}

// releaseOf reads `return 1, 26` as "1.26".
func releaseOf(ret *ast.ReturnStmt) (string, error) {
	if len(ret.Results) != 2 {
		return "", fmt.Errorf("want return major, minor")
	}
	var n [2]int
	for i, r := range ret.Results {
		lit, ok := r.(*ast.BasicLit)
		if !ok || lit.Kind != token.INT {
			return "", fmt.Errorf("want return major, minor as integer constants")
		}
		v, err := strconv.Atoi(lit.Value)
		if err != nil {
			return "", err
		}
		n[i] = v
	}
	return fmt.Sprintf("%d.%d", n[0], n[1]), nil
}

// gvkOf reads `return schema.GroupVersionKind{Group: "g", Version: "v",
// Kind: "k"}`.
func gvkOf(ret *ast.ReturnStmt) (GroupVersionKind, error) {
	var g GroupVersionKind
	if len(ret.Results) != 1 {
		return g, fmt.Errorf("want return schema.GroupVersionKind{...}")
	}
	lit, ok := ret.Results[0].(*ast.CompositeLit)
	if !ok {
		return g, fmt.Errorf("want return schema.GroupVersionKind{...}")
	}
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			return g, fmt.Errorf("want keyed fields in schema.GroupVersionKind{...}")
		}
		key, _ := kv.Key.(*ast.Ident)
		val, ok := kv.Value.(*ast.BasicLit)
		if key == nil || !ok || val.Kind != token.STRING {
			return g, fmt.Errorf("want Field: \"string\" in schema.GroupVersionKind{...}")
		}
		s, err := strconv.Unquote(val.Value)
		if err != nil {
			return g, err
		}
		switch key.Name {
		case "Group":
			g.Group = s
		case "Version":
			g.Version = s
		case "Kind":
			g.Kind = s
		default:
			return g, fmt.Errorf("unknown field %s in schema.GroupVersionKind{...}", key.Name)
		}
	}
	return g, nil
}

// GroupName returns the GroupName constant that the Go files of dir (an
// API package of the module at the root of fsys, "apps/v1" in k8s.io/api)
// declare: "" for the core group.
func GroupName(fsys fs.FS, dir string) (string, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.go"))
	if err != nil {
		return "", err
	}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return "", err
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, 0)
		if err != nil {
			return "", err
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if id.Name != "GroupName" || i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						return "", fmt.Errorf("%s: GroupName is not a string constant", name)
					}
					return strconv.Unquote(lit.Value)
				}
			}
		}
	}
	return "", fmt.Errorf("%s: no GroupName constant", dir)
}

// LegacyBetaResources reads the controlplane source of a release
// (pkg/controlplane/instance.go of k8s.io/kubernetes) and returns the beta
// resources it still enables by default: the elements of its
// legacyBetaEnabledByDefaultResources list, written as
// pkg.SchemeGroupVersion.WithResource("name") where pkg is an imported
// API package. groupOf returns the API group of such a package from its
// import path ("k8s.io/kubernetes/pkg/apis/flowcontrol/v1beta3"); the
// version is the last element of the path. A source without the list
// (releases from 1.32 on) enables none.
func LegacyBetaResources(name string, src []byte, groupOf func(dir string) (string, error)) ([]GroupVersionResource, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, 0)
	if err != nil {
		return nil, err
	}
	imports := map[string]string{}
	for _, im := range f.Imports {
		p, err := strconv.Unquote(im.Path.Value)
		if err != nil {
			return nil, err
		}
		alias := path.Base(p)
		if im.Name != nil {
			alias = im.Name.Name
		}
		imports[alias] = p
	}
	var out []GroupVersionResource
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, id := range vs.Names {
				if id.Name != "legacyBetaEnabledByDefaultResources" || i >= len(vs.Values) {
					continue
				}
				list, ok := vs.Values[i].(*ast.CompositeLit)
				if !ok {
					return nil, fmt.Errorf("%s: %s is not a list", fset.Position(id.Pos()), id.Name)
				}
				for _, e := range list.Elts {
					r, err := withResource(e, imports, groupOf)
					if err != nil {
						return nil, fmt.Errorf("%s: %w", fset.Position(e.Pos()), err)
					}
					out = append(out, r)
				}
			}
		}
	}
	return out, nil
}

// withResource reads pkg.SchemeGroupVersion.WithResource("name").
func withResource(e ast.Expr, imports map[string]string, groupOf func(string) (string, error)) (GroupVersionResource, error) {
	bad := fmt.Errorf("want pkg.SchemeGroupVersion.WithResource(\"name\")")
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return GroupVersionResource{}, bad
	}
	fun, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || fun.Sel.Name != "WithResource" {
		return GroupVersionResource{}, bad
	}
	sgv, ok := fun.X.(*ast.SelectorExpr)
	if !ok || sgv.Sel.Name != "SchemeGroupVersion" {
		return GroupVersionResource{}, bad
	}
	pkg, ok := sgv.X.(*ast.Ident)
	if !ok {
		return GroupVersionResource{}, bad
	}
	lit, ok := call.Args[0].(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return GroupVersionResource{}, bad
	}
	resource, err := strconv.Unquote(lit.Value)
	if err != nil {
		return GroupVersionResource{}, err
	}
	importPath, ok := imports[pkg.Name]
	if !ok {
		return GroupVersionResource{}, fmt.Errorf("%s is not an imported package", pkg.Name)
	}
	group, err := groupOf(importPath)
	if err != nil {
		return GroupVersionResource{}, err
	}
	return GroupVersionResource{Group: group, Version: path.Base(importPath), Resource: resource}, nil
}
