package pipeline

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// BatchOutput is a batch's output file, written so that no finished pair
// is lost and a new run of the same command resumes where the last one
// stopped.
//
// While the batch runs the file is a journal: the header, then one line
// per finished pair in the order the pairs finish, each written and
// synced to disk (fsync) before the pair counts as done. A run killed at
// any moment leaves at worst a last line without its newline, which the
// next run drops. When every pair has a row, Finish rewrites the file with
// the rows in manifest order (through a temporary file renamed over it),
// so a finished file is the same bytes whether or not the batch was
// interrupted. A pair that failed is tried again by the next run; the row
// written last for an id is the one kept.
//
// Beside the file, PATH.batch.json records the settings that decide the
// values (metrics and their options, colour, pooling, shard, version); a
// run whose settings differ refuses to resume rather than mix rows made
// two ways. The file is locked (flock) while a run writes it, so a second
// run on the same file is refused instead of interleaving rows.
type BatchOutput struct {
	path   string
	f      *os.File
	table  *FeatureTable
	rows   map[string][]byte // id → its last line, newline included
	ok     map[string]bool
	header []byte
}

// SettingsPath returns the path of the settings file beside a batch
// output.
func SettingsPath(path string) string { return path + ".batch.json" }

// OpenBatchOutput opens (or creates) the batch output at path for rows of
// table. ids are the pairs this run is for; a row in an existing file for
// another id, a header other than table's, or settings other than those in
// the existing settings file are errors. settings is a JSON object.
func OpenBatchOutput(path string, table *FeatureTable, ids []string, settings []byte) (*BatchOutput, error) {
	o := &BatchOutput{path: path, table: table, rows: map[string][]byte{}, ok: map[string]bool{}}
	o.header = encodeRecord(table.Header())
	sp := SettingsPath(path)
	_, err := os.Stat(path)
	exists := err == nil
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	if !exists {
		if err := writeAtomic(sp, append(bytes.TrimSpace(settings), '\n')); err != nil {
			return nil, err
		}
		if err := writeAtomic(path, o.header); err != nil {
			return nil, err
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s is being written by another batch run (%v)", path, err)
	}
	if exists {
		if err := o.resume(f, sp, settings, ids); err != nil {
			f.Close()
			return nil, err
		}
	}
	o.f = f
	return o, nil
}

// resume checks the settings beside an existing journal f and loads it.
func (o *BatchOutput) resume(f *os.File, sp string, settings []byte, ids []string) error {
	old, err := os.ReadFile(sp)
	if os.IsNotExist(err) {
		return fmt.Errorf("%s exists but has no %s beside it, so it was not written by batch: remove it or choose another output", o.path, filepath.Base(sp))
	}
	if err != nil {
		return err
	}
	if diff := settingsDiff(old, settings); diff != "" {
		return fmt.Errorf("%s was written with other settings (%s): use the same command to resume, or another output file", o.path, diff)
	}
	data, err := io.ReadAll(io.NewSectionReader(f, 0, 1<<62))
	if err != nil {
		return err
	}
	return o.load(f, data, ids)
}

// load reads an existing journal, truncating a torn last line.
func (o *BatchOutput) load(f *os.File, data []byte, ids []string) error {
	if !bytes.HasPrefix(data, o.header) {
		first, _, _ := bytes.Cut(data, []byte("\n"))
		return fmt.Errorf("%s has another header than this command writes:\n  file:    %s\n  command: %s", o.path, first, bytes.TrimSpace(o.header))
	}
	if i := bytes.LastIndexByte(data, '\n'); i < len(data)-1 {
		// A line without its newline: the run was killed while writing it.
		if err := f.Truncate(int64(i + 1)); err != nil {
			return err
		}
		data = data[:i+1]
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	idCol, stCol := o.table.IDColumn(), o.table.StatusColumn()
	lines := bytes.SplitAfter(data[len(o.header):], []byte("\n"))
	for n, line := range lines {
		if len(line) == 0 {
			continue
		}
		rec, err := decodeRecord(line)
		if err != nil || len(rec) != len(o.table.header) {
			return fmt.Errorf("%s: line %d is not a row of this table", o.path, n+2)
		}
		id := rec[idCol]
		if !want[id] {
			return fmt.Errorf("%s: line %d: pair %q is not in this manifest (or shard)", o.path, n+2, id)
		}
		o.rows[id] = slices.Clone(line)
		o.ok[id] = rec[stCol] == StatusOK
	}
	return nil
}

// Done reports whether the pair id already has a row with status ok.
func (o *BatchOutput) Done(id string) bool { return o.ok[id] }

// Append writes a row and syncs the file to disk.
func (o *BatchOutput) Append(rec []string) error {
	line := encodeRecord(rec)
	if _, err := o.f.Write(line); err != nil {
		return fmt.Errorf("%s: %w", o.path, err)
	}
	if err := o.f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", o.path, err)
	}
	id := rec[o.table.IDColumn()]
	o.rows[id] = line
	o.ok[id] = rec[o.table.StatusColumn()] == StatusOK
	return nil
}

// Missing returns the ids of ids that have no row yet.
func (o *BatchOutput) Missing(ids []string) []string {
	var out []string
	for _, id := range ids {
		if _, ok := o.rows[id]; !ok {
			out = append(out, id)
		}
	}
	return out
}

// Finish rewrites the file with one row per id, in the order of ids, and
// closes it. Every id must have a row.
func (o *BatchOutput) Finish(ids []string) error {
	if miss := o.Missing(ids); len(miss) > 0 {
		return fmt.Errorf("%s: %d pairs have no row yet", o.path, len(miss))
	}
	buf := slices.Clone(o.header)
	for _, id := range ids {
		buf = append(buf, o.rows[id]...)
	}
	// The journal stays open, and locked, until the ordered file has
	// replaced it.
	err := writeAtomic(o.path, buf)
	if cerr := o.Close(); err == nil {
		err = cerr
	}
	return err
}

// Close closes the file, leaving it as a journal to resume from.
func (o *BatchOutput) Close() error {
	if o.f == nil {
		return nil
	}
	err := o.f.Close()
	o.f = nil
	return err
}

func encodeRecord(rec []string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(rec)
	w.Flush()
	return b.Bytes()
}

func decodeRecord(line []byte) ([]string, error) {
	r := csv.NewReader(bytes.NewReader(line))
	r.FieldsPerRecord = -1
	return r.Read()
}

// writeAtomic writes data to a temporary file beside path, syncs it,
// renames it to path and syncs the directory.
func writeAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// settingsDiff names the keys whose values differ between two JSON
// objects ("" when they are equal).
func settingsDiff(a, b []byte) string {
	var ma, mb map[string]any
	if json.Unmarshal(a, &ma) != nil || json.Unmarshal(b, &mb) != nil {
		if bytes.Equal(bytes.TrimSpace(a), bytes.TrimSpace(b)) {
			return ""
		}
		return "unreadable settings"
	}
	keys := map[string]bool{}
	for k := range ma {
		keys[k] = true
	}
	for k := range mb {
		keys[k] = true
	}
	var diff []string
	for k := range keys {
		ja, _ := json.Marshal(ma[k])
		jb, _ := json.Marshal(mb[k])
		if !bytes.Equal(ja, jb) {
			diff = append(diff, fmt.Sprintf("%s: file %s, command %s", k, ja, jb))
		}
	}
	sort.Strings(diff)
	return strings.Join(diff, "; ")
}

// ReadFeatureTable reads a batch output (or any CSV with an id column):
// its header and its rows. A torn last line is dropped; when an id appears
// more than once the last row is kept, in the place of the first.
func ReadFeatureTable(r io.Reader, name string) (header []string, rows [][]string, err error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	if i := bytes.LastIndexByte(data, '\n'); i < len(data)-1 {
		data = data[:i+1]
	}
	cr := csv.NewReader(bytes.NewReader(data))
	header, err = cr.Read()
	if err == io.EOF {
		return nil, nil, fmt.Errorf("%s: empty file", name)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	idCol := slices.Index(header, "id")
	if idCol < 0 {
		return nil, nil, fmt.Errorf("%s: no id column", name)
	}
	at := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		id := rec[idCol]
		if i, dup := at[id]; dup {
			rows[i] = rec
			continue
		}
		at[id] = len(rows)
		rows = append(rows, rec)
	}
	return header, rows, nil
}

// WriteFeatureTable writes a header and rows in the bytes a batch output
// has, so that rows read with ReadFeatureTable are written back as they
// were.
func WriteFeatureTable(w io.Writer, header []string, rows [][]string) error {
	if _, err := w.Write(encodeRecord(header)); err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := w.Write(encodeRecord(r)); err != nil {
			return err
		}
	}
	return nil
}

// ShardSettingsDiff compares the settings files of two shards' outputs,
// ignoring the shard itself, and names what differs ("" when nothing).
func ShardSettingsDiff(a, b []byte) string {
	strip := func(s []byte) []byte {
		var m map[string]any
		if json.Unmarshal(s, &m) != nil {
			return s
		}
		delete(m, "shard")
		out, _ := json.Marshal(m)
		return out
	}
	return settingsDiff(strip(a), strip(b))
}
