// Package helm renders Helm charts with Helm's own engine (helm.sh/helm/v4:
// the v2 chart loader, values coalescing and values.schema.json validation,
// engine.Render) into render.Outputs, one per rendered template file, each
// with a source map that points every rendered byte back at the template line
// that produced it.
//
// A chart is rendered as `helm template` renders it: release name
// "release-name", the namespace of Options (default "default"), IsInstall,
// and the capabilities of the Kubernetes version of Options (default 1.37.2),
// with no cluster to talk to (the lookup function returns nothing). Subcharts
// and library charts render as Helm renders them; NOTES.txt and partials
// (_*.tpl) are not manifests; test hooks under templates/tests are rendered
// like any other template.
//
// # Renders
//
// Without ValuesFiles or Set, a chart is rendered with its values.yaml,
// then once more for each ci/*-values.yaml (the chart-testing convention);
// each Output's Origin.Values names the values files of its render. The
// Outputs of different renders share their Names. A render that fails (a
// required value, a fail call, a template that does not parse or execute, a
// values file that does not parse or fails values.schema.json) is one
// render.Failure at the file and line Helm names; the other renders go on.
//
// # Source maps
//
// Each Output's map is built by aligning the rendered text with its
// template line by line. A template line of literal text that appears
// unchanged maps to itself, column included, and is Exact: a fix there is
// an edit of the template. A line that mixes text and actions
// ("replicas: {{ .Values.replicas }}") maps to itself; its literal bytes
// are Exact, what the actions wrote is not. Lines written by actions
// between two aligned lines (include … | nindent, toYaml, tpl, the body of
// a with, if or range) map to the action's line, not Exact, with a Note
// that names the values file and key that fed it ("from values.yaml:
// resources") or the named template and where it is defined. The later
// iterations of a range map to the range's lines, not Exact. Templates
// inside packaged subcharts map to the archive, not Exact, with the
// template's path and line in the Note.
//
// # Cost
//
// The package imports only Helm's chart loader, values handling, strvals
// and engine: not pkg/action, pkg/cli or the kube clients of helm install.
// Helm's chart/common package (which the engine and the loader both need)
// still links k8s.io/client-go/kubernetes/scheme and apiextensions types,
// whose package initialisation dominates: measured with
// GODEBUG=inittrace=1 on a program that imports lint, the sum of init times
// goes from 4.7 ms (median 5.8) to 10.2 ms (median 13.5) when it also
// imports this package, and the binary from 14 MB to 37 MB; a daemonlint
// built with this package linked takes about 9 ms longer to lint one
// 20-document file (median of 21 runs, 30 ms against 21 ms). Rendering a
// chart of 20 DaemonSet templates, source maps included, takes 7 to 14 ms
// (BenchmarkRender20Templates); the fluent-bit chart's two renders 20 to
// 40 ms (BenchmarkRenderFluentBit), most of it in Helm's engine. All these
// figures are from a shared, busy 2-core machine.
package helm

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"helm.sh/helm/v4/pkg/chart/common"
	cutil "helm.sh/helm/v4/pkg/chart/common/util"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/engine"
	"helm.sh/helm/v4/pkg/strvals"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/render"
)

// ReleaseName is the release name every chart is rendered with, as
// `helm template` names a release when it is given none.
const ReleaseName = "release-name"

// DefaultKubeVersion is the Kubernetes version whose capabilities a chart
// is rendered with when Options names none.
const DefaultKubeVersion = "1.37.2"

// Options says how to render a chart.
type Options struct {
	// ValuesFiles are values files merged over the chart's values.yaml in
	// order, as `helm template -f`. When ValuesFiles or Set is given there is
	// one render with them; otherwise the chart's values.yaml is rendered, and
	// then each ci/*-values.yaml of the chart as a render of its own.
	ValuesFiles []string
	// Set holds key=value assignments, as `helm template --set`, applied
	// after ValuesFiles with Helm's strvals parser.
	Set []string
	// Namespace is the release namespace; "default" when empty.
	Namespace string
	// KubeVersion is the Kubernetes version of .Capabilities.KubeVersion;
	// DefaultKubeVersion when empty.
	KubeVersion string
	// SkipCRDs leaves out the files of the chart's crds/ directories
	// (and its subcharts'), which Helm installs as they are, not rendered.
	// Otherwise they are Outputs of the first render that succeeds, as
	// `helm template --include-crds` prints them.
	SkipCRDs bool
}

// Render renders the chart in chartDir (a directory holding Chart.yaml, or
// a packaged .tgz) with Helm's engine. It returns one Output for each
// template file that rendered to something other than white space, for each
// render (see Options), and one Failure for each render that failed; a
// failed render does not stop the others.
func Render(chartDir string, opts Options) ([]render.Output, []render.Failure) {
	origin := render.Origin{Kind: "chart", Root: chartDir}
	ch, err := loader.Load(chartDir)
	if err != nil {
		return nil, []render.Failure{loadFailure(chartDir, err, origin)}
	}
	var sets []valueSet
	if len(opts.ValuesFiles) > 0 || len(opts.Set) > 0 {
		sets = []valueSet{{files: opts.ValuesFiles, set: opts.Set}}
	} else {
		sets = []valueSet{{}}
		if fi, err := os.Stat(chartDir); err == nil && fi.IsDir() {
			ci, _ := filepath.Glob(filepath.Join(chartDir, "ci", "*-values.yaml"))
			sort.Strings(ci)
			for _, f := range ci {
				sets = append(sets, valueSet{files: []string{f}})
			}
		}
	}
	var outs []render.Output
	var fails []render.Failure
	crdsDone := false
	for _, vs := range sets {
		// Each render loads the chart afresh: ProcessDependencies changes
		// the chart (it removes disabled subcharts, imports values).
		c := ch
		if len(sets) > 1 {
			if c, err = loader.Load(chartDir); err != nil {
				return outs, append(fails, loadFailure(chartDir, err, origin))
			}
		}
		o, f := renderOne(c, chartDir, vs, opts)
		if len(f) == 0 && !opts.SkipCRDs && !crdsDone {
			o = append(crdOutputs(c, chartDir, o), o...)
			crdsDone = true
		}
		outs = append(outs, o...)
		fails = append(fails, f...)
	}
	return outs, fails
}

// A valueSet is the values of one render.
type valueSet struct {
	files []string
	set   []string
}

// names returns the values files of a render as Origin.Values names them:
// the chart's values.yaml first, then the others relative to the chart
// when they lie inside it.
func (vs valueSet) names(chartDir string) []string {
	names := []string{"values.yaml"}
	for _, f := range vs.files {
		names = append(names, relTo(chartDir, f))
	}
	return names
}

func relTo(dir, f string) string {
	if r, err := filepath.Rel(dir, f); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return f
}

func loadFailure(chartDir string, err error, origin render.Origin) render.Failure {
	file := chartDir
	if fi, e := os.Stat(chartDir); e == nil && fi.IsDir() {
		file = filepath.Join(chartDir, "Chart.yaml")
	}
	return render.Failure{File: file, Message: "loading chart: " + err.Error(), Origin: origin}
}

// renderOne renders ch with one set of values.
func renderOne(ch *chart.Chart, chartDir string, vs valueSet, opts Options) ([]render.Output, []render.Failure) {
	origin := render.Origin{Kind: "chart", Root: chartDir, Values: vs.names(chartDir)}
	fail := func(file string, line int, msg string) []render.Failure {
		return []render.Failure{{File: file, Line: line, Message: msg, Origin: origin}}
	}
	user := map[string]any{}
	var userFiles []values
	for _, f := range vs.files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, fail(f, 0, fmt.Sprintf("reading values: %v", err))
		}
		m, err := loader.LoadValues(bytes.NewReader(raw))
		if err != nil {
			return nil, fail(f, yamlErrorLine(err), fmt.Sprintf("parsing values: %v", err))
		}
		user = loader.MergeMaps(user, m)
		userFiles = append(userFiles, values{name: relTo(chartDir, f), m: m})
	}
	for _, s := range vs.set {
		if err := strvals.ParseInto(s, user); err != nil {
			return nil, fail(chartDir, 0, fmt.Sprintf("parsing --set %q: %v", s, err))
		}
	}
	if err := chartutil.ProcessDependencies(ch, user); err != nil {
		return nil, fail(chartFile(chartDir), 0, fmt.Sprintf("processing chart dependencies: %v", err))
	}
	src := templateSources(ch, chartDir)
	kv := opts.KubeVersion
	if kv == "" {
		kv = DefaultKubeVersion
	}
	caps := common.DefaultCapabilities.Copy()
	v, err := common.ParseKubeVersion(kv)
	if err != nil {
		return nil, fail(chartDir, 0, fmt.Sprintf("kubernetes version %q: %v", kv, err))
	}
	caps.KubeVersion = *v
	if ch.Metadata.KubeVersion != "" && !chartutil.IsCompatibleRange(ch.Metadata.KubeVersion, caps.KubeVersion.String()) {
		return nil, fail(chartFile(chartDir), 0, fmt.Sprintf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s", ch.Metadata.KubeVersion, caps.KubeVersion.Version))
	}
	ns := opts.Namespace
	if ns == "" {
		ns = "default"
	}
	relOpts := common.ReleaseOptions{Name: ReleaseName, Namespace: ns, Revision: 1, IsInstall: true}
	rv, err := cutil.ToRenderValuesWithSchemaValidation(ch, user, relOpts, caps, false)
	if err != nil {
		// Values that fail values.schema.json: at the values file of the
		// highest precedence that sets the key the error names, or else
		// the last values file of the render (the chart's values.yaml when
		// it has no other).
		msg := strings.TrimSpace(err.Error())
		cands := append([]string{filepath.Join(chartDir, "values.yaml")}, vs.files...)
		file, line := cands[len(cands)-1], 0
		for i := len(cands) - 1; i >= 0; i-- {
			if l := schemaErrorLine(cands[i], msg); l > 0 {
				file, line = cands[i], l
				break
			}
		}
		return nil, fail(file, line, msg)
	}
	files, err := engine.Engine{}.Render(ch, rv)
	if err != nil {
		file, line := errorLocation(err.Error(), src)
		if file == "" {
			file = chartFile(chartDir)
		}
		return nil, fail(file, line, strings.TrimSpace(err.Error()))
	}

	vals := valuesSources(ch, chartDir, userFiles, vs.set)
	defs := defines(src)
	keys := make([]string, 0, len(files))
	for k := range files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var outs []render.Output
	for _, k := range keys {
		out := files[k]
		if strings.HasSuffix(k, "NOTES.txt") || strings.TrimSpace(out) == "" {
			continue
		}
		s, ok := src[k]
		if !ok {
			s = tplSource{file: filepath.Join(chartDir, filepath.FromSlash(strings.TrimPrefix(k, ch.Name()+"/")))}
		}
		s.defines = defs
		outs = append(outs, render.Output{
			Name:   renderName(chartDir, k, ch.Name()),
			Src:    []byte(out),
			Map:    newTemplateMap(s, []byte(out), subchartValues(ch, k, vals)),
			Origin: origin,
		})
	}
	return outs, nil
}

func chartFile(chartDir string) string {
	if fi, err := os.Stat(chartDir); err == nil && fi.IsDir() {
		return filepath.Join(chartDir, "Chart.yaml")
	}
	return chartDir
}

// renderName names a rendered template file as the chart's path joined
// with the template's path inside the chart.
func renderName(chartDir, key, name string) string {
	return path.Join(filepath.ToSlash(chartDir), strings.TrimPrefix(key, name+"/"))
}

// A tplSource is a template's text and where it is.
type tplSource struct {
	// file is the path of the template on disk, or the packaged chart that
	// holds it when inArchive is set.
	file      string
	data      []byte
	inArchive string // the template's path inside the archive, when set
	// defines maps the named templates of the render to where they are
	// defined, for notes.
	defines map[string]string
}

// templateSources maps each template of ch and its subcharts, by the name
// the engine gives it ("agent/charts/sub/templates/x.yaml"), to its text
// and its file. It must see the chart as the engine does, after
// ProcessDependencies (aliases rename subcharts).
func templateSources(ch *chart.Chart, chartDir string) map[string]tplSource {
	return templateSourcesOf(ch, chartDir, func(c *chart.Chart) []*common.File { return c.Templates })
}

// templateSourcesOf is templateSources for the files that files picks
// from each chart.
func templateSourcesOf(ch *chart.Chart, chartDir string, files func(*chart.Chart) []*common.File) map[string]tplSource {
	m := map[string]tplSource{}
	// walk records c's templates; c lies in directory dir, or else in the
	// packaged chart archive under the path prefix.
	var walk func(c *chart.Chart, dir, archive, prefix string)
	walk = func(c *chart.Chart, dir, archive, prefix string) {
		for _, t := range files(c) {
			key := path.Join(c.ChartFullPath(), t.Name)
			if dir != "" {
				m[key] = tplSource{data: t.Data, file: filepath.Join(dir, filepath.FromSlash(t.Name))}
			} else {
				m[key] = tplSource{data: t.Data, file: archive, inArchive: path.Join(prefix, t.Name)}
			}
		}
		for _, d := range c.Dependencies() {
			if dir == "" {
				walk(d, "", archive, path.Join(prefix, "charts", d.Metadata.Name))
				continue
			}
			if sd := subchartDir(dir, d); sd != "" {
				walk(d, sd, "", "")
			} else {
				walk(d, "", subchartArchive(dir, d), "")
			}
		}
	}
	if fi, err := os.Stat(chartDir); err == nil && fi.IsDir() {
		walk(ch, chartDir, "", "")
	} else {
		walk(ch, "", chartDir, "")
	}
	return m
}

// subchartDir returns the directory under dir/charts that holds subchart
// d, recognised by its templates' bytes, or "".
func subchartDir(dir string, d *chart.Chart) string {
	cands, _ := filepath.Glob(filepath.Join(dir, "charts", "*", "Chart.yaml"))
	for _, c := range cands {
		sd := filepath.Dir(c)
		for _, t := range d.Templates {
			b, err := os.ReadFile(filepath.Join(sd, filepath.FromSlash(t.Name)))
			if err == nil && bytes.Equal(b, t.Data) {
				return sd
			}
		}
	}
	return ""
}

// subchartArchive names the packaged chart under dir/charts that most
// likely holds subchart d (aliases rename a chart, not its archive).
func subchartArchive(dir string, d *chart.Chart) string {
	for _, pat := range []string{d.Metadata.Name + "-*.tgz", "*-" + d.Metadata.Version + ".tgz", "*.tgz"} {
		if tgz, _ := filepath.Glob(filepath.Join(dir, "charts", pat)); len(tgz) > 0 {
			return tgz[0]
		}
	}
	return filepath.Join(dir, "charts")
}

var locRE = regexp.MustCompile(`([A-Za-z0-9_.\-/]+):(\d+)(?::(\d+))?`)

// errorLocation finds the first template file and line that a Helm error
// names ("execution error at (agent/templates/ds.yaml:12:3): …",
// "parse error at (agent/templates/ds.yaml:12): …").
func errorLocation(msg string, src map[string]tplSource) (string, int) {
	for _, m := range locRE.FindAllStringSubmatch(msg, -1) {
		s, ok := src[m[1]]
		if !ok {
			continue
		}
		if s.inArchive != "" {
			// The line is the template's, inside the archive.
			return s.file, 0
		}
		line, _ := strconv.Atoi(m[2])
		return s.file, line
	}
	return "", 0
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

func yamlErrorLine(err error) int {
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// values is one source of values with the name messages give it.
type values struct {
	name string
	m    map[string]any
	// prefix is put before a key looked up in m: a subchart's key "x" is
	// "sub.x" in its parent's values.
	prefix string
}

// subchartValues returns the values sources as a template named key (by
// the engine) sees them: the top chart's with the subchart's path as a
// prefix, then the subchart's own values.yaml.
func subchartValues(ch *chart.Chart, key string, vals []values) []values {
	parts := strings.Split(key, "/")
	var path []string
	c := ch
	for i := 1; i+1 < len(parts) && parts[i] == "charts"; i += 2 {
		var next *chart.Chart
		for _, d := range c.Dependencies() {
			if d.Name() == parts[i+1] {
				next = d
			}
		}
		if next == nil {
			break
		}
		path = append(path, parts[i+1])
		c = next
	}
	if len(path) == 0 {
		return vals
	}
	prefix := strings.Join(path, ".") + "."
	out := make([]values, 0, len(vals)+1)
	for _, v := range vals {
		v.prefix = prefix + v.prefix
		out = append(out, v)
	}
	return append(out, values{name: "values.yaml of " + strings.Join(path, "/"), m: ownValues(c)})
}

// ownValues returns the values of c's own values.yaml, as written: after
// ProcessDependencies, c.Values also holds what its subcharts and imports
// brought in.
func ownValues(c *chart.Chart) map[string]any {
	for _, f := range c.Raw {
		if f.Name == "values.yaml" {
			if m, err := loader.LoadValues(bytes.NewReader(f.Data)); err == nil {
				return m
			}
		}
	}
	return c.Values
}

// valuesSources lists where values come from, the highest precedence
// first: --set, then the values files from last to first, then the chart's
// values.yaml.
func valuesSources(ch *chart.Chart, chartDir string, files []values, set []string) []values {
	var vs []values
	if len(set) > 0 {
		m := map[string]any{}
		for _, s := range set {
			_ = strvals.ParseInto(s, m)
		}
		vs = append(vs, values{name: "--set", m: m})
	}
	for i := len(files) - 1; i >= 0; i-- {
		vs = append(vs, files[i])
	}
	return append(vs, values{name: "values.yaml", m: ownValues(ch)})
}

var schemaPathRE = regexp.MustCompile(`at '(/[^']*)'`)

// schemaErrorLine returns the line of values file file that the first
// JSON pointer of a schema validation message names ("- at '/replicas':
// got string, want integer"), or 0 when file does not set it.
func schemaErrorLine(file, msg string) int {
	m := schemaPathRE.FindStringSubmatch(msg)
	if m == nil {
		return 0
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		return 0
	}
	var doc yaml.Node
	if yaml.Unmarshal(raw, &doc) != nil || len(doc.Content) == 0 {
		return 0
	}
	n := doc.Content[0]
	line := 0
	for _, p := range strings.Split(m[1][1:], "/") {
		p = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == p {
					line, next = n.Content[i].Line, n.Content[i+1]
					break
				}
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(p); err == nil && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
				line = next.Line
			}
		}
		if next == nil {
			return line
		}
		n = next
	}
	return line
}

// crdOutputs returns the crds/ files of ch and its subcharts (as they are
// after ProcessDependencies of a render) as Outputs with an exact map onto
// themselves, with the Origin of that render.
func crdOutputs(ch *chart.Chart, chartDir string, rendered []render.Output) []render.Output {
	origin := render.Origin{Kind: "chart", Root: chartDir, Values: []string{"values.yaml"}}
	if len(rendered) > 0 {
		origin = rendered[0].Origin
	}
	src := map[string]tplSource{}
	// Reuse the template lookup: it knows where each subchart lies.
	for k, v := range templateSourcesOf(ch, chartDir, func(c *chart.Chart) []*common.File {
		var fs []*common.File
		for _, f := range c.Files {
			if strings.HasPrefix(f.Name, "crds/") && (strings.HasSuffix(f.Name, ".yaml") || strings.HasSuffix(f.Name, ".yml") || strings.HasSuffix(f.Name, ".json")) {
				fs = append(fs, f)
			}
		}
		return fs
	}) {
		src[k] = v
	}
	keys := make([]string, 0, len(src))
	for k := range src {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var outs []render.Output
	for _, k := range keys {
		s := src[k]
		var m render.SourceMap = identityMap{file: s.file}
		if s.inArchive != "" {
			m = newTemplateMap(s, s.data, nil)
		}
		outs = append(outs, render.Output{Name: renderName(chartDir, k, ch.Name()), Src: s.data, Map: m, Origin: origin})
	}
	return outs
}

// identityMap maps a file that is its own rendered stream.
type identityMap struct{ file string }

func (m identityMap) Locate(start, end int) render.Location {
	return render.Location{File: m.file, Start: start, End: max(start, end), Exact: true}
}
