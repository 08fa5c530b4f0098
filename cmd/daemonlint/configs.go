package main

import (
	"os"
	"path/filepath"

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
}

// A configEntry is one configuration file read, and its lint options.
type configEntry struct {
	cfg  *loadedConfig
	opts lint.Options
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
	opts, err := configOptions(cfg, err, c.rules)
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
	opts, _ := configOptions(empty, nil, c.rules)
	ce := &configEntry{empty, opts}
	if key != "" {
		cfg, err := loadConfigFile(key, c.e)
		opts, err := configOptions(cfg, err, c.rules)
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
