package metrics

import (
	"testing"

	"github.com/fr-metrics/fr-metrics/frame"
)

// TestClaim checks that planes claimed and filled by a caller count as
// computed for the current pair (Shared does not fill them again), and
// that the next pair makes them fresh again.
func TestClaim(t *testing.T) {
	fills := 0
	fill := func(ws *Workspace, dst []frame.Plane) error {
		fills++
		dst[0].Data[0] = 2
		return nil
	}
	pic := &frame.Picture{Planes: []frame.Plane{frame.NewPlane(4, 4)}, BitDepth: 8}
	ws := NewWorkspace()
	ws.Set(pic, pic, pic, pic, 255)

	p, fresh := ws.Claim("k", 1, 4, 4)
	if !fresh {
		t.Fatal("first claim of a pair is not fresh")
	}
	p[0].Data[0] = 1
	if _, again := ws.Claim("k", 1, 4, 4); again {
		t.Error("second claim in the same pair is fresh")
	}
	got, err := ws.Shared("k", 1, 4, 4, fill)
	if err != nil || fills != 0 || got[0].Data[0] != 1 {
		t.Errorf("Shared after Claim: fills=%d value=%v err=%v, want the claimed plane unfilled", fills, got[0].Data[0], err)
	}

	ws.Set(pic, pic, pic, pic, 255)
	got, _ = ws.Shared("k", 1, 4, 4, fill)
	if fills != 1 || got[0].Data[0] != 2 {
		t.Errorf("next pair: fills=%d value=%v, want one fill", fills, got[0].Data[0])
	}
	if _, fresh := ws.Claim("k", 1, 4, 4); fresh {
		t.Error("claim after Shared filled the pair is fresh")
	}
}
