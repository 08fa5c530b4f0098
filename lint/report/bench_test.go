package report_test

import (
	"fmt"
	"io"
	"testing"

	"github.com/daemonlint/daemonlint/internal/benchgen"
	"github.com/daemonlint/daemonlint/lint"
	"github.com/daemonlint/daemonlint/lint/report"
	"github.com/daemonlint/daemonlint/lint/rules"
	"github.com/daemonlint/daemonlint/manifest"
)

// BenchmarkReport measures the report stage: each format writing the
// result of linting the generated corpus (the same 40 files of 50
// documents as lint/rules' BenchmarkLint), linted before the timer starts.
func BenchmarkReport(b *testing.B) {
	g := benchgen.New(2)
	files := make([]*manifest.File, 40)
	for i := range files {
		files[i] = manifest.NewFile(fmt.Sprintf("%03d.yaml", i), g.File(50))
	}
	res, err := lint.Run(files, lint.Options{Rules: rules.All()})
	if err != nil {
		b.Fatal(err)
	}
	if len(res.Diagnostics) == 0 {
		b.Fatal("no findings: the generated corpus has mistakes")
	}
	for _, format := range report.Formats {
		b.Run(format, func(b *testing.B) {
			r, err := report.New(format, report.Options{Rules: rules.All(), BaseDir: "/src", Version: "bench"})
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if err := r.Report(io.Discard, res); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(res.Diagnostics))*float64(b.N)/b.Elapsed().Seconds(), "findings/s")
		})
	}
}
