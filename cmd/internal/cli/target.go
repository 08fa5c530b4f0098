package cli

import (
	"flag"
	"fmt"

	"github.com/daemonlint/daemonlint/internal/schema"
	"github.com/daemonlint/daemonlint/lint"
)

// targetFlags are the flags of daemonlint lint that name the cluster's
// Kubernetes release and the one it is to be upgraded to.
type targetFlags struct {
	version   string
	upgradeTo string
	crds      []string
}

// register adds the flags to fs.
func (t *targetFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&t.version, "kubernetes-version", "", "judge for Kubernetes `1.N` ("+lint.OldestKubernetesVersion+" to "+schema.Default+", schemas from "+schema.Versions()[0]+"; default the configuration's kubernetesVersion, else "+schema.Default+")")
	fs.Func("crds", "check custom resources against the CustomResourceDefinitions in `PATH` (a file, a directory, or a CRD catalog of {group}/{kind}_{version}.json files; repeatable), besides those being linted", func(s string) error {
		t.crds = append(t.crds, s)
		return nil
	})
	fs.StringVar(&t.upgradeTo, "upgrade-to", "", "also report what an upgrade to Kubernetes `1.M` would break (the apiVersions it removes)")
}

// check reports a flag that names no supported release.
func (t *targetFlags) check() error {
	for _, f := range []struct{ name, value string }{{"--kubernetes-version", t.version}, {"--upgrade-to", t.upgradeTo}} {
		if f.value == "" {
			continue
		}
		if _, err := lint.ParseKubernetesVersion(f.value); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	return nil
}

// apply puts the flags into the settings of a run; a flag wins over the
// configuration.
func (t *targetFlags) apply(s *lint.Settings) {
	if t.version != "" {
		s.KubernetesVersion, _ = lint.ParseKubernetesVersion(t.version)
	}
	if t.upgradeTo != "" {
		s.UpgradeTo, _ = lint.ParseKubernetesVersion(t.upgradeTo)
	}
}
