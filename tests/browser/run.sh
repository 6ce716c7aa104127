#!/bin/sh
# run.sh BUILDDIR - the browser test: draw the fixtures with BUILDDIR/flamegraph
# and drive Debian's chromium over the SVGs (test.js, with playwright-core),
# and over the JSON loaded into speedscope's app and d3-flame-graph (served
# from tests/browser/node_modules on 127.0.0.1).
# Skips (exit 0) when chromium, node or tests/browser/node_modules is missing;
# the last line is "N passed, N failed[, N skipped]".
b=${1:?usage: run.sh builddir}
here=$(cd "$(dirname "$0")" && pwd)
b=$(cd "$b" 2>/dev/null && pwd) || { echo "browser: no build directory $1"; echo "0 passed, 1 failed"; exit 1; }
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM LC_ALL=C

n=$(grep -c "^test('" "$here/test.js")
skip() {
	echo "browser: $1"
	echo "browser: 0 passed, 0 failed, $n skipped"
	exit 0
}
[ -x "$CHROMIUM" ] || skip "no chromium at $CHROMIUM"
command -v node >/dev/null 2>&1 || skip "no node"
for m in playwright-core acorn ajv d3 d3-flame-graph speedscope; do
	[ -d "$here/node_modules/$m" ] ||
		skip "no tests/browser/node_modules/$m (scripts/deps.sh test, or npm ci in tests/browser)"
done

fg=$b/flamegraph
if [ ! -x "$fg" ]; then
	echo "browser: $fg not built"
	echo "0 passed, 1 failed"
	exit 1
fi

out=$(mktemp -d) || exit 2
trap 'rm -rf "$out"' EXIT INT TERM
fx=$here/fixtures
bad=0
draw() {	# name.svg flamegraph-arguments...
	svg=$1; shift
	if ! "$fg" "$@" > "$out/$svg" 2> "$out/$svg.err"; then
		echo "browser: flamegraph $* failed:"
		cat "$out/$svg.err"
		bad=$((bad + 1))
	fi
}
draw basic.svg "$fx/basic.folded"
draw case.svg "$fx/case.folded"
draw hostile.svg "$fx/hostile.folded"
draw unicode.svg "$fx/unicode.folded"
draw inverted.svg --inverted "$fx/basic.folded"
draw search.svg --search '^(run|exec)$' "$fx/basic.folded"
draw diff.svg "$fx/diff.folded"
draw left.svg --truncate left "$fx/basic.folded"
draw unicode-left.svg --truncate left "$fx/unicode.folded"
# --fonttype values that a naive stylesheet would let out of their declaration
draw font-quote.svg --fonttype 'Andale Mono"' "$fx/basic.folded"
draw font-rule.svg --fonttype 'x;}*{display:none' "$fx/basic.folded"
draw font-list.svg --fonttype "monospace, 'DejaVu Sans', Andale Mono" "$fx/basic.folded"
draw font-escape.svg --fonttype 'a\"}</style><x>' "$fx/basic.folded"
for f in basic json diff hostile unicode; do
	draw $f.json -f json "$fx/$f.folded"
	draw $f.speedscope.json -f speedscope "$fx/$f.folded"
done
if [ "$bad" -ne 0 ]; then
	echo "0 passed, $bad failed"
	exit 1
fi

to=
command -v timeout >/dev/null 2>&1 && to="timeout 900"
$to node "$here/test.js" "$out"
