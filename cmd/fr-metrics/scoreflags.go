package main

import (
	"strings"

	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/pipeline"
	"github.com/fr-metrics/fr-metrics/simd"
)

// The checks of the scoring flags that compare and batch share.

// parseColor checks --color (luma, also spelt y or gray, or rgb) and
// --matrix (only with rgb), and returns the normalised --color name and
// the pipeline's colour mode.
func parseColor(color, matrix string) (string, pipeline.Color, error) {
	var c pipeline.Color
	switch color {
	case "luma", "y", "gray":
		color = "luma"
	case "rgb":
		c = pipeline.RGB
	default:
		return "", 0, usageErrorf("--color %q: want luma or rgb", color)
	}
	if matrix != "" && c != pipeline.RGB {
		return "", 0, usageErrorf("--matrix is used only with --color rgb")
	}
	return color, c, nil
}

// setSIMD applies --simd (generic, avx2 or avx512; empty keeps the best
// level) and returns the function that restores the previous level.
func setSIMD(name string) (restore func(), err error) {
	if name == "" {
		return func() {}, nil
	}
	l, err := parseLevel(name)
	if err != nil {
		return nil, err
	}
	return simd.SetLevel(l), nil
}

// parseLevel parses one --simd level (generic, avx2 or avx512) and checks
// that this CPU and build support it.
func parseLevel(name string) (simd.Impl, error) {
	l, err := simd.ParseImpl(name)
	if err != nil {
		return 0, usageErrorf("--simd: %v", err)
	}
	if l > simd.Best() {
		return 0, usageErrorf("--simd %s: this CPU or build supports at most %s", l, simd.Best())
	}
	return l, nil
}

// parseMetricList parses -m with the registry and presets. An empty list
// selects those of defaultMetrics that are compiled in. It returns the
// list parsed, the metrics, and whether -m named them.
func parseMetricList(list string) (used string, ms []metrics.Metric, explicit bool, err error) {
	reg := registry()
	explicit = strings.TrimSpace(list) != ""
	if !explicit {
		var names []string
		for _, n := range defaultMetrics {
			if _, ok := reg.Lookup(n); ok {
				names = append(names, n)
			}
		}
		list = strings.Join(names, ",")
	}
	ms, err = reg.ParseList(list, presets)
	if err != nil {
		return "", nil, false, usageErrorf("-m: %v", err)
	}
	return list, ms, explicit, nil
}
