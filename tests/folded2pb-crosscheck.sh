#!/bin/sh
# folded2pb-crosscheck.sh BUILDDIR
#
# go tool pprof reads what folded2pb writes: for folded stacks from every
# samples/*.prof (each sample type, with inlined frames marked by
# pb2folded --mark-inline or not) and for hand-made edge cases, the
# stacks `go tool pprof -traces` sees (tests/traces2folded.sh) must be the
# folded input (inlined frames shown as inlined, named without the _[i]
# mark), -noinlines must fold the inlined frames into their callers as it
# does for the original profile, and the sample type and unit pprof
# reports (-raw's "Samples:" header) must be the ones
# given to folded2pb.  Prints "FAIL: what" and a short diff per mismatch,
# then "N passed, N failed, N skipped".  Without go on PATH every case is
# counted as skipped (exit 0).
#
# Environment: GO (default: go).
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILDDIR" >&2
	exit 2
fi
build=$(cd "$1" 2>/dev/null && pwd) || { echo "folded2pb-crosscheck: no directory $1" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
ref=$top/tests/traces2folded.sh
GO=${GO:-go}
export LC_ALL=C

tmp=$(mktemp -d "${TMPDIR:-/tmp}/folded2pb-crosscheck.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
if [ -z "${HOME:-}" ]; then
	export HOME="$tmp/home" GOCACHE="$tmp/gocache"
	mkdir -p "$HOME"
fi
cd "$top" || exit 2
have_go=1
command -v "$GO" >/dev/null 2>&1 || have_go=0

pass=0 fail=0 skip=0

# norm: merge lines by stack, drop zero sums, sort (the folded contract)
norm() {
	awk '{ n = $NF; s = $0; sub(/[ \t][^ \t]*$/, "", s); c[s] += n }
	    END { for (s in c) if (c[s] != 0) printf "%s %.0f\n", s, c[s] }' "$@" |
	    sort
}
# unmark: what pprof names the frames: _[i] dropped but at the root, an
# empty name is <unknown>, control bytes are spaces (as in pb2folded)
unmark() {
	awk '{ n = $NF; s = $0; sub(/[ \t][^ \t]*$/, "", s)
	    gsub(/[\001-\037\177]/, " ", s)
	    k = split(s, f, ";"); o = ""
	    for (i = 1; i <= k; i++) {
		if (i > 1 && length(f[i]) > 4 &&
		    substr(f[i], length(f[i]) - 3) == "_[i]")
			f[i] = substr(f[i], 1, length(f[i]) - 4)
		if (f[i] == "")
			f[i] = "<unknown>"
		o = o (i > 1 ? ";" : "") f[i]
	    }
	    print o, n }' "$@"
}

# check WHAT WANT GOT: compare two files
check() {
	if cmp -s "$2" "$3"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $1"
		diff "$2" "$3" | head -n 10
	fi
}

# stacks WHAT WANT PROFILE [pprof options]: go's stacks equal WANT
stacks() {
	what=$1 want=$2 prof=$3
	shift 3
	if [ $have_go = 0 ]; then
		skip=$((skip + 1))
		return
	fi
	if ! "$ref" "$@" "$prof" >"$tmp/got" 2>"$tmp/err"; then
		fail=$((fail + 1))
		echo "FAIL: $what: traces2folded failed"
		head -n 5 "$tmp/err"
		return
	fi
	check "$what" "$want" "$tmp/got"
}

# types WHAT PROFILE TYPE UNIT: pprof reports that sample type and unit
# (-raw's header "Samples:", then "type/unit" per sample type)
types() {
	if [ $have_go = 0 ]; then
		skip=$((skip + 1))
		return
	fi
	printf '%s/%s\n' "$3" "$4" >"$tmp/want"
	"$GO" tool pprof -symbolize=none -raw "$2" 2>/dev/null |
	    awk 'p { print; exit } $0 == "Samples:" { p = 1 }' >"$tmp/got"
	check "$1: sample type" "$tmp/want" "$tmp/got"
}

b=$build
for p in samples/*.prof; do
	n=${p#samples/}
	"$b/pb2folded" --list-types "$p" | sed 's/ (default)$//' >"$tmp/types"
	first=1
	while read -r type unit; do
		"$b/pb2folded" --mark-inline -i "$type" "$p" >"$tmp/in"
		"$b/folded2pb" --type "$type" --unit "$unit" -o "$tmp/out.pb.gz" "$tmp/in"
		"$b/pb2folded" -i "$type" "$p" >"$tmp/want"
		stacks "$n -i $type --mark-inline" "$tmp/want" "$tmp/out.pb.gz"
		types "$n -i $type" "$tmp/out.pb.gz" "$type" "$unit"
		if [ $first = 1 ]; then
			# the inlined frames are Lines of their callers' Locations
			"$b/pb2folded" --noinlines -i "$type" "$p" >"$tmp/want"
			stacks "$n -i $type --mark-inline, pprof -noinlines" \
			    "$tmp/want" "$tmp/out.pb.gz" -noinlines
			first=0
		fi
	done <"$tmp/types"
done

# hand-made: repeated and zero-sum stacks, negative and extreme counts,
# _[i] at the root, alone, chained and after a plain frame of the same
# name, an empty frame, spaces, a tab, UTF-8, a 3000-frame stack with a
# 2000-frame inline chain
{
	printf '%s\n' 'main;f 3' 'main;f 4' 'main;g 5' 'main;g -5' 'neg -7' \
	    'x_[i];y_[i] 1' 'main;f_[i];g_[i] 2' 'main;f;g 3' '_[i];a_[i] 4' \
	    'main;_[i] 5' 'main;g;f_[i] 6' 'a;;b 8' 'a b;c  d 9' \
	    'ünï;cödé 10' 'huge 4611686018427387904' 'zero 0'
	printf 'tab\tname 11\n'
	awk 'BEGIN { s = "deep"; for (i = 1; i < 1000; i++) s = s ";d" i
	    for (i = 0; i < 2000; i++) s = s ";in" (i % 7) "_[i]"
	    print s, 12; print s ";leaf", 13 }'
} >"$tmp/edge.folded"
"$b/folded2pb" --type cpu --unit nanoseconds -o "$tmp/edge.pb.gz" "$tmp/edge.folded"
unmark "$tmp/edge.folded" | norm >"$tmp/want"
stacks "edge cases" "$tmp/want" "$tmp/edge.pb.gz"
"$b/pb2folded" "$tmp/edge.pb.gz" >"$tmp/want"
stacks "edge cases, as pb2folded reads them" "$tmp/want" "$tmp/edge.pb.gz"
types "edge cases" "$tmp/edge.pb.gz" cpu nanoseconds
"$b/pb2folded" --noinlines "$tmp/edge.pb.gz" >"$tmp/want"
stacks "edge cases, pprof -noinlines" "$tmp/want" "$tmp/edge.pb.gz" -noinlines

# without marks every frame is a Location of its own
"$b/pb2folded" samples/cpu.prof >"$tmp/in"
"$b/folded2pb" --type cpu/nanoseconds -o "$tmp/out.pb.gz" "$tmp/in"
stacks "cpu.prof, no marks" "$tmp/in" "$tmp/out.pb.gz"
# (the -noinlines checks above prove something only if there is inlining)
"$b/pb2folded" --noinlines samples/cpu.prof | cmp -s - "$tmp/in" &&
    { fail=$((fail + 1)); echo "FAIL: samples/cpu.prof has no inlined frames"; }

# genfolded.py --mb 2 --seed 3: perf-style names with _[i] and _[k]
gzip -dc tests/data/edge/gen-2mb-seed3.folded.gz >"$tmp/gen.folded"
"$b/folded2pb" --type=alloc_space/bytes -o "$tmp/gen.pb.gz" "$tmp/gen.folded"
unmark "$tmp/gen.folded" | norm >"$tmp/want"
stacks "gen-2mb-seed3" "$tmp/want" "$tmp/gen.pb.gz"
types "gen-2mb-seed3" "$tmp/gen.pb.gz" alloc_space bytes

echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
