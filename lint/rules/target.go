package rules

import (
	"strconv"
	"strings"

	"github.com/daemonlint/daemonlint/internal/schema"
	"github.com/daemonlint/daemonlint/lint"
)

// A target is the Kubernetes release a run judges for.
type target struct {
	// name is the release, "1.N".
	name string
	// minor is N.
	minor int
	// v has the release's schemas and served kinds; for a release older
	// than every one with schemas, the oldest of those.
	v *schema.Version
	// exact reports whether v is the release itself.
	exact bool
}

// targetOf returns the release that p's settings judge for.
func targetOf(p *lint.Pass) target {
	name := p.Settings.TargetVersion()
	if v, err := schema.ForVersion(name); err == nil {
		return target{name: name, minor: minorOf(name), v: v, exact: true}
	}
	oldest, _ := schema.ForVersion(schema.Versions()[0])
	return target{name: name, minor: minorOf(name), v: oldest}
}

// isDefault reports whether t is the newest release, whose Go types
// (k8s.io/api) the typed decoding uses.
func (t target) isDefault() bool { return t.name == schema.Default }

// minorOf returns N of "1.N", or 0.
func minorOf(release string) int {
	if release == "" {
		return 0 // most kinds have no lifecycle date; spare Atoi's error
	}
	n, err := strconv.Atoi(strings.TrimPrefix(release, "1."))
	if err != nil {
		return 0
	}
	return n
}

// serves says whether the target release serves (apiVersion, kind). For a
// release older than every one with schemas, the answer comes from the
// kind's lifecycle: served from its introduction until its removal, when
// it is not an alpha version; a kind without a lifecycle is served when
// the oldest release with schemas serves it.
func (t target) serves(apiVersion, kind string) schema.Availability {
	a := t.v.Serves(apiVersion, kind)
	if t.exact {
		return a
	}
	lc, ok := schema.LifecycleOf(apiVersion, kind)
	if !ok {
		return a
	}
	out := schema.Availability{Lifecycle: lc, HasLifecycle: true}
	introduced, removed := minorOf(lc.Introduced), minorOf(lc.Removed)
	alpha := strings.Contains(apiVersion, "alpha")
	switch {
	case removed != 0 && removed <= t.minor:
		out.Removed = lc.Removed
	case introduced > t.minor:
		if !alpha {
			out.Added = lc.Introduced
		}
	case alpha:
		out.Disabled = true
	default:
		out.Served = true
		out.Deprecated = lc.Deprecated != "" && minorOf(lc.Deprecated) <= t.minor
	}
	return out
}
