package main

import (
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/fr-metrics/fr-metrics/internal/goldentest"
)

// tolerance is the golden set's advice: 1e-4 dB for psnr, 1e-5 absolute
// for every bounded metric.
func tolerance(engine string) float64 {
	if engine == "psnr" {
		return 1e-4
	}
	return 1e-5
}

// TestConformance checks every row of testdata/golden/golden.csv through
// the command line, exactly as the conformance contract of
// testdata/golden/README.md states it:
//
//	fr-metrics compare REF DIST -m SPEC --format json -o -
//
// with the value read from pooled_metrics.<name>.mean. ERROR rows must fail
// with one error line naming the minimum size; nan rows must give null
// with a warning, or fail. Rows of metrics that are not compiled in are
// skipped, so each metric is checked as soon as it is registered.
//
// Rows of codec pairs in kind rgb are also run on the pair's Y4M files
// with --color rgb --matrix bt709, which must reproduce the RGB value: the
// golden RGB pictures are those BT.709 YUV frames converted to RGB (Y4M
// files do not record their matrix).
func TestConformance(t *testing.T) {
	reg := registry()
	rows := goldentest.Rows(t)
	y4m := map[string][2]string{} // pair id → its Y4M files, if any
	for _, r := range rows {
		if r.Input == "yuv" {
			y4m[r.PairID] = [2]string{r.RefFile, r.DistFile}
		}
	}
	var mu sync.Mutex
	worst := map[string]float64{}
	checked := map[string]int{}
	record := func(engine string, d float64) {
		mu.Lock()
		defer mu.Unlock()
		worst[engine] = max(worst[engine], d)
		checked[engine]++
	}
	type variant struct {
		suffix    string
		ref, dist string
		extra     []string
	}
	t.Run("rows", func(t *testing.T) {
		for _, r := range rows {
			vs := []variant{{"", r.RefFile, r.DistFile, nil}}
			if f, ok := y4m[r.PairID]; ok && r.Input == "rgb" {
				vs = append(vs, variant{"_y4m_color_rgb", f[0], f[1], []string{"--color", "rgb", "--matrix", "bt709"}})
			}
			for _, v := range vs {
				t.Run(r.Name()+v.suffix, func(t *testing.T) {
					if _, ok := reg.Lookup(r.Engine); !ok {
						t.Skipf("metric %s is not registered yet", r.Engine)
					}
					if testing.Short() && v.suffix != "" {
						t.Skip("the --color rgb variants run without -short")
					}
					t.Parallel()
					ref, dist := filepath.Join(goldentest.Dir(), v.ref), filepath.Join(goldentest.Dir(), v.dist)
					if r.Swap {
						ref, dist = dist, ref
					}
					args := append([]string{"compare", ref, dist, "-m", r.Spec, "--format", "json", "-o", "-", "-q"}, v.extra...)
					code, out, errOut := cli(t, args...)
					cmdline := "fr-metrics " + strings.Join(args, " ")
					switch {
					case r.Error != "":
						lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
						if code == 0 || len(lines) != 1 || !strings.Contains(errOut, "minimum") {
							t.Errorf("%s: want a refusal naming the minimum (PIQ: %s); exit %d, stderr %q", cmdline, r.Error, code, errOut)
						}
						record(r.Engine+v.suffix, 0)
						return
					case code != 0:
						if r.IsNaN {
							record(r.Engine+v.suffix, 0) // an explicit refusal is allowed for nan rows
							return
						}
						t.Fatalf("%s: exit %d: %s", cmdline, code, errOut)
					}
					rep := parseReport(t, out)
					mean, ok := rep.Pooled[r.Engine]["mean"]
					if !ok {
						t.Fatalf("%s: no pooled_metrics.%s.mean in %v", cmdline, r.Engine, rep.Pooled)
					}
					if r.IsNaN {
						if mean != nil || len(rep.Warnings) == 0 {
							t.Errorf("%s: want null with a warning, got %v, warnings %q", cmdline, mean, rep.Warnings)
						}
						record(r.Engine+v.suffix, 0)
						return
					}
					if mean == nil {
						t.Fatalf("%s: mean is null, want %.17g", cmdline, r.Value)
					}
					d := math.Abs(*mean - r.Value)
					if !(d <= tolerance(r.Engine)) {
						t.Errorf("%s: got %.17g want %.17g (|diff| %.3g > %g)", cmdline, *mean, r.Value, d, tolerance(r.Engine))
					}
					record(r.Engine+v.suffix, d)
				})
			}
		}
	})
	names := make([]string, 0, len(worst))
	for n := range worst {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "\n  %-24s %3d rows  max |error| %.3g", n, checked[n], worst[n])
	}
	t.Logf("conformance through the CLI:%s", b.String())
}
