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
		DaemonSetReplicas,
		DuplicateKey,
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
