package lint

// Rules returns the built-in rules, in the order their documentation lists
// them. The slice is new on every call; callers may filter it.
func Rules() []*Rule {
	return []*Rule{
		Syntax,
		KindSpelling,
		SelectorMismatch,
		DaemonSetReplicas,
		DuplicateKey,
		UnknownField,
		FieldType,
		Schema,
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
