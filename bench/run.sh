#!/bin/sh
# run.sh BUILDDIR [TOOL...] - benchmarks: wall time and peak RSS beside a floor.
#
# Corpora come from ../shared/bench/genfolded.py (deterministic; perf2folded's
# from the captures in samples/perf) and are
# kept in bench/out/ between runs.  Each figure is the best of RUNS (3)
# runs.  This measures; it does not fail on a missed target (targets are
# printed beside the figures).
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

# measure LABEL TARGET CMD... : best wall seconds and peak RSS over $runs runs
measure() {
	label=$1 target=$2
	shift 2
	best= rss=
	i=0
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f '%e %M' -o "$out/.time" sh -c "$*" >/dev/null 2>"$out/.err" ||
		{ echo "bench: $label failed:"; cat "$out/.err"; return 1; }
		w=$(cut -d' ' -f1 "$out/.time") m=$(cut -d' ' -f2 "$out/.time")
		if [ -z "$best" ] || awk "BEGIN{exit !($w < $best)}"; then best=$w; fi
		if [ -z "$rss" ] || [ "$m" -gt "$rss" ]; then rss=$m; fi
		i=$((i + 1))
	done
	printf '%-44s %7.3f s %8.1f MiB   %s\n' "$label" "$best" "$(awk "BEGIN{print $rss / 1024}")" "$target"
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
	measure "perf2folded perf100.txt" "<= 0.25 s" "'$b/perf2folded' '$out/perf100.txt'"
	measure "perf2folded --tid --all perf100.txt" "<= 0.25 s" "'$b/perf2folded' --tid --all '$out/perf100.txt'"
	measure "cat perf100.txt | perf2folded" "<= 0.25 s" "cat '$out/perf100.txt' | '$b/perf2folded'"
	if [ ! -s "$out/perf100.txt.gz" ]; then
		gzip -1 -c "$out/perf100.txt" >"$out/perf100.txt.gz.tmp" &&
		    mv "$out/perf100.txt.gz.tmp" "$out/perf100.txt.gz"
	fi
	measure "floor: gzip -dc perf100.txt.gz" "" "gzip -dc '$out/perf100.txt.gz'"
	measure "perf2folded perf100.txt.gz" "" "'$b/perf2folded' '$out/perf100.txt.gz'"
	# Hook for side-by-side timings of other collapsers on the same corpus:
	# each runs when its variable names it (inferno's collapse-perf, say
	# INFERNO_COLLAPSE_PERF=inferno-collapse-perf); FLAMEGRAPH_DIR runs the Perl.
	if [ -n "${INFERNO_COLLAPSE_PERF-}" ]; then
		measure "inferno-collapse-perf perf100.txt" "" "$INFERNO_COLLAPSE_PERF '$out/perf100.txt'"
	fi
	if [ -n "${FLAMEGRAPH_DIR-}" ] && [ -f "$FLAMEGRAPH_DIR/stackcollapse-perf.pl" ]; then
		keep=$runs runs=1
		measure "stackcollapse-perf.pl perf100.txt (1 run)" "" "perl '$FLAMEGRAPH_DIR/stackcollapse-perf.pl' '$out/perf100.txt'"
		runs=$keep
	fi
fi
exit 0
