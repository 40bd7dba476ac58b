//go:build !unix

package bench

// cpuTime returns 0: the process CPU time is not read on this system.
func cpuTime() int64 { return 0 }
