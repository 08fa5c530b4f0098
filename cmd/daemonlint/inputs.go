package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// An input is one file to check, read into memory.
type input struct {
	// name is what messages call it: the path as given, or "-".
	name string
	// path is where to write it back; empty for standard input.
	path string
	src  []byte
}

// manifestExts are the file name endings a directory walk picks up.
var manifestExts = []string{".yaml", ".yml", ".json"}

func isManifestName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range manifestExts {
		if ext == e {
			return true
		}
	}
	return false
}

// readInputs reads every path: files as given, directories walked for
// manifest files, and "-" (or no path at all) for standard input. Paths
// that ignored reports, given or found in a walk, are left out. Problems
// (a missing path, an unreadable file) are returned as messages; the other
// inputs are still read.
func readInputs(paths []string, e *env, ignored func(path string) bool) (inputs []input, problems []string) {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	stdinRead := false
	for _, p := range paths {
		if p == "-" {
			if stdinRead {
				continue
			}
			stdinRead = true
			src, err := io.ReadAll(e.stdin)
			if err != nil {
				problems = append(problems, fmt.Sprintf("reading standard input: %v", err))
				continue
			}
			inputs = append(inputs, input{name: "-", src: src})
			continue
		}
		if ignored(p) {
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			problems = append(problems, describeError(p, err))
			continue
		}
		if !info.IsDir() {
			src, err := os.ReadFile(p)
			if err != nil {
				problems = append(problems, describeError(p, err))
				continue
			}
			inputs = append(inputs, input{name: p, path: p, src: src})
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				problems = append(problems, describeError(path, err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != p && (strings.HasPrefix(d.Name(), ".") || ignored(path)) {
					return fs.SkipDir // .git and friends, and ignored directories
				}
				return nil
			}
			if !isManifestName(d.Name()) || strings.HasPrefix(d.Name(), ".") || ignored(path) {
				return nil // dotfiles (.daemonlint.yaml, .pre-commit-config.yaml) are not manifests
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// Follow links to files; links to directories are not
				// walked, which also keeps link loops out.
				target, err := os.Stat(path)
				if err != nil {
					problems = append(problems, describeError(path, err))
					return nil
				}
				if !target.Mode().IsRegular() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil // sockets, pipes and devices are not manifests
			}
			src, err := os.ReadFile(path)
			if err != nil {
				problems = append(problems, describeError(path, err))
				return nil
			}
			inputs = append(inputs, input{name: path, path: path, src: src})
			return nil
		})
		if err != nil {
			problems = append(problems, describeError(p, err))
		}
	}
	return inputs, problems
}

// describeError words a file system error for a person.
func describeError(path string, err error) string {
	switch {
	case os.IsNotExist(err):
		return fmt.Sprintf("%s: no such file or directory", path)
	case os.IsPermission(err):
		return fmt.Sprintf("%s: permission denied", path)
	}
	var pe *fs.PathError
	if ok := asPathError(err, &pe); ok {
		return fmt.Sprintf("%s: %v", path, pe.Err)
	}
	return fmt.Sprintf("%s: %v", path, err)
}

func asPathError(err error, target **fs.PathError) bool {
	pe, ok := err.(*fs.PathError)
	if ok {
		*target = pe
	}
	return ok
}

// noIgnore ignores no path: commands other than lint read what they are given.
func noIgnore(string) bool { return false }
