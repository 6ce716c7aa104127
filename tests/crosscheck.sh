#!/bin/sh
# crosscheck.sh BUILDDIR
#
# Compares `BUILDDIR/pb2folded ARGS` with the reference
# `tests/traces2folded.sh ARGS` (go tool pprof -traces) byte for byte, for
# every samples/*.prof and a matrix of pprof options. Prints
# "FAIL: ARGS" and a short diff per mismatch, then "N passed, N failed".
# Without go on PATH every case is skipped (exit 0).
#
# Environment: GO (default: go), CROSSCHECK_EXTRA=1 adds pprof's legacy
# spellings (-inuse_space, -alloc_objects, -total_delay, -mean_delay, ...),
# CROSSCHECK_FILTER=RE runs only the cases whose argument line matches RE,
# CROSSCHECK_LIST=1 prints the cases instead of running them.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILDDIR" >&2
	exit 2
fi
build=$(cd "$1" 2>/dev/null && pwd) || { echo "crosscheck: no directory $1" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
ref=$top/tests/traces2folded.sh
GO=${GO:-go}
export LC_ALL=C

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crosscheck.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
if [ -z "${HOME:-}" ]; then
	export HOME="$tmp/home" GOCACHE="$tmp/gocache"
	mkdir -p "$HOME"
fi

cd "$top"
have_go=1
command -v "$GO" >/dev/null 2>&1 || have_go=0

# sample_types FILE: the sample type names of FILE, in order.
sample_types() {
	if [ $have_go = 1 ]; then
		"$GO" tool pprof -raw "$1" 2>/dev/null |
			awk 'p { for (i = 1; i <= NF; i++) { t = $i; sub(/\/.*/, "", t); print t }; exit }
			     $0 == "Samples:" { p = 1 }'
		return
	fi
	case ${1##*/} in # without go: what Go writes for these profiles
	cpu*.prof) echo samples; echo cpu ;;
	heap.prof | allocs.prof) printf '%s\n' alloc_objects alloc_space inuse_objects inuse_space ;;
	goroutine.prof) echo goroutine ;;
	block.prof | mutex.prof) echo contentions; echo delay ;;
	esac
}

# The matrix: one case per line, the arguments for both tools separated by
# single spaces (no argument contains a space; regexes are passed verbatim).
m=$tmp/matrix
: >"$m"
add() { l="$*"; printf '%s\n' "${l# }" >>"$m"; }

set -f # the options contain regex metacharacters: no globbing from here on
for f in $(find samples -maxdepth 1 -name '*.prof' | sort); do
	for o in '' -lines -files -filefunctions -addresses -noinlines \
		'-lines -noinlines' '-filefunctions -noinlines' '-addresses -noinlines' \
		-tagroot=worker -tagleaf=worker -tagroot=worker,tier '-tagroot=worker -tagleaf=tier' \
		'-tagroot=worker -lines' '-tagroot=worker -files' '-tagroot=worker -addresses' \
		'-tagroot=worker -focus=^compute$' '-tagroot=worker -hide=^worker$' \
		'-tagroot=worker -show=^main\.' \
		'-hide=/gen$' '-hide=/gen$ -tagroot=worker' '-show=/gen$' '-focus=\.go$'; do
		add "$o" "$f"
	done
	i=0
	for t in $(sample_types "$f"); do
		add "-sample_index=$i" "$f"
		add "-sample_index=$t" "$f"
		i=$((i + 1))
	done
	case ${f##*/} in
	cpu*.prof)
		for o in -focus=fib '-focus=cpu\.go' '-ignore=mallocgc|crc32' '-focus=runChunk -ignore=fib' \
			-hide=^runtime '-hide=^main\.(step|mix64)$' '-show=^main\.' \
			'-show=^main\.(step|mix64|rotl)$' -show_from=runChunk '-show_from=^main\.step$' \
			'-show_from=/gen$' -prune_from=mix64 '-prune_from=^runtime\.' '-prune_from=^main\.$' \
			'-prune_from=\(\*tree\)' '-focus=fib -lines' '-hide=runtime -addresses' \
			'-prune_from=mix64 -noinlines' '-show_from=^main\.step$ -lines' \
			'-sample_index=samples -tagroot=worker'; do
			add "$o" "$f"
		done ;;
	heap.prof | allocs.prof)
		for o in -focus=growTree '-focus=mem\.go' '-ignore=fmt\.' '-hide=^runtime\.' '-show=^main\.' \
			-show_from=runAllocs '-prune_from=^strings\.' -tagroot=bytes -tagleaf=bytes \
			'-tagroot=bytes -sample_index=alloc_space' '-focus=growTree -lines'; do
			add "$o" "$f"
		done ;;
	goroutine.prof)
		for o in -focus=parked -ignore=Mutex '-hide=^runtime\.' '-show=^main\.|^sync\.' \
			-show_from=startParked -prune_from=gopark '-prune_from=^sync\.$' \
			'-tagroot=worker,tier -lines'; do
			add "$o" "$f"
		done ;;
	block.prof)
		for o in -focus=runMutexes -ignore=WaitGroup '-hide=^runtime\.' '-show=^main\.' \
			-show_from=runBlocking '-prune_from=^sync\.$' -prune_from=chansend \
			-mean '-mean -lines' '-mean -sample_index=contentions' '-mean -noinlines' \
			'-mean -focus=runMutexes'; do
			add "$o" "$f"
		done ;;
	mutex.prof)
		for o in -focus=Journal -ignore=lockShort -hide=^sync '-show=^main\.' \
			-show_from=runMutexes -prune_from=Unlock '-prune_from=^sync\.$' \
			-mean '-mean -noinlines' '-mean -sample_index=delay -lines'; do
			add "$o" "$f"
		done ;;
	esac
done

# Several profiles: -base / -diff_base / -normalize, and plain merging.
s=samples
if [ -f $s/cpu-a.prof ] && [ -f $s/cpu-b.prof ]; then
	add -base=$s/cpu-a.prof $s/cpu-b.prof
	add -diff_base=$s/cpu-a.prof $s/cpu-b.prof
	add -normalize -base=$s/cpu-a.prof $s/cpu-b.prof
	add -normalize -diff_base=$s/cpu-a.prof $s/cpu-b.prof
	add -base=$s/cpu-b.prof $s/cpu-a.prof
	add -base=$s/cpu-a.prof -lines $s/cpu-b.prof
	add -base=$s/cpu-a.prof -tagroot=worker $s/cpu-b.prof
	add -base=$s/cpu-a.prof -sample_index=samples $s/cpu-b.prof
	add -diff_base=$s/cpu-a.prof -focus=fib $s/cpu-b.prof
	add -normalize -base=$s/cpu-a.prof -sample_index=samples $s/cpu-b.prof
	add $s/cpu-a.prof $s/cpu-b.prof
	add -lines $s/cpu-a.prof $s/cpu-b.prof
	[ -f $s/cpu.prof ] && add $s/cpu.prof $s/cpu-a.prof $s/cpu-b.prof
	[ -f $s/cpu.prof ] && add -base=$s/cpu.prof $s/cpu.prof # everything cancels
fi
if [ -f $s/heap.prof ] && [ -f $s/allocs.prof ]; then
	add $s/heap.prof $s/allocs.prof # default type: the first source's default_sample_type
	add -sample_index=inuse_space $s/heap.prof $s/allocs.prof
	add -base=$s/heap.prof -sample_index=alloc_space $s/allocs.prof
fi
if [ -f $s/block.prof ]; then
	add $s/block.prof $s/block.prof
	add -mean $s/block.prof $s/block.prof
fi

# Tag filters (-tagfocus, -tagignore, -tagshow, -taghide): on the Go samples'
# string labels and heap sizes, and on tests/data/pprof/labels.txt (built
# with mkprof) for what runtime/pprof cannot write: numeric labels with
# units, a unit that differs between samples, two values for one key, keys
# on only some samples.
for o in -tagfocus=worker=hash -tagfocus=hot -tagfocus=worker:hash,tier:hot \
	-tagfocus=worker=hash,fib -tagignore=tier=cold '-tagfocus=tier=hot -tagignore=worker=crc' \
	'-tagfocus=hot -focus=fib' '-tagroot=worker -tagfocus=tier=hot' '-tagfocus=worker=^(hash|crc)$' \
	'-tagroot=worker -tagshow=tier' '-tagleaf=tier -taghide=tier' -tagfocus=1: -tagfocus=nomatch; do
	[ -f $s/cpu.prof ] && add "$o" $s/cpu.prof
done
for o in -tagfocus=1kb: -tagfocus=:1kb -tagfocus=bytes=16b:8kb -tagfocus=64kb -tagfocus=1024 \
	-tagignore=1kb: -tagfocus=bytes=1mb: '-tagfocus=1kb: -tagignore=:16kb' '-tagfocus=1kb: -sample_index=inuse_space'; do
	[ -f $s/heap.prof ] && add "$o" $s/heap.prof
done
if [ -x "$build/mkprof" ]; then
	lp=$tmp/labels.pb.gz
	"$build/mkprof" -o "$lp" <tests/data/pprof/labels.txt
	for o in -tagfocus=1kb: -tagfocus=:1kb -tagfocus=bytes=16b:8kb -tagfocus=bytes=64kb: \
		-tagfocus=latency=10ms: -tagfocus=latency=:1s -tagfocus=latency=250ms -tagfocus=latency=3ms \
		-tagfocus=latency=1s:3s -tagfocus=request=16kb -tagfocus=request=1kb: -tagfocus=size=1kb \
		-tagfocus=size=2kb -tagfocus=size=512b -tagfocus=pid=42 -tagfocus=42 -tagfocus=pid=40:50 \
		-tagfocus=route=/login -tagfocus=tenant=globex -tagfocus=tenant=acme,hooli \
		-tagfocus=route:/search,tenant:globex -tagfocus=acme -tagfocus=tenant=^glo \
		-tagignore=route=search -tagignore=tenant= -tagfocus==acme -tagignore=worker \
		'-tagfocus=route=/search -tagignore=bytes=1mb:' '-tagfocus=latency=1ms: -tagroot=route' \
		'-tagroot=tenant -tagshow=route' '-tagleaf=bytes -taghide=bytes' '-tagroot=tenant -taghide=ten' \
		'-tagfocus=1kb: -focus=handleSearch' '-tagfocus=route -ignore=json' '-tagfocus=tenant -show_from=serve' \
		'-tagfocus=bytes=1kb: -prune_from=mallocgc' -tagfocus=mb -tagfocus=x64kb -tagfocus=bytes=+64b:1kb \
		-tagfocus=bytes=-5: -tagfocus=1mb:2kb -tagfocus=1kb:1ms -tagfocus=3:5 -tagfocus=ms=2ms: \
		'-tagfocus=latency=3ms -sample_index=alloc_objects' '-tagfocus=route=login -lines' \
		'-tagfocus=1kb: -tagroot=bytes -unit=kb' '-tagfocus=tenant=acme -tagfocus=route=/search' \
		'--tagfocus=route=/search --tagignore=tenant=initech' -tagfocus=Route=/search \
		'-tagfocus=(?i)ACME' '-tagfocus=tenant=\w+ech'; do
		add "$o" "$lp"
	done
fi

if [ "${CROSSCHECK_EXTRA:-}" = 1 ]; then
	for o in -inuse_space -inuse_objects -alloc_space -alloc_objects; do
		[ -f $s/heap.prof ] && add $o $s/heap.prof
	done
	for o in -total_delay -contentions -mean_delay; do
		[ -f $s/block.prof ] && add $o $s/block.prof
		[ -f $s/mutex.prof ] && add $o $s/mutex.prof
	done
fi

if [ -n "${CROSSCHECK_FILTER:-}" ]; then
	grep -E -e "$CROSSCHECK_FILTER" "$m" >"$m.f" || :
	mv "$m.f" "$m"
fi
total=$(wc -l <"$m" | tr -d ' ')
if [ "${CROSSCHECK_LIST:-}" = 1 ]; then
	cat "$m"
	exit 0
fi

if [ $have_go = 0 ]; then
	echo "crosscheck: go not found, $total skipped"
	echo "0 passed, 0 failed, $total skipped"
	exit 0
fi

tool=$build/pb2folded
if [ ! -x "$tool" ]; then
	tool=$(command -v pb2folded 2>/dev/null) || {
		echo "crosscheck: no $build/pb2folded and no pb2folded on PATH" >&2
		exit 2
	}
fi

pass=0
fail=0
while IFS= read -r line; do
	# shellcheck disable=SC2086 # split the case into its arguments
	set -- $line
	if ! "$ref" "$@" >"$tmp/want" 2>"$tmp/want.err" </dev/null; then
		echo "FAIL: $line"
		echo "  reference failed:"
		sed 's/^/  /' "$tmp/want.err" | head -5
		fail=$((fail + 1))
		continue
	fi
	st=0
	"$tool" "$@" >"$tmp/got" 2>"$tmp/got.err" </dev/null || st=$?
	if [ $st -ne 0 ]; then
		echo "FAIL: $line"
		echo "  pb2folded exited with status $st:"
		sed 's/^/  /' "$tmp/got.err" | head -5
		fail=$((fail + 1))
		continue
	fi
	if cmp -s "$tmp/want" "$tmp/got"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $line"
		diff "$tmp/want" "$tmp/got" | head -10 | cut -c1-240 | sed 's/^/  /'
		fail=$((fail + 1))
	fi
done <"$m"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
