package evaluate

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
)

// synthetic returns a CSV of videos rows in groups of equal size with
// metrics metric columns that follow the subjective score with noise.
func synthetic(videos, groups, metrics int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.WriteString("video_id,group,subjective")
	for m := range metrics {
		fmt.Fprintf(&b, ",m%02d", m)
	}
	b.WriteByte('\n')
	for v := range videos {
		s := rng.Float64() * 5
		fmt.Fprintf(&b, "v%05d,g%03d,%s", v, v%groups, strconv.FormatFloat(s, 'g', 17, 64))
		for m := range metrics {
			x := s + rng.NormFloat64()*float64(m+1)/20
			b.WriteByte(',')
			b.WriteString(strconv.FormatFloat(x, 'g', 17, 64))
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// BenchmarkEvaluate measures a whole evaluation of 1,500 videos and 70
// metrics: parsing the CSV (pandas-exact numbers) and evaluating every
// metric (stage=csv+evaluate), or evaluating parsed columns only
// (stage=evaluate). groups=75 is the benchmark's shape (sequence ×
// preset, 20 videos each); groups=1 is the worst case for Kendall's
// pair count.
func BenchmarkEvaluate(b *testing.B) {
	const videos, metrics = 1500, 70
	for _, groups := range []int{75, 1} {
		data := synthetic(videos, groups, metrics)
		spec := Spec{Subjective: "subjective", Group: []string{"group"}, ID: "video_id"}
		b.Run(fmt.Sprintf("stage=csv+evaluate/videos=%d/metrics=%d/groups=%d", videos, metrics, groups), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				t, err := ReadCSV(bytes.NewReader(data), "bench.csv")
				if err != nil {
					b.Fatal(err)
				}
				t.Parse = ParsePandas
				if _, err := EvaluateTable(t, spec, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		t, err := ReadCSV(bytes.NewReader(data), "bench.csv")
		if err != nil {
			b.Fatal(err)
		}
		ev, err := EvaluateTable(t, spec, Options{})
		if err != nil {
			b.Fatal(err)
		}
		g, _ := NewGrouping(ev.Groups)
		b.Run(fmt.Sprintf("stage=evaluate/videos=%d/metrics=%d/groups=%d", videos, metrics, groups), func(b *testing.B) {
			b.SetBytes(int64(videos * metrics * 8))
			b.ReportAllocs()
			for b.Loop() {
				for _, col := range ev.Metrics {
					if _, err := g.Evaluate(ev.Subjective, col, Options{}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
