// Package rules holds daemonlint's rules: one file per rule, each an
// exported *lint.Rule, listed in order by All. They read manifests through
// package manifest and report through the lint.Pass they are given; the
// engine (package lint) runs whichever rules its caller passes in
// Options.Rules, usually All() filtered by a configuration.
//
//	res, err := lint.Run(files, lint.Options{Rules: rules.All()})
//
// The rules fall into groups: what keeps a file from being read (Syntax,
// MissingType, KindSpelling, APIVersion), what the API server refuses
// (SelectorMismatch, Validation, UnknownField, FieldType, Schema,
// DaemonSetReplicas, DuplicateKey), the practice of node agents
// (ControlPlaneCoverage, Resources, PriorityClass, UpdateStrategy, HostPath,
// Privileged, HostPID, HostIPC, HostNetworkDNS, NodeName, PodAntiAffinity,
// ImageTag, Probes),
// and IgnoreDirective, which reports the problems of ignore directives the
// engine found. ServerVerdict and ServerErrors give the API server's answer
// for a document of a built-in kind without running the engine.
//
// # Adding a rule
//
// Write its file (a *lint.Rule with Name, Doc, Bad, Good, Since, Severity,
// Kinds and Run), its test data in testdata/<name> (YAML files with
// `# want "regexp"` comments, see package linttest, and <file>.golden for
// fixes), and one line in All. TestRules fails for a rule of All without
// test data, or whose Bad example does not trigger it or whose Good
// example does. Then regenerate the README's rule table with
// go generate ./lint.
package rules
