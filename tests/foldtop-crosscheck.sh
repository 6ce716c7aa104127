#!/bin/sh
# foldtop-crosscheck.sh BUILDDIR - foldtop's flat and cum against go tool pprof -top.
#
# For every samples/*.prof, compares each function's flat and cum from
# `pb2folded FILE | foldtop -n 0` with `go tool pprof -top` on the same
# file (all nodes, none dropped, values in the sample type's base unit so
# they print as exact integers).  Prints "FAIL: FILE" and the differing
# functions per mismatch, then "N passed, N failed"; without go every file
# is skipped.  GO overrides the go command.
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILDDIR" >&2
	exit 2
fi
build=$(cd "$1" 2>/dev/null && pwd) || { echo "foldtop-crosscheck: no directory $1" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
GO=${GO:-go}
export LC_ALL=C

tmp=$(mktemp -d "${TMPDIR:-/tmp}/foldtop-crosscheck.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
if [ -z "${HOME:-}" ]; then
	export HOME="$tmp/home" GOCACHE="$tmp/gocache"
	mkdir -p "$HOME"
fi
cd "$top"

pass=0 fail=0 skip=0
if ! command -v "$GO" >/dev/null 2>&1; then
	for f in samples/*.prof; do
		skip=$((skip + 1))
	done
	echo "foldtop-crosscheck: no $GO: skipped"
	echo "0 passed, 0 failed, $skip skipped"
	exit 0
fi

# The table rows of -top output (pprof's or foldtop's, same columns) as
# "NAME<TAB>FLAT<TAB>CUM", units and pprof's inline marks removed, one
# line per name (pprof may show one name twice: values are summed).
rows() {
	sed -n 's/^ *\([^ ]*\) *[^ ]* *[^ ]* *\([^ ]*\) *[^ ]*  \(.*\)$/\3	\1	\2/p' |
	sed 's/ (inline)	/	/; s/ (partial-inline)	/	/' |
	awk -F '\t' '$2 != "flat" {
		sub(/(ns|B)$/, "", $2); sub(/(ns|B)$/, "", $3)
		if (!($1 in f)) n[++k] = $1
		f[$1] += $2; c[$1] += $3
	} END { for (i = 1; i <= k; i++) if (f[n[i]] != 0 || c[n[i]] != 0)
		printf "%s\t%.0f\t%.0f\n", n[i], f[n[i]], c[n[i]] }' | sort
}

for f in samples/*.prof; do
	# the default sample type (pprof's "Type:") and its unit
	type=$("$GO" tool pprof -top -nodecount=1 "$f" 2>/dev/null | sed -n 's/^Type: //p')
	unit=$("$GO" tool pprof -raw "$f" 2>/dev/null |
		awk -v t="$type" 'p { for (i = 1; i <= NF; i++) if ($i ~ "^" t "/") { sub(/.*\//, "", $i); sub(/\[.*/, "", $i); print $i }; exit }
		     $0 == "Samples:" { p = 1 }')
	case $unit in
	nanoseconds) u=-unit=ns ;;
	bytes) u=-unit=B ;;
	*) u= ;;
	esac
	"$GO" tool pprof -top -nodecount=1000000 -nodefraction=0 -edgefraction=0 $u "$f" \
		2>"$tmp/err" | rows >"$tmp/want"
	"$build/pb2folded" "$f" 2>>"$tmp/err" | "$build/foldtop" -n 0 2>>"$tmp/err" | rows >"$tmp/got"
	if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $f (type $type, unit ${unit:-none}): name, flat, cum: pprof < > foldtop"
		diff "$tmp/want" "$tmp/got" | grep '^[<>]' | head -n 20
		head -n 5 "$tmp/err"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
