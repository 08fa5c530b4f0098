package lint_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/rules"
)

func ruleNames(rules []*lint.Rule) []string {
	var names []string
	for _, r := range rules {
		names = append(names, r.Name)
	}
	return names
}

func TestConfigOptions(t *testing.T) {
	src := `# a comment
rules:
  duplicate-key:
    enabled: false
  kind-spelling:
    severity: warning
  syntax:
    enabled: true
ignore:
  - "charts/**/templates/**"
cluster:
  allowPrivileged: false
`
	c, err := lint.ParseConfig(".daemonlint.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	opts, err := c.Options(rules.All())
	if err != nil {
		t.Fatal(err)
	}
	if got := ruleNames(opts.Rules); slices.Contains(got, "duplicate-key") || !slices.Contains(got, "syntax") || len(got) != len(rules.All())-1 {
		t.Errorf("rules = %v, want every rule but duplicate-key", got)
	}
	if got, want := opts.Severity, map[string]lint.Severity{"kind-spelling": lint.Warning}; len(got) != len(want) || got["kind-spelling"] != lint.Warning {
		t.Errorf("severity overrides = %v, want %v", got, want)
	}
	if !opts.Settings.DisallowPrivileged {
		t.Error("DisallowPrivileged = false, want true for allowPrivileged: false")
	}
}

func TestConfigEmpty(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
	}{
		{"empty file", ""},
		{"comments only", "# nothing here\n"},
		{"null sections", "rules:\nignore:\ncluster:\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := lint.ParseConfig("c.yaml", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			opts, err := c.Options(rules.All())
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(opts.Rules), len(rules.All()); got != want {
				t.Errorf("%d rules, want %d", got, want)
			}
			if len(opts.Severity) != 0 || opts.Settings.DisallowPrivileged {
				t.Errorf("options = %+v, want the defaults", opts)
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want string // every line of the error, in order
	}{
		{"unknown top-level key", "rules: {}\n\n\n  # indented comment\nrulez:\n  x: 1\n",
			`.daemonlint.yaml:5:1: unknown key "rulez" (known: rules, ignore, cluster, kubernetesVersion)`},
		{"unknown rule key", "rules:\n  duplicate-key:\n    enable: false\n",
			`.daemonlint.yaml:3:5: unknown key "enable" in rules.duplicate-key (known: enabled, severity)`},
		{"unknown cluster key", "cluster:\n  allowPriviledged: true\n",
			`.daemonlint.yaml:2:3: unknown key "allowPriviledged" in cluster (known: allowPrivileged)`},
		{"enabled not a boolean", "rules:\n  duplicate-key:\n    enabled: nope\n",
			`.daemonlint.yaml:3:14: rules.duplicate-key.enabled must be true or false, not "nope"`},
		{"YAML 1.1 boolean", "cluster:\n  allowPrivileged: yes\n",
			`.daemonlint.yaml:2:20: cluster.allowPrivileged must be true or false, not "yes"`},
		{"bad severity", "rules:\n  kind-spelling:\n    severity: fatal\n",
			`.daemonlint.yaml:3:15: rules.kind-spelling.severity must be error, warning or info, not "fatal"`},
		{"severity not a string", "rules:\n  kind-spelling:\n    severity: [error]\n",
			`.daemonlint.yaml:3:15: rules.kind-spelling.severity must be a string, not a sequence`},
		{"rules not a mapping", "rules:\n  - duplicate-key\n",
			`.daemonlint.yaml:2:3: rules must be a mapping, not a sequence`},
		{"ignore not a list", "ignore: vendor\n",
			`.daemonlint.yaml:1:9: ignore must be a list, not the scalar "vendor"`},
		{"bad glob", "ignore:\n  - ok/**\n  - \"[z-a\"\n",
			`.daemonlint.yaml:3:5: ignore[1]: bad pattern "[z-a": syntax error in pattern`},
		{"absolute glob", "ignore:\n  - /etc\n",
			`.daemonlint.yaml:2:5: ignore[0]: "/etc" is absolute; patterns are relative to the configuration file's directory`},
		{"repeated key", "rules: {}\nrules: {}\n",
			`.daemonlint.yaml:2:1: key "rules" is repeated`},
		{"not a mapping", "- a\n",
			`.daemonlint.yaml:1:1: the configuration must be a mapping, not a sequence`},
		{"two documents", "rules: {}\n---\nrules: {}\n",
			`.daemonlint.yaml:2:1: a configuration file holds one YAML document, not several`},
		{"syntax error", "rules:\n  a: [b\n",
			`^\.daemonlint\.yaml:\d+:\d+: YAML syntax error: `},
		{"version too old", "kubernetesVersion: \"1.12\"\n",
			`.daemonlint.yaml:1:20: kubernetesVersion: Kubernetes version "1.12" is not supported: use 1.22 to 1.37 (1.29 to 1.37 with schemas)`},
		{"version not a release", "kubernetesVersion: latest\n",
			`.daemonlint.yaml:1:20: kubernetesVersion: Kubernetes version "latest" is not a release: write 1.N, such as 1.37`},
		{"several errors", "rulez: 1\ncluster:\n  allowPrivileged: 1\n",
			".daemonlint.yaml:1:1: unknown key \"rulez\" (known: rules, ignore, cluster, kubernetesVersion)\n" +
				".daemonlint.yaml:3:20: cluster.allowPrivileged must be true or false, not \"1\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := lint.ParseConfig(".daemonlint.yaml", []byte(tc.src))
			if err == nil {
				t.Fatal("ParseConfig accepted a bad configuration")
			}
			if strings.HasPrefix(tc.want, "^") {
				if !regexp.MustCompile(tc.want).MatchString(err.Error()) {
					t.Errorf("error = %q, want a match for %q", err, tc.want)
				}
				return
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("error =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestConfigUnknownRule(t *testing.T) {
	c, err := lint.ParseConfig("cfg/.daemonlint.yaml", []byte("rules:\n  kind-spelling: {}\n  duplicat-key:\n    enabled: false\n  no-such-thing: {}\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Options(rules.All())
	want := "cfg/.daemonlint.yaml:3:3: unknown rule \"duplicat-key\" in rules; did you mean \"duplicate-key\"?\n" +
		"cfg/.daemonlint.yaml:5:3: unknown rule \"no-such-thing\" in rules; daemonlint rules lists the rules"
	if err == nil || err.Error() != want {
		t.Errorf("Options error =\n%v\nwant\n%s", err, want)
	}
}

func TestConfigIgnored(t *testing.T) {
	c := &lint.Config{Ignore: []string{"charts/**/templates/**", "vendor", "./gen/*.yaml", "**/*.tmpl.yaml", "a/**/b"}}
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"charts/agent/templates/ds.yaml", true},
		{"charts/agent/sub/templates/x/ds.yaml", true},
		{"charts/templates/ds.yaml", true}, // ** matches no element too
		{"charts/agent/values.yaml", false},
		{"vendor/x/y.yaml", true},
		{"vendor", true},
		{"src/vendor/y.yaml", false},
		{"gen/a.yaml", true},
		{"gen/sub/a.yaml", false},
		{"./gen/a.yaml", true},
		{"deep/down/x.tmpl.yaml", true},
		{"x.tmpl.yaml", true},
		{"a/b", true},
		{"a/x/y/b/c.yaml", true},
		{"a/x/c.yaml", false},
		{"../vendor/x.yaml", false},
		{"ds.yaml", false},
	} {
		t.Run(tc.path, func(t *testing.T) {
			if got := c.Ignored(tc.path); got != tc.want {
				t.Errorf("Ignored(%q) = %v, want %v", tc.path, got, tc.want)
			}
		})
	}
}

// TestDefaultConfig checks that the file config init writes is valid as it
// is, and still valid, with the default settings, once every commented-out
// setting is turned on.
func TestDefaultConfig(t *testing.T) {
	src := lint.DefaultConfig(rules.All())
	if _, err := lint.ParseConfig("default", src); err != nil {
		t.Fatalf("the default configuration does not parse: %v", err)
	}
	for _, r := range rules.All() {
		if !strings.Contains(string(src), "  # "+r.Name+":\n") {
			t.Errorf("the default configuration does not list %s", r.Name)
		}
	}
	setting := regexp.MustCompile(`(?m)^(\s*)# ((?:\s*[a-z][a-zA-Z-]*:)|- )`)
	on := setting.ReplaceAll(src, []byte("$1$2"))
	c, err := lint.ParseConfig("default-on", on)
	if err != nil {
		t.Fatalf("the default configuration with every setting on does not parse: %v\n%s", err, on)
	}
	if got, want := len(c.Rules), len(rules.All()); got != want {
		t.Errorf("%d rules configured, want %d", got, want)
	}
	opts, err := c.Options(rules.All())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ruleNames(opts.Rules), ruleNames(rules.All()); !slices.Equal(got, want) {
		t.Errorf("rules = %v, want %v", got, want)
	}
	for name, sev := range opts.Severity {
		if r := rules.ByName(name); r.Severity != sev {
			t.Errorf("%s: severity %s, want its default %s", name, sev, r.Severity)
		}
	}
	if opts.Settings.DisallowPrivileged {
		t.Error("the default configuration disallows privileged containers")
	}
	if !c.Ignored("charts/x/templates/a.yaml") {
		t.Error("the example ignore pattern does not match")
	}
}

func TestConfigKubernetesVersion(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"unquoted number", "kubernetesVersion: 1.30\n", "1.30"},
		{"quoted with v and patch", "kubernetesVersion: \"v1.29.4\"\n", "1.29"},
		{"older than the schemas", "kubernetesVersion: \"1.25\"\n", "1.25"},
		{"absent", "rules: {}\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := lint.ParseConfig(".daemonlint.yaml", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			opts, err := c.Options([]*lint.Rule{{Name: "a-rule", Doc: "A rule\n\nIt checks.", Run: func(*lint.Pass) error { return nil }}})
			if err != nil {
				t.Fatal(err)
			}
			if got := opts.Settings.KubernetesVersion; got != tc.want {
				t.Errorf("Settings.KubernetesVersion = %q, want %q", got, tc.want)
			}
		})
	}
}
