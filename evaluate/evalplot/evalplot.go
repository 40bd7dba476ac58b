// Package evalplot draws the pictures of an evaluation with gonum/plot:
// per metric, a scatter of metric against subjective score faceted by
// group, and a bar chart of the pooled coefficients with their 95%
// intervals; and across metrics, the pooled SROCC ranking with its
// intervals (the MSU leaderboard view). Every picture is written as PNG
// and SVG.
package evalplot

import (
	"cmp"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/fr-metrics/fr-metrics/evaluate"
)

// WriteAll writes into dir, creating it, for each metric
// NAME.scatter.{png,svg} and NAME.coefficients.{png,svg}, and
// ranking.{png,svg} for all metrics. NAME is the metric name with
// characters unsafe in file names replaced by '_'.
func WriteAll(dir string, ev *evaluate.Evaluation) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, n := range ev.Results {
		base := filepath.Join(dir, FileName(n.Metric))
		if err := writeFacets(base+".scatter", Scatter(ev, n)); err != nil {
			return err
		}
		p, err := Coefficients(n)
		if err != nil {
			return err
		}
		if err := writePlot(base+".coefficients", p, 5*vg.Inch, 4*vg.Inch); err != nil {
			return err
		}
	}
	p, err := Ranking(ev.Results)
	if err != nil {
		return err
	}
	h := vg.Length(2+0.25*float64(len(ev.Results))) * vg.Inch
	return writePlot(filepath.Join(dir, "ranking"), p, 7*vg.Inch, h)
}

// FileName turns a metric name into a file-name stem.
func FileName(metric string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.':
			return r
		}
		return '_'
	}, metric)
}

// Scatter returns one small plot per group formed, metric on x and
// subjective score on y, titled with the group and its signed SROCC.
func Scatter(ev *evaluate.Evaluation, n evaluate.Named) []*plot.Plot {
	m := ev.Metrics[n.Metric]
	rows := make(map[string]plotter.XYs)
	for i, g := range ev.Groups {
		x, y := m[i], ev.Subjective[i]
		if finite(x) && finite(y) {
			rows[g] = append(rows[g], plotter.XY{X: x, Y: y})
		}
	}
	var plots []*plot.Plot
	for _, gc := range n.PerGroup {
		p := plot.New()
		p.Title.Text = fmt.Sprintf("%s\nn=%d SROCC %s", gc.Group, gc.N, signed(gc.SROCC))
		p.Title.TextStyle.Font.Size = vg.Points(8)
		p.X.Label.Text = n.Metric
		p.Y.Label.Text = "subjective"
		for _, a := range []*plot.Axis{&p.X, &p.Y} {
			a.Label.TextStyle.Font.Size = vg.Points(7)
			a.Tick.Label.Font.Size = vg.Points(6)
		}
		if s, err := plotter.NewScatter(rows[gc.Group]); err == nil {
			s.GlyphStyle.Radius = vg.Points(1.8)
			s.GlyphStyle.Color = color.RGBA{R: 31, G: 119, B: 180, A: 255}
			p.Add(s)
		}
		plots = append(plots, p)
	}
	return plots
}

// Coefficients returns a bar chart of the pooled SROCC, KROCC, PLCC and
// Result of one metric, with the 95% intervals as whiskers. A
// coefficient without a result is drawn as an empty bar labelled so.
func Coefficients(n evaluate.Named) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = n.Metric
	p.Y.Label.Text = "pooled coefficient"
	p.Y.Min, p.Y.Max = 0, 1.05
	cs := []evaluate.Coef{n.SROCC, n.KROCC, n.PLCC, n.Result.Result}
	labels := []string{"SROCC", "KROCC", "PLCC", "Result"}
	vals := make(plotter.Values, len(cs))
	var xys plotter.XYs
	var errs plotter.YErrors
	for i, c := range cs {
		if !c.OK {
			labels[i] += "\n(no result)"
			continue
		}
		vals[i] = c.Value
		labels[i] += fmt.Sprintf("\n%.4f", c.Value)
		if i < 3 {
			xys = append(xys, plotter.XY{X: float64(i), Y: c.Value})
			errs = append(errs, struct{ Low, High float64 }{c.Value - c.CI[0], c.CI[1] - c.Value})
		}
	}
	bars, err := plotter.NewBarChart(vals, vg.Points(40))
	if err != nil {
		return nil, err
	}
	bars.Color = color.RGBA{R: 31, G: 119, B: 180, A: 255}
	bars.LineStyle.Width = 0
	p.Add(bars)
	if len(xys) > 0 {
		eb, err := plotter.NewYErrorBars(errorPoints{xys, errs})
		if err != nil {
			return nil, err
		}
		eb.LineStyle.Width = vg.Points(1.2)
		p.Add(eb)
	}
	p.NominalX(labels...)
	return p, nil
}

// Ranking returns a horizontal bar chart of the pooled SROCC of every
// metric, highest on top, with the 95% intervals as whiskers.
func Ranking(rs []evaluate.Named) (*plot.Plot, error) {
	rs = slices.Clone(rs)
	key := func(n evaluate.Named) float64 {
		if n.SROCC.OK {
			return n.SROCC.Value
		}
		return math.Inf(-1)
	}
	slices.SortStableFunc(rs, func(a, b evaluate.Named) int { return cmp.Compare(key(b), key(a)) })
	p := plot.New()
	p.Title.Text = "Pooled SROCC with 95% interval"
	p.X.Label.Text = "SROCC"
	k := len(rs)
	vals := make(plotter.Values, k)
	names := make([]string, k)
	var xys plotter.XYs
	var errs plotter.XErrors
	lo := 1.0
	for i, n := range rs {
		j := k - 1 - i // best on top
		names[j] = n.Metric
		c := n.SROCC
		if !c.OK {
			names[j] += " (no result)"
			continue
		}
		vals[j] = c.Value
		lo = math.Min(lo, c.CI[0])
		xys = append(xys, plotter.XY{X: c.Value, Y: float64(j)})
		errs = append(errs, struct{ Low, High float64 }{c.Value - c.CI[0], c.CI[1] - c.Value})
	}
	bars, err := plotter.NewBarChart(vals, vg.Points(10))
	if err != nil {
		return nil, err
	}
	bars.Horizontal = true
	bars.Color = color.RGBA{R: 31, G: 119, B: 180, A: 255}
	bars.LineStyle.Width = 0
	p.Add(bars)
	if len(xys) > 0 {
		eb, err := plotter.NewXErrorBars(xerrorPoints{xys, errs})
		if err != nil {
			return nil, err
		}
		p.Add(eb)
	}
	p.NominalY(names...)
	p.X.Min = math.Max(0, math.Floor((lo-0.05)*10)/10)
	p.X.Max = 1
	return p, nil
}

type errorPoints struct {
	plotter.XYs
	plotter.YErrors
}

type xerrorPoints struct {
	plotter.XYs
	plotter.XErrors
}

// writePlot saves p as stem.png and stem.svg.
func writePlot(stem string, p *plot.Plot, w, h vg.Length) error {
	for _, ext := range []string{".png", ".svg"} {
		if err := p.Save(w, h, stem+ext); err != nil {
			return err
		}
	}
	return nil
}

// writeFacets lays plots out on a near-square grid and saves it as
// stem.png and stem.svg.
func writeFacets(stem string, plots []*plot.Plot) error {
	if len(plots) == 0 {
		return nil
	}
	cols := int(math.Ceil(math.Sqrt(float64(len(plots)))))
	rows := (len(plots) + cols - 1) / cols
	grid := make([][]*plot.Plot, rows)
	for i := range grid {
		grid[i] = make([]*plot.Plot, cols)
	}
	for i, p := range plots {
		grid[i/cols][i%cols] = p
	}
	const tile = 2.4 * vg.Inch
	w, h := vg.Length(cols)*tile, vg.Length(rows)*tile
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Millimeter, PadY: vg.Millimeter,
		PadTop: vg.Millimeter, PadBottom: vg.Millimeter, PadLeft: vg.Millimeter, PadRight: vg.Millimeter}

	img := vgimg.New(w, h)
	drawGrid(grid, tiles, draw.New(img))
	if err := writeTo(stem+".png", vgimg.PngCanvas{Canvas: img}); err != nil {
		return err
	}
	svg := vgsvg.New(w, h)
	drawGrid(grid, tiles, draw.New(svg))
	return writeTo(stem+".svg", svg)
}

func drawGrid(grid [][]*plot.Plot, tiles draw.Tiles, dc draw.Canvas) {
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	canvases := plot.Align(grid, tiles, dc)
	for i := range grid {
		for j, p := range grid[i] {
			if p != nil {
				p.Draw(canvases[i][j])
			}
		}
	}
}

func writeTo(path string, w io.WriterTo) error {
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := w.WriteTo(fh); err != nil {
		fh.Close()
		return err
	}
	return fh.Close()
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func signed(v float64) string {
	if math.IsNaN(v) {
		return "undefined"
	}
	return fmt.Sprintf("%+.3f", v)
}
