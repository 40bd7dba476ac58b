//go:build noasm

package main

func init() { testBuildTags = "noasm" }
