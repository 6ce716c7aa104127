#!/bin/sh
# run.sh BUILDDIR SECONDS [TARGET ...] - run each libFuzzer target
# BUILDDIR/fuzz-TARGET for SECONDS on a scratch copy of its corpus.
#
# The checked-in corpus (tests/fuzz/corpus/TARGET/) is copied to
# BUILDDIR/corpus-TARGET/ and only that copy grows, so the corpus changes
# only when someone adds an input on purpose (pick the new interesting
# ones with fuzz-TARGET -merge=1 NEWDIR BUILDDIR/corpus-TARGET).  A crash
# is written as BUILDDIR/crash-TARGET-*; the exit status is then 1.
# Prints one line per target: executions, seconds, corpus size before
# and after.
b=${1:?usage: run.sh builddir seconds [target...]}
secs=${2:?usage: run.sh builddir seconds [target...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -eq 0 ]; then
	for f in "$b"/fuzz-*; do
		[ -x "$f" ] && set -- "$@" "${f##*/fuzz-}"
	done
fi
[ $# -gt 0 ] || { echo "run.sh: no fuzz targets in $b" >&2; exit 1; }
rc=0
for t do
	[ -x "$b/fuzz-$t" ] || { echo "run.sh: no $b/fuzz-$t" >&2; rc=1; continue; }
	c=$b/corpus-$t
	rm -rf "$c"
	mkdir -p "$c"
	[ -d "$here/corpus/$t" ] && cp "$here/corpus/$t"/* "$c"/ 2>/dev/null
	n0=$(ls "$c" | wc -l)
	"$b/fuzz-$t" -max_total_time="$secs" -timeout=10 -print_final_stats=1 \
	    -artifact_prefix="$b/crash-$t-" "$c" >"$b/fuzz-$t.log" 2>&1
	st=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$b/fuzz-$t.log")
	n1=$(ls "$c" | wc -l)
	echo "fuzz $t: ${execs:-?} executions in ${secs} s, corpus $n0 -> $n1 inputs"
	if [ $st -ne 0 ]; then
		echo "fuzz $t: FAILED (exit $st); see $b/fuzz-$t.log:"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|artifact_prefix)' \
		    "$b/fuzz-$t.log" | head -n 5
		rc=1
	fi
done
exit $rc
