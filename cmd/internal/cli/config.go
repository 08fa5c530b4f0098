package cli

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
)

// loadedConfig is a configuration and the directory its ignore globs are
// relative to.
type loadedConfig struct {
	*lint.Config
	// dir is the absolute directory of the configuration file; empty when
	// there is none.
	dir string
}

// loadConfig reads the file named by --config, or else the first
// .daemonlint.yaml found walking up from the working directory. Without
// one, it returns the empty configuration.
func loadConfig(flagPath string, e *env) (*loadedConfig, error) {
	name, path := flagPath, flagPath
	if path != "" {
		if !filepath.IsAbs(path) {
			path = filepath.Join(e.dir, path)
		}
	} else {
		path = findConfig(e.dir)
		if path == "" {
			return &loadedConfig{Config: &lint.Config{}}, nil
		}
		return loadConfigFile(path, e)
	}
	return readConfig(name, path)
}

// loadConfigFile reads the configuration file at path (absolute), named in
// messages relative to the working directory.
func loadConfigFile(path string, e *env) (*loadedConfig, error) {
	name := path
	if rel, err := filepath.Rel(e.dir, path); err == nil {
		name = rel
	}
	return readConfig(name, path)
}

// readConfig reads the configuration file at path, called name in
// messages.
func readConfig(name, path string) (*loadedConfig, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the configuration: %s", describeError(name, err))
	}
	c, err := lint.ParseConfig(name, src)
	if c == nil {
		return nil, err
	}
	return &loadedConfig{Config: c, dir: filepath.Dir(path)}, err
}

// configOptions returns the lint options of a configuration read by
// loadConfig, and every problem of the file: those loadConfig found
// (loadErr) and the unknown rule names, in the order of the file.
func configOptions(cfg *loadedConfig, loadErr error, rules []*lint.Rule) (lint.Options, error) {
	if cfg == nil {
		return lint.Options{}, loadErr
	}
	opts, err := cfg.Options(rules)
	if loadErr == nil {
		return opts, err
	}
	var all []error
	for _, e := range []error{loadErr, err} {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			all = append(all, j.Unwrap()...)
		} else if e != nil {
			all = append(all, e)
		}
	}
	slices.SortStableFunc(all, func(a, b error) int {
		var ca, cb *lint.ConfigError
		if !errors.As(a, &ca) || !errors.As(b, &cb) {
			return 0
		}
		return cmp.Or(cmp.Compare(ca.Pos.Line, cb.Pos.Line), cmp.Compare(ca.Pos.Column, cb.Pos.Column))
	})
	return lint.Options{}, errors.Join(all...)
}

// findConfig returns the path of the first configuration file in dir or a
// directory above it, or "".
func findConfig(dir string) string {
	for {
		p := filepath.Join(dir, lint.ConfigFileName)
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// ignored reports whether the configuration ignores a path (as given on the
// command line or found in a walk).
func (c *loadedConfig) ignored(path string, e *env) bool {
	if c.dir == "" || len(c.Ignore) == 0 || path == "-" {
		return false
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(e.dir, path)
	}
	rel, err := filepath.Rel(c.dir, path)
	if err != nil {
		return false
	}
	return c.Ignored(filepath.ToSlash(rel))
}

// runConfig runs daemonlint config SUBCOMMAND.
func runConfig(args []string, e *env) int {
	if len(args) > 0 && isHelpArg(args[len(args)-1]) && (len(args) == 1 || len(args) == 2 && args[0] == "init") {
		printCommandHelp(e.stdout, "config init", e)
		return exitOK
	}
	if len(args) != 1 || args[0] != "init" {
		fmt.Fprintln(e.stderr, "usage: daemonlint config init")
		return exitUsage
	}
	path := filepath.Join(e.dir, lint.ConfigFileName)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(e.stderr, "daemonlint config init: %s already exists; edit it, or remove it to start again\n", lint.ConfigFileName)
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "daemonlint config init: %s\n", describeError(lint.ConfigFileName, err))
		return exitUsage
	}
	_, werr := f.Write(lint.DefaultConfig(rules.All()))
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(path)
		fmt.Fprintf(e.stderr, "daemonlint config init: writing %s: %v\n", lint.ConfigFileName, werr)
		return exitUsage
	}
	fmt.Fprintf(e.stdout, "wrote %s with every rule listed; uncomment what you want to change\n", lint.ConfigFileName)
	return exitOK
}
