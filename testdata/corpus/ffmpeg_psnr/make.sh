#!/usr/bin/env bash
# Regenerates the per-frame FFmpeg psnr reference of every pair of
# ../manifest.csv: one stats file per distorted input, <dist file>.psnr.log,
# as written by FFmpeg's psnr filter (lines "n:1 mse_avg:… psnr_y:… …").
# Frames are paired by index (setpts=N/(FRAME_RATE*TB) on both inputs), as
# fr-metrics pairs them. Made with FFmpeg 5.1 (Debian 12); run from anywhere:
#   testdata/corpus/ffmpeg_psnr/make.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=$(dirname "$here")
cd "$corpus"
tail -n +2 manifest.csv | while IFS=, read -r ref dist codec encoder preset kbps group width height fps frames pixfmt bits container bytes; do
	in=()
	for f in "$ref" "$dist"; do
		case "$f" in
		*.yuv) in+=(-f rawvideo -video_size "${width}x${height}" -pixel_format "$pixfmt" -framerate "$fps" -i "$f") ;;
		*) in+=(-i "$f") ;;
		esac
	done
	out="ffmpeg_psnr/$(basename "$dist").psnr.log"
	ffmpeg -nostdin -hide_banner -loglevel error -y "${in[@]}" \
		-lavfi "[0:v]setpts=N/(FRAME_RATE*TB)[r];[1:v]setpts=N/(FRAME_RATE*TB)[d];[d][r]psnr=stats_file=$out" \
		-f null - </dev/null
	echo "$out: $(wc -l <"$out") frames"
done
