package cli

import (
	"os"
	"path/filepath"
	"slices"

	"github.com/daemonlint/daemonlint/lint"
)

// configs finds the configuration of each linted path: the file named by
// --config for every path, or else the nearest .daemonlint.yaml found
// walking up from the path's directory (as golangci-lint, ruff and eslint
// find theirs), each file read once.
type configs struct {
	e     *env
	rules []*lint.Rule
	// flag is the configuration named by --config, when one was.
	flag bool
	// byFile holds the configurations read, by file path ("" for none).
	byFile map[string]*configEntry
	// errs are the problems of the configuration files read, in the
	// order they were read.
	errs []error
	// settings, when set, adjusts the settings of every run after the
	// configuration's (the flags that name the cluster's release and the
	// custom resources' definitions win over a file).
	settings func(*lint.Settings)
}

// A configEntry is one configuration file read, and its lint options.
// opts.Rules holds the outcome rules (render, build) that the
// configuration leaves on, so that a configuration may turn them off or
// change their severity as any rule's; lintOptions leaves them out.
type configEntry struct {
	cfg  *loadedConfig
	opts lint.Options
}

// withOutcomes returns the rules a configuration may name: the lint rules
// and the outcome rules.
func (c *configs) withOutcomes() []*lint.Rule {
	return append(slices.Clone(c.rules), outcomeRules...)
}

// lintOptions returns the options to run lint with: ce's, without the
// outcome rules, which have no Run.
func (ce *configEntry) lintOptions() lint.Options {
	o := ce.opts
	o.Rules = slices.DeleteFunc(slices.Clone(o.Rules), func(r *lint.Rule) bool { return slices.Contains(outcomeRules, r) })
	return o
}

// outcome returns the severity of an outcome rule's findings under ce, and
// false when ce turns the rule off.
func (ce *configEntry) outcome(rule string, def lint.Severity) (lint.Severity, bool) {
	if !slices.ContainsFunc(ce.opts.Rules, func(r *lint.Rule) bool { return r.Name == rule }) {
		return 0, false
	}
	if s, ok := ce.opts.Severity[rule]; ok {
		return s, true
	}
	return def, true
}

// newConfigs reads the configuration named by flagPath, or else the one
// that applies to the working directory, and returns the error of that
// file (the command stops on it, as before files are looked at).
func newConfigs(flagPath string, e *env) (*configs, error) {
	c := &configs{e: e, rules: e.lintRules(), flag: flagPath != "", byFile: map[string]*configEntry{}}
	key := flagPath
	if key == "" {
		key = findConfig(e.dir)
	}
	cfg, err := loadConfig(flagPath, e)
	opts, err := configOptions(cfg, err, c.withOutcomes())
	if err != nil {
		return nil, err
	}
	c.byFile[key] = &configEntry{cfg, opts}
	if c.flag {
		c.byFile[""] = c.byFile[key]
	}
	return c, nil
}

// key returns the configuration file that applies to path (a file or
// directory), or "" when none does.
func (c *configs) key(path string) string {
	if c.flag {
		return ""
	}
	dir := c.e.dir
	if path != "-" && path != "" {
		dir = path
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(c.e.dir, dir)
		}
		if !isDir(dir) {
			dir = filepath.Dir(dir)
		}
	}
	return findConfig(dir)
}

// forPath returns the configuration that applies to path, reading it on
// first use. A file with problems is reported in c.errs and applies as an
// empty configuration.
func (c *configs) forPath(path string) *configEntry {
	return c.entry(c.key(path))
}

// entry returns the configuration read from the file at key.
func (c *configs) entry(key string) *configEntry {
	if ce, ok := c.byFile[key]; ok {
		return ce
	}
	empty := &loadedConfig{Config: &lint.Config{}}
	opts, _ := configOptions(empty, nil, c.withOutcomes())
	ce := &configEntry{empty, opts}
	if key != "" {
		cfg, err := loadConfigFile(key, c.e)
		opts, err := configOptions(cfg, err, c.withOutcomes())
		if err != nil {
			c.errs = append(c.errs, err)
		} else {
			ce = &configEntry{cfg, opts}
		}
	}
	c.byFile[key] = ce
	return ce
}

// isDir reports whether path is a directory.
func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
