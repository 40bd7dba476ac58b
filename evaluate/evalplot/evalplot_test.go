package evalplot

import "testing"

func TestFileName(t *testing.T) {
	cases := map[string]string{
		"FR Y-MS-SSIM":       "FR_Y-MS-SSIM",
		"FR YUV-VMAF (v061)": "FR_YUV-VMAF__v061_",
		"a/b\\c:d":           "a_b_c_d",
		"ms_ssim.mean":       "ms_ssim.mean",
	}
	for in, want := range cases {
		if got := FileName(in); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
}
