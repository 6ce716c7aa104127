#!/bin/sh
# valgrind.sh BUILDDIR - the unit tests, and the golden CLI cases with every
# tool they run under valgrind's memcheck: an invalid read or write, a use
# of uninitialised memory, a bad free or a leak (definite or indirect)
# fails.  Memory still reachable at exit is not a leak here (the tools
# leave what they hold to exit, and cairo and fontconfig keep caches).
# Cases that take long even without valgrind (big inputs: SLOW below)
# are left to make check and make asan.  Prints "N passed, N failed".
b=${1:?usage: valgrind.sh builddir}
here=$(cd "$(dirname "$0")" && pwd)
CASES="flamegraph-svg-basic flamegraph-svg-diff flamegraph-png-basic
    flamegraph-pdf-basic flamegraph-errors flamegraph-output difffolded-basic
    difffolded-malformed foldtop-basic foldtop-json foldtop-errors
    folded2pb-errors pb2folded-default pb2folded-edge-bad-refs
    pb2folded-edge-bad-decode folded-input cpuprofile2folded-basic
    cpuprofile2folded-edge cpuprofile2folded-errors flamegraph-json-basic
    flamegraph-json-diff flamegraph-json-hostile folded2pb-inline
    perf2folded-perl-edge perf2folded-perl-dwarf perf2folded-errors
    foldmerge-basic foldmerge-sorted foldmerge-usage pb2folded-tagfilters"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind: not installed (scripts/deps.sh test installs it)"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
# 99: an exit status no tool has, so a case sees the difference
VG="valgrind -q --error-exitcode=99 --leak-check=full"
VG="$VG --errors-for-leak-kinds=definite,indirect"
VG="$VG --show-leak-kinds=definite,indirect --num-callers=30"
pass=0 fail=0
log=$(mktemp) || exit 2
trap 'rm -f "$log"' EXIT
for u in "$b"/test_*; do
	[ -x "$u" ] || continue
	if $VG "$u" >"$log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL ${u##*/} under valgrind"
		grep -v ' passed, ' "$log" | head -n 30
	fi
done
set --
for c in $CASES; do
	set -- "$@" "$here/cases/$c.sh"
done
RUNNER=$VG "$here/run.sh" "$b" "$@" >"$log" 2>&1
cat "$log" | grep -v '^[0-9]* passed, [0-9]* failed$'
line=$(tail -n 1 "$log")
p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
f=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
[ -n "$p" ] || { echo "valgrind: run.sh gave no summary"; f=1; p=0; }
pass=$((pass + p)) fail=$((fail + f))
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
