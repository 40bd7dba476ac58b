// Package decode opens a video or still image through libav (FFmpeg's
// libraries, via go-astiav) and yields its frames as planar float32
// pictures (frame.Picture) in decode order.
//
// It is the only package of the module that talks to libav. Everything
// libav reads is accepted: any container and codec FFmpeg knows (mp4,
// mkv, webm, ivf, mov, y4m; H.264, HEVC, AV1, VP9, …), still images (PNG,
// PGM, BMP, TIFF, JPEG) as one-frame videos, and headerless raw video
// (.yuv) through libav's rawvideo demuxer when Options gives the width,
// height and pixel format.
//
// # Samples
//
// Samples are delivered as code values, exactly as decoded: nothing is
// range-expanded (limited-range luma stays in 16–235) and high bit depths
// keep their native range (a 10-bit sample is 0..1023). Planar YUV and
// gray keep their pixel format and bit depth; any layout whose samples are
// whole bytes or little-endian 16-bit words (planar, packed or
// semi-planar, e.g. nv12, yuyv422, rgb24, rgba, p010le) is read directly
// through libav's pixel-format descriptor; packed RGB(A) becomes three R, G,
// B planes (alpha is dropped) and gbrp's G, B, R planes come out in R, G, B
// order. Other layouts (palette, big-endian, bit-packed, float) are
// converted by swscale to the nearest of gray, gray10le/12le/16le,
// yuv4xxp(10/12/16), rgb24 or gbrp10le/12le/16le (so a palette PNG becomes
// exact R, G, B planes of its palette colours).
//
// # Memory
//
// Pictures come from a bounded pool owned by the Source and are reused:
// once the pool's pictures are all handed out, Next blocks until one is
// given back with Release or its context is done. In steady state decoding
// allocates nothing per frame. libav's frame data is read in place: the
// plane bytes are viewed through a Go slice over the C buffer whose length
// is computed from linesize × rows, every read is checked against the
// pixel format's layout before any conversion, and each plane is converted
// to float32 in one pass: planar 8-bit and 16-bit samples by one call to a
// small vectorised C loop per plane (the Go compiler does not vectorise,
// and this runs on every frame), other layouts by a Go loop.
//
// A short clip pays for every page of memory it touches for the first
// time, and at 1080p the pool's pictures are tens of megabytes. So the
// planes of a picture are cut from one block which, on Linux, is placed on
// a 2 MB boundary and advised to be backed by transparent huge pages (a
// kernel in "madvise" or "always" mode then maps a 1080p picture in a few
// faults instead of thousands). libav's frame buffers stay libav's own.
//
// # Errors
//
// Every failure is one error naming the file and the problem: a missing or
// unreadable file, data libav cannot recognise, no video stream, zero
// decodable frames, an unknown pixel format, raw geometry that does not fit
// the pixel format (odd sizes for 4:2:0 or 4:2:2) or a raw file whose size
// is not a whole number of frames. A bitstream that libav reports as
// corrupt while decoding (for example a truncated file) is an error naming
// the file and the frame; a stream that simply ends (libav returns a clean
// end of file) ends with io.EOF after the frames that were decodable.
// libav's own log is silenced; its error lines about the file are
// collected and added to the error text.
package decode
