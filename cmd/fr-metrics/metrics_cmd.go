package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func newMetricsCmd() *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "metrics",
		Short: "List the metrics compiled in, with their outputs, range, direction and options",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			reg := registry()
			w := cmd.OutOrStdout()
			switch format {
			case "json":
				type option struct {
					Key     string `json:"key"`
					Default string `json:"default"`
					Doc     string `json:"doc"`
				}
				type entry struct {
					Name           string   `json:"name"`
					Doc            string   `json:"doc"`
					Outputs        []string `json:"outputs"`
					Range          string   `json:"range"`
					HigherIsBetter bool     `json:"higher_is_better"`
					Options        []option `json:"options"`
				}
				list := []entry{}
				for _, d := range reg.All() {
					e := entry{Name: d.Name, Doc: d.Doc, Outputs: d.Outputs, Range: d.Range, HigherIsBetter: d.HigherIsBetter, Options: []option{}}
					for _, o := range d.Options {
						e.Options = append(e.Options, option{o.Key, o.Default, o.Doc})
					}
					list = append(list, e)
				}
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"metrics": list, "presets": presets, "default": defaultMetrics})
			case "text", "":
				tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "METRIC\tOUTPUTS\tRANGE\tBETTER\tOPTIONS (default)\tDESCRIPTION")
				for _, d := range reg.All() {
					better := "lower"
					if d.HigherIsBetter {
						better = "higher"
					}
					var opts []string
					for _, o := range d.Options {
						opts = append(opts, o.Key+"="+o.Default)
					}
					if len(opts) == 0 {
						opts = []string{"-"}
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", d.Name, strings.Join(d.Outputs, ","), d.Range, better, strings.Join(opts, " "), d.Doc)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				fmt.Fprintln(w, "\nOptions are given as NAME:KEY=VALUE[:KEY=VALUE], e.g. -m psnr:grayscale=true.")
				for _, d := range reg.All() {
					for _, o := range d.Options {
						fmt.Fprintf(w, "  %s:%s  %s (default %s)\n", d.Name, o.Key, o.Doc, o.Default)
					}
				}
				fmt.Fprintln(w, "\nPresets:")
				for _, name := range []string{"testiqa", "all"} {
					fmt.Fprintf(w, "  %s = %s\n", name, strings.Join(presets[name], ","))
				}
				return nil
			}
			return usageErrorf("--format %q: want text or json", format)
		},
	}
	c.Flags().StringVar(&format, "format", "text", "text or json")
	return c
}
