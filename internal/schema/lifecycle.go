package schema

import (
	"slices"
	"strconv"
	"strings"
	"sync"
)

// A GroupVersionKind names a kind of an API version.
type GroupVersionKind struct {
	// Group is the API group, "" for the core group.
	Group string
	// Version is the API version within the group ("v2").
	Version string
	// Kind is the kind ("HorizontalPodAutoscaler").
	Kind string
}

// APIVersion returns "group/version", or the version alone for the core
// group.
func (g GroupVersionKind) APIVersion() string {
	if g.Group == "" {
		return g.Version
	}
	return g.Group + "/" + g.Version
}

// A Lifecycle is what Kubernetes says about the life of a kind: the
// releases, as "1.N", that introduced it, deprecate it and stop serving it,
// and the kind to use instead. It comes from the
// zz_generated.prerelease-lifecycle.go files of the k8s.io/api modules
// (the k8s:prerelease-lifecycle-gen tags of the types), of the newest
// release that still has the kind's types. Every alpha and beta kind has
// one; for an alpha or beta kind without tags, that generator puts
// deprecation three releases after introduction and removal three after
// deprecation. Recent releases also describe GA kinds, with Introduced
// alone.
type Lifecycle struct {
	// Introduced is the release that added the kind.
	Introduced string
	// Deprecated is the release that deprecates the kind: from it on, the
	// API server warns about it.
	Deprecated string
	// Removed is the first release that no longer serves the kind.
	Removed string
	// Replacement is the kind to use instead, the zero value when none is
	// named.
	Replacement GroupVersionKind
	// Source is the k8s.io/api module version the data was read from
	// ("k8s.io/api@v0.37.2").
	Source string
}

// lifecycleOf is the lifecycle of one kind.
type lifecycleOf struct {
	apiVersion, kind string
	Lifecycle
}

// LifecycleOf returns the lifecycle of a kind, if Kubernetes describes one
// (every alpha and beta kind since 1.22; GA kinds only in recent
// releases). It is the same whichever release is targeted.
func LifecycleOf(apiVersion, kind string) (Lifecycle, bool) {
	i, ok := slices.BinarySearchFunc(lifecycles[:], [2]string{apiVersion, kind}, func(l lifecycleOf, key [2]string) int {
		if c := strings.Compare(l.apiVersion, key[0]); c != 0 {
			return c
		}
		return strings.Compare(l.kind, key[1])
	})
	if !ok {
		return Lifecycle{}, false
	}
	return lifecycles[i].Lifecycle, true
}

// An Availability says whether a release serves a kind and, when it does
// not, why.
type Availability struct {
	// Served reports whether the release's API server serves the kind by
	// default.
	Served bool
	// Disabled reports that the release has the kind but does not serve
	// it by default: an alpha or beta version that the cluster's
	// administrator must turn on (--runtime-config).
	Disabled bool
	// Deprecated reports that the release has the kind (served or not)
	// and its lifecycle says it is deprecated by this release or an older
	// one: the API server warns about it, and Lifecycle.Removed says when
	// it goes.
	Deprecated bool
	// Removed is the release ("1.N") that stopped serving the kind (or,
	// for an alpha or beta kind that was never served by default, dropped
	// it), when that is the release asked about or an older one; ""
	// otherwise.
	Removed string
	// Added is the first supported release ("1.N") newer than the one
	// asked about that serves the kind, when the one asked about does not;
	// "" otherwise.
	Added string
	// Lifecycle is the kind's lifecycle (see LifecycleOf), when
	// HasLifecycle. Its Deprecated and Removed say what a newer release
	// does to a kind that this one serves; its Introduced, when a kind that
	// this one does not have was added later but is off by default.
	Lifecycle Lifecycle
	// HasLifecycle reports whether Lifecycle is set.
	HasLifecycle bool
}

// Known reports whether the kind is a built-in kind of some release this
// package knows: served, present but off, removed, added later, or
// described by a lifecycle. A kind that is none of these is a custom
// resource or a mistake.
func (a Availability) Known() bool {
	return a.Served || a.Disabled || a.Removed != "" || a.Added != "" || a.HasLifecycle
}

// Serves says whether the release serves (apiVersion, kind) by default, and if not, whether it has the kind but does not serve it by
// default, which release removed it, or which release adds it.
//
// Removed comes from the supported releases when an older one had the
// kind: the first release after the newest that had it (alpha versions are
// sometimes deleted before the release their lifecycle names); otherwise
// from the kind's lifecycle, when it says a release up to this one removed
// it (kinds removed before the oldest supported release). Added is the
// first newer supported release that serves the kind.
func (v *Version) Serves(apiVersion, kind string) Availability {
	// Rules ask for every document; the answer depends on the three names
	// alone. Only the kinds Kubernetes has are kept, so that inputs full
	// of made-up kinds do not fill the memory.
	key := [3]string{v.name, apiVersion, kind}
	if a, ok := servesCache.Load(key); ok {
		return a.(Availability)
	}
	a := v.serves(apiVersion, kind)
	if a.Served || a.Disabled || a.HasLifecycle {
		servesCache.Store(key, a)
	}
	return a
}

// servesCache holds the answers of Version.Serves about built-in kinds.
var servesCache sync.Map // [3]string{release, apiVersion, kind} → Availability

func (v *Version) serves(apiVersion, kind string) Availability {
	var a Availability
	a.Lifecycle, a.HasLifecycle = LifecycleOf(apiVersion, kind)
	if k, ok := v.Find(apiVersion, kind); ok {
		a.Deprecated = a.HasLifecycle && a.Lifecycle.Deprecated != "" && compareReleases(a.Lifecycle.Deprecated, v.name) <= 0
		if k.Served {
			a.Served = true
			return a
		}
		a.Disabled = true
	}
	at := slices.IndexFunc(releases[:], func(r Version) bool { return r.name == v.name })
	if !a.Disabled {
		for i := at - 1; i >= 0; i-- {
			if _, ok := releases[i].Find(apiVersion, kind); ok {
				a.Removed = releases[i+1].name
				break
			}
		}
	}
	if a.Removed == "" && !a.Disabled && a.HasLifecycle && a.Lifecycle.Removed != "" && compareReleases(a.Lifecycle.Removed, v.name) <= 0 {
		a.Removed = a.Lifecycle.Removed
	}
	if a.Removed == "" {
		for i := at + 1; i < len(releases); i++ {
			if k, ok := releases[i].Find(apiVersion, kind); ok && k.Served {
				a.Added = releases[i].name
				break
			}
		}
	}
	return a
}

// Serves says whether Default serves (apiVersion, kind); see
// Version.Serves.
func Serves(apiVersion, kind string) Availability {
	return defaultVersion().Serves(apiVersion, kind)
}

// compareReleases compares two releases written "1.N".
func compareReleases(a, b string) int {
	return releaseNumber(a) - releaseNumber(b)
}

// releaseNumber returns 1000*major + minor of "major.minor", or -1.
func releaseNumber(s string) int {
	major, minor, ok := strings.Cut(s, ".")
	if !ok {
		return -1
	}
	ma, err1 := strconv.Atoi(major)
	mi, err2 := strconv.Atoi(minor)
	if err1 != nil || err2 != nil {
		return -1
	}
	return ma*1000 + mi
}
