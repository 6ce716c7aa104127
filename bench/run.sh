#!/bin/sh
# run.sh BUILDDIR [TOOL...] - benchmarks: wall time and peak RSS beside a floor.
#
# Corpora come from ../shared/bench/genfolded.py (deterministic; perf2folded's
# from the captures in samples/perf) and are
# kept in bench/out/ between runs.  Each figure is the best of RUNS (3)
# runs.  This measures; it does not fail on a missed target (targets are
# printed beside the figures, and those that compare tools on the same
# run are printed as met or NOT met with the figures).  Tools from
# outside, when here: inferno-collapse-perf ($INFERNO_COLLAPSE_PERF or
# PATH), stackcollapse-perf.pl ($FLAMEGRAPH_DIR or PATH), GNU parallel.
set -u
b=$(cd "${1:?usage: run.sh builddir [tool...]}" && pwd) || exit 2
shift
here=$(cd "$(dirname "$0")" && pwd)
out=$here/out
gen=${GENFOLDED:-$here/../../shared/bench/genfolded.py}
[ -f "$gen" ] || gen=$here/../shared/bench/genfolded.py
runs=${RUNS:-3}
mkdir -p "$out"
want() { [ $# -eq 0 ] && return 0; for w in $SEL; do [ "$w" = "$1" ] && return 0; done; return 1; }
SEL="$*"
sel() { [ -z "$SEL" ] && return 0; want "$1"; }

corpus() {	# file genfolded-args...
	f=$1; shift
	[ -s "$out/$f" ] && return 0
	echo "bench: generating $f ($*)" >&2
	python3 "$gen" "$@" -o "$out/$f.tmp" || exit 1
	mv "$out/$f.tmp" "$out/$f"
	[ ! -e "$out/$f.tmp.after" ] || mv "$out/$f.tmp.after" "$out/$f.after"
}

# measure LABEL TARGET CMD... : best wall seconds and peak RSS over $runs
# runs, printed and left in $best (s) and $rss (KiB) for verdict.  The wall
# is taken with date's nanoseconds around the run (GNU time's %e has 10 ms
# steps); it includes starting sh and time, as every floor's does.
measure() {
	label=$1 target=$2
	shift 2
	best= rss=
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(date +%s%N)
		/usr/bin/time -f '%M' -o "$out/.time" sh -c "$*" >/dev/null 2>"$out/.err" ||
		{ echo "bench: $label failed:"; cat "$out/.err"; best= rss=; return 1; }
		t1=$(date +%s%N)
		w=$(awk "BEGIN{printf \"%.4f\", ($t1 - $t0) / 1e9}") m=$(tail -n 1 "$out/.time")
		if [ -z "$best" ] || awk "BEGIN{exit !($w < $best)}"; then best=$w; fi
		if [ -z "$rss" ] || [ "$m" -gt "$rss" ]; then rss=$m; fi
		i=$((i + 1))
	done
	printf '%-44s %7.3f s %8.1f MiB   %s\n' "$label" "$best" "$(mib "$rss")" "$target"
}
secs() { printf '%.3f s' "$1"; }
mib() { awk "BEGIN{printf \"%.1f\", $1 / 1024}"; }
# verdict TARGET FIGURES EXPR: print TARGET as met or NOT met, with the
# figures (a run that failed leaves a figure empty: awk's syntax error)
verdict() {
	awk "BEGIN{exit !($3)}" 2>/dev/null
	case $? in
	0) v=met ;;
	1) v="NOT met" ;;
	*) v="not measured (a run failed)" ;;
	esac
	printf '  target: %s: %s (%s)\n' "$1" "$v" "$2"
}
# tool VAR NAME: the path of NAME, from $VAR or PATH; empty when absent
tool() {
	eval "v=\${$1-}"
	if [ -n "$v" ]; then command -v "$v" 2>/dev/null; else command -v "$2" 2>/dev/null; fi
}

echo "machine: $(nproc) cores; best of $runs runs; RSS is the largest seen"
printf '%-44s %9s %12s   %s\n' "case" "wall" "peak RSS" "target"

if sel pb2folded && [ -x "$b/pb2folded" ] && [ -x "$b/folded2pb" ]; then
	corpus c100.folded --mb 100 --seed 1
	if [ ! -s "$out/big.pb.gz" ]; then
		"$b/folded2pb" "$out/c100.folded" >"$out/big.pb.gz.tmp" && mv "$out/big.pb.gz.tmp" "$out/big.pb.gz"
	fi
	echo "-- pb2folded on big.pb.gz ($(du -k "$out/big.pb.gz" | cut -f1) KiB, from the 100 MB corpus)"
	measure "floor: gzip -dc big.pb.gz" "" "gzip -dc '$out/big.pb.gz'"
	measure "pb2folded big.pb.gz" "<= 0.2 s, <= 64 MiB" "'$b/pb2folded' '$out/big.pb.gz'"
fi
if sel flamegraph && [ -x "$b/flamegraph" ]; then
	corpus c100.folded --mb 100 --seed 1
	echo "-- flamegraph"
	measure "floor: cat c100.folded" "" "cat '$out/c100.folded'"
	measure "flamegraph c100.folded (SVG)" "<= 0.15 s" "'$b/flamegraph' '$out/c100.folded'"
	measure "flamegraph -f png c100.folded" "<= 0.3 s" "'$b/flamegraph' -f png -o '$out/c100.png' '$out/c100.folded'"
	measure "flamegraph -f json c100.folded" "as SVG" "'$b/flamegraph' -f json '$out/c100.folded'"
	measure "flamegraph -f speedscope c100.folded" "as SVG" "'$b/flamegraph' -f speedscope '$out/c100.folded'"
	if [ -z "${QUICK-}" ]; then
		corpus c1000.folded --mb 1000 --seed 1
		measure "floor: cat c1000.folded" "" "cat '$out/c1000.folded'"
		measure "flamegraph c1000.folded (SVG)" "<= 1.5 s, <= 100 MiB" "'$b/flamegraph' '$out/c1000.folded'"
	fi
fi
if sel difffolded && [ -x "$b/difffolded" ]; then
	if [ ! -s "$out/before.folded" ]; then
		echo "bench: generating before.folded/after.folded" >&2
		python3 "$gen" --mb 100 --seed 1 -o "$out/before.folded" --after "$out/after.folded" || exit 1
	fi
	echo "-- difffolded"
	measure "floor: cat before.folded after.folded" "" "cat '$out/before.folded' '$out/after.folded'"
	measure "difffolded before.folded after.folded" "<= 0.15 s" "'$b/difffolded' '$out/before.folded' '$out/after.folded'"
fi
if sel foldtop && [ -x "$b/foldtop" ]; then
	corpus c100.folded --mb 100 --seed 1
	echo "-- foldtop"
	measure "foldtop c100.folded" "<= 0.15 s" "'$b/foldtop' '$out/c100.folded'"
fi
if sel folded2pb && [ -x "$b/folded2pb" ]; then
	corpus c100.folded --mb 100 --seed 1
	echo "-- folded2pb"
	measure "folded2pb c100.folded" "" "'$b/folded2pb' '$out/c100.folded'"
fi
if sel cpuprofile2folded && [ -x "$b/cpuprofile2folded" ]; then
	corpus c100.folded --mb 100 --seed 1
	if [ ! -s "$out/c100.cpuprofile" ]; then
		# the corpus as a V8 profile: one sample per line, its count as
		# the time since the sample before
		echo "bench: generating c100.cpuprofile" >&2
		python3 - "$out/c100.folded" "$out/c100.cpuprofile.tmp" <<'PY' || exit 1
import json, sys
nodes = [{'id': 1, 'callFrame': {'functionName': '(root)', 'scriptId': '0',
          'url': '', 'lineNumber': -1, 'columnNumber': -1}, 'children': []}]
kids, samples, deltas = {}, [], []
for line in open(sys.argv[1], encoding='utf-8', errors='replace'):
    stack, _, n = line.rstrip('\n').rpartition(' ')
    at = 1
    for f in stack.split(';'):
        k = (at, f)
        if k not in kids:
            kids[k] = len(nodes) + 1
            nodes[at - 1]['children'].append(kids[k])
            nodes.append({'id': kids[k], 'callFrame': {'functionName': f,
                'scriptId': '1', 'url': 'file:///app.js', 'lineNumber': 0,
                'columnNumber': 0}, 'children': []})
        at = kids[k]
    samples.append(at)
    deltas.append(int(n))
json.dump({'nodes': nodes, 'startTime': 0, 'endTime': sum(deltas) + 1,
           'samples': samples, 'timeDeltas': deltas}, open(sys.argv[2], 'w'))
PY
		mv "$out/c100.cpuprofile.tmp" "$out/c100.cpuprofile"
	fi
	echo "-- cpuprofile2folded on c100.cpuprofile ($(du -k "$out/c100.cpuprofile" | cut -f1) KiB)"
	measure "floor: cat c100.cpuprofile" "" "cat '$out/c100.cpuprofile'"
	measure "cpuprofile2folded c100.cpuprofile" "" "'$b/cpuprofile2folded' '$out/c100.cpuprofile'"
fi
if sel perf2folded && [ -x "$b/perf2folded" ]; then
	if [ ! -s "$out/perf100.txt" ]; then
		# ~100 MB of perf script text from the captures in samples/perf:
		# copy k of each has its pids moved by k % 64, its recurse frames
		# renamed recurseK (k % 8) and cpu-clock:ppp made cpu-clock (the
		# task-clock samples of events.txt are parsed and skipped), so
		# stacks repeat as in a long capture, but not all alike
		echo "bench: generating perf100.txt" >&2
		python3 - "$here/../samples/perf" "$out/perf100.txt.tmp" <<'PY' || exit 1
import gzip, re, sys
d = sys.argv[1]
caps = [open(d + '/' + f, 'rb').read() for f in ('fp.txt', 'dwarf.txt', 'events.txt')]
caps.append(gzip.open(d + '/node.txt.gz').read())
head = re.compile(rb'^(\S.*?\s)(\d+)((?:/\d+)?\s)', re.M)
out, size, k = open(sys.argv[2], 'wb'), 0, 0
while size < 100 * 1000 * 1000:
    for c in caps:
        t = head.sub(lambda m: m.group(1) + str(int(m.group(2)) + k % 64).encode() + m.group(3), c)
        t = t.replace(b' recurse+', b' recurse%d+' % (k % 8)).replace(b' cpu-clock:ppp:', b' cpu-clock:')
        out.write(t)
        size += len(t)
    k += 1
out.close()
PY
		mv "$out/perf100.txt.tmp" "$out/perf100.txt"
	fi
	echo "-- perf2folded on perf100.txt ($(du -k "$out/perf100.txt" | cut -f1) KiB of perf script text)"
	measure "floor: cat perf100.txt" "" "cat '$out/perf100.txt'"
	measure "perf2folded perf100.txt" "<= 0.25 s, < inferno" "'$b/perf2folded' '$out/perf100.txt'"
	p2f=$best
	measure "perf2folded --tid --all perf100.txt" "<= 0.25 s" "'$b/perf2folded' --tid --all '$out/perf100.txt'"
	measure "cat perf100.txt | perf2folded" "<= 0.25 s" "cat '$out/perf100.txt' | '$b/perf2folded'"
	if [ ! -s "$out/perf100.txt.gz" ]; then
		gzip -1 -c "$out/perf100.txt" >"$out/perf100.txt.gz.tmp" &&
		    mv "$out/perf100.txt.gz.tmp" "$out/perf100.txt.gz"
	fi
	measure "floor: gzip -dc perf100.txt.gz" "" "gzip -dc '$out/perf100.txt.gz'"
	measure "perf2folded perf100.txt.gz" "" "'$b/perf2folded' '$out/perf100.txt.gz'"
	# Other collapsers on the same corpus, side by side, when they are
	# here: inferno's collapse-perf from $INFERNO_COLLAPSE_PERF or PATH,
	# FlameGraph's Perl from $FLAMEGRAPH_DIR or PATH.  Their output is
	# compared with perf2folded's, sorted as LC_ALL=C sort sorts.
	"$b/perf2folded" "$out/perf100.txt" >"$out/perf100.p2f" 2>/dev/null
	inferno=$(tool INFERNO_COLLAPSE_PERF inferno-collapse-perf)
	if [ -n "$inferno" ]; then
		measure "inferno-collapse-perf perf100.txt" "(its default: a thread a core)" "'$inferno' '$out/perf100.txt'"
		inf=$best
		verdict "perf2folded <= 0.25 s and faster than inferno-collapse-perf" \
		    "perf2folded $(secs $p2f), inferno-collapse-perf $(secs $inf)" "$p2f <= 0.25 && $p2f < $inf"
		"$inferno" "$out/perf100.txt" 2>/dev/null | LC_ALL=C sort >"$out/perf100.inferno"
		if cmp -s "$out/perf100.inferno" "$out/perf100.p2f"; then
			echo "  inferno-collapse-perf's output: the same bytes as perf2folded's"
		else
			# inferno parses no period after two blanks ("2004008  cpu-clock:"),
			# keeps "(...)" inside C++ template arguments where the Perl cuts
			# the name at the first '(' (perf2folded does as the Perl), and
			# may pick another "first" event when it reads with threads
			echo "  inferno-collapse-perf's output: $(LC_ALL=C comm -12 "$out/perf100.inferno" "$out/perf100.p2f" | wc -l) of $(wc -l <"$out/perf100.p2f") perf2folded lines the same ($(wc -l <"$out/perf100.inferno") lines); see the notes in bench/run.sh"
		fi
	else
		echo "inferno-collapse-perf not found (set INFERNO_COLLAPSE_PERF)"
		verdict "perf2folded <= 0.25 s (inferno-collapse-perf not measured)" \
		    "perf2folded $(secs $p2f)" "$p2f <= 0.25"
	fi
	if [ -n "${FLAMEGRAPH_DIR-}" ]; then
		scp=$FLAMEGRAPH_DIR/stackcollapse-perf.pl
		[ -f "$scp" ] || scp=
	else
		scp=$(command -v stackcollapse-perf.pl 2>/dev/null)
	fi
	if [ -n "$scp" ]; then
		keep=$runs runs=1
		measure "stackcollapse-perf.pl perf100.txt (1 run)" "" "perl '$scp' '$out/perf100.txt' >'$out/perf100.pl'"
		runs=$keep
		if LC_ALL=C sort "$out/perf100.pl" | cmp -s - "$out/perf100.p2f"; then
			echo "  stackcollapse-perf.pl's output: the same bytes as perf2folded's"
		else
			echo "  stackcollapse-perf.pl's output: NOT the same as perf2folded's"
		fi
	else
		echo "stackcollapse-perf.pl not found (set FLAMEGRAPH_DIR)"
	fi
fi
if sel foldmerge && [ -x "$b/foldmerge" ]; then
	corpus c100.folded --mb 100 --seed 1
	# (a) the corpus dealt round-robin into 10 parts, each sorted
	if [ ! -s "$out/parts10/p09.folded" ]; then
		echo "bench: generating parts10/p00..p09.folded" >&2
		rm -rf "$out/parts10" && mkdir -p "$out/parts10" &&
		awk -v d="$out/parts10" '{ print > sprintf("%s/p%02d.raw", d, (NR - 1) % 10) }' "$out/c100.folded" || exit 1
		for f in "$out"/parts10/p*.raw; do
			LC_ALL=C sort "$f" >"${f%.raw}.folded" && rm "$f" || exit 1
		done
	fi
	echo "-- foldmerge"
	measure "floor: LC_ALL=C sort -m parts10/* (10 parts)" "" "LC_ALL=C sort -m '$out'/parts10/p*.folded"
	sortm=$best
	measure "foldmerge --sorted parts10/*" "< 16 MiB, <= 2x sort -m" "'$b/foldmerge' --sorted '$out'/parts10/p*.folded"
	fms=$best fmsrss=$rss
	verdict "foldmerge --sorted over 10 parts: peak RSS < 16 MiB and wall <= 2x sort -m" \
	    "$(mib $fmsrss) MiB; $(secs $fms), sort -m $(secs $sortm)" "$fmsrss < 16384 && $fms <= 2 * $sortm"
	# (b) the hash merge beside flamegraph's read of the same file (-f json:
	# the trie, then a small output)
	"$b/foldmerge" "$out/c100.folded" >"$out/c100.merged"
	if "$b/foldmerge" --sorted "$out"/parts10/p*.folded | cmp -s - "$out/c100.merged"; then
		echo "  foldmerge --sorted parts10/*: the same bytes as foldmerge c100.folded"
	else
		echo "  foldmerge --sorted parts10/*: NOT the same bytes as foldmerge c100.folded"
	fi
	if [ -x "$b/flamegraph" ]; then
		measure "flamegraph -f json c100.folded" "" "'$b/flamegraph' -f json '$out/c100.folded'"
		fgj=$best
	fi
	measure "foldmerge c100.folded (hash merge)" "as flamegraph reads" "'$b/foldmerge' '$out/c100.folded'"
	fmh=$best
	if [ -x "$b/flamegraph" ]; then
		verdict "foldmerge c100.folded at flamegraph's reading speed (<= 1.1x flamegraph -f json)" \
		    "$(secs $fmh), flamegraph -f json $(secs $fgj)" "$fmh <= 1.1 * $fgj"
	fi
	# (c) 1,000 profiles: the corpus dealt round-robin into 1,000 folded
	# files, each made a gzipped profile by folded2pb
	if [ -x "$b/pb2folded" ] && [ -x "$b/folded2pb" ]; then
		if [ ! -s "$out/prof1000/p1000.prof" ]; then
			echo "bench: generating prof1000/p0001..p1000.prof" >&2
			rm -rf "$out/prof1000" && mkdir -p "$out/prof1000" &&
			python3 - "$out/c100.folded" "$out/prof1000" <<'PY' || exit 1
import sys
lines = open(sys.argv[1], 'rb').readlines()
for k in range(1000):
    open('%s/p%04d.folded' % (sys.argv[2], k + 1), 'wb').writelines(lines[k::1000])
PY
			for f in "$out"/prof1000/p*.folded; do
				"$b/folded2pb" "$f" >"${f%.folded}.prof" && rm "$f" || exit 1
			done
		fi
		echo "-- 1,000 profiles merged ($(cat "$out"/prof1000/p*.prof | wc -c) bytes of gzipped .prof, $(cat "$out"/prof1000/p*.prof | gzip -dc | wc -c) of protobuf; --mark-inline keeps the corpus' _[i] frames)"
		measure "floor: gzip -dc prof1000/*" "" "cat '$out'/prof1000/p*.prof | gzip -dc"
		measure "pb2folded p0001..p1000 (one process)" "" "'$b/pb2folded' --mark-inline '$out'/prof1000/p*.prof"
		one=$best
		"$b/pb2folded" --mark-inline "$out"/prof1000/p*.prof >"$out/prof1000.one"
		if cmp -s "$out/prof1000.one" "$out/c100.merged"; then
			echo "  pb2folded over the 1,000: the same bytes as foldmerge c100.folded"
		else
			echo "  pb2folded over the 1,000: NOT the same bytes as foldmerge c100.folded"
		fi
		if command -v parallel >/dev/null 2>&1; then
			# map: chunks of 100 profiles, one pb2folded each (-X: as many
			# as fit, spread so that every job slot has work); reduce:
			# foldmerge --sorted over the parts
			mr="rm -rf '$out/mr' && mkdir '$out/mr' && ls '$out'/prof1000/p*.prof |
			    parallel --will-cite -jJ -N100 -X \"'$b/pb2folded' --mark-inline -o '$out/mr/{#}.folded' {}\" &&
			    '$b/foldmerge' --sorted '$out'/mr/*.folded"
			for j in 1 2; do
				measure "parallel -j$j -N100 pb2folded | foldmerge -s" "" "$(echo "$mr" | sed "s/-jJ/-j$j/")"
				eval "par$j=\$best"
				sh -c "$(echo "$mr" | sed "s/-jJ/-j$j/")" 2>/dev/null | cmp -s - "$out/prof1000.one" &&
				    echo "  the same bytes as one pb2folded" ||
				    echo "  NOT the same bytes as one pb2folded"
			done
			echo "  the second core: $(awk "BEGIN{printf \"%.2fx\", $one / $par2}") over one process, $(awk "BEGIN{printf \"%.2fx\", $par1 / $par2}") over the same map-reduce on one core"
			rm -rf "$out/mr"
		else
			echo "parallel not found (apt-get install parallel; scripts/deps.sh test): no map-reduce row"
		fi
	fi
fi
exit 0
