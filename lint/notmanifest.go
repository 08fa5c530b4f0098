package lint

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/daemonlint/daemonlint/internal/yamlutil"
	"github.com/daemonlint/daemonlint/manifest"
)

// IsManifest reports whether a document of a file is a Kubernetes object or
// a try at one, which the rules judge, rather than YAML or JSON of some
// other kind (a docker-compose file, a Helm values file, a package.json, an
// OpenAPI document, a kustomize JSON 6902 patch), which no rule judges and
// Run counts in Result.NotManifests.
//
// A document is a try at an object when it is a mapping that has any of
// apiVersion or kind (in any letter case), metadata or spec at its top
// level, or a top-level items sequence of which an item has one of them
// (a List without its header). A sequence or a scalar is not an object, nor
// is a mapping with none of those keys. Two files that carry such a key are
// still recognised as what they are: a Helm Chart.yaml (apiVersion, name and
// version, no kind, metadata or spec), a GitLab CI header (spec.inputs and
// nothing else) and a kustomization.yaml without apiVersion and kind (with
// metadata beside kustomize's own fields: resources, patches, images, …).
//
// The items of a List are always objects: kubectl sends each one.
func IsManifest(d *manifest.Document) bool {
	if d.Item >= 0 {
		return true
	}
	n := yamlutil.ResolveAlias(d.Node)
	if n == nil || n.Kind != yaml.MappingNode {
		return false
	}
	if !looksLikeObject(n) {
		items := yamlutil.ResolveAlias(yamlutil.MappingValue(n, "items"))
		if items == nil || items.Kind != yaml.SequenceNode {
			return false
		}
		for _, it := range items.Content {
			if it = yamlutil.ResolveAlias(it); it != nil && it.Kind == yaml.MappingNode && looksLikeObject(it) {
				return true
			}
		}
		return false
	}
	return !isChartFile(n) && !isGitLabHeader(n) && !isKustomization(n)
}

// kustomizationKeys are top-level fields of a kustomization.yaml that no
// Kubernetes object has.
var kustomizationKeys = map[string]bool{
	"resources": true, "bases": true, "components": true, "patches": true,
	"patchesStrategicMerge": true, "patchesJson6902": true, "configMapGenerator": true,
	"secretGenerator": true, "namePrefix": true, "nameSuffix": true, "commonLabels": true,
	"commonAnnotations": true, "images": true, "replicas": true, "generators": true,
	"transformers": true, "helmCharts": true,
}

// isKustomization reports whether mapping n is a kustomization.yaml
// written without its apiVersion and kind (kustomize does not need them),
// which may still carry metadata, but never a spec.
func isKustomization(n *yaml.Node) bool {
	if yamlutil.MappingValue(n, "apiVersion") != nil || yamlutil.MappingValue(n, "kind") != nil || yamlutil.MappingValue(n, "spec") != nil {
		return false
	}
	for _, k := range topKeys(n) {
		if kustomizationKeys[k] {
			return true
		}
	}
	return false
}

// looksLikeObject reports whether mapping n has a key that only Kubernetes
// objects have at their top level.
func looksLikeObject(n *yaml.Node) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode || yamlutil.IsMergeKey(k) {
			continue
		}
		for _, name := range []string{"apiversion", "api_version", "kind", "metadata", "spec"} {
			if strings.EqualFold(k.Value, name) {
				return true
			}
		}
	}
	// The keys may come through a merge key (<<: *base).
	for i := 0; i+1 < len(n.Content); i += 2 {
		if yamlutil.IsMergeKey(n.Content[i]) {
			for _, key := range []string{"apiVersion", "kind", "metadata", "spec"} {
				if _, v := yamlutil.MappingPair(n, key); v != nil {
					return true
				}
			}
			break
		}
	}
	return false
}

// isChartFile reports whether mapping n is a Helm Chart.yaml: apiVersion
// (v1 or v2), name and version, without kind, metadata or spec.
func isChartFile(n *yaml.Node) bool {
	if hasTopKey(n, "kind") || hasTopKey(n, "metadata") || hasTopKey(n, "spec") {
		return false
	}
	av, _ := yamlutil.StringField(n, "apiVersion")
	return (av == "v1" || av == "v2") && hasTopKey(n, "name") && hasTopKey(n, "version")
}

// hasTopKey reports whether key is one of topKeys(n).
func hasTopKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key && !yamlutil.IsMergeKey(k) {
			return true
		}
	}
	return false
}

// isGitLabHeader reports whether mapping n is the header document of a
// GitLab CI component: spec with inputs, and nothing else.
func isGitLabHeader(n *yaml.Node) bool {
	keys := 0
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && !yamlutil.IsMergeKey(k) {
			keys++
		}
	}
	if keys != 1 || !hasTopKey(n, "spec") {
		return false
	}
	spec := yamlutil.ResolveAlias(yamlutil.MappingValue(n, "spec"))
	return spec != nil && spec.Kind == yaml.MappingNode && yamlutil.MappingValue(spec, "inputs") != nil
}

// topKeys returns the scalar keys of mapping n, in order, merge keys left
// out.
func topKeys(n *yaml.Node) []string {
	var keys []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && !yamlutil.IsMergeKey(k) {
			keys = append(keys, k.Value)
		}
	}
	return keys
}
