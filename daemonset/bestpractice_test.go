package daemonset_test

import (
	"testing"

	"github.com/daemonlint/daemonlint/daemonset"
)

func TestImageTag(t *testing.T) {
	for _, tc := range []struct {
		image      string
		wantTag    string
		wantDigest bool
	}{
		{image: "fluentd", wantTag: ""},
		{image: "fluentd:v1.17", wantTag: "v1.17"},
		{image: "fluentd:latest", wantTag: "latest"},
		{image: "registry.example.com:5000/team/agent", wantTag: ""},
		{image: "registry.example.com:5000/team/agent:1.0", wantTag: "1.0"},
		{image: "fluentd@sha256:abcd", wantTag: "", wantDigest: true},
		{image: "fluentd:v1@sha256:abcd", wantTag: "v1", wantDigest: true},
		{image: "[::1]:5000/agent", wantTag: ""},
	} {
		t.Run(tc.image, func(t *testing.T) {
			tag, digest := daemonset.ImageTag(tc.image)
			if tag != tc.wantTag || digest != tc.wantDigest {
				t.Errorf("ImageTag(%q) = %q, %v; want %q, %v", tc.image, tag, digest, tc.wantTag, tc.wantDigest)
			}
		})
	}
}
