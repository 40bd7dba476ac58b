package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/fr-metrics/fr-metrics/pipeline"
	"github.com/fr-metrics/fr-metrics/report"
)

type mergeFlags struct {
	manifest string
	output   string
}

func newMergeCmd() *cobra.Command {
	var f mergeFlags
	c := &cobra.Command{
		Use:   "merge [--manifest MANIFEST.csv] FEATURES.csv… -o ALL.csv",
		Short: "Join the features files of batch shards into one",
		Long: `Join features files written by batch (typically the shards of one manifest,
--shard 1/N … N/N) into one file. The files must have the same columns, and a
pair may appear in only one of them: an overlap is refused.

With --manifest the rows come out in manifest order, which makes the merged file
the same, byte for byte, as an unsharded batch run's; pairs of the manifest that
no file holds are listed, and rows of pairs the manifest does not have are
refused. Without it the rows are concatenated in the order of the files.

Exit status: 0 when every pair is present and was scored, 4 when pairs are
missing or have status failed (the merged file is written all the same), 1 on
an error (nothing is written).`,
		Example: `  fr-metrics merge --manifest manifest.csv features.*.csv -o features.csv`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("merge needs at least one features file")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMerge(cmd.OutOrStdout(), cmd.ErrOrStderr(), args, &f)
		},
	}
	c.Flags().StringVar(&f.manifest, "manifest", "", "the manifest the files were made from: order rows like it and report missing pairs")
	c.Flags().StringVarP(&f.output, "output", "o", "", `merged file to write ("-" = stdout); required`)
	return c
}

func runMerge(stdout, stderr io.Writer, files []string, f *mergeFlags) error {
	if f.output == "" {
		return usageErrorf("merge needs -o ALL.csv")
	}
	var (
		header   []string
		rows     [][]string
		from     = map[string]string{} // id → file
		settings []byte
		setFrom  string
	)
	for _, name := range files {
		fh, err := os.Open(name)
		if err != nil {
			return err
		}
		h, rs, err := pipeline.ReadFeatureTable(fh, name)
		fh.Close()
		if err != nil {
			return err
		}
		if header == nil {
			header = h
		} else if !slices.Equal(header, h) {
			return fmt.Errorf("%s has other columns than %s:\n  %s\n  %s", name, files[0], strings.Join(h, ","), strings.Join(header, ","))
		}
		if s, err := os.ReadFile(pipeline.SettingsPath(name)); err == nil {
			if settings == nil {
				settings, setFrom = s, name
			} else if d := pipeline.ShardSettingsDiff(settings, s); d != "" {
				return fmt.Errorf("%s and %s were made with other settings: %s", setFrom, name, d)
			}
		}
		idCol := slices.Index(h, "id")
		for _, r := range rs {
			id := r[idCol]
			if prev, dup := from[id]; dup {
				return fmt.Errorf("pair %q is in both %s and %s: the files overlap", id, prev, name)
			}
			from[id] = name
			rows = append(rows, r)
		}
	}
	idCol := slices.Index(header, "id")
	stCol := slices.Index(header, "status")

	var missing []string
	if f.manifest != "" {
		man, err := pipeline.ReadManifest(f.manifest)
		if err != nil {
			return err
		}
		byID := map[string][]string{}
		for _, r := range rows {
			byID[r[idCol]] = r
		}
		ordered := make([][]string, 0, len(rows))
		for _, mr := range man.Rows {
			if r, ok := byID[mr.ID]; ok {
				ordered = append(ordered, r)
				delete(byID, mr.ID)
			} else {
				missing = append(missing, mr.ID)
			}
		}
		if len(byID) > 0 {
			for _, r := range rows {
				if _, extra := byID[r[idCol]]; extra {
					return fmt.Errorf("pair %q of %s is not in %s", r[idCol], from[r[idCol]], f.manifest)
				}
			}
		}
		rows = ordered
	}
	var failed []string
	if stCol >= 0 {
		for _, r := range rows {
			if r[stCol] != pipeline.StatusOK {
				failed = append(failed, r[idCol])
			}
		}
	}
	err := report.WriteFile(f.output, stdout, func(w io.Writer) error {
		return pipeline.WriteFeatureTable(w, header, rows)
	})
	if err != nil {
		return err
	}
	var problems []string
	if len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("%d pairs of %s are in none of the files: %s", len(missing), f.manifest, idList(missing)))
	}
	if len(failed) > 0 {
		problems = append(problems, fmt.Sprintf("%d pairs have status failed: %s", len(failed), idList(failed)))
	}
	if len(problems) > 0 {
		return withCode(exitPartial, fmt.Errorf("%s", strings.Join(problems, "; ")))
	}
	fmt.Fprintf(stderr, "fr-metrics: merged %d pairs from %d files\n", len(rows), len(files))
	return nil
}

// idList shows up to 10 ids.
func idList(ids []string) string {
	const show = 10
	if len(ids) <= show {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s, … (%d more)", strings.Join(ids[:show], ", "), len(ids)-show)
}
