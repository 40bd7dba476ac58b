package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/fr-metrics/fr-metrics/simd"
)

// version is the release of this program.
const version = "0.1.0-dev"

// commit returns the VCS revision the binary was built from, if the build
// recorded it.
func commit() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev != "" && dirty {
		rev += "+dirty"
	}
	return rev
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, build and SIMD level in use",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "fr-metrics %s\n", version)
			if c := commit(); c != "" {
				fmt.Fprintf(w, "commit: %s\n", c)
			}
			fmt.Fprintf(w, "go: %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
			fmt.Fprintf(w, "simd: %s (best on this CPU: %s)\n", simd.Level(), simd.Best())
			fmt.Fprintf(w, "cores: %d\n", runtime.GOMAXPROCS(0))
			return nil
		},
	}
}
