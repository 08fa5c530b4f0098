package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/manifest"
)

// ConfigFileName is the name of the configuration file that daemonlint
// looks for, walking up from the working directory.
const ConfigFileName = ".daemonlint.yaml"

// A Config is what a .daemonlint.yaml file says. Every part is optional;
// the zero Config changes nothing.
//
//	rules:
//	  duplicate-key:
//	    enabled: false        # turn a rule off
//	  kind-spelling:
//	    severity: warning     # error | warning | info
//	ignore:                   # paths never linted, relative to this file
//	  - "charts/**/templates/**"
//	cluster:
//	  allowPrivileged: false  # as an API server with --allow-privileged=false
//	kubernetesVersion: "1.30" # the release to judge for; the newest by default
type Config struct {
	// File is the name the configuration was read from, for messages.
	File string
	// Rules configures rules by name.
	Rules map[string]RuleConfig
	// Ignore holds globs of paths that are never linted, relative to the
	// configuration file's directory (see Ignored).
	Ignore []string
	// Cluster describes the cluster the manifests are for.
	Cluster ClusterConfig
	// KubernetesVersion is the release the manifests are judged for, as
	// "1.N" (see ParseKubernetesVersion); empty means the newest.
	KubernetesVersion string

	// ruleKeys remembers where each rule was named, for errors found when
	// the configuration meets a list of rules (see Options).
	ruleKeys map[string]manifest.Position
}

// RuleConfig configures one rule.
type RuleConfig struct {
	// Enabled turns the rule off when it points to false; nil keeps it on.
	Enabled *bool
	// Severity replaces the rule's default severity; zero keeps it.
	Severity Severity
}

// ClusterConfig describes what the target cluster allows.
type ClusterConfig struct {
	// AllowPrivileged says whether the API server allows privileged
	// containers; nil means it does, as kubeadm and kind start it.
	AllowPrivileged *bool
}

// A ConfigError is a problem at a place in a configuration file.
type ConfigError struct {
	File string
	Pos  manifest.Position
	Msg  string
}

func (e *ConfigError) Error() string {
	if e.Pos.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Column, e.Msg)
}

// ParseConfig reads a configuration file's bytes; name is used in errors.
// Unknown keys and bad values are errors that give the file, line and
// column; all of them are returned (joined with errors.Join). Rule names
// are checked later, by Options, against the rules at hand. With such
// errors, the Config returned holds what could be read (nil only for a
// YAML syntax error), so that a caller can report unknown rule names in
// the same breath: every problem of the file at once.
func ParseConfig(name string, src []byte) (*Config, error) {
	c := &Config{File: name, Rules: map[string]RuleConfig{}, ruleKeys: map[string]manifest.Position{}}
	p := &configParser{file: name}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var root yaml.Node
	switch err := dec.Decode(&root); {
	case errors.Is(err, io.EOF):
		return c, nil
	case err != nil:
		serr := manifest.NewFile(name, src).YAMLError(err)
		return nil, &ConfigError{File: name, Pos: serr.Pos, Msg: "YAML syntax error: " + serr.Msg}
	}
	var extra yaml.Node
	var extraErr error // reported after the first document's problems, as in the file
	if err := dec.Decode(&extra); err == nil {
		extraErr = &ConfigError{File: name, Pos: manifest.Position{Line: extra.Line, Column: extra.Column}, Msg: "a configuration file holds one YAML document, not several"}
	}
	if len(root.Content) == 0 {
		return c, extraErr
	}
	top := root.Content[0]
	p.mapping(top, "", []string{"rules", "ignore", "cluster", "kubernetesVersion"}, func(key string, k, v *yaml.Node) {
		switch key {
		case "rules":
			p.mapping(v, "rules", nil, func(rule string, k, v *yaml.Node) {
				c.ruleKeys[rule] = manifest.Position{Line: k.Line, Column: k.Column}
				var rc RuleConfig
				p.mapping(v, "rules."+rule, []string{"enabled", "severity"}, func(key string, k, v *yaml.Node) {
					switch key {
					case "enabled":
						if b, ok := p.boolean(v, "rules."+rule+".enabled"); ok {
							rc.Enabled = &b
						}
					case "severity":
						if s, ok := p.scalar(v, "rules."+rule+".severity"); ok {
							sev, err := ParseSeverity(s)
							if err != nil {
								p.errorf(v, "rules.%s.severity must be error, warning or info, not %q", rule, s)
							}
							rc.Severity = sev
						}
					}
				})
				c.Rules[rule] = rc
			})
		case "ignore":
			p.sequence(v, "ignore", func(i int, item *yaml.Node) {
				pattern, ok := p.scalar(item, fmt.Sprintf("ignore[%d]", i))
				if !ok {
					return
				}
				if err := checkGlob(pattern); err != nil {
					p.errorf(item, "ignore[%d]: %v", i, err)
					return
				}
				c.Ignore = append(c.Ignore, pattern)
			})
		case "kubernetesVersion":
			// 1.30 unquoted is a YAML number; its text is the release.
			if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!float" {
				v.Tag = "!!str"
			}
			if s, ok := p.scalar(v, "kubernetesVersion"); ok {
				ver, err := ParseKubernetesVersion(s)
				if err != nil {
					p.errorf(v, "kubernetesVersion: %v", err)
					return
				}
				c.KubernetesVersion = ver
			}
		case "cluster":
			p.mapping(v, "cluster", []string{"allowPrivileged"}, func(key string, k, v *yaml.Node) {
				if b, ok := p.boolean(v, "cluster.allowPrivileged"); ok {
					c.Cluster.AllowPrivileged = &b
				}
			})
		}
	})
	if extraErr != nil {
		p.errs = append(p.errs, extraErr)
	}
	if len(p.errs) > 0 {
		return c, errors.Join(p.errs...)
	}
	return c, nil
}

// configParser walks a configuration's node tree and collects errors.
type configParser struct {
	file string
	errs []error
}

func (p *configParser) errorf(n *yaml.Node, format string, args ...any) {
	p.errs = append(p.errs, &ConfigError{File: p.file, Pos: manifest.Position{Line: n.Line, Column: n.Column}, Msg: fmt.Sprintf(format, args...)})
}

// mapping calls f for each entry of mapping n, in order. where names n in
// messages ("" for the top level); known lists the allowed keys, or nil
// for any. A null n is an empty mapping.
func (p *configParser) mapping(n *yaml.Node, where string, known []string, f func(key string, k, v *yaml.Node)) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		what := "the configuration"
		if where != "" {
			what = where
		}
		p.errorf(n, "%s must be a mapping, not %s", what, yamlutil.Describe(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k, "keys must be strings, not %s", yamlutil.Describe(k))
			continue
		}
		key := k.Value
		if seen[key] {
			p.errorf(k, "key %q is repeated", qualify(where, key))
			continue
		}
		seen[key] = true
		if known != nil && !slices.Contains(known, key) {
			in := ""
			if where != "" {
				in = " in " + where
			}
			p.errorf(k, "unknown key %q%s (known: %s)", key, in, strings.Join(known, ", "))
			continue
		}
		f(key, k, v)
	}
}

// sequence calls f for each item of sequence n; a null n is empty.
func (p *configParser) sequence(n *yaml.Node, where string, f func(i int, item *yaml.Node)) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "%s must be a list, not %s", where, yamlutil.Describe(n))
		return
	}
	for i, item := range n.Content {
		f(i, item)
	}
}

// scalar returns the text of a string scalar.
func (p *configParser) scalar(n *yaml.Node, where string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		p.errorf(n, "%s must be a string, not %s", where, yamlutil.Describe(n))
		return "", false
	}
	return n.Value, true
}

// boolean returns the value of a true or false scalar.
func (p *configParser) boolean(n *yaml.Node, where string) (bool, bool) {
	var b bool
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
		value := yamlutil.Describe(n)
		if n.Kind == yaml.ScalarNode {
			value = fmt.Sprintf("%q", n.Value)
		}
		p.errorf(n, "%s must be true or false, not %s", where, value)
		return false, false
	}
	return b, true
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func qualify(where, key string) string {
	if where == "" {
		return key
	}
	return where + "." + key
}

// Options returns the lint options the configuration asks for, with rules
// taken from rules: the rules it turns off are left out, and severity
// overrides and cluster settings are set. A rule name that is not among
// rules is an error with its place in the file.
func (c *Config) Options(rules []*Rule) (Options, error) {
	var errs []error
	names := map[string]bool{}
	for _, r := range rules {
		names[r.Name] = true
	}
	ruleNames := make([]string, 0, len(c.Rules))
	for name := range c.Rules {
		ruleNames = append(ruleNames, name)
	}
	slices.SortFunc(ruleNames, func(a, b string) int { return c.ruleKeys[a].Line - c.ruleKeys[b].Line })
	for _, name := range ruleNames {
		if names[name] {
			continue
		}
		msg := fmt.Sprintf("unknown rule %q in rules", name)
		if s := closestRuleName(name, names); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else {
			msg += "; daemonlint rules lists the rules"
		}
		errs = append(errs, &ConfigError{File: c.File, Pos: c.ruleKeys[name], Msg: msg})
	}
	if len(errs) > 0 {
		return Options{}, errors.Join(errs...)
	}
	opts := Options{Severity: map[string]Severity{}}
	for _, r := range rules {
		rc := c.Rules[r.Name]
		if rc.Enabled != nil && !*rc.Enabled {
			opts.Disabled = append(opts.Disabled, r)
			continue
		}
		opts.Rules = append(opts.Rules, r)
		if rc.Severity != 0 {
			opts.Severity[r.Name] = rc.Severity
		}
	}
	if c.Cluster.AllowPrivileged != nil {
		opts.Settings.DisallowPrivileged = !*c.Cluster.AllowPrivileged
	}
	opts.Settings.KubernetesVersion = c.KubernetesVersion
	return opts, nil
}

// Ignored reports whether a path is matched by one of the configuration's
// ignore globs. rel is the path relative to the configuration file's
// directory, with slashes; paths outside it (starting with ..) are never
// ignored. A glob matches the whole path or one of its parent directories,
// so "vendor" ignores everything under vendor/. Within a glob, * and ?
// and [...] match within one path element, as path.Match does, and an
// element ** matches any number of elements, none included.
func (c *Config) Ignored(rel string) bool {
	rel = path.Clean(rel)
	if rel == ".." || strings.HasPrefix(rel, "../") || path.IsAbs(rel) {
		return false
	}
	parts := strings.Split(rel, "/")
	for _, g := range c.Ignore {
		pattern := strings.Split(path.Clean(strings.TrimPrefix(g, "./")), "/")
		for n := len(parts); n > 0; n-- {
			if matchElements(pattern, parts[:n]) {
				return true
			}
		}
	}
	return false
}

// matchElements matches path elements against glob elements.
func matchElements(pattern, name []string) bool {
	for len(pattern) > 0 {
		if pattern[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchElements(pattern[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pattern[0], name[0]); !ok {
			return false
		}
		pattern, name = pattern[1:], name[1:]
	}
	return len(name) == 0
}

// checkGlob reports what is wrong with an ignore glob.
func checkGlob(g string) error {
	if g == "" {
		return errors.New("an empty pattern matches nothing")
	}
	if path.IsAbs(g) {
		return fmt.Errorf("%q is absolute; patterns are relative to the configuration file's directory", g)
	}
	for elem := range strings.SplitSeq(g, "/") {
		if _, err := path.Match(elem, ""); err != nil {
			return fmt.Errorf("bad pattern %q: %w", g, err)
		}
	}
	return nil
}

// DefaultConfig returns the text of a commented configuration file that
// lists every one of rules with its default settings, all commented out, as
// daemonlint config init writes it.
func DefaultConfig(rules []*Rule) []byte {
	var b bytes.Buffer
	b.WriteString(`# daemonlint configuration. daemonlint reads the first ` + ConfigFileName + `
# it finds walking up from the working directory, or the file named with
# --config. Every key is optional: remove the "# " in front of a line to
# use it. An unknown key or a bad value is an error.

# Rules: turn one off (enabled: false) or change the severity of its
# findings (error, warning or info). The values shown are the defaults;
# daemonlint explain RULE tells what a rule checks.
rules:
`)
	for _, r := range rules {
		fmt.Fprintf(&b, "  # %s\n", r.Title())
		fmt.Fprintf(&b, "  # %s:\n  #   enabled: true\n  #   severity: %s\n", r.Name, r.Severity)
	}
	b.WriteString(`
# Paths that are never linted, as globs relative to this file's directory.
# * matches within a path element, ** any number of elements, and a pattern
# that matches a directory ignores everything under it.
ignore:
  # - "charts/**/templates/**"
  # - vendor

# What the cluster's API server allows.
cluster:
  # Privileged containers: kubeadm and kind allow them (true); set false for
  # an API server started with --allow-privileged=false.
  # allowPrivileged: true

# The Kubernetes release the manifests are judged for (1.22 to the newest;
# schemas from 1.29): the apiVersions it serves, its fields, its
# deprecations. The newest by default; --kubernetes-version overrides it.
# kubernetesVersion: "` + NewestKubernetesVersion + `"
`)
	return b.Bytes()
}
