package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/fr-metrics/fr-metrics/metrics"
)

// Doc is everything a report holds.
type Doc struct {
	Version string  // the tool version (libvmaf's "version" key)
	FPS     float64 // frame pairs scored per second of wall time
	Tool    Tool
	Inputs  Inputs
	// Alignment says how frames were paired and what was changed to make
	// them comparable.
	Alignment Alignment
	// Metrics are the metric specs that were run, e.g. "ssim:downsample=false".
	Metrics []string

	// Outputs names the per-frame values, in the order of Frame.Values.
	Outputs []string
	Frames  []Frame
	// Pools names the pooling methods of Pooled, in order.
	Pools []string
	// Pooled holds, per output, one value per method of Pools.
	Pooled [][]float64

	Warnings []string
}

// Frame is the values of one frame pair.
type Frame struct {
	Num    int
	Values []float64
}

// Tool identifies the program that wrote a report.
type Tool struct {
	Name      string `json:"name"`
	Version   string `json:"version"`
	Commit    string `json:"commit,omitempty"`
	GoVersion string `json:"go"`
	SIMD      string `json:"simd"`
	Threads   int    `json:"threads"`
}

// Inputs are the two inputs of a comparison.
type Inputs struct {
	Reference Input `json:"reference"`
	Distorted Input `json:"distorted"`
}

// Input describes one input file.
type Input struct {
	Path        string  `json:"path"`
	Container   string  `json:"container"`
	Codec       string  `json:"codec"`
	Width       int     `json:"width"`
	Height      int     `json:"height"`
	PixFmt      string  `json:"pix_fmt"`
	BitDepth    int     `json:"bit_depth"`
	ColorMatrix string  `json:"color_matrix"`
	ColorRange  string  `json:"color_range"`
	Primaries   string  `json:"color_primaries"`
	Transfer    string  `json:"color_transfer"`
	FrameRate   float64 `json:"fps"`
	Still       bool    `json:"still"`
	// FrameCount is the number of frames the container declares (nil when
	// it declares none); Frames the number read, when read to the end.
	FrameCount *int `json:"container_frames"`
	Frames     *int `json:"frames"`
}

// Alignment records pairing, skipping, scaling and bit-depth changes.
type Alignment struct {
	Pairing            string `json:"pairing"`
	SkipRef            int    `json:"skip_ref"`
	SkipDist           int    `json:"skip_dist"`
	FrameLimit         int    `json:"frame_limit"`
	Subsample          int    `json:"subsample"`
	LengthPolicy       string `json:"length_policy"`
	PairedFrames       int    `json:"paired_frames"`
	ScoredFrames       int    `json:"scored_frames"`
	Truncated          bool   `json:"truncated"`
	Scaled             bool   `json:"scaled"`
	ScaledFrom         string `json:"scaled_from,omitempty"`
	ScaledTo           string `json:"scaled_to,omitempty"`
	ScaleAlgo          string `json:"scale_algo,omitempty"`
	RefBitDepth        int    `json:"ref_bit_depth"`
	DistBitDepth       int    `json:"dist_bit_depth"`
	BitDepthConversion string `json:"bit_depth_conversion,omitempty"`
	Peak               int    `json:"peak"`
	Color              string `json:"color"`
	ColorMatrix        string `json:"color_matrix,omitempty"`
}

// Pool fills d.Pools and d.Pooled with the default pools followed by
// extra (duplicates dropped), and adds a warning for every output with a
// non-finite value. An unknown pooling name is an error.
func (d *Doc) Pool(extra []string) error {
	pools := append([]string{}, metrics.DefaultPools...)
	for _, p := range extra {
		if err := metrics.CheckPool(p); err != nil {
			return err
		}
		dup := false
		for _, q := range pools {
			dup = dup || q == p
		}
		if !dup {
			pools = append(pools, p)
		}
	}
	d.Pools = pools
	d.Pooled = make([][]float64, len(d.Outputs))
	col := make([]float64, len(d.Frames))
	for o, name := range d.Outputs {
		var bad []int
		for i, f := range d.Frames {
			col[i] = f.Values[o]
			if math.IsNaN(col[i]) || math.IsInf(col[i], 0) {
				bad = append(bad, f.Num)
			}
		}
		d.Pooled[o] = make([]float64, len(pools))
		for k, p := range pools {
			v, err := metrics.Pool(p, col)
			if err != nil {
				return err
			}
			d.Pooled[o][k] = v
		}
		if len(bad) > 0 {
			d.Warnings = append(d.Warnings, fmt.Sprintf("%s: no finite value at %d of %d frames (%s): written as null and left out of pooling",
				name, len(bad), len(d.Frames), frameList(bad)))
		}
	}
	return nil
}

func frameList(nums []int) string {
	const show = 10
	var b strings.Builder
	b.WriteString("frame")
	if len(nums) > 1 {
		b.WriteString("s")
	}
	for i, n := range nums {
		if i == show {
			fmt.Fprintf(&b, ", … (%d more)", len(nums)-show)
			break
		}
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(" ")
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}

// PooledValue returns the pooled value of output by method, and whether
// both exist.
func (d *Doc) PooledValue(output, method string) (float64, bool) {
	for o, name := range d.Outputs {
		if name != output {
			continue
		}
		for k, p := range d.Pools {
			if p == method {
				return d.Pooled[o][k], true
			}
		}
	}
	return 0, false
}

// appendFloat appends v in full precision, or null if it is not finite.
func appendFloat(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}
