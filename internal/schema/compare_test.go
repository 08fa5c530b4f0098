package schema

import "testing"

func TestSameSchema(t *testing.T) {
	for _, tc := range []struct {
		from, to, kind      string
		wantSame, wantKnown bool
	}{
		{"flowcontrol.apiserver.k8s.io/v1beta3", "flowcontrol.apiserver.k8s.io/v1", "FlowSchema", true, true},
		{"apps/v1", "apps/v1", "DaemonSet", true, true},
		{"v1", "apps/v1", "Pod", false, false},
		{"autoscaling/v1", "autoscaling/v2", "HorizontalPodAutoscaler", false, true},
		{"autoscaling/v2beta2", "autoscaling/v2", "HorizontalPodAutoscaler", false, false},
	} {
		t.Run(tc.from+" "+tc.to+" "+tc.kind, func(t *testing.T) {
			same, known, err := SameSchema(tc.from, tc.to, tc.kind)
			if err != nil {
				t.Fatal(err)
			}
			if same != tc.wantSame || known != tc.wantKnown {
				t.Errorf("SameSchema = %v, %v, want %v, %v", same, known, tc.wantSame, tc.wantKnown)
			}
		})
	}
}
