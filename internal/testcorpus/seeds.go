package testcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

// AddSeeds adds to a fuzz target the YAML and JSON files below dir (test
// inputs of the repository) and, when it is present, of the shared corpus,
// each under 64 KiB, and two small inputs with CRLF line breaks and a
// byte-order mark.
func AddSeeds(f *testing.F, dir string) {
	dirs := []string{dir}
	if c, ok := Find(); ok {
		dirs = append(dirs, c)
	}
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			switch filepath.Ext(path) {
			case ".yaml", ".yml", ".json", ".golden":
			default:
				return nil
			}
			if src, err := os.ReadFile(path); err == nil && len(src) < 64<<10 {
				f.Add(src)
			}
			return nil
		})
	}
	f.Add([]byte("a: 1\r\nb: [x, 'y']\r\n"))
	f.Add([]byte("\ufeffapiVersion: v1\nkind: List\nitems:\n- {kind: Pod}\n"))
}
