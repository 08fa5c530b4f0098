package rules

import "github.com/daemonlint/daemonlint/lint"

// All returns daemonlint's rules, in the order their documentation lists
// them. The slice is new on every call; callers may filter it.
func All() []*lint.Rule {
	return []*lint.Rule{
		Syntax,
		MissingType,
		KindSpelling,
		APIVersion,
		DeprecatedAPI,
		SelectorMismatch,
		Validation,
		UnknownField,
		FieldType,
		Schema,
		CustomResource,
		DaemonSetReplicas,
		DuplicateKey,
		ControlPlaneCoverage,
		Resources,
		PriorityClass,
		UpdateStrategy,
		HostPortSurge,
		HostPath,
		Privileged,
		HostPID,
		HostIPC,
		HostNetworkDNS,
		NodeName,
		PodAntiAffinity,
		ImageTag,
		Probes,
		IgnoreDirective,
	}
}

// ByName returns the rule of All called name, or nil.
func ByName(name string) *lint.Rule {
	for _, r := range All() {
		if r.Name == name {
			return r
		}
	}
	return nil
}
