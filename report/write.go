package report

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"
)

// Formats lists the output formats Write knows.
var Formats = []string{"json", "jsonl", "csv"}

// Write writes d to w in format ("json", "jsonl" or "csv").
func Write(w io.Writer, d *Doc, format string) error {
	switch format {
	case "json":
		return WriteJSON(w, d)
	case "jsonl":
		return WriteJSONL(w, d)
	case "csv":
		return WriteCSV(w, d)
	}
	return fmt.Errorf("unknown output format %q (json, jsonl, csv)", format)
}

// WriteJSON writes d as one indented JSON object:
//
//	{"version", "fps", "tool", "inputs", "alignment", "metrics",
//	 "frames": [{"frameNum", "metrics": {output: value}}],
//	 "pooled_metrics": {output: {"min", "max", "mean", "harmonic_mean", …}},
//	 "warnings"}
func WriteJSON(w io.Writer, d *Doc) error {
	b, err := d.appendHead(nil)
	if err != nil {
		return err
	}
	b = append(b, `,"frames":[`...)
	for i := range d.Frames {
		if i > 0 {
			b = append(b, ',')
		}
		b = d.appendFrame(b, i)
	}
	b = append(b, ']')
	b = d.appendTail(b)
	b = append(b, '}')
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return fmt.Errorf("report: %v", err)
	}
	out.WriteByte('\n')
	_, err = w.Write(out.Bytes())
	return err
}

// WriteJSONL writes one compact JSON object per line: first one per frame,
// {"frameNum": n, "metrics": {…}}, then a last line with every other field
// of the JSON report (version, fps, tool, inputs, alignment, metrics,
// pooled_metrics, warnings) and no frameNum.
func WriteJSONL(w io.Writer, d *Doc) error {
	bw := bufio.NewWriter(w)
	var b []byte
	for i := range d.Frames {
		b = append(d.appendFrame(b[:0], i), '\n')
		bw.Write(b)
	}
	b, err := d.appendHead(b[:0])
	if err != nil {
		return err
	}
	b = append(d.appendTail(b), "}\n"...)
	bw.Write(b)
	return bw.Flush()
}

// appendHead appends `{"version":…,…,"metrics":[…]` (no closing brace).
func (d *Doc) appendHead(b []byte) ([]byte, error) {
	b = append(b, `{"version":`...)
	b = strconv.AppendQuote(b, d.Version)
	b = append(b, `,"fps":`...)
	b = appendFloat(b, d.FPS)
	for _, f := range []struct {
		key string
		v   any
	}{{"tool", d.Tool}, {"inputs", d.Inputs}, {"alignment", d.Alignment}, {"metrics", nonNil(d.Metrics)}} {
		j, err := json.Marshal(f.v)
		if err != nil {
			return nil, fmt.Errorf("report: %s: %v", f.key, err)
		}
		b = append(b, `,"`...)
		b = append(b, f.key...)
		b = append(b, `":`...)
		b = append(b, j...)
	}
	return b, nil
}

// appendTail appends `,"pooled_metrics":{…},"warnings":[…]`.
func (d *Doc) appendTail(b []byte) []byte {
	b = append(b, `,"pooled_metrics":{`...)
	for o, name := range d.Outputs {
		if o > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, name)
		b = append(b, ":{"...)
		for k, p := range d.Pools {
			if k > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendQuote(b, p)
			b = append(b, ':')
			if o < len(d.Pooled) {
				b = appendFloat(b, d.Pooled[o][k])
			} else {
				b = append(b, "null"...)
			}
		}
		b = append(b, '}')
	}
	b = append(b, `},"warnings":[`...)
	for i, w := range d.Warnings {
		if i > 0 {
			b = append(b, ',')
		}
		j, _ := json.Marshal(w)
		b = append(b, j...)
	}
	return append(b, ']')
}

func (d *Doc) appendFrame(b []byte, i int) []byte {
	f := d.Frames[i]
	b = append(b, `{"frameNum":`...)
	b = strconv.AppendInt(b, int64(f.Num), 10)
	b = append(b, `,"metrics":{`...)
	for o, name := range d.Outputs {
		if o > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, name)
		b = append(b, ':')
		b = appendFloat(b, f.Values[o])
	}
	return append(b, "}}"...)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// WriteCSV writes a header "frame,<output>,…" and one row per frame;
// non-finite values are empty cells.
func WriteCSV(w io.Writer, d *Doc) error {
	cw := csv.NewWriter(w)
	rec := append([]string{"frame"}, d.Outputs...)
	if err := cw.Write(rec); err != nil {
		return err
	}
	for _, f := range d.Frames {
		rec = rec[:0]
		rec = append(rec, strconv.Itoa(f.Num))
		for _, v := range f.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				rec = append(rec, "")
			} else {
				rec = append(rec, strconv.FormatFloat(v, 'g', -1, 64))
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteSummary writes a human-readable table: one line per output with its
// mean, min, max and number of frames.
func WriteSummary(w io.Writer, d *Doc) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "metric\tmean\tmin\tmax\tframes\t\n")
	for _, name := range d.Outputs {
		fmt.Fprintf(tw, "%s\t", name)
		for _, p := range []string{"mean", "min", "max"} {
			v, _ := d.PooledValue(name, p)
			fmt.Fprintf(tw, "%s\t", human(v))
		}
		fmt.Fprintf(tw, "%d\t\n", len(d.Frames))
	}
	return tw.Flush()
}

func human(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	return strconv.FormatFloat(v, 'f', 6, 64)
}

// WriteFile writes a file through write, atomically: the data goes to a
// temporary file in path's directory that is renamed to path only when
// write and the close succeeded. On failure the temporary file is removed
// and path is left as it was. The path "-" writes to stdout instead.
func WriteFile(path string, stdout io.Writer, write func(io.Writer) error) (err error) {
	if path == "-" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
