#!/bin/sh
# flamegraph-suite.sh BUILDDIR - perf2folded against FlameGraph's own test suite.
#
# FLAMEGRAPH_DIR names a checkout of github.com/brendangregg/FlameGraph.
# Its test.sh runs stackcollapse-perf.pl with each of --pid --tid --kernel
# --jit --all --addrs over every test/*.txt and compares with
# test/results/NAME-collapsed-OPT.txt; here perf2folded does the same
# (and also runs with no option, compared with the Perl's own output when
# perl is installed, with more option sets and on random texts made
# here), byte for byte.  Nothing of FlameGraph's is copied
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
	# random perf-script-like texts (made here, SEEDS of them, 100 by
	# default), each with 5 option sets, against the Perl
	if command -v python3 >/dev/null 2>&1; then
		cat >"$tmp/gen.py" <<'PY'
import random, sys
seed=int(sys.argv[1]); r=random.Random(seed)
WS=[' ','  ','\t','\f','\v','\r',' \t']
A=[' ','\t','x','0','1','12','007','/','//',':',': ','::','(',')',' (','( ',') ','[unknown]','[k]','->','-','>','+0x1f','+0xab','+0xAB','+0x','L','a/b',';','"',"'",'.(',').','(anonymous namespace)','vmlinux','_[i]','_[j]','_[k]','/tmp/perf-12.map','/tmp/perf-.map','java','cycles:','#','?','foo','[kernel.kallsyms]','unknown','\xff','\xe9','inlined','perf-1.map','\r']
def tok(n): return ''.join(r.choice(A) for _ in range(r.randint(0,n)))
def ws(): return r.choice(WS)
out=[]
evs=['cycles','instructions','cpu-clock','cpu-clock:ppp','sched:sched_switch',tok(2)+'e']
for i in range(r.randint(1,60)):
    x=r.random()
    if x<0.3:
        comm=r.choice(['java','javac','perf','V8 WorkerThread','a','ab','java x','x 1','0','00',tok(3)+'z',tok(4)])
        pid=r.choice(['123','123/456','123/0','0','00/0','007','12/34/56','1/','/1','',tok(2)])
        cpu=r.choice(['',' [000]',' [1]'])
        per=r.choice(['',' 1',' 0',' 00',' 250000','18446744073709551615','18446744073709551616',' 99999999999999999999999',ws()+'12'+ws()])
        ev=r.choice(evs)
        out.append(comm+ws()+pid+cpu+ws()+'1.'+str(i)+':'+per+ws()+ev+':'+r.choice(['','',ws(),tok(2)]))
    elif x<0.75:
        pc=r.choice(['ffffffff8103ce3b','7f12','0','x','','_a',tok(1)])
        fn=r.choice(['main','foo+0x12','[unknown]','[unknown]+0x1','a->b->c','a->->b->','Lorg/x/Y;.call(Ljava/Z;)V','net/http.(*Client).Do','ns::(anonymous namespace)::f(int)','(x)','f "q"',"g'h'",'a;b','x->','->y','',tok(5),tok(8)])
        mod=r.choice(['[kernel.kallsyms]','/usr/lib/libc.so','[unknown]','/tmp/perf-123.map','vmlinux','/boot/vmlinux','inlined','','[nf unknown]',tok(4)])
        out.append(r.choice(['','\t','    ',ws()])+pc+r.choice([' ','','  ',ws()])+fn+' ('+mod+')'+r.choice(['','',' x',')',tok(2)]))
        if len(sys.argv) > 2 and r.random() < 0.7:
            out.append(r.choice(['  busy.c:12','  [kernel.kallsyms][ffff]','  libc.so[27b25]',' x [a] y [b ',' [a]] ','','#c',tok(3),'  f.c:1 (inlined)']))
    elif x<0.9: out.append('')
    else: out.append(tok(8))
sys.stdout.buffer.write(('\n'.join(out)+r.choice(['\n','','\n\n'])).encode('latin-1'))
PY
		i=1
		while [ $i -le "${SEEDS:-100}" ]; do
			# odd seeds: source lines after frames, as -F+srcline prints
			src=
			[ $((i % 2)) = 1 ] && src=src
			python3 "$tmp/gen.py" $i $src >"$tmp/rand.txt" || break
			for o in "" "--pid --jit" "--tid --kernel --addrs" "--event-filter=cycles" \
			    "--srcline --all"; do
				# shellcheck disable=SC2086
				perl "$fg/stackcollapse-perf.pl" $o "$tmp/rand.txt" >"$tmp/want" 2>/dev/null </dev/null
				# shellcheck disable=SC2086
				"$bin/perf2folded" $o "$tmp/rand.txt" >"$tmp/out" 2>/dev/null
				if cmp -s "$tmp/want" "$tmp/out"; then
					pass=$((pass + 1))
				else
					fail=$((fail + 1))
					cp "$tmp/rand.txt" "${TMPDIR:-/tmp}/flamegraph-suite-$i.txt"
					echo "FAIL (against the Perl) random text $i ${o:-no option}: kept as ${TMPDIR:-/tmp}/flamegraph-suite-$i.txt"
					diff -u "$tmp/want" "$tmp/out" | head -n 10
				fi
			done
			i=$((i + 1))
		done
	else
		echo "flamegraph-suite: no python3: the random texts are skipped"
		skip=$((skip + 1))
	fi
else
	echo "flamegraph-suite: no perl: only test.sh's comparisons run"
	skip=$((skip + 1))
fi
[ $stale -gt 0 ] && echo "flamegraph-suite: $stale of FlameGraph's expected results are stale; matched the master Perl instead"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
