package manifest

import "math/bits"

// A fieldTable finds a struct's fields by JSON name with one comparison
// of strings and no hashing of the whole name: a name's slot comes from its
// length and five of its bytes (the first two, the middle one and the last
// two), and the table is built so
// that no two of the struct's names share a slot. It answers as a map of
// the same names would.
type fieldTable struct {
	seed  uint32
	shift uint // 32 - log2(len(names))
	names []string
	infos []*fieldInfo
}

// newFieldTable returns the table of fields, or nil when none of the seeds
// and sizes it tries gives every name a slot of its own (then the map is
// used).
func newFieldTable(fields map[string]*fieldInfo) *fieldTable {
	if len(fields) == 0 {
		return nil
	}
	for size := 1 << bits.Len(uint(2*len(fields)-1)); size <= 16*len(fields); size *= 2 {
		for seed := uint32(1); seed < 64; seed++ {
			t := &fieldTable{
				seed:  seed * 0x9e3779b9,
				shift: uint(32 - bits.TrailingZeros(uint(size))),
				names: make([]string, size),
				infos: make([]*fieldInfo, size),
			}
			ok := true
			for name, f := range fields {
				i := t.slot(name)
				if t.infos[i] != nil {
					ok = false
					break
				}
				t.names[i], t.infos[i] = name, f
			}
			if ok {
				return t
			}
		}
	}
	return nil
}

// slot returns the only slot where name can be.
func (t *fieldTable) slot(name string) uint32 {
	h := uint32(len(name))
	if n := len(name); n > 0 {
		h ^= uint32(name[0])<<8 | uint32(name[n-1])<<16
		if n > 1 {
			h ^= uint32(name[1])<<24 | uint32(name[n-2])
		}
		h += uint32(name[n/2]) * 0x01000193
	}
	return (h * t.seed) >> t.shift
}

// find returns the field named name, or nil.
func (t *fieldTable) find(name string) *fieldInfo {
	i := t.slot(name)
	if t.names[i] != name {
		return nil
	}
	return t.infos[i]
}
