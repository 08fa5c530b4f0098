//go:build unix

package atomicfile

import (
	"os"
	"syscall"
)

// chown gives f the owner and group of the original file, where the
// process is allowed to; failure is not an error (an ordinary user cannot
// give files away).
func chown(f *os.File, info os.FileInfo) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		_ = f.Chown(int(st.Uid), int(st.Gid))
	}
}
