// Package mdsi implements MDSI, the mean deviation similarity index
// (Nafchi, Shahkolaei, Hedjam, Cheriet, "Mean Deviation Similarity Index:
// Efficient and Reliable Full-Reference Image Quality Evaluator", IEEE
// Access 2016), exactly as PIQ 0.8.0 computes it.
//
// On the byte scale (v·255/Peak), with a gray picture read as R = G = B:
//
//  1. pool f×f with f = max(1, round-half-even(min(W,H)/256)), after
//     (f−1)/2 zero rows and columns on the top/left and f/2 on the
//     bottom/right;
//  2. LHM: L = 0.2989R + 0.587G + 0.114B, H = 0.30R + 0.04G − 0.35B,
//     M = 0.34R − 0.60G + 0.17B;
//  3. Prewitt gradient magnitudes (zero "same" padding) gx, gy of L and gf
//     of the fused image (Lx + Ly)/2;
//  4. GS = S(gx, gy; 140) + S(gx, gf; 55) − S(gy, gf; 55) with
//     S(a, b; c) = (2ab + c)/(a² + b² + c);
//     CS = (2(Hx·Hy + Mx·My) + 550)/(Hx² + Hy² + Mx² + My² + 550);
//     GCS = 0.6·GS + 0.4·CS;
//  5. z = GCS^¼ as a complex power (|GCS|^¼·e^{iπ/4} for negative GCS),
//     MDSI = (mean |z − mean z|)^¼.
//
// All of it is one pass over the pictures, row by row: each pooled row is
// made and converted to LHM, and the gradient and GCS rows follow one row
// behind, while the gradient kernels prefetch the source rows of the next
// pooled row, so memory is read while the rows are computed and no
// intermediate plane is stored; the fourth roots of GCS are kept (float64)
// for the deviation pass.
//
// The metric is asymmetric. As in PIQ, x is the distorted picture and y
// the reference, so the engine's (reference, distorted) pair is scored as
// PIQ's mdsi(x=distorted, y=reference). Lower is better; identical
// pictures give 0.
package mdsi
