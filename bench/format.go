package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteJSON writes r as indented JSON.
func (r *Result) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteTable writes r as text tables for people.
func (r *Result) WriteTable(w io.Writer) error {
	ew := &errWriter{w: w}
	m := r.Machine
	ew.printf("fr-metrics bench: %s/%s, %d CPUs (GOMAXPROCS %d), %s, SIMD %s (best %s)\n",
		m.OS, m.Arch, m.CPUs, m.GOMAXPROCS, m.GoVersion, strings.Join(r.Settings.SIMD, ", "), m.SIMDBest)
	if m.CPUModel != "" {
		ew.printf("cpu: %s\n", m.CPUModel)
	}
	if len(m.LoadBefore) == 3 {
		ew.printf("load average: %.2f %.2f %.2f before", m.LoadBefore[0], m.LoadBefore[1], m.LoadBefore[2])
		if len(m.LoadAfter) == 3 {
			ew.printf(", %.2f %.2f %.2f after", m.LoadAfter[0], m.LoadAfter[1], m.LoadAfter[2])
		}
		ew.printf("\n")
	}
	in := r.Input
	src := "generated"
	if !in.Generated {
		src = in.Reference + " vs " + in.Distorted
	}
	ew.printf("input: %s, %dx%d %s (%d-bit), metrics see %s\n", src, in.Width, in.Height, in.PixFmt, in.BitDepth, in.Seen)
	s := r.Settings
	ew.printf("runs: at least %d frame pairs and %.0f ms per worker (%d pairs held in memory), %d warm-up + %d timed; median [min–max]\n\n",
		s.FramesPerRun, s.MinRunMs, s.HeldFrames, s.Warmup, s.Reps)

	if d := r.Decode; d != nil {
		ew.printf("decode (reference and distorted at once, libav threading): %.1f pairs/s [%.1f–%.1f], %.2f ms/pair, CPU %.2f ms/pair\n\n",
			d.FPS.Median, d.FPS.Min, d.FPS.Max, d.MsPerFrame, d.CPUMsPerFrame)
	}

	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "metric\tsimd\tthreads\tpairs/run\tfps\tmin–max\tspread\tms/frame\tCPU ms/frame\tspeed-up\tefficiency\tCPU speed-up\t")
	for _, mr := range r.Metrics {
		for i, t := range mr.Threads {
			name, level := mr.Metric, mr.SIMD
			if i > 0 {
				name, level = "", ""
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.2f\t%.2f–%.2f\t%.1f%%\t%.3f\t%.3f\t%.2fx\t%.0f%%\t%.2fx\t\n",
				name, level, t.Threads, t.Frames, t.FPS.Median, t.FPS.Min, t.FPS.Max, t.FPS.SpreadPct,
				t.MsPerFrame, t.CPUMsPerFrame, t.Speedup, 100*t.Efficiency, t.CPUSpeedup)
		}
	}
	tw.Flush()

	if e := r.EndToEnd; e != nil {
		ew.printf("\nend to end (decode + %s, %d threads, %s): %.2f fps [%.2f–%.2f], %.2f ms/frame\n",
			strings.Join(e.Metrics, ","), e.Threads, e.SIMD, e.FPS.Median, e.FPS.Min, e.FPS.Max, e.MsPerFrame)
	}

	if f := r.FFmpeg; f != nil {
		ew.printf("\n%s, one thread (-threads 1, -filter_complex_threads 1), %d frame pairs; decode baseline %.2f ms/pair (CPU %.2f) subtracted\n",
			f.Version, f.Frames, f.DecodeMsPerFrame, f.DecodeCPUMsPerFrame)
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "ffmpeg filter\tms/frame\tCPU ms/frame\tfr-metrics\tms/frame\tCPU ms/frame\tratio\tratio CPU\t")
		noisy := false
		for _, x := range f.Filters {
			wall, ratio := fmt.Sprintf("%.3f", x.FilterMsPerFrame), fmt.Sprintf("%.2fx", x.Ratio)
			if x.FilterMsPerFrame <= 0 {
				wall, ratio, noisy = "noise", "–", true
			}
			cpu, ratioCPU := fmt.Sprintf("%.3f", x.FilterCPUMsPerFrame), fmt.Sprintf("%.2fx", x.RatioCPU)
			if x.FilterCPUMsPerFrame <= 0 {
				cpu, ratioCPU, noisy = "noise", "–", true
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.3f\t%.3f\t%s\t%s\t\n", x.Filter, wall, cpu,
				x.Metric, x.OursMsPerFrame, x.OursCPUMsPerFrame, ratio, ratioCPU)
		}
		tw.Flush()
		ew.printf("ratio = FFmpeg filter time / fr-metrics time (above 1: fr-metrics is faster). FFmpeg's ssim is the 8x8-block\n" +
			"approximation on every plane; fr-metrics computes the Gaussian-window SSIM of the luma plane.\n")
		if noisy {
			ew.printf("noise: the filter's run took no longer than the decode-only run, so its own time is lost in the\n" +
				"variation between runs (a busy machine, or too few frames: see the JSON for the raw numbers).\n")
		}
	}
	for _, n := range r.Notes {
		ew.printf("\nnote: %s\n", n)
	}
	return ew.err
}

// errWriter keeps the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }
