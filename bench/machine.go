package bench

import "github.com/klauspost/cpuid/v2"

// cpuModel returns the CPU's brand name as cpuid reports it.
func cpuModel() string { return cpuid.CPU.BrandName }
