package coreobjects

import (
	"net/netip"
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// TestServiceCIDR checks Options.ServiceCIDR against answers of the
// oracle run with -service-cidr (fd00:10:96::/108 and 10.0.0.0/24).
func TestServiceCIDR(t *testing.T) {
	svc := func(clusterIP string, families ...corev1.IPFamily) *corev1.Service {
		return &corev1.Service{
			ObjectMeta: metav1.ObjectMeta{Name: "a"},
			Spec: corev1.ServiceSpec{
				ClusterIP:  clusterIP,
				IPFamilies: families,
				Ports:      []corev1.ServicePort{{Port: 80}},
			},
		}
	}
	v6 := Options{ServiceCIDR: netip.MustParsePrefix("fd00:10:96::/108")}
	small := Options{ServiceCIDR: netip.MustParsePrefix("10.0.0.0/24")}
	tests := []struct {
		name string
		svc  *corev1.Service
		opts Options
		want []string // "type field detail"
	}{
		{name: "v6 allocated", svc: svc(""), opts: v6},
		{name: "v6 cluster, v4 IP", svc: svc("10.96.0.10"), opts: v6,
			want: []string{`FieldValueInvalid spec.clusterIPs[0] Invalid value: ["10.96.0.10"]: IPv4 is not configured on this cluster`}},
		{name: "v6 cluster, v4 family", svc: svc("", corev1.IPv4Protocol), opts: v6,
			want: []string{`FieldValueInvalid spec.ipFamilies[0] Invalid value: "IPv4": not configured on this cluster`}},
		{name: "v6 cluster, v6 IP", svc: svc("fd00:10:96::a"), opts: v6},
		{name: "small range, outside", svc: svc("10.96.0.10"), opts: small,
			want: []string{`FieldValueInvalid spec.clusterIPs Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: the provided IP (10.96.0.10) is not in the valid range. The range of valid IPs is 10.0.0.0/24`}},
		{name: "small range, inside", svc: svc("10.0.0.5"), opts: small},
		{name: "small range, v6 IP", svc: svc("fd00:10:96::a"), opts: small,
			want: []string{`FieldValueInvalid spec.clusterIPs[0] Invalid value: ["fd00:10:96::a"]: IPv6 is not configured on this cluster`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lines(ValidateService(tt.svc, tt.opts))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func lines(errs field.ErrorList) []string {
	var out []string
	for _, e := range errs {
		out = append(out, string(e.Type)+" "+e.Field+" "+e.ErrorBody())
	}
	return out
}
