package evaluate

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Table is a CSV file held as text: a header and rows of cells. Errors
// about it name the file, the row (the line number in the file, the
// header being line 1) and the column.
type Table struct {
	Name   string // file name, for messages
	Header []string
	Rows   [][]string
	Lines  []int // Lines[i] is the file line of Rows[i]
	// Parse converts a cell to a number; nil means ParseValue.
	Parse func(string) (float64, error)

	// After Join: the table a column came from (nil: this one) and, per
	// row, the matching row of that table, so messages name the file
	// and line a cell was read from.
	from  []*Table
	match []int
}

// where names the file and line of cell (row i, column c).
func (t *Table) where(i, c int) string {
	if c < len(t.from) && t.from[c] != nil {
		o := t.from[c]
		return fmt.Sprintf("%s: line %d", o.Name, o.Lines[t.match[i]])
	}
	return fmt.Sprintf("%s: line %d", t.Name, t.Lines[i])
}

// ReadCSV reads a comma-separated table with a header line. name is used
// in error messages.
func ReadCSV(r io.Reader, name string) (*Table, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file, expected a header line", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	t := &Table{Name: name, Header: header}
	seen := make(map[string]bool)
	for _, h := range header {
		if seen[h] {
			return nil, fmt.Errorf("%s: line 1: column %q appears twice", name, h)
		}
		seen[h] = true
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s: line %d: %v", name, pe.Line, pe.Err)
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		t.Rows = append(t.Rows, rec)
		t.Lines = append(t.Lines, line)
	}
	if len(t.Rows) == 0 {
		return nil, fmt.Errorf("%s: no data rows after the header", name)
	}
	return t, nil
}

// Column returns the index of the named column.
func (t *Table) Column(name string) (int, error) {
	for i, h := range t.Header {
		if h == name {
			return i, nil
		}
	}
	return -1, fmt.Errorf("%s: no column %q (columns: %s)", t.Name, name, strings.Join(t.Header, ", "))
}

// Has reports whether the table has the named column.
func (t *Table) Has(name string) bool {
	_, err := t.Column(name)
	return err == nil
}

// Floats returns the named column as numbers; a cell that is not a number
// is an error naming file, line and column.
func (t *Table) Floats(name string) ([]float64, error) {
	c, err := t.Column(name)
	if err != nil {
		return nil, err
	}
	parse := t.Parse
	if parse == nil {
		parse = ParseValue
	}
	out := make([]float64, len(t.Rows))
	for i, row := range t.Rows {
		v, err := parse(row[c])
		if err != nil {
			return nil, fmt.Errorf("%s, column %q: %q is not a number", t.where(i, c), name, row[c])
		}
		out[i] = v
	}
	return out, nil
}

// Keys returns, per row, the values of the named columns joined by "|",
// the group key of the protocol (e.g. "sequence|preset").
func (t *Table) Keys(names []string) ([]string, error) {
	cols := make([]int, len(names))
	for i, n := range names {
		c, err := t.Column(n)
		if err != nil {
			return nil, err
		}
		cols[i] = c
	}
	out := make([]string, len(t.Rows))
	parts := make([]string, len(cols))
	for i, row := range t.Rows {
		for j, c := range cols {
			parts[j] = row[c]
		}
		out[i] = strings.Join(parts, "|")
	}
	return out, nil
}

// Unique checks that the named columns identify each row once.
func (t *Table) Unique(names []string) error {
	keys, err := t.Keys(names)
	if err != nil {
		return err
	}
	first := make(map[string]int, len(keys))
	for i, k := range keys {
		if j, ok := first[k]; ok {
			return fmt.Errorf("%s: line %d: duplicate %s %q (first on line %d)",
				t.Name, t.Lines[i], strings.Join(names, ","), k, t.Lines[j])
		}
		first[k] = i
	}
	return nil
}

// Join returns the rows of t extended with the columns of other, matched
// on the columns named in on, which must identify each row of other once.
// A column present in both tables takes other's value. A row of t with no
// match in other is an error.
func (t *Table) Join(other *Table, on []string) (*Table, error) {
	if err := other.Unique(on); err != nil {
		return nil, err
	}
	lk, err := t.Keys(on)
	if err != nil {
		return nil, err
	}
	rk, err := other.Keys(on)
	if err != nil {
		return nil, err
	}
	index := make(map[string]int, len(rk))
	for i, k := range rk {
		index[k] = i
	}
	isKey := make(map[string]bool)
	for _, n := range on {
		isKey[n] = true
	}
	out := &Table{Name: t.Name, Header: append([]string(nil), t.Header...), Lines: t.Lines, Parse: t.Parse}
	// dst[j] is the output column receiving other's column j, or -1.
	dst := make([]int, len(other.Header))
	for j, h := range other.Header {
		dst[j] = -1
		if isKey[h] {
			continue
		}
		if c, err := t.Column(h); err == nil {
			dst[j] = c
			continue
		}
		dst[j] = len(out.Header)
		out.Header = append(out.Header, h)
	}
	out.from = make([]*Table, len(out.Header))
	for _, c := range dst {
		if c >= 0 {
			out.from[c] = other
		}
	}
	out.match = make([]int, len(t.Rows))
	for i, row := range t.Rows {
		r, ok := index[lk[i]]
		if !ok {
			return nil, fmt.Errorf("%s: line %d: %s %q has no row in %s", t.Name, t.Lines[i], strings.Join(on, ","), lk[i], other.Name)
		}
		out.match[i] = r
		nr := make([]string, len(out.Header))
		copy(nr, row)
		for j, c := range dst {
			if c >= 0 {
				nr[c] = other.Rows[r][j]
			}
		}
		out.Rows = append(out.Rows, nr)
	}
	return out, nil
}
