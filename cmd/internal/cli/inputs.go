package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// maxInputBytes is the most daemonlint reads from one input (a file, a
// pipe or standard input): a bound on memory that no manifest reaches, and
// what stops a device such as /dev/zero.
const maxInputBytes = 1 << 30

// defaultFIFOWait is how long daemonlint waits for a process to open a named
// pipe for writing. A pipe from process substitution (<(helm template …))
// already has its writer, so this only ends the wait on a pipe that nobody
// writes to.
const defaultFIFOWait = time.Second

// An input is one file to check, read into memory.
type input struct {
	// name is what messages call it: the path as given, or "-".
	name string
	// path is where to write it back; empty for standard input.
	path string
	src  []byte
	// offHeap is set when src is outside the Go heap (see readAllLimited).
	offHeap bool
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
// that ignored reports, given or found in a walk, are left out. A file
// reached more than once (named twice, named and found in a walk, found
// through a link) is read once, under the name it was first reached by.
// Problems (a missing path, an unreadable file) are returned as messages;
// the other inputs are still read.
func readInputs(paths []string, e *env, ignored func(path string) bool) (inputs []input, problems []string) {
	inputs, _, problems = walkInputs(paths, e, func(path string, _, _ bool) string {
		if ignored(path) {
			return "ignored"
		}
		return ""
	})
	return inputs, problems
}

// A skipped is a path that a walk did not read, and why.
type skipped struct {
	path, reason string
}

// walkInputs is readInputs with a skip function that says why a path is
// not read ("" to read it): a path named on the command line (walked
// false) or a file or directory found in a walk. Directories whose names
// start with a dot and dotfiles are skipped in walks without asking skip.
// It returns the paths it skipped with their reasons, except files that
// are not named like manifests.
func walkInputs(paths []string, e *env, skip func(path string, dir, walked bool) string) (inputs []input, skips []skipped, problems []string) {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	stdinRead := false
	seen := make(map[string]bool)
	// steps are the inputs and problems in the order they are met; the
	// files a walk finds are read after it, on every core.
	var steps []inputStep
	// firstTime reports whether the file whose real path is real has not
	// been reached before, and marks it reached.
	firstTime := func(real string) bool {
		if seen[real] {
			return false
		}
		seen[real] = true
		return true
	}
	for _, p := range paths {
		if p == "-" {
			if stdinRead {
				continue
			}
			stdinRead = true
			src, _, err := readAllLimited(e.stdin, false)
			if err != nil {
				steps = append(steps, problemStep(fmt.Sprintf("reading standard input: %v", err)))
				continue
			}
			steps = append(steps, inputStep{in: input{name: "-", src: src}})
			continue
		}
		if r := skip(p, false, false); r != "" {
			skips = append(skips, skipped{p, r})
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			steps = append(steps, problemStep(describeError(p, err)))
			continue
		}
		if !info.IsDir() {
			if !firstTime(realPath(p, e)) {
				continue
			}
			src, offHeap, err := readNamed(p, info, e)
			if err != nil {
				steps = append(steps, problemStep(describeError(p, err)))
				continue
			}
			steps = append(steps, inputStep{in: input{name: p, path: p, src: src, offHeap: offHeap}})
			continue
		}
		// A walk does not follow links to directories, so below the root
		// only a link to a file has a real path other than the one the walk
		// gives.
		realRoot := realPath(p, e)
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				steps = append(steps, problemStep(describeError(path, err)))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path == p {
					return nil
				}
				r := skip(path, true, true)
				if strings.HasPrefix(d.Name(), ".") {
					r = "a directory whose name starts with a dot" // .git and friends
				}
				if r != "" {
					skips = append(skips, skipped{path, r})
					return fs.SkipDir
				}
				return nil
			}
			if !isManifestName(d.Name()) {
				return nil
			}
			r := skip(path, false, true)
			if strings.HasPrefix(d.Name(), ".") {
				r = "a dotfile, not a manifest" // .daemonlint.yaml, .pre-commit-config.yaml
			}
			if r != "" {
				skips = append(skips, skipped{path, r})
				return nil
			}
			var real string
			if d.Type()&fs.ModeSymlink != 0 {
				// Follow links to files; links to directories are not
				// walked, which also keeps link loops out.
				target, err := os.Stat(path)
				if err != nil {
					steps = append(steps, problemStep(describeError(path, err)))
					return nil
				}
				if !target.Mode().IsRegular() {
					return nil
				}
				real = realPath(path, e)
			} else if !d.Type().IsRegular() {
				return nil // sockets, pipes and devices are not manifests
			} else if rel, err := filepath.Rel(p, path); err == nil {
				real = filepath.Join(realRoot, rel)
			} else {
				real = realPath(path, e)
			}
			if !firstTime(real) {
				return nil
			}
			steps = append(steps, inputStep{in: input{name: path, path: path}, read: true})
			return nil
		})
		if err != nil {
			steps = append(steps, problemStep(describeError(p, err)))
		}
	}
	readSteps(steps, e)
	for _, st := range steps {
		switch {
		case st.problem != "":
			problems = append(problems, st.problem)
		case st.err != nil:
			problems = append(problems, describeError(st.in.path, st.err))
		default:
			inputs = append(inputs, st.in)
		}
	}
	return inputs, skips, problems
}

// An inputStep is an input, one to read (read), or a problem.
type inputStep struct {
	in      input
	read    bool
	err     error
	problem string
}

func problemStep(problem string) inputStep { return inputStep{problem: problem} }

// readSteps reads the files of the steps that have read set, on every
// core, and records each one's bytes or error.
func readSteps(steps []inputStep, e *env) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(steps); i = int(next.Add(1)) - 1 {
				if st := &steps[i]; st.read {
					st.in.src, st.in.offHeap, st.err = readNamed(st.in.path, nil, e)
				}
			}
		})
	}
	wg.Wait()
}

// readNamed reads the file at path, whose information (from os.Stat) is
// info when the caller has it. A named pipe is read as process substitution
// needs, but only when a writer opens it within e.fifoWait. offHeap says
// whether the bytes are outside the Go heap.
func readNamed(path string, info fs.FileInfo, e *env) (src []byte, offHeap bool, err error) {
	var f *os.File
	if info != nil && info.Mode()&fs.ModeDevice != 0 {
		return nil, false, errors.New("is a device, not a file of manifests")
	}
	if info != nil && info.Mode()&fs.ModeNamedPipe != 0 {
		f, err = openFIFO(path, e.fifoWaitOrDefault())
	} else {
		f, err = os.Open(path)
	}
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	return readAllLimited(f, e.tuneGC)
}

// realPath returns the absolute path of path with every link resolved, the
// identity of a file for reading it once; when a link cannot be resolved,
// the absolute path.
func realPath(path string, e *env) string {
	if !filepath.IsAbs(path) {
		path = filepath.Join(e.dir, path)
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return real
	}
	return filepath.Clean(path)
}

// errTooBig is returned for an input larger than maxInputBytes.
var errTooBig = fmt.Errorf("larger than %d MiB, the most daemonlint reads from one file", maxInputBytes>>20)

// offHeapMin is the size from which a file is read outside the Go heap
// (see readAllLimited).
const offHeapMin = 1 << 20

// readAllLimited reads r to its end, or fails with errTooBig. A regular
// file is read into a buffer of its size, so that memory holds it once;
// with offHeapOK, a large one is read outside the Go heap. The inputs stay
// in memory for the whole run, and the garbage collector, which lets the
// heap grow in proportion to what it holds, would otherwise let a 100 MB
// input add 100 MB more.
func readAllLimited(r io.Reader, offHeapOK bool) (src []byte, offHeap bool, err error) {
	size := -1
	if f, ok := r.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			if info.Size() > maxInputBytes {
				return nil, false, errTooBig
			}
			size = int(info.Size())
		}
	}
	if offHeapOK && size >= offHeapMin {
		if buf := offHeapBuffer(size); buf != nil {
			n, err := io.ReadFull(r, buf)
			switch {
			case err == io.ErrUnexpectedEOF: // the file shrank
				return buf[:n], true, nil
			case err != nil:
				return nil, false, err
			}
			// The file may have grown since Stat: read the rest too.
			rest, _, err := readAllLimited(io.LimitReader(r, maxInputBytes-int64(size)+1), false)
			if err != nil || len(rest) == 0 {
				return buf, true, err
			}
			return append(append(make([]byte, 0, size+len(rest)), buf...), rest...), false, nil
		}
	}
	buf := bytes.NewBuffer(make([]byte, 0, max(size, 0)+bytes.MinRead)) // room to reach EOF without growing
	if _, err := buf.ReadFrom(io.LimitReader(r, maxInputBytes+1)); err != nil {
		return nil, false, err
	}
	if buf.Len() > maxInputBytes {
		return nil, false, errTooBig
	}
	return buf.Bytes(), false, nil
}

// errNoWriter is returned for a named pipe that no process opened for
// writing in time.
var errNoWriter = errors.New("no process opened this named pipe for writing")

// openFIFO opens a named pipe for reading. Opening one blocks until a
// process opens it for writing; when none does within wait, openFIFO opens
// it for writing itself to release the blocked open, and gives up.
func openFIFO(path string, wait time.Duration) (*os.File, error) {
	type opened struct {
		f   *os.File
		err error
	}
	done := make(chan opened, 1)
	go func() {
		f, err := os.Open(path)
		done <- opened{f, err}
	}()
	select {
	case o := <-done:
		return o.f, o.err
	case <-time.After(wait):
	}
	if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
		w.Close()
	}
	select {
	case o := <-done:
		if o.f != nil {
			o.f.Close()
		}
	case <-time.After(wait):
		// The open is still blocked: leave it to the end of the process.
	}
	return nil, fmt.Errorf("%w within %v", errNoWriter, wait)
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
