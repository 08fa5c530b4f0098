package rules

import (
	"github.com/daemonlint/daemonlint/daemonset"
	"github.com/daemonlint/daemonlint/lint"
)

// ImageTag reports daemon container images without a tag or with the tag latest.
var ImageTag = &lint.Rule{
	Name: "image-tag",
	Doc: `Daemon images need a pinned tag or digest

An image without a tag means :latest, and :latest means whatever the
registry holds when a node pulls it. For a DaemonSet that is a fleet split
by age: nodes that join later, or whose image was garbage-collected, run a
newer agent than the rest, and since the template never changes no rollout
records it or can roll it back. Pin a version tag (fluentd:v1.17.1) or a
digest (fluentd@sha256:…).`,
	Bad: `containers:
- name: fluentd
  image: fluentd:latest
`,
	Good: `containers:
- name: fluentd
  image: fluentd:v1.17.1
`,
	Since:    "v0.1.0",
	Severity: lint.Warning,
	Kinds:    []string{"DaemonSet"},
	Run:      runImageTag,
}

func runImageTag(p *lint.Pass) error {
	return reportFindings(p, daemonset.CheckImageTags)
}
