#!/usr/bin/env bash
# Installs what fr-metrics needs on Debian 12 (run as root, or with sudo):
# a C compiler, pkg-config and FFmpeg 5.1's development libraries (apt),
# the Go modules of go.mod, and builds ./fr-metrics. Go itself (1.26) is
# expected at /usr/local/go or on PATH. Running it again is cheap: it
# installs only missing packages.
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=(gcc libc6-dev pkg-config ca-certificates
	libavcodec-dev libavdevice-dev libavfilter-dev libavformat-dev
	libavutil-dev libswresample-dev libswscale-dev)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
	echo "setup: installing ${missing[*]}" >&2
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if ! command -v go >/dev/null; then
	if [ -x /usr/local/go/bin/go ] && [ -w /usr/local/bin ]; then
		ln -sf /usr/local/go/bin/go /usr/local/bin/go
		ln -sf /usr/local/go/bin/gofmt /usr/local/bin/gofmt
	else
		echo "setup: Go 1.26 not found: install it to /usr/local/go (https://go.dev/dl/) or put it on PATH" >&2
		exit 1
	fi
fi

go mod download
go build -o fr-metrics ./cmd/fr-metrics
echo "setup: built ./fr-metrics ($(./fr-metrics version | head -n 1), $(./fr-metrics version | grep '^simd'))" >&2
