// Package atomicfile rewrites files so that a reader sees either the old
// bytes or the new ones, never a mixture, and so that a failure leaves the
// original untouched.
package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// MaxBytes is the largest file Replace rewrites, before or after: it reads
// the file twice to make sure it did not change, and holds the old and new
// contents, so memory grows with the size.
const MaxBytes = 32 << 20

// ErrTooLarge is returned for a file, or new contents, over MaxBytes.
var ErrTooLarge = fmt.Errorf("larger than %d MiB, the most daemonlint rewrites", MaxBytes>>20)

// ErrChanged is returned when a file's content on disk is no longer what
// the caller read, so writing would lose someone else's change.
var ErrChanged = errors.New("the file changed on disk since it was read")

// Replace writes data to the file at path, which must hold old: it writes a
// temporary file in the same directory, syncs it, gives it the original's
// permissions (and owner, where permitted) and renames it over the
// original. A symbolic link is followed, and its target is replaced. If the
// file's content is no longer old, nothing is written and ErrChanged is
// returned; a file over MaxBytes is not written either (ErrTooLarge).
func Replace(path string, old, data []byte) error {
	if len(old) > MaxBytes || len(data) > MaxBytes {
		return ErrTooLarge
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	info, err := os.Stat(target)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", path)
	}
	if info.Size() > MaxBytes {
		return ErrTooLarge
	}
	// Refuse when the file cannot be written, as editors do: a read-only
	// file is read-only for a reason, even to a superuser.
	if info.Mode().Perm()&0o222 == 0 {
		return &os.PathError{Op: "write", Path: path, Err: os.ErrPermission}
	}
	if f, err := os.OpenFile(target, os.O_WRONLY, 0); err != nil {
		return err
	} else {
		f.Close()
	}
	cur, err := os.ReadFile(target)
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, old) {
		return ErrChanged
	}
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".daemonlint-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		return err
	}
	chown(tmp, info)
	if err := tmp.Close(); err != nil {
		return err
	}
	// Check once more just before the rename: the window left is as small
	// as a rename allows.
	cur, err = os.ReadFile(target)
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, old) {
		return ErrChanged
	}
	if err := os.Rename(tmpName, target); err != nil {
		return err
	}
	ok = true
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
