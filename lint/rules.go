package lint

// Rules returns the built-in rules, in the order their documentation lists
// them. The slice is new on every call; callers may filter it.
func Rules() []*Rule {
	return []*Rule{
		Syntax,
		KindSpelling,
		APIVersion,
		SelectorMismatch,
		Validation,
		UnknownField,
		FieldType,
		Schema,
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

// RuleByName returns the built-in rule called name, or nil.
func RuleByName(name string) *Rule {
	for _, r := range Rules() {
		if r.Name == name {
			return r
		}
	}
	return nil
}
