#!/bin/sh
# replay.sh BUILDDIR - run each fuzz target over its corpus (tests/fuzz/corpus/TARGET/);
# one process per input, so a crash names its file.  Prints "N passed, N failed".
b=${1:?usage: replay.sh builddir}
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0 skip=0
for d in "$here"/corpus/*/; do
	t=$(basename "$d")
	if [ ! -x "$b/replay_$t" ]; then
		n=$(ls "$d" | wc -l)
		echo "replay: $b/replay_$t not built; skipping $n inputs"
		skip=$((skip + n))
		continue
	fi
	for f in "$d"*; do
		[ -f "$f" ] || continue
		if "$b/replay_$t" "$f" >/dev/null 2>"$b/replay.err"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL $t/${f##*/}"
			head -n 5 "$b/replay.err"
		fi
	done
done
rm -f "$b/replay.err"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
