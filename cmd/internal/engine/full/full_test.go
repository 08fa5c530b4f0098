package full

import (
	"path/filepath"
	"slices"
	"testing"
)

func TestEngines(t *testing.T) {
	e := Engines()
	if e.FindCharts == nil || e.RenderChart == nil || e.FindKustomizations == nil || e.BuildKustomization == nil || e.NewCustomResources == nil {
		t.Fatalf("Engines() left a field nil: %+v", e)
	}
	charts, err := e.FindCharts(filepath.Join("..", "..", "..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) != 1 || filepath.Base(charts[0].Dir) != "node-agent" || !charts[0].Has(filepath.Join(charts[0].Dir, "Chart.yaml")) {
		t.Errorf("FindCharts(examples) = %+v, want the node-agent chart with its Chart.yaml", charts)
	}
	c := e.NewCustomResources()
	if _, found := c.CheckCustomResource([]byte(`{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"a"}}`)); found {
		t.Errorf("a CronTab without a definition was found")
	}
	if got, want := c.SkippedKinds(), []string{"CronTab.stable.example.com"}; !slices.Equal(got, want) {
		t.Errorf("SkippedKinds() = %q, want %q", got, want)
	}
}
