#!/bin/sh
# check.sh BUILDDIR - run every test layer; the last line is "N passed, N failed, N skipped".
#
# Layers: C unit tests (BUILDDIR/test_*), golden CLI cases (tests/run.sh),
# fuzz corpus replay (tests/fuzz/replay.sh), every tool against hostile
# and broken input (tests/badinput.sh), 1 GiB through a pipe in bounded
# memory (tests/pipemem.sh), the cross-checks against go tool pprof
# (tests/crosscheck.sh, tests/foldtop-crosscheck.sh,
# tests/folded2pb-crosscheck.sh), the browser test
# (tests/browser/run.sh), perf2folded on a capture perf records now
# (tests/perf-live.sh), the fleet recipe over two real sshd
# (tests/fleet-ssh.sh) and on FlameGraph's test suite when FLAMEGRAPH_DIR
# names a checkout (tests/flamegraph-suite.sh).  Each layer prints its
# own "N passed, N failed" line; a layer that cannot run (no go, no
# chromium, no perf, no FlameGraph checkout) reports skips.
b=${1:?usage: check.sh builddir}
here=$(cd "$(dirname "$0")" && pwd)
export LC_ALL=C
tp=0 tf=0 ts=0
log=$(mktemp) || exit 2
trap 'rm -f "$log"' EXIT

layer() {	# name command...
	name=$1; shift
	echo "== $name"
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 | sed 's/^[A-Za-z-]*: //')
	if [ -z "$line" ]; then
		echo "$name: no summary line (exit $rc)"
		tf=$((tf + 1))
		return
	fi
	p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
	s=$(echo "$line" | sed -nE 's/.*, ([0-9]+) skipped.*/\1/p')
	tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + ${s:-0}))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "$name: exit status $rc"
		tf=$((tf + 1))
	fi
}

for u in "$b"/test_*; do
	[ -x "$u" ] || continue
	layer "unit ${u##*/}" "$u"
done
layer "cli cases" "$here/run.sh" "$b"
[ -x "$here/fuzz/replay.sh" ] && layer "fuzz replay" "$here/fuzz/replay.sh" "$b"
[ -x "$here/foldmerge-props.sh" ] && layer "foldmerge algebra (random inputs)" "$here/foldmerge-props.sh" "$b"
[ -x "$here/fleet-ssh.sh" ] && layer "fleet recipe over ssh (two sshd on 127.0.0.1, GNU parallel)" "$here/fleet-ssh.sh" "$b"
[ -x "$here/badinput.sh" ] && layer "bad input" "$here/badinput.sh" "$b"
[ -x "$here/pipemem.sh" ] && layer "memory through a pipe" "$here/pipemem.sh" "$b"
[ -x "$here/crosscheck.sh" ] && layer "crosscheck (go tool pprof)" "$here/crosscheck.sh" "$b"
[ -x "$here/foldtop-crosscheck.sh" ] && layer "foldtop crosscheck (go tool pprof -top)" "$here/foldtop-crosscheck.sh" "$b"
[ -x "$here/folded2pb-crosscheck.sh" ] && layer "folded2pb crosscheck (go tool pprof reads it)" "$here/folded2pb-crosscheck.sh" "$b"
[ -x "$here/browser/run.sh" ] && layer "browser" "$here/browser/run.sh" "$b"
[ -x "$here/torch/run.sh" ] && layer "torch" "$here/torch/run.sh" "$b"
[ -x "$here/perf-live.sh" ] && layer "perf live (perf record, then perf2folded)" "$here/perf-live.sh" "$b"
[ -x "$here/flamegraph-suite.sh" ] && layer "FlameGraph's stackcollapse-perf tests (FLAMEGRAPH_DIR)" "$here/flamegraph-suite.sh" "$b"

echo "$tp passed, $tf failed, $ts skipped"
[ "$tf" -eq 0 ]
