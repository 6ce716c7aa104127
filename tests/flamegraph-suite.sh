#!/bin/sh
# flamegraph-suite.sh BUILDDIR - perf2folded against FlameGraph's own test suite.
#
# FLAMEGRAPH_DIR names a checkout of github.com/brendangregg/FlameGraph.
# Its test.sh runs stackcollapse-perf.pl with each of --pid --tid --kernel
# --jit --all --addrs over every test/*.txt and compares with
# test/results/NAME-collapsed-OPT.txt; here perf2folded does the same
# (and also runs with no option, compared with the Perl's own output when
# perl is installed), byte for byte.  Nothing of FlameGraph's is copied
# into flamekit.  Without the checkout every comparison is skipped.
# Prints "N passed, N failed, N skipped".
bin=$(cd "${1:?usage: flamegraph-suite.sh builddir}" && pwd) || exit 2
export LC_ALL=C
pass=0 fail=0 skip=0
fg=${FLAMEGRAPH_DIR-}
if [ -z "$fg" ] || [ ! -f "$fg/test.sh" ] || [ ! -d "$fg/test/results" ]; then
	echo "flamegraph-suite: FLAMEGRAPH_DIR is not a FlameGraph checkout (git clone https://github.com/brendangregg/FlameGraph); skipped"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
perl=
command -v perl >/dev/null 2>&1 && [ -f "$fg/stackcollapse-perf.pl" ] && perl=perl
# the option sets test.sh loops over, read from it
opts=$(sed -n 's/^for opt in \(.*\); do$/\1/p' "$fg/test.sh")
[ -n "$opts" ] || opts="pid tid kernel jit all addrs"
stale=0
for opt in $opts; do
	for t in "$fg"/test/*.txt; do
		w=${t##*/}
		w=$fg/test/results/${w%.txt}-collapsed-$opt.txt
		if [ ! -f "$w" ]; then
			skip=$((skip + 1))
			continue
		fi
		"$bin/perf2folded" --"$opt" "$t" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ $rc -eq 0 ] && cmp -s "$w" "$tmp/out"; then
			pass=$((pass + 1))
			continue
		fi
		# FlameGraph's results for java with --pid and --tid predate its
		# e54f142 (Oct 2017: "java" matched as a prefix of comm-PID):
		# there the master Perl itself differs from them, and is the
		# expectation
		if [ $rc -eq 0 ] && [ -n "$perl" ] &&
		    perl "$fg/stackcollapse-perf.pl" --"$opt" "$t" >"$tmp/want" 2>/dev/null &&
		    ! cmp -s "$w" "$tmp/want" && cmp -s "$tmp/want" "$tmp/out"; then
			echo "stale in FlameGraph: results/${w##*/} (the Perl differs from it too); matched the Perl's output"
			stale=$((stale + 1))
			pass=$((pass + 1))
			continue
		fi
		fail=$((fail + 1))
		echo "FAIL --$opt ${t##*/} (exit $rc)"
		diff -u "$w" "$tmp/out" | head -n 10
		head -n 3 "$tmp/err"
	done
done
# beyond test.sh, the Perl's own output is the expectation: no option,
# options together, and --event-filter for every event of a capture
if [ -n "$perl" ]; then
	for t in "$fg"/test/*.txt; do
		events=$(sed -n 's/.*:[ 	]*[0-9]*[ 	][ 	]*\([^ 	]*\):[ 	]*$/\1/p' "$t" | sort -u)
		set -- "" "--tid --all --addrs" "--pid --kernel"
		for e in $events; do
			set -- "$@" "--event-filter=$e"
		done
		for o do
			# shellcheck disable=SC2086
			perl "$fg/stackcollapse-perf.pl" $o "$t" >"$tmp/want" 2>/dev/null
			# shellcheck disable=SC2086
			if "$bin/perf2folded" $o "$t" >"$tmp/out" 2>"$tmp/err" &&
			    cmp -s "$tmp/want" "$tmp/out"; then
				pass=$((pass + 1))
			else
				fail=$((fail + 1))
				echo "FAIL (against the Perl) ${o:-no option} ${t##*/}"
				diff -u "$tmp/want" "$tmp/out" | head -n 10
			fi
		done
	done
else
	echo "flamegraph-suite: no perl: only test.sh's comparisons run"
	skip=$((skip + 1))
fi
[ $stale -gt 0 ] && echo "flamegraph-suite: $stale of FlameGraph's expected results are stale; matched the master Perl instead"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
