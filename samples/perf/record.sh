#!/bin/sh
# record.sh - record the perf captures in samples/perf/ (as root, or with
# kernel.perf_event_paranoid low enough), then regenerate the golden
# outputs of tests/cases/perf2folded-perl-*.sh with FlameGraph's Perl.
#
#   samples/perf/record.sh                    # captures, then goldens if FLAMEGRAPH_DIR is set
#   FLAMEGRAPH_DIR=/tmp/FlameGraph samples/perf/record.sh --goldens   # goldens only
#
# Captures (perf script text, as perf2folded reads it):
#   fp.txt        busy.c (2 threads named "crunch N", recursion) with
#                 frame pointers: perf record -g
#   dwarf.txt     the same with --call-graph dwarf: perf script adds the
#                 inlined mix() as "(inlined)" frames
#   dwarf-srcline.txt  the same capture with perf script -F+srcline (a
#                 source line after each frame, for --srcline)
#   node.txt.gz   node --perf-basic-prof running samples/node/busy.js:
#                 JIT frames resolved from /tmp/perf-PID.map (gzip: the
#                 biggest one)
#   events.txt    busy.c with two events, -e cpu-clock -e task-clock
# The JIT names are resolved by perf script, while the map file exists:
# the text holds them and neither perf2folded nor stackcollapse-perf.pl
# reads the map (--jit only looks at the module name, /tmp/perf-PID.map),
# so the map is not kept.  The program is built and run in
# /tmp/flamekit-perf, so the paths in the captures do not depend on where
# the checkout is.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
w=/tmp/flamekit-perf

goldens() {
	fg=${FLAMEGRAPH_DIR:?FLAMEGRAPH_DIR: a checkout of github.com/brendangregg/FlameGraph}
	[ -f "$fg/stackcollapse-perf.pl" ] || { echo "record.sh: no $fg/stackcollapse-perf.pl" >&2; exit 1; }
	t=$(mktemp -d)
	# perf2folded on PATH is the Perl; it reads no gzip, so .gz operands
	# are decompressed first
	cat >"$t/perf2folded" <<SHIM
#!/bin/sh
n=0
for a do
	shift
	case \$a in
	*.gz) n=\$((n + 1)); gzip -dc "\$a" >"$t/in\$n"; set -- "\$@" "$t/in\$n" ;;
	*) set -- "\$@" "\$a" ;;
	esac
done
exec perl "$fg/stackcollapse-perf.pl" "\$@"
SHIM
	chmod +x "$t/perf2folded"
	for c in "$root"/tests/cases/perf2folded-perl-*.sh; do
		mkdir "$t/d"
		ln -s "$root/samples" "$t/d/samples"
		(cd "$t/d" && PATH="$t:$PATH" LC_ALL=C sh -e "$c") >"${c%.sh}.out"
		rm -rf "$t/d"
		echo "record.sh: wrote ${c%.sh}.out"
	done
	rm -rf "$t"
}

if [ "${1-}" = --goldens ]; then
	goldens
	exit 0
fi

command -v perf >/dev/null || { echo "record.sh: no perf (Debian: linux-perf)" >&2; exit 1; }
rm -rf "$w"
mkdir -p "$w"
cp "$here/busy.c" "$root/samples/node/busy.js" "$w/"
cd "$w"
cc -O1 -g -fno-omit-frame-pointer -fno-optimize-sibling-calls -pthread -o busy busy.c

perf record -q -F 499 -g -o fp.data -- ./busy 0.3
perf script -i fp.data >"$here/fp.txt"

perf record -q -F 199 --call-graph dwarf,8192 -o dwarf.data -- ./busy 0.3
perf script -i dwarf.data >"$here/dwarf.txt"
perf script -i dwarf.data -F+srcline >"$here/dwarf-srcline.txt"

if command -v node >/dev/null; then
	perf record -q -F 199 -g -o node.data -- node --perf-basic-prof busy.js
	perf script -i node.data | gzip -9n >"$here/node.txt.gz"
	# node's map, named by its pid (perf script has resolved it)
	for pid in $(perf script -i node.data -F pid 2>/dev/null | sort -u); do
		rm -f "/tmp/perf-$pid.map"
	done
else
	echo "record.sh: no node: node.txt.gz not recorded" >&2
fi

perf record -q -F 499 -g -e cpu-clock -e task-clock -o events.data -- ./busy 0.2
perf script -i events.data >"$here/events.txt"

cd /
rm -rf "$w"
ls -l "$here"/*.txt "$here"/*.gz
if [ -n "${FLAMEGRAPH_DIR-}" ]; then
	goldens
fi
