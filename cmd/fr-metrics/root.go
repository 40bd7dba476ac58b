package main

import (
	"strings"

	"github.com/spf13/cobra"
)

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "fr-metrics",
		Short:         "Full-reference video quality metrics, fast and exact",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErrorf("%s: %v", c.CommandPath(), err)
	})
	// One line per command.
	root.AddCommand(newBenchCmd())
	root.AddCommand(newBatchCmd())
	root.AddCommand(newMergeCmd())
	root.AddCommand(newCompareCmd(), newMetricsCmd(), newVersionCmd())
	root.AddCommand(newEvaluateCmd())
	root.AddCommand(newFitCmd(), newPredictCmd(), newCVCmd())
	return root
}

// isUsageError reports whether err came from cobra's own argument checks.
func isUsageError(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command") ||
		strings.HasPrefix(msg, "accepts ") ||
		strings.HasPrefix(msg, "requires at least") ||
		strings.HasPrefix(msg, "unknown flag") ||
		strings.HasPrefix(msg, "unknown shorthand flag")
}
