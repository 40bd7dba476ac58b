package pipeline

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/fr-metrics/fr-metrics/frame"
	"github.com/fr-metrics/fr-metrics/metrics"
)

// The status cell of a batch output row.
const (
	StatusOK     = "ok"
	StatusFailed = "failed"
)

// FeatureTable is the layout of a batch's output, one row per pair: the
// manifest's columns (with an id column first when the manifest has
// none), then each metric output pooled over the video by each pooling
// method, then scored_frames, status, error and warnings.
//
// A pooled column is named after the output for "mean" (ssim) and
// output_method otherwise (ssim_p5, ssim_harmonic_mean). Values are
// written with full float64 precision, as the report package does; a
// value that is not finite, or an output a pair does not have (psnr_cb of
// a gray image), is an empty cell.
type FeatureTable struct {
	// Carried are the manifest columns copied to each row.
	Carried []string
	// Outputs are the metric outputs, in the order the metrics write them.
	Outputs []string
	// Pools are the pooling methods, in column order.
	Pools []string

	idFromManifest bool
	header         []string
}

// NewFeatureTable returns the layout of a batch's output for manifest
// columns, the metrics, the colour mode and the pooling methods (empty
// means mean). Every output that a metric may write for video or images is
// a column. It fails if a column name would appear twice.
func NewFeatureTable(columns []string, ms []metrics.Metric, color Color, pools []string) (*FeatureTable, error) {
	if len(ms) == 0 {
		return nil, fmt.Errorf("no metric selected")
	}
	if len(pools) == 0 {
		pools = []string{"mean"}
	}
	t := &FeatureTable{Pools: pools}
	for _, c := range columns {
		if c == "id" {
			t.idFromManifest = true
		}
	}
	if !t.idFromManifest {
		t.Carried = append(t.Carried, "id")
	}
	t.Carried = append(t.Carried, columns...)
	seen := map[string]bool{}
	channels := 1
	if color == RGB {
		channels = 3
	}
	for _, s := range []metrics.Shape{
		{W: 1920, H: 1080, Channels: channels, Peak: 255, Source: frame.YUV},
		{W: 1920, H: 1080, Channels: 1, Peak: 255, Source: frame.Gray},
		{W: 1920, H: 1080, Channels: 3, Peak: 255, Source: frame.RGB},
	} {
		for _, m := range ms {
			for _, o := range m.Outputs(s) {
				if !seen[o] {
					seen[o] = true
					t.Outputs = append(t.Outputs, o)
				}
			}
		}
	}
	for _, p := range pools {
		if err := metrics.CheckPool(p); err != nil {
			return nil, err
		}
	}
	h := append([]string{}, t.Carried...)
	for _, o := range t.Outputs {
		for _, p := range pools {
			h = append(h, pooledName(o, p))
		}
	}
	h = append(h, "scored_frames", "status", "error", "warnings")
	names := map[string]bool{}
	for _, c := range h {
		if names[c] {
			return nil, fmt.Errorf("column %q appears twice in the output (rename the manifest column, or check the metric and --pool lists)", c)
		}
		names[c] = true
	}
	t.header = h
	return t, nil
}

func pooledName(output, method string) string {
	if method == "mean" {
		return output
	}
	return output + "_" + method
}

// Header returns the column names.
func (t *FeatureTable) Header() []string { return append([]string{}, t.header...) }

// IDColumn returns the index of the id column.
func (t *FeatureTable) IDColumn() int {
	for i, c := range t.header {
		if c == "id" {
			return i
		}
	}
	return -1
}

// StatusColumn returns the index of the status column.
func (t *FeatureTable) StatusColumn() int { return len(t.header) - 3 }

// Row returns the output row of a manifest row: its pooled scores from
// res, or, when err is not nil, status failed and the error.
func (t *FeatureTable) Row(row ManifestRow, res *Result, err error) ([]string, error) {
	rec := make([]string, 0, len(t.header))
	if !t.idFromManifest {
		rec = append(rec, row.ID)
	}
	rec = append(rec, row.Cells...)
	if len(rec) != len(t.Carried) {
		return nil, fmt.Errorf("manifest line %d: %d cells, want %d", row.Line, len(row.Cells), len(t.Carried)-len(rec)+len(row.Cells))
	}
	nvals := len(t.Outputs) * len(t.Pools)
	if err != nil {
		for range nvals {
			rec = append(rec, "")
		}
		return append(rec, "0", StatusFailed, oneLine(err.Error()), ""), nil
	}
	col := make([]float64, len(res.Frames))
	for _, o := range t.Outputs {
		k := -1
		for i, name := range res.Outputs {
			if name == o {
				k = i
			}
		}
		for i, f := range res.Frames {
			if k >= 0 {
				col[i] = f.Values[k]
			}
		}
		for _, p := range t.Pools {
			if k < 0 {
				rec = append(rec, "")
				continue
			}
			v, err := metrics.Pool(p, col)
			if err != nil {
				return nil, err
			}
			rec = append(rec, formatValue(v))
		}
	}
	warn := make([]string, len(res.Warnings))
	for i, w := range res.Warnings {
		warn[i] = oneLine(w)
	}
	return append(rec, strconv.Itoa(res.Alignment.Scored), StatusOK, "", strings.Join(warn, "; ")), nil
}

// formatValue writes v as the shortest text that reads back to the same
// float64, or "" if v is not finite.
func formatValue(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// oneLine replaces line breaks so that every output row is one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
