package simd

import (
	"math"
	"testing"
)

func TestColorRows(t *testing.T) {
	m := [9]float32{0.299, 0.587, 0.114, 0.5959, -0.2746, -0.3213, 0.2115, -0.5227, 0.3112}
	rowCase(t, func(t *testing.T, n, off int, seed uint64) {
		var s [3][]float32
		for i := range s {
			s[i] = randInput(n, off, 0, 255, seed+uint64(i))
		}
		var want [3][]float32
		var got [3]*guarded
		for i := range want {
			want[i] = make([]float32, n)
			got[i] = newGuarded(n, (off+i)%4)
		}
		mat3RowGeneric(want[0], want[1], want[2], s[0], s[1], s[2], &m)
		Mat3Row(got[0].s, got[1].s, got[2].s, s[0], s[1], s[2], &m)
		for i := range got {
			got[i].check(t)
			checkCloseF32(t, name("mat3", i, "n", n, "off", off), got[i].s, want[i], 0, 0)
		}
		// In place.
		for i := range got {
			copy(got[i].s, s[i])
		}
		Mat3Row(got[0].s, got[1].s, got[2].s, got[0].s, got[1].s, got[2].s, &m)
		for i := range got {
			checkCloseF32(t, name("mat3 in place", i, "n", n, "off", off), got[i].s, want[i], 0, 0)
		}
		mat1RowGeneric(want[0], s[0], s[1], s[2], m[0], m[1], m[2])
		Mat1Row(got[0].s, s[0], s[1], s[2], m[0], m[1], m[2])
		got[0].check(t)
		checkCloseF32(t, name("mat1 n", n, "off", off), got[0].s, want[0], 0, 0)
		colorScaleRowGeneric(want[0], s[0], 255.0/1023)
		ColorScaleRow(got[0].s, s[0], 255.0/1023)
		got[0].check(t)
		checkCloseF32(t, name("scale n", n, "off", off), got[0].s, want[0], 0, 0)
	})
}

func TestYUVToRGBRow(t *testing.T) {
	k := &YUVToRGB{Peak: 255, YOff: 16, KY: 255.0 / 219, COff: 128,
		CrR: 255 * 2 * (1 - 0.2126) / 224, CbG: -255 * 2 * (1 - 0.0722) * 0.0722 / 0.7152 / 224,
		CrG: -255 * 2 * (1 - 0.2126) * 0.2126 / 0.7152 / 224, CbB: 255 * 2 * (1 - 0.0722) / 224}
	for _, shift := range []int{0, 1} {
		rowCase(t, func(t *testing.T, n, off int, seed uint64) {
			cn := (n + shift) >> shift
			y := randInput(n, off, -10, 270, seed) // includes out-of-range samples
			u := randInput(cn, off, 0, 255, seed+1)
			v := randInput(cn, off, 0, 255, seed+2)
			for _, s := range [][]float32{y, u, v} {
				for i := range s {
					s[i] = float32(int(s[i])) // integer code values, some out of range
				}
			}
			var want [3][]float32
			var got [3]*guarded
			for i := range want {
				want[i] = make([]float32, n)
				got[i] = newGuarded(n, (off+i)%4)
			}
			yuvToRGBRowGeneric(want[0], want[1], want[2], y, u, v, k, shift)
			YUVToRGBRow(got[0].s, got[1].s, got[2].s, y, u, v, k, shift)
			for i := range got {
				got[i].check(t)
				checkCloseF32(t, name("shift", shift, "plane", i, "n", n, "off", off), got[i].s, want[i], 0, 0)
			}
		})
	}
}

// TestRoundHalfAway checks the branch-free rounding against math.Round.
func TestRoundHalfAway(t *testing.T) {
	for _, v := range []float64{0, 0.25, 0.5, 0.49999999999999994, 1.5, 2.5, 254.5, 254.49999999999997, 255.4, 300, -0.5, -3} {
		want := min(max(math.Round(v), 0), 255)
		if got := roundHalfAway(v, 255); float64(got) != want {
			t.Errorf("roundHalfAway(%v) = %v, want %v", v, got, want)
		}
	}
}
