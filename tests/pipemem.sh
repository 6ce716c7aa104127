#!/bin/sh
# pipemem.sh BUILDDIR - 1 GiB of folded stacks through a pipe, memory bounded.
#
# Feeds 1 GiB of one repeated stack, made on the fly (yes | head -c; never
# written to disk), into flamegraph, foldtop and difffolded on standard
# input (and 1 GiB of perf script text into perf2folded), and checks that each gives the right totals, says nothing on
# stderr and peaks under MAX_RSS_KB of resident memory (from
# /usr/bin/time -v): memory must not grow with the input.  Measured: 2 to
# 5 MiB.  Under AddressSanitizer (its shadow memory) the bound does not
# hold: the data still goes through, the bound is skipped.  Prints
# "N passed, N failed, N skipped".
set -u
bin=$(cd "${1:?usage: pipemem.sh builddir}" && pwd) || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pipemem.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
export LC_ALL=C
MAX_RSS_KB=${MAX_RSS_KB:-32768}
pass=0 fail=0 skip=0

line='main;serve;handle;parse;json1 1'	# 32 bytes with its newline
size=1073741824				# 1 GiB: 2^25 lines
n=$((size / 32))
timer=/usr/bin/time
[ -x "$timer" ] || timer=
asan=0
if grep -q __asan_init "$bin/flamegraph" 2>/dev/null; then
	asan=1
fi

# run NAME CHECK COMMAND...: stdin is the 1 GiB stream; CHECK is an ERE the
# output must hold
run() {
	name=$1 want=$2
	shift 2
	ok=1
	if [ -n "$timer" ]; then
		yes "$line" | head -c $size | "$timer" -v "$@" >"$tmp/out" 2>"$tmp/err"
	else
		yes "$line" | head -c $size | "$@" >"$tmp/out" 2>"$tmp/err"
	fi
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL $name: exit $rc"
		ok=0
	fi
	if grep -v '^	' "$tmp/err" | grep -q .; then
		echo "FAIL $name: stderr: $(grep -v '^	' "$tmp/err" | head -n 1)"
		ok=0
	fi
	if ! grep -Eq -- "$want" "$tmp/out"; then
		echo "FAIL $name: output does not hold $want"
		ok=0
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	# the memory bound, a check of its own
	if [ -z "$timer" ] || [ $asan = 1 ]; then
		skip=$((skip + 1))
		return
	fi
	kb=$(sed -n 's/^	Maximum resident set size (kbytes): //p' "$tmp/err")
	if [ -z "$kb" ]; then
		echo "FAIL $name: no peak RSS from $timer"
		fail=$((fail + 1))
	elif [ "$kb" -gt "$MAX_RSS_KB" ]; then
		echo "FAIL $name: peak RSS $kb KiB > $MAX_RSS_KB KiB for 1 GiB through a pipe"
		fail=$((fail + 1))
	else
		echo "$name: peak RSS $kb KiB"
		pass=$((pass + 1))
	fi
}

echo "$line" | sed 's/ 1$/ 7/' >"$tmp/before"
run flamegraph "<title>all \\($(echo $n | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') samples" \
    "$bin/flamegraph" -
run foldtop "total $n\$" "$bin/foldtop" -
run difffolded "^main;serve;handle;parse;json1 7 $n\$" "$bin/difffolded" "$tmp/before" -
# perf2folded: perf script text, one 64-byte sample (yes adds the blank
# line that ends it) 2^24 times
if [ -x "$bin/perf2folded" ]; then
	line="$(printf 'app 42 1.000: 3 cycles:\n\t1f leaf (/bin/abc)\n\t2e main (/bin/ab)')
"
	n=$((size / 64))
	run perf2folded "^app;main;leaf $((n * 3))\$" "$bin/perf2folded"
fi
[ -z "$timer" ] && echo "pipemem: no $timer (Debian package time): memory not measured"
[ $asan = 1 ] && echo "pipemem: AddressSanitizer build: memory not bounded, not measured"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
