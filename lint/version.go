package lint

import (
	"fmt"
	"strconv"
	"strings"
)

// OldestKubernetesVersion is the oldest release that Settings.KubernetesVersion
// may name. Releases from it up to the oldest of schema.Versions are judged by
// the kinds they serve and the lifecycles of kinds alone (which apiVersions
// exist, which are deprecated and when they go); their objects are checked
// against the schemas of the oldest release daemonlint has schemas for.
const OldestKubernetesVersion = "1.22"

// NewestKubernetesVersion is the newest release that
// Settings.KubernetesVersion may name, and the default: the newest release
// of package internal/schema (which lint does not import; a test keeps the
// two equal).
const NewestKubernetesVersion = "1.37"

// OldestSchemaVersion is the oldest release whose schemas daemonlint has.
const OldestSchemaVersion = "1.29"

// ParseKubernetesVersion reads a Kubernetes release as "1.N", "v1.N",
// "1.N.P" or "v1.N.P" and returns it as "1.N". The patch release is ignored:
// patch releases do not change APIs. A release older than
// OldestKubernetesVersion or newer than NewestKubernetesVersion is an error that
// names the range.
func ParseKubernetesVersion(s string) (string, error) {
	minor, ok := releaseMinor(s)
	oldest, _ := releaseMinor(OldestKubernetesVersion)
	newest, _ := releaseMinor(NewestKubernetesVersion)
	if !ok {
		return "", fmt.Errorf("Kubernetes version %q is not a release: write 1.N, such as %s", s, NewestKubernetesVersion)
	}
	if minor < oldest || minor > newest {
		return "", fmt.Errorf("Kubernetes version %q is not supported: use %s to %s (%s to %s with schemas)", s, OldestKubernetesVersion, NewestKubernetesVersion, OldestSchemaVersion, NewestKubernetesVersion)
	}
	return "1." + strconv.Itoa(minor), nil
}

// releaseMinor returns N of "1.N", "v1.N", "1.N.P" or "v1.N.P".
func releaseMinor(s string) (int, bool) {
	s = strings.TrimPrefix(s, "v")
	rest, ok := strings.CutPrefix(s, "1.")
	if !ok {
		return 0, false
	}
	minorText, patch, hasPatch := strings.Cut(rest, ".")
	if hasPatch {
		if _, err := strconv.ParseUint(patch, 10, 16); err != nil {
			return 0, false
		}
	}
	minor, err := strconv.ParseUint(minorText, 10, 16)
	if err != nil || minorText != strconv.FormatUint(minor, 10) {
		return 0, false
	}
	return int(minor), true
}

// TargetVersion returns the release the settings judge for, as "1.N":
// KubernetesVersion, or NewestKubernetesVersion when it is empty.
func (s Settings) TargetVersion() string {
	if s.KubernetesVersion == "" {
		return NewestKubernetesVersion
	}
	if v, err := ParseKubernetesVersion(s.KubernetesVersion); err == nil {
		return v
	}
	return s.KubernetesVersion
}

// check reports settings that name releases daemonlint does not know, or
// an upgrade to a release that is not newer than the target.
func (s Settings) check() error {
	if s.KubernetesVersion != "" {
		if _, err := ParseKubernetesVersion(s.KubernetesVersion); err != nil {
			return err
		}
	}
	if s.UpgradeTo != "" {
		to, err := ParseKubernetesVersion(s.UpgradeTo)
		if err != nil {
			return fmt.Errorf("upgrade: %w", err)
		}
		from := s.TargetVersion()
		a, _ := releaseMinor(from)
		b, _ := releaseMinor(to)
		if b <= a {
			return fmt.Errorf("an upgrade goes to a newer release: %s is not newer than the target %s", to, from)
		}
	}
	return nil
}
