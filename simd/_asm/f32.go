package main

import "math"

// f32bits returns the IEEE 754 bits of f.
func f32bits(f float32) uint32 { return math.Float32bits(f) }
