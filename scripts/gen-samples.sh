#!/bin/sh
# Regenerate samples/*.prof with the Go program in samples/gen.
#   scripts/gen-samples.sh [OUTDIR]     (default: samples/ of this repo)
# Needs the Go toolchain (standard library only; no network).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/samples}

command -v go >/dev/null 2>&1 || { echo "gen-samples: go not found" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gen-samples.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
# go needs a cache directory; CI may have no HOME.
if [ -z "${HOME:-}" ] && [ -z "${GOCACHE:-}" ]; then
	export GOCACHE="$tmp/gocache"
fi
export GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=0

(cd "$top/samples/gen" && go build -trimpath -o "$tmp/gen" .)

mkdir -p "$out"
# All profiles of the default workload, then the two CPU mixes.
"$tmp/gen" -o "$tmp/out"
"$tmp/gen" -mix=a -o "$tmp/out"
"$tmp/gen" -mix=b -o "$tmp/out"

status=0
for p in cpu heap allocs goroutine block mutex cpu-a cpu-b; do
	f="$tmp/out/$p.prof"
	size=$(wc -c <"$f")
	if [ "$size" -ge 204800 ]; then
		echo "gen-samples: $p.prof is $size bytes (limit 200 KB)" >&2
		status=1
	fi
	cp "$f" "$out/$p.prof"
	printf '%-16s %7d bytes\n' "$p.prof" "$size"
done
exit $status
