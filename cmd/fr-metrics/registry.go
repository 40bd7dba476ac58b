package main

import (
	"github.com/fr-metrics/fr-metrics/metrics"
)

// registry lists every metric compiled in, one line each, in the order
// `fr-metrics metrics` shows them.
func registry() *metrics.Registry {
	return metrics.NewRegistry(
	// metric descriptors, one per line
	)
}

// presets are metric lists selectable by one name with -m.
var presets = map[string][]string{
	"testiqa": {"ssim", "ms_ssim", "haarpsi", "gmsd", "ms_gmsd", "vsi", "fsim", "srsim", "dss", "mdsi"},
	"all":     {"psnr", "ssim", "ms_ssim", "haarpsi", "gmsd", "ms_gmsd", "vsi", "fsim", "srsim", "dss", "mdsi", "vifp"},
}
