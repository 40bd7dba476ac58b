package evaluate

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func mustRead(t *testing.T, name, body string) *Table {
	t.Helper()
	tab, err := ReadCSV(strings.NewReader(body), name)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func TestTable(t *testing.T) {
	tab := mustRead(t, "s.csv", "\ufeffid,seq,preset,mos,m\na,s1,fast,1,\nb,s1,slow,2,NaN\nc,s2,fast,3,inf\n")
	keys, err := tab.Keys([]string{"seq", "preset"})
	if err != nil || !slices.Equal(keys, []string{"s1|fast", "s1|slow", "s2|fast"}) {
		t.Errorf("Keys = %v, %v", keys, err)
	}
	m, err := tab.Floats("m")
	if err != nil || !math.IsNaN(m[0]) || !math.IsNaN(m[1]) || !math.IsInf(m[2], 1) {
		t.Errorf("Floats(m) = %v, %v; want NaN NaN +Inf", m, err)
	}
	if !tab.Has("id") {
		t.Error("the byte-order mark was not removed from the first column name")
	}

	subj := mustRead(t, "mos.csv", "id,mos,extra\nc,30,z\na,10,x\nb,20,y\n")
	j, err := tab.Join(subj, []string{"id"})
	if err != nil {
		t.Fatal(err)
	}
	mos, _ := j.Floats("mos")
	if !slices.Equal(mos, []float64{10, 20, 30}) {
		t.Errorf("joined mos = %v, want the join file's 10 20 30", mos)
	}
	if !slices.Equal(j.Header, []string{"id", "seq", "preset", "mos", "m", "extra"}) {
		t.Errorf("joined header = %v", j.Header)
	}

	// A bad cell read from the joined file is reported there.
	bad := mustRead(t, "mos2.csv", "id,mos\nb,20\na,1O\nc,30\n")
	j2, err := tab.Join(bad, []string{"id"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j2.Floats("mos"); err == nil || !strings.Contains(err.Error(), `mos2.csv: line 3, column "mos": "1O" is not a number`) {
		t.Errorf("bad joined cell: error %v, want it to name mos2.csv line 3", err)
	}

	errs := []struct {
		name, body string
		do         func(*Table) error
		want       string
	}{
		{"dup column", "a,a\n1,2\n", nil, `line 1: column "a" appears twice`},
		{"bad cell", "a,b\n1,2\n3,x\n", func(t *Table) error { _, err := t.Floats("b"); return err }, `line 3, column "b": "x" is not a number`},
		{"no column", "a,b\n1,2\n", func(t *Table) error { _, err := t.Floats("c"); return err }, `no column "c" (columns: a, b)`},
		{"duplicate", "a,b\n1,2\n1,3\n", func(t *Table) error { return t.Unique([]string{"a"}) }, `line 3: duplicate a "1" (first on line 2)`},
	}
	for _, e := range errs {
		tab, err := ReadCSV(strings.NewReader(e.body), e.name+".csv")
		if err == nil && e.do != nil {
			err = e.do(tab)
		}
		if err == nil || !strings.Contains(err.Error(), e.name+".csv") || !strings.Contains(err.Error(), e.want) {
			t.Errorf("%s: error %v, want %s naming the file", e.name, err, e.want)
		}
	}
}

func TestEvaluateTableDefaultMetrics(t *testing.T) {
	tab := mustRead(t, "s.csv", "video_id,group,mos,codec,crf,m1,m2\n"+
		"a,g,1,x264,20,1,3\nb,g,2,x264,30,2,2\nc,g,3,vp9,,3,1\n")
	ev, err := EvaluateTable(tab, Spec{Subjective: "mos", Group: []string{"group"}, ID: "video_id", Exclude: []string{"crf"}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, n := range ev.Results {
		names = append(names, n.Metric)
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"m1", "m2"}) {
		t.Errorf("default metrics = %v, want m1 m2 (codec is text, crf excluded)", names)
	}
}
