package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/daemonlint/daemonlint/manifest"
	"github.com/daemonlint/daemonlint/placement"
)

// placementFlags are the flags of daemonlint placement.
type placementFlags struct {
	nodes  string
	format string
	paths  []string
}

// placementFlagSet returns the flag set of daemonlint placement and what
// it fills in.
func placementFlagSet(e *env) (*flag.FlagSet, *placementFlags) {
	fs := newFlagSet("placement", e)
	pf := &placementFlags{}
	fs.StringVar(&pf.nodes, "nodes", "", "`FILE` of Node objects (kubectl get nodes -o yaml), or - for standard input; without it, built-in node profiles are used")
	fs.StringVar(&pf.format, "format", "text", "output `FORMAT`: text or json")
	return fs, pf
}

// parsePlacementFlags turns the arguments of daemonlint placement into
// placementFlags.
func parsePlacementFlags(args []string, e *env) (*placementFlags, error) {
	fs, pf := placementFlagSet(e)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return nil, err
	}
	pf.paths = paths
	if pf.format != "text" && pf.format != "json" {
		return nil, fmt.Errorf("--format: unknown format %q: use text or json", pf.format)
	}
	readsStdin := len(paths) == 0 || slices.Contains(paths, "-")
	if pf.nodes == "-" && readsStdin {
		return nil, errors.New("--nodes - and the DaemonSets cannot both come from standard input; name the DaemonSet files")
	}
	return pf, nil
}

// A placedDaemonSet is one DaemonSet of the input and where it was found.
type placedDaemonSet struct {
	ds       *appsv1.DaemonSet
	file     string
	line     int
	document int
}

func runPlacement(args []string, e *env) int {
	pf, err := parsePlacementFlags(args, e)
	if err != nil {
		return flagsFailed("placement", err, e)
	}
	if (len(pf.paths) == 0 || slices.Contains(pf.paths, "-")) && e.stdinTerminal {
		fmt.Fprintln(e.stderr, "daemonlint placement: no paths given and standard input is a terminal; name the files that hold the DaemonSets, or pipe them in (… | daemonlint placement -)")
		return exitUsage
	}

	var (
		nodes     []corev1.Node
		profiles  []placement.NodeProfile
		nodesFrom string
	)
	if pf.nodes == "" {
		profiles = placement.NodeProfiles()
		for _, p := range profiles {
			nodes = append(nodes, p.Node)
		}
		nodesFrom = "built-in node profiles"
	} else {
		nodes, err = readNodes(pf.nodes, e)
		if err != nil {
			fmt.Fprintf(e.stderr, "daemonlint placement: %v\n", err)
			return exitUsage
		}
		nodesFrom = pf.nodes
	}

	inputs, problems := readInputs(pf.paths, e, noIgnore)
	code := exitOK
	for _, p := range problems {
		fmt.Fprintf(e.stderr, "daemonlint: %s\n", p)
		code = exitUsage
	}
	var placed []placedDaemonSet
	empty := true
	for _, in := range inputs {
		f := manifest.NewFile(in.name, in.src)
		docs, serrs := manifest.Parse(f)
		if len(docs) > 0 || len(serrs) > 0 {
			empty = false
		}
		for _, se := range serrs {
			fmt.Fprintf(e.stderr, "daemonlint placement: %v\n", se)
			code = max(code, exitFindings)
		}
		for _, d := range docs {
			if d.Kind != "DaemonSet" {
				continue
			}
			line := f.Position(d.Span().Start).Line
			if d.APIVersion != "apps/v1" {
				fmt.Fprintf(e.stderr, "daemonlint placement: %s:%d: DaemonSet %s has apiVersion %q, which the API server no longer serves; use apps/v1\n", in.name, line, d.Name, d.APIVersion)
				code = max(code, exitFindings)
				continue
			}
			_, _, err := d.Decode()
			ds := d.DaemonSet()
			if err != nil || ds == nil {
				fmt.Fprintf(e.stderr, "daemonlint placement: %s:%d: DaemonSet %s cannot be decoded: %v (daemonlint lint %s says more)\n", in.name, line, d.Name, err, in.name)
				code = max(code, exitFindings)
				continue
			}
			placed = append(placed, placedDaemonSet{ds: ds, file: in.name, line: line, document: d.Index})
		}
	}
	if len(placed) == 0 {
		if code != exitOK {
			return code
		}
		if empty {
			fmt.Fprintln(e.stderr, "daemonlint placement: the input holds no Kubernetes objects (did the command before the pipe fail?)")
			return exitUsage
		}
		fmt.Fprintln(e.stderr, "daemonlint placement: the input holds no DaemonSet")
		return exitUsage
	}

	dss := make([]*appsv1.DaemonSet, len(placed))
	for i, p := range placed {
		dss[i] = p.ds
	}
	verdicts := placement.PlaceAll(dss, nodes)
	if pf.format == "json" {
		err = writePlacementJSON(e.stdout, nodesFrom, nodes, placed, verdicts)
	} else {
		err = writePlacementText(e.stdout, profiles, placed, verdicts)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "daemonlint: writing the placement: %v\n", err)
		return exitUsage
	}
	return code
}

// readNodes reads the Node objects of a file ("-" for standard input),
// List items included, as kubectl get nodes -o yaml writes them.
func readNodes(name string, e *env) ([]corev1.Node, error) {
	var src []byte
	var err error
	if name == "-" {
		src, err = io.ReadAll(e.stdin)
	} else {
		src, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the nodes: %s", describeError(name, err))
	}
	f := manifest.NewFile(name, src)
	docs, serrs := manifest.Parse(f)
	if len(serrs) > 0 {
		return nil, fmt.Errorf("reading the nodes: %w", serrs[0])
	}
	var nodes []corev1.Node
	for _, d := range docs {
		if d.IsList() {
			continue // its items follow
		}
		line := f.Position(d.Span().Start).Line
		if d.Kind != "Node" || d.APIVersion != "v1" {
			what := "an object without a kind"
			if d.Kind != "" {
				what = fmt.Sprintf("a %s", d.Kind)
			}
			return nil, fmt.Errorf("%s:%d: --nodes needs v1 Node objects (kubectl get nodes -o yaml), but this is %s", name, line, what)
		}
		obj, _, err := d.Decode()
		node, ok := obj.(*corev1.Node)
		if err != nil || !ok {
			return nil, fmt.Errorf("%s:%d: Node %s cannot be decoded: %v", name, line, d.Name, err)
		}
		nodes = append(nodes, *node)
	}
	if len(nodes) == 0 {
		return nil, fmt.Errorf("%s holds no Node objects; write kubectl get nodes -o yaml > nodes.yaml and pass --nodes nodes.yaml", name)
	}
	return nodes, nil
}

// writePlacementText writes, per DaemonSet, a header, a NODE RUNS WHY
// table (RUNS is yes, no, or evicted where the pod runs but is evicted
// again and again) and the one-line summary, after saying which nodes are assumed
// when they are the built-in profiles.
func writePlacementText(w io.Writer, profiles []placement.NodeProfile, placed []placedDaemonSet, verdicts [][]placement.NodeVerdict) error {
	var b strings.Builder
	if profiles != nil {
		var names []string
		for _, p := range profiles {
			names = append(names, fmt.Sprintf("%s (%s)", p.Node.Name, p.Description))
		}
		fmt.Fprintf(&b, "no --nodes given: using built-in node profiles %s.\n", strings.Join(names, ", "))
		b.WriteString("These are typical nodes, not your cluster: for the real answer, run kubectl get nodes -o yaml > nodes.yaml and pass --nodes nodes.yaml.\n\n")
	}
	for i, p := range placed {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "DaemonSet %s (%s:%d)\n", placement.ObjectName(p.ds), p.file, p.line)
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NODE\tRUNS\tWHY")
		for _, v := range verdicts[i] {
			runs, why := "yes", []string(nil)
			if v.EvictedEverySeconds != nil {
				// The controller creates the pod, the taint manager
				// evicts it, and so on: "yes" would hide that.
				runs = "evicted"
				why = append(why, "runs, but is evicted "+placement.EvictionPhrase(*v.EvictedEverySeconds))
			}
			if !v.Runs {
				runs = "no"
				for _, r := range v.Reasons {
					why = append(why, r.Message)
				}
			}
			for _, r := range v.Pending {
				why = append(why, "may stay Pending: "+r.Message)
			}
			for _, r := range v.Notes {
				why = append(why, r.Message)
			}
			if len(why) == 0 {
				why = []string{""}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", v.Node, runs, why[0])
			for _, more := range why[1:] {
				fmt.Fprintf(tw, "\t\t%s\n", more)
			}
		}
		tw.Flush()
		b.WriteString(placement.Summary(verdicts[i]) + "\n")
		for _, hint := range tolerationHints(verdicts[i]) {
			b.WriteString(hint + "\n")
		}
	}
	// tabwriter pads the last cell of rows with an empty WHY.
	lines := strings.SplitAfter(b.String(), "\n")
	for i, l := range lines {
		if strings.HasSuffix(l, " \n") {
			lines[i] = strings.TrimRight(l, " \n") + "\n"
		}
	}
	_, err := io.WriteString(w, strings.Join(lines, ""))
	return err
}

// tolerationHints says, for each taint that alone keeps the DaemonSet off
// some nodes, the toleration that would let it run there.
func tolerationHints(verdicts []placement.NodeVerdict) []string {
	var taints []corev1.Taint
	var nodes [][]string
	for _, v := range verdicts {
		if slices.ContainsFunc(v.Reasons, func(r placement.Reason) bool { return r.Kind != placement.ReasonTaint }) {
			continue // a toleration would not be enough
		}
		for _, r := range v.Reasons {
			if r.Kind != placement.ReasonTaint {
				continue
			}
			i := slices.IndexFunc(taints, func(t corev1.Taint) bool { return t.MatchTaint(r.Taint) && t.Value == r.Taint.Value })
			if i < 0 {
				taints = append(taints, *r.Taint)
				nodes = append(nodes, nil)
				i = len(taints) - 1
			}
			nodes[i] = append(nodes[i], v.Node)
		}
	}
	var out []string
	for i, t := range taints {
		tol := fmt.Sprintf("{key: %s, operator: Exists, effect: %s}", t.Key, t.Effect)
		if t.Value != "" {
			tol = fmt.Sprintf("{key: %s, operator: Equal, value: %q, effect: %s}", t.Key, t.Value, t.Effect)
		}
		out = append(out, fmt.Sprintf("to run on %s too, add to spec.template.spec.tolerations: %s", strings.Join(nodes[i], ", "), tol))
	}
	return out
}

// placementJSON is the output of daemonlint placement --format json.
type placementJSON struct {
	// NodesFrom is the --nodes file, or "built-in node profiles".
	NodesFrom  string               `json:"nodesFrom"`
	Nodes      []string             `json:"nodes"`
	DaemonSets []daemonSetPlacement `json:"daemonSets"`
}

// daemonSetPlacement is one DaemonSet's placement in the JSON output.
type daemonSetPlacement struct {
	File      string                  `json:"file"`
	Document  int                     `json:"document"`
	Line      int                     `json:"line"`
	Namespace string                  `json:"namespace"`
	Name      string                  `json:"name"`
	Runs      int                     `json:"runs"`
	Summary   string                  `json:"summary"`
	Verdicts  []placement.NodeVerdict `json:"verdicts"`
}

func writePlacementJSON(w io.Writer, nodesFrom string, nodes []corev1.Node, placed []placedDaemonSet, verdicts [][]placement.NodeVerdict) error {
	out := placementJSON{NodesFrom: nodesFrom, Nodes: []string{}, DaemonSets: []daemonSetPlacement{}}
	for _, n := range nodes {
		out.Nodes = append(out.Nodes, n.Name)
	}
	for i, p := range placed {
		runs := 0
		for _, v := range verdicts[i] {
			if v.Runs {
				runs++
			}
		}
		out.DaemonSets = append(out.DaemonSets, daemonSetPlacement{
			File: p.file, Document: p.document, Line: p.line,
			Namespace: p.ds.Namespace, Name: p.ds.Name,
			Runs: runs, Summary: placement.Summary(verdicts[i]), Verdicts: verdicts[i],
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
