package pipeline

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Manifest is the list of pairs of a batch, read from a CSV file with a
// header line. The columns ref and dist are required (paths relative to
// the manifest's directory, or absolute); id is optional (default: the
// dist cell as written). The columns width, height, pix_fmt and fps, when
// present, give the geometry of raw (.yuv) inputs. Every column is carried
// through to the batch's output.
type Manifest struct {
	// Path is the file the manifest was read from ("" for a reader).
	Path string
	// Columns is the header, in file order.
	Columns []string
	// Rows are the pairs in file order.
	Rows []ManifestRow
}

// ManifestRow is one pair of a manifest.
type ManifestRow struct {
	// Index is the row's position among the manifest's rows, from 0.
	Index int
	// Line is the row's line number in the file, from 1 (the header is 1).
	Line int
	// ID identifies the pair: the id cell, or else the dist cell.
	ID string
	// Ref and Dist are the input paths, resolved against the manifest's
	// directory.
	Ref, Dist string
	// Raw is the raw-video geometry from the width, height, pix_fmt and fps
	// columns (zero values where a column is absent or empty).
	Raw RawGeometry
	// Cells are the row's cells, one per Manifest.Columns.
	Cells []string
}

// RawGeometry is what a headerless raw video needs to be read.
type RawGeometry struct {
	Width, Height int
	PixFmt        string
	FPS           float64
}

// ReadManifest reads a manifest file. Relative paths in it are taken
// relative to the file's directory.
func ReadManifest(path string) (*Manifest, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	defer f.Close()
	m, err := ParseManifest(f, filepath.Dir(path), path)
	if err != nil {
		return nil, err
	}
	m.Path = path
	return m, nil
}

// ParseManifest reads a manifest from r; dir resolves relative paths and
// name is used in error messages. It fails, naming the line, on a missing
// ref or dist column, a duplicate or empty column name, a ragged row, an
// empty ref or dist cell, a duplicate id, a bad number in a geometry
// column, or a cell holding a line break (every output row is one line).
func ParseManifest(r io.Reader, dir, name string) (*Manifest, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty manifest: want a header line with ref and dist columns", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	m := &Manifest{Columns: header}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		header[i] = h
		if h == "" {
			return nil, fmt.Errorf("%s: line 1: column %d has no name", name, i+1)
		}
		if _, dup := col[h]; dup {
			return nil, fmt.Errorf("%s: line 1: column %q appears twice", name, h)
		}
		col[h] = i
	}
	for _, need := range []string{"ref", "dist"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("%s: line 1: no %q column (the header has: %s)", name, need, strings.Join(header, ", "))
		}
	}
	ids := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if len(rec) != len(header) {
			return nil, fmt.Errorf("%s: line %d: %d cells, the header has %d", name, line, len(rec), len(header))
		}
		for i, c := range rec {
			if strings.ContainsAny(c, "\r\n") {
				return nil, fmt.Errorf("%s: line %d: column %q holds a line break", name, line, header[i])
			}
		}
		row := ManifestRow{Index: len(m.Rows), Line: line, Cells: rec}
		cell := func(c string) string {
			if i, ok := col[c]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		ref, dist := cell("ref"), cell("dist")
		if ref == "" || dist == "" {
			return nil, fmt.Errorf("%s: line %d: empty ref or dist", name, line)
		}
		row.Ref, row.Dist = resolve(dir, ref), resolve(dir, dist)
		row.ID = cell("id")
		if _, ok := col["id"]; ok && row.ID == "" {
			return nil, fmt.Errorf("%s: line %d: empty id", name, line)
		}
		if row.ID == "" {
			row.ID = dist
		}
		if prev, dup := ids[row.ID]; dup {
			return nil, fmt.Errorf("%s: line %d: id %q already on line %d (add an id column to tell the pairs apart)", name, line, row.ID, prev)
		}
		ids[row.ID] = line
		if row.Raw, err = rawGeometry(cell); err != nil {
			return nil, fmt.Errorf("%s: line %d: %v", name, line, err)
		}
		m.Rows = append(m.Rows, row)
	}
	return m, nil
}

func resolve(dir, p string) string {
	if filepath.IsAbs(p) || dir == "" {
		return p
	}
	return filepath.Join(dir, p)
}

func rawGeometry(cell func(string) string) (RawGeometry, error) {
	var g RawGeometry
	for _, c := range []struct {
		name string
		v    *int
	}{{"width", &g.Width}, {"height", &g.Height}} {
		if s := cell(c.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n <= 0 {
				return g, fmt.Errorf("%s %q is not a positive integer", c.name, s)
			}
			*c.v = n
		}
	}
	g.PixFmt = cell("pix_fmt")
	if s := cell("fps"); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || !(v > 0) {
			return g, fmt.Errorf("fps %q is not a positive number", s)
		}
		g.FPS = v
	}
	return g, nil
}

// Shard is one part of a manifest split for a job array: part K of N
// (1 ≤ K ≤ N) holds the rows whose index i has i mod N == K−1. The zero
// value is the whole manifest.
type Shard struct {
	K, N int
}

// ParseShard reads "K/N".
func ParseShard(s string) (Shard, error) {
	ks, ns, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(strings.TrimSpace(ks))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("%q is not K/N (e.g. 2/8)", s)
	}
	if n < 1 || k < 1 || k > n {
		return Shard{}, fmt.Errorf("%q: want 1 <= K <= N", s)
	}
	return Shard{K: k, N: n}, nil
}

// String returns "K/N", or "" for the whole manifest.
func (s Shard) String() string {
	if s.N <= 1 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}

// Has reports whether the row of index i belongs to the shard.
func (s Shard) Has(i int) bool {
	return s.N <= 1 || i%s.N == s.K-1
}

// ShardRows returns the manifest's rows that belong to shard s, in order.
func (m *Manifest) ShardRows(s Shard) []ManifestRow {
	var out []ManifestRow
	for _, r := range m.Rows {
		if s.Has(r.Index) {
			out = append(out, r)
		}
	}
	return out
}
