package schema

import (
	"bytes"
	"encoding/json"
	"strings"
)

// SameSchema reports whether a kind has the same schema under two
// apiVersions, apart from the names of its definitions (which carry the
// version: io.k8s.api.autoscaling.v2beta2.… against …v2.…): then moving an
// object from one to the other is only a change of its apiVersion. Each
// apiVersion is looked up in the newest supported release that serves it.
// Both are taken from the newest supported release that serves both, else
// each from the newest release that serves it. known is false when a schema is missing for either (no supported release
// serves it); an error means the embedded data is broken.
func SameSchema(fromAPIVersion, toAPIVersion, kind string) (same, known bool, err error) {
	a, b, ok := newestPair(fromAPIVersion, toAPIVersion, kind)
	if !ok {
		return false, false, nil
	}
	if a == b {
		return true, true, nil
	}
	ja, err := normalized(a, fromAPIVersion)
	if err != nil {
		return false, true, err
	}
	jb, err := normalized(b, toAPIVersion)
	if err != nil {
		return false, true, err
	}
	return bytes.Equal(ja, jb), true, nil
}

// newestPair returns the schema indexes of a kind under two apiVersions
// from the newest release that serves both, else from the newest release
// that serves each.
func newestPair(from, to, kind string) (int, int, bool) {
	for i := len(releases) - 1; i >= 0; i-- {
		v := &releases[i]
		a, b := v.find(from, kind), v.find(to, kind)
		if a >= 0 && b >= 0 && v.kinds[a].Served && v.kinds[b].Served && v.kinds[a].schema > 0 && v.kinds[b].schema > 0 {
			return v.kinds[a].schema, v.kinds[b].schema, true
		}
	}
	a, ok := newestSchema(from, kind)
	b, ok2 := newestSchema(to, kind)
	return a, b, ok && ok2
}

// newestSchema returns the schema index of a served kind in the newest
// release that serves it.
func newestSchema(apiVersion, kind string) (int, bool) {
	for i := len(releases) - 1; i >= 0; i-- {
		v := &releases[i]
		if j := v.find(apiVersion, kind); j >= 0 && v.kinds[j].Served && v.kinds[j].schema > 0 {
			return v.kinds[j].schema, true
		}
	}
	return 0, false
}

// normalized returns schema id as JSON with the version segment of its
// definition names (".v2beta2.") replaced by one placeholder, and the
// shared apimachinery definitions (meta/v1) left alone.
func normalized(id int, apiVersion string) ([]byte, error) {
	doc, err := assemble(id)
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	// ObjectMeta and the other shared definitions keep their version.
	data = bytes.ReplaceAll(data, []byte(".apis.meta.v1."), []byte(".apis.meta.META."))
	version := apiVersion[strings.LastIndex(apiVersion, "/")+1:]
	return bytes.ReplaceAll(data, []byte("."+version+"."), []byte(".VERSION.")), nil
}
