#!/bin/sh
# perf-live.sh BUILDDIR - record with perf here and now, fold with perf2folded.
#
# Builds samples/perf/busy.c (two threads, recursion, an inlined helper)
# with frame pointers, records it with perf record -g and with
# --call-graph dwarf, and checks perf2folded on perf script's text: it
# exits 0 and says nothing; the program's functions are in the stacks;
# the counts sum to the periods perf reports, and without the period
# field to the number of samples (as perf report counts them); --tid
# names the threads perf saw (those without a space in their name); a pipe and gzip give the same bytes; dwarf
# stacks show the inlined mix.  Where perf is missing or not permitted
# (kernel.perf_event_paranoid, a container) it says why and skips.
# Prints "N passed, N failed, N skipped".
set -u
bin=$(cd "${1:?usage: perf-live.sh builddir}" && pwd) || exit 2
here=$(cd "$(dirname "$0")" && pwd)
export LC_ALL=C
pass=0 fail=0 skip=0
skipall() {
	echo "perf-live: $*; skipped"
	echo "0 passed, 0 failed, 7 skipped"
	exit 0
}
command -v perf >/dev/null 2>&1 || skipall "no perf (Debian package linux-perf)"
command -v cc >/dev/null 2>&1 || skipall "no C compiler to build samples/perf/busy.c"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
cc -O1 -g -fno-omit-frame-pointer -fno-optimize-sibling-calls -pthread \
    -o "$tmp/busy" "$here/../samples/perf/busy.c" || skipall "cannot build busy.c"
if ! perf record -q -F 499 -g -o "$tmp/fp.data" -- "$tmp/busy" 0.2 >"$tmp/rec" 2>&1; then
	skipall "perf record is not permitted here ($(grep -m 1 . "$tmp/rec"); kernel.perf_event_paranoid is $(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo unknown))"
fi
perf script -i "$tmp/fp.data" >"$tmp/fp.txt" 2>/dev/null
[ -s "$tmp/fp.txt" ] || skipall "perf recorded no samples"

check() {	# name: the result of the test before, $ok
	if [ "$ok" = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $1${why:+: $why}"
	fi
}
total() { awk '{ s += $NF } END { printf "%d\n", s }' "$1"; }

ok=1 why=
"$bin/perf2folded" "$tmp/fp.txt" >"$tmp/fp.folded" 2>"$tmp/err" || { ok=0 why="exit $?"; }
[ -s "$tmp/err" ] && { ok=0 why="stderr: $(head -n 1 "$tmp/err")"; }
check "perf2folded on perf record -g"

ok=1 why=
for f in main worker recurse leaf; do
	grep -q ";$f\(;\| \)" "$tmp/fp.folded" || { ok=0 why="no frame $f"; }
done
grep -q '^busy;.*;main;recurse;leaf' "$tmp/fp.folded" || { ok=0 why="no busy;...;main;recurse;leaf stack"; }
check "the program's functions"

ok=1 why=
want=$(perf script -i "$tmp/fp.data" -F period 2>/dev/null | awk '{ s += $1 } END { printf "%d\n", s }')
got=$(total "$tmp/fp.folded")
[ "$got" = "$want" ] || { ok=0 why="counts sum to $got, perf's periods to $want"; }
check "counts sum to the periods"

ok=1 why=
n=$(perf script -i "$tmp/fp.data" -F period 2>/dev/null | wc -l | tr -d ' ')
rep=$(perf report -i "$tmp/fp.data" --stdio 2>/dev/null | sed -n "s/^# Samples: \([0-9]*\) .*/\1/p" | head -n 1)
perf script -i "$tmp/fp.data" -F comm,tid,time,event,ip,sym,dso 2>/dev/null |
    "$bin/perf2folded" >"$tmp/n.folded" 2>"$tmp/err" || { ok=0 why="exit $?"; }
got=$(total "$tmp/n.folded")
[ "$got" = "$n" ] || { ok=0 why="without periods counts sum to $got, for $n samples"; }
[ -z "$rep" ] || [ "$rep" = "$n" ] || { ok=0 why="perf report says $rep samples, perf script $n"; }
check "without periods, one a sample"

ok=1 why=
"$bin/perf2folded" --tid "$tmp/fp.txt" >"$tmp/tid.folded" 2>/dev/null || { ok=0 why="exit $?"; }
# "crunch 1 TID" reads as comm "crunch", pid 1 (the Perl's rule): only
# the threads whose name has no space
for t in $(perf script -i "$tmp/fp.data" -F comm,tid 2>/dev/null | awk 'NF == 2 { print $2 }' | sort -u); do
	grep -q -- "-?/$t;" "$tmp/tid.folded" || { ok=0 why="thread $t not a root frame"; }
done
check "--tid names each thread"

ok=1 why=
cat "$tmp/fp.txt" | "$bin/perf2folded" >"$tmp/pipe.folded" 2>/dev/null &&
    cmp -s "$tmp/fp.folded" "$tmp/pipe.folded" || { ok=0 why="a pipe gives other bytes"; }
gzip -c "$tmp/fp.txt" | "$bin/perf2folded" >"$tmp/gz.folded" 2>/dev/null &&
    cmp -s "$tmp/fp.folded" "$tmp/gz.folded" || { ok=0 why="gzip gives other bytes"; }
check "a pipe and gzip"

ok=1 why=
if perf record -q -F 199 --call-graph dwarf,8192 -o "$tmp/dw.data" -- "$tmp/busy" 0.2 >/dev/null 2>&1; then
	perf script -i "$tmp/dw.data" 2>/dev/null | "$bin/perf2folded" >"$tmp/dw.folded" 2>"$tmp/err" || { ok=0 why="exit $?"; }
	grep -q ';recurse;leaf' "$tmp/dw.folded" || { ok=0 why="no recurse;leaf in the dwarf stacks"; }
	if perf script -i "$tmp/dw.data" 2>/dev/null | grep -q ' mix.*(inlined)'; then
		grep -q ';leaf;mix ' "$tmp/dw.folded" || { ok=0 why="the inlined mix is not a frame"; }
	fi
	check "--call-graph dwarf"
else
	echo "perf-live: perf record --call-graph dwarf failed; skipped"
	skip=$((skip + 1))
fi
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
