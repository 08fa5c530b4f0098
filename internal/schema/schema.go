// Package schema holds the OpenAPI definitions of the kinds Kubernetes itself
// defines, for every supported release (Versions, from 1.29 to Default),
// generated from each release's own OpenAPI document, with the kinds each
// release serves and the lifecycle (introduction, deprecation, removal,
// replacement) of the kinds Kubernetes describes: every alpha and beta one
// since 1.22, and the GA ones of recent releases.
//
// A Version, from ForVersion, answers for one release: Kinds, Find,
// IsBuiltinGroup, Serves (is a kind served or deprecated, and if not, which
// release removed it or adds it) and Check (what the release's definition
// of a kind says about an object: unknown fields, missing required fields,
// wrong JSON types). The package-level functions of the same names answer
// for Default. LifecycleOf is the same for every release.
//
// The definitions are strict, as the API server's decoding is: objects
// with properties have no others, every value may be null, required lists
// are kept (see package gen for the exact translation). Check reads them by
// property lookup; it is not a JSON-schema validator, and the product
// links none (the tests compile the definitions as JSON schemas to check
// them). A kind is served when the release's API server serves it by
// default: GA versions, and the few beta resources a release still enables
// by default (flowcontrol.apiserver.k8s.io/v1beta3 up to 1.31); only served
// kinds have definitions here.
//
// Releases share most definitions (PodSpec, ObjectMeta), so the embedded
// data is one compressed file of distinct definitions (data/defs.gz) and
// generated tables (kinds_gen.go) saying which definitions make each
// kind's schema and which schema each release's kind has. Nothing happens
// when the package is loaded: the definitions are decompressed the first
// time Check needs them, and each is parsed once, the first time a kind
// that uses it is checked, and shared by every release and kind.
//
// The data is made by go generate (gen/main.go), which fetches the
// k8s.io/kubernetes module of each release, and the k8s.io/api modules of
// 1.22 on for the lifecycles, through the module proxy.
package schema

//go:generate go run gen/main.go

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// packed is the JSON of every distinct definition, one after another,
// compressed; defs says where each is.
//
//go:embed data/defs.gz
var packed []byte

// A Kind is a group/version/kind that the API server of a release can
// create.
type Kind struct {
	// Group is the API group, "" for the core group.
	Group string
	// Version is the API version within the group ("v1", "v1beta1").
	Version string
	// Kind is the kind ("Service").
	Kind string
	// Served reports whether the release's API server serves the kind by
	// default: GA versions are served, alpha and beta ones are not (and
	// have no schema here) unless the release still enables the resource
	// by default.
	Served bool

	apiVersion string // APIVersion, precomputed
	schema     int    // index in schemas, 0 for none
}

// APIVersion returns the kind's apiVersion: "group/version", or the
// version alone for the core group.
func (k Kind) APIVersion() string {
	if k.apiVersion != "" {
		return k.apiVersion
	}
	if k.Group == "" {
		return k.Version
	}
	return k.Group + "/" + k.Version
}

// A Version is a supported Kubernetes release: its kinds, their schemas
// and what it serves. Get one with ForVersion.
type Version struct {
	name   string // "1.30"
	module string // "v1.30.14"
	kinds  []Kind
	groups []string
}

// def is one definition: its name and where its JSON is in the
// decompressed packed data.
type def struct {
	name       string
	start, end int
}

// Versions returns the supported releases, oldest first, as "1.N". The
// last one is Default.
func Versions() []string {
	out := make([]string, len(releases))
	for i := range releases {
		out[i] = releases[i].name
	}
	return out
}

// ForVersion returns the supported release named by version: "1.N",
// "1.N.P", "v1.N" or "v1.N.P". The patch release is accepted and ignored:
// the data of a minor release comes from one of its patch releases (see
// Version.Release), and patch releases do not change APIs. An error says
// which versions are supported.
func ForVersion(version string) (*Version, error) {
	for i := range releases {
		if releases[i].name == version { // the common case, asked for every document
			return &releases[i], nil
		}
	}
	minor, ok := parseMinor(version)
	if !ok {
		return nil, fmt.Errorf("invalid Kubernetes version %q: write 1.N or 1.N.P, one of %s", version, strings.Join(Versions(), ", "))
	}
	name := "1." + strconv.Itoa(minor)
	for i := range releases {
		if releases[i].name == name {
			return &releases[i], nil
		}
	}
	return nil, fmt.Errorf("unsupported Kubernetes version %q: the supported versions are %s", version, strings.Join(Versions(), ", "))
}

// parseMinor returns N of "1.N", "1.N.P", "v1.N" or "v1.N.P" (surrounding
// space ignored).
func parseMinor(version string) (int, bool) {
	parts := strings.Split(strings.TrimPrefix(strings.TrimSpace(version), "v"), ".")
	if len(parts) < 2 || len(parts) > 3 || parts[0] != "1" {
		return 0, false
	}
	var minor int
	for i, p := range parts[1:] {
		if p == "" || strings.Trim(p, "0123456789") != "" || len(p) > 4 {
			return 0, false
		}
		if i == 0 {
			minor, _ = strconv.Atoi(p)
		}
	}
	return minor, true
}

// defaultVersion is the Version of Default.
func defaultVersion() *Version { return &releases[len(releases)-1] }

// Name returns the release as "1.N".
func (v *Version) Name() string { return v.name }

// Release returns the version of the k8s.io/kubernetes module whose OpenAPI
// document the release's schemas come from ("v1.30.14").
func (v *Version) Release() string { return v.module }

// Kinds returns every creatable kind of the release, served or not, sorted
// by apiVersion and then kind. The slice is new on every call.
func (v *Version) Kinds() []Kind {
	return slices.Clone(v.kinds)
}

// find returns the index of (apiVersion, kind) in v.kinds, or -1.
func (v *Version) find(apiVersion, kind string) int {
	i, ok := slices.BinarySearchFunc(v.kinds, [2]string{apiVersion, kind}, func(k Kind, key [2]string) int {
		if c := strings.Compare(k.APIVersion(), key[0]); c != 0 {
			return c
		}
		return strings.Compare(k.Kind, key[1])
	})
	if !ok {
		return -1
	}
	return i
}

// Find returns the kind named by apiVersion and kind, if it is a creatable
// kind of the release (served or not).
func (v *Version) Find(apiVersion, kind string) (Kind, bool) {
	i := v.find(apiVersion, kind)
	if i < 0 {
		return Kind{}, false
	}
	return v.kinds[i], true
}

// IsBuiltinGroup reports whether group ("" for core) is an API group of the
// release. Custom resources are in other groups.
func (v *Version) IsBuiltinGroup(group string) bool {
	_, ok := slices.BinarySearch(v.groups, group)
	return ok
}

// Kinds returns every creatable kind of Default, served or not, sorted by
// apiVersion and then kind. The slice is new on every call.
func Kinds() []Kind { return defaultVersion().Kinds() }

// Find returns the kind named by apiVersion and kind, if it is a creatable
// kind of Default (served or not).
func Find(apiVersion, kind string) (Kind, bool) { return defaultVersion().Find(apiVersion, kind) }

// IsBuiltinGroup reports whether group ("" for core) is an API group of
// Default. Custom resources are in other groups.
func IsBuiltinGroup(group string) bool { return defaultVersion().IsBuiltinGroup(group) }

// unpacked holds the decompressed definitions, filled on first use.
var unpacked struct {
	once sync.Once
	data []byte
	err  error
}

// definitions returns the decompressed JSON of all definitions.
func definitions() ([]byte, error) {
	unpacked.once.Do(func() {
		zr, err := gzip.NewReader(bytes.NewReader(packed))
		if err != nil {
			unpacked.err = err
			return
		}
		unpacked.data, unpacked.err = io.ReadAll(zr)
		if unpacked.err == nil {
			unpacked.err = zr.Close()
		}
		if unpacked.err == nil && len(unpacked.data) != defs[len(defs)-1].end {
			unpacked.err = fmt.Errorf("data/defs.gz holds %d bytes, want %d", len(unpacked.data), defs[len(defs)-1].end)
		}
	})
	return unpacked.data, unpacked.err
}

// assemble returns schema id as a JSON schema document: a $ref to its root
// definition and its definitions under $defs.
func assemble(id int) (any, error) {
	if id <= 0 || id >= len(schemas) {
		return nil, fmt.Errorf("no schema %d", id)
	}
	data, err := definitions()
	if err != nil {
		return nil, err
	}
	ds := map[string]any{}
	for _, d := range schemas[id] {
		if int(d) >= len(defs) {
			return nil, fmt.Errorf("schema %d: no definition %d", id, d)
		}
		def := defs[d]
		dec := json.NewDecoder(bytes.NewReader(data[def.start:def.end]))
		dec.UseNumber()
		var v any
		err := dec.Decode(&v)
		if err != nil {
			return nil, fmt.Errorf("definition %s: %w", def.name, err)
		}
		ds[def.name] = v
	}
	return map[string]any{
		"$schema": "https://json-schema.org/draft/2020-12/schema",
		"$ref":    "#/$defs/" + defs[schemas[id][0]].name,
		"$defs":   ds,
	}, nil
}
