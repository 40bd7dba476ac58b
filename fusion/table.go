package fusion

import (
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/fr-metrics/fr-metrics/evaluate"
)

// Table is a CSV file held in memory: a header and rows of cells.
type Table struct {
	Header []string
	Rows   [][]string
	index  map[string]int
}

// ReadTable reads a CSV file with a header line (a UTF-8 byte-order mark
// before it is dropped) and at least one row, through evaluate.ReadCSV.
// Every row must have as many cells as the header, and column names must
// be unique.
func ReadTable(r io.Reader) (*Table, error) {
	t, err := evaluate.ReadCSV(r, "fusion: CSV")
	if err != nil {
		return nil, err
	}
	return NewTable(t.Header, t.Rows)
}

// NewTable makes a Table of a header and rows of cells, each row as long
// as the header. Column names must be unique.
func NewTable(header []string, rows [][]string) (*Table, error) {
	t := &Table{Header: header, Rows: rows, index: make(map[string]int, len(header))}
	for i, h := range header {
		if _, dup := t.index[h]; dup {
			return nil, fmt.Errorf("fusion: the header names column %q twice", h)
		}
		t.index[h] = i
	}
	for i, r := range rows {
		if len(r) != len(header) {
			return nil, fmt.Errorf("fusion: row %d has %d cells, the header %d", i+1, len(r), len(header))
		}
	}
	return t, nil
}

// Has reports whether the table has a column named name.
func (t *Table) Has(name string) bool {
	_, ok := t.index[name]
	return ok
}

// Strings returns the cells of column name.
func (t *Table) Strings(name string) ([]string, error) {
	j, ok := t.index[name]
	if !ok {
		return nil, fmt.Errorf("fusion: no column %q", name)
	}
	out := make([]string, len(t.Rows))
	for i, row := range t.Rows {
		out[i] = row[j]
	}
	return out, nil
}

// Floats returns column name parsed as numbers by evaluate.ParseValue: an
// empty cell, "nan", "null", "NA" and pandas' other missing-value
// markers are NaN; "inf" and "-inf" are infinities (any case).
func (t *Table) Floats(name string) ([]float64, error) {
	s, err := t.Strings(name)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(s))
	for i, c := range s {
		v, err := evaluate.ParseValue(c)
		if err != nil {
			return nil, fmt.Errorf("fusion: column %q, row %d: %w", name, i+2, err)
		}
		out[i] = v
	}
	return out, nil
}

// Key joins the cells of the named columns with "|" into one key per row,
// e.g. "crowd-run-2019|fast" for the columns sequence and preset.
func (t *Table) Key(names []string) ([]string, error) {
	if len(names) == 0 {
		return nil, errors.New("fusion: no key columns given")
	}
	cols := make([][]string, len(names))
	for k, n := range names {
		c, err := t.Strings(n)
		if err != nil {
			return nil, err
		}
		cols[k] = c
	}
	out := make([]string, len(t.Rows))
	parts := make([]string, len(names))
	for i := range out {
		for k := range cols {
			parts[k] = cols[k][i]
		}
		out[i] = strings.Join(parts, "|")
	}
	return out, nil
}

// Match expands column patterns into column names, in the order given and
// without duplicates. A pattern is a column name or a path.Match pattern
// ("FR *"); a pattern that matches nothing is an error.
func (t *Table) Match(patterns []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, p := range patterns {
		if t.Has(p) {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
			continue
		}
		n := 0
		for _, h := range t.Header {
			ok, err := path.Match(p, h)
			if err != nil {
				return nil, fmt.Errorf("fusion: bad column pattern %q: %w", p, err)
			}
			if ok {
				n++
				if !seen[h] {
					seen[h] = true
					out = append(out, h)
				}
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("fusion: no column matches %q", p)
		}
	}
	return out, nil
}

// Matrix returns the named columns as rows of numbers: out[i][k] is row i,
// column names[k]. A missing column is an error that names every missing
// column.
func (t *Table) Matrix(names []string) ([][]float64, error) {
	var missing []string
	for _, n := range names {
		if !t.Has(n) {
			missing = append(missing, strconv.Quote(n))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("fusion: the table lacks column(s) %s", strings.Join(missing, ", "))
	}
	out := make([][]float64, len(t.Rows))
	flat := make([]float64, len(t.Rows)*len(names))
	for i := range out {
		out[i] = flat[i*len(names) : (i+1)*len(names) : (i+1)*len(names)]
	}
	for k, n := range names {
		col, err := t.Floats(n)
		if err != nil {
			return nil, err
		}
		for i, v := range col {
			out[i][k] = v
		}
	}
	return out, nil
}
