package main

import (
	"github.com/fr-metrics/fr-metrics/metrics"
	"github.com/fr-metrics/fr-metrics/metrics/dss"
	"github.com/fr-metrics/fr-metrics/metrics/fsim"
	"github.com/fr-metrics/fr-metrics/metrics/gmsd"
	"github.com/fr-metrics/fr-metrics/metrics/haar"
	"github.com/fr-metrics/fr-metrics/metrics/mdsi"
	"github.com/fr-metrics/fr-metrics/metrics/msssim"
	"github.com/fr-metrics/fr-metrics/metrics/psnr"
	"github.com/fr-metrics/fr-metrics/metrics/srsim"
	"github.com/fr-metrics/fr-metrics/metrics/ssim"
	"github.com/fr-metrics/fr-metrics/metrics/vif"
	"github.com/fr-metrics/fr-metrics/metrics/vsi"
)

// registry lists every metric compiled in, one line each, in the order
// `fr-metrics metrics` shows them.
func registry() *metrics.Registry {
	return metrics.NewRegistry(
		psnr.Descriptor,
		ssim.Descriptor,
		msssim.Descriptor,
		haar.Descriptor,
		gmsd.Descriptor,
		gmsd.MSDescriptor,
		vsi.Descriptor,
		fsim.Descriptor,
		srsim.Descriptor,
		dss.Descriptor,
		mdsi.Descriptor,
		vif.Descriptor,
	)
}

// presets are metric lists selectable by one name with -m.
var presets = map[string][]string{
	"testiqa": {"ssim", "ms_ssim", "haarpsi", "gmsd", "ms_gmsd", "vsi", "fsim", "srsim", "dss", "mdsi"},
	"all":     {"psnr", "ssim", "ms_ssim", "haarpsi", "gmsd", "ms_gmsd", "vsi", "fsim", "srsim", "dss", "mdsi", "vifp"},
}
