#!/bin/sh
# traces2folded.sh [pprof options...] PROFILE...
#
# Reference implementation of "profile -> folded stacks" built on
# `go tool pprof -traces`; tests/crosscheck.sh compares pb2folded with it.
# Output: one "frame;frame;...;leaf VALUE" line per distinct stack (root
# first), VALUE the exact integer sum in the sample type's own unit, stacks
# summing to 0 dropped, ';' in names mapped to ':', control bytes (< 0x20,
# 0x7f) to spaces, lines sorted with LC_ALL=C sort.
#
# How exact values are obtained: -traces formats each value with
# measurement.ScaledLabel(v, sample_unit, -unit) = "%.2f" with ".00" trimmed
# plus a unit suffix. With -unit set to the sample type's own unit the factor
# is 1, so the value prints as an integer ("10000000ns", "458752B", "4"),
# exact up to 2^53. -unit also changes the names of -tagroot/-tagleaf frames
# made from numeric labels that carry a unit, so pprof runs three times:
#   1. -traces with the caller's options: frame names and the "Type:" header
#   2. -raw: the "type/unit" list, to find the unit of that type
#   3. -traces with -unit=<unit>: the exact values
# Blocks of runs 1 and 3 are paired by position (same sample order).
#
# Environment: GO (default: go).
set -eu

GO=${GO:-go}
export LC_ALL=C

if [ $# -eq 0 ]; then
	echo "usage: $0 [pprof options...] PROFILE..." >&2
	exit 2
fi
if [ -z "${HOME:-}" ] && [ -z "${GOCACHE:-}" ]; then
	export GOCACHE="${TMPDIR:-/tmp}/traces2folded-gocache"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/traces2folded.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# quote ARG: ARG as a single-quoted sh word.
quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# Arguments for run 3: the caller's, minus any -unit option (a later -unit
# would override ours). Go's flag package accepts -unit=X, --unit=X and
# "-unit X"; after the first non-flag argument (or "--") flags end.
noun=""
skip=0
flags=1
for a in "$@"; do
	if [ $skip = 1 ]; then skip=0; continue; fi
	if [ $flags = 1 ]; then
		case $a in
		--) flags=0 ;;
		-unit=* | --unit=*) continue ;;
		-unit | --unit) skip=1; continue ;;
		-*) ;;
		*) flags=0 ;;
		esac
	fi
	noun="$noun $(quote "$a")"
done

pprof() { # pprof OUT ARGS...: run go tool pprof, stderr shown on failure
	out=$1
	shift
	if ! "$GO" tool pprof -symbolize=none "$@" >"$out" 2>"$tmp/err"; then
		echo "traces2folded: go tool pprof $* failed:" >&2
		cat "$tmp/err" >&2
		exit 1
	fi
}

# 1. names and the selected sample type
pprof "$tmp/names" -traces "$@"
type=$(awk '/^-----------\+-/ { exit } /^Type: / { t = substr($0, 7) } END { print t }' "$tmp/names")
if [ -z "$type" ]; then
	echo "traces2folded: no Type: line in pprof -traces output" >&2
	exit 1
fi

# 2. its unit, from the "Samples:" header of -raw ("type/unit[dflt] ...")
pprof "$tmp/raw" -raw "$@"
unit=$(awk -v t="$type" '
	function find(name,   i, n, f, tok) {
		n = split(types, f, " ")
		for (i = 1; i <= n; i++) {
			tok = f[i]
			sub(/\[dflt\]$/, "", tok)
			if (substr(tok, 1, length(name) + 1) == name "/") {
				print substr(tok, length(name) + 2)
				found = 1
				return 1
			}
		}
		return 0
	}
	prev == "Samples:" { types = $0; exit }
	{ prev = $0 }
	END {
		if (find(t)) exit 0
		if (t ~ /^mean_/ && find(substr(t, 6))) exit 0
		exit 1
	}' "$tmp/raw") || {
	echo "traces2folded: sample type \"$type\" not found in pprof -raw header" >&2
	exit 1
}

# 3. exact values
eval "set -- $noun"
pprof "$tmp/values" -traces -unit="$unit" "$@"

# Parse both -traces outputs. A sample block is:
#   -----------+-------------------------------------------------------
#   %10s:  %s                    label lines (key, values joined by " ")
#   %10s   %s[ (inline)]         value, leaf frame
#              %s[ (inline)]     13 spaces, caller frames, leaf to root
# The value column is exactly 10 wide only when the value fits.
awk '
	BEGIN { sep = "-----------+-------------------------------------------------------" }
	function fail(msg) {
		printf "traces2folded: %s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
		err = 1
		exit 1
	}
	function endblock() {
		if (state == 2) {
			if (pass == 1) {
				nb++
				val[nb] = v
				nf[nb] = n
			} else {
				mb++
				if (mb > nb) fail("more samples than in the values run")
				if (n != nf[mb]) fail("frame count differs from the values run")
				stack = ""
				for (i = n; i >= 1; i--)
					stack = stack (i == n ? "" : ";") fr[i]
				if (!(stack in sum)) order[++ns] = stack
				sum[stack] += val[mb]
			}
		}
		state = 1
		n = 0
	}
	FNR == 1 { pass++; state = 0; n = 0 }
	$0 == sep { endblock(); next }
	state == 0 { next }                     # header: File/Type/Time/Duration/comments
	state == 1 {
		if (match($0, /^ *-?[0-9]+(\.[0-9]+)?[^ :]*   /)) {
			name = substr($0, RLENGTH + 1)
			tok = substr($0, 1, RLENGTH - 3)
			sub(/^ */, "", tok)
			if (pass == 1) {
				if (tok ~ /^-?[0-9]+\./) fail("value " tok " is not exact")
				match(tok, /^-?[0-9]+/)
				v = substr(tok, 1, RLENGTH) + 0
			}
			state = 2
		} else if ($0 ~ /:  /) {
			next                            # label line
		} else {
			fail("unexpected line in sample block: " $0)
		}
	}
	state == 2 && n > 0 {
		if (substr($0, 1, 13) != "             ") fail("unexpected frame line: " $0)
		name = substr($0, 14)
	}
	state == 2 {
		if (pass == 2) {
			sub(/ \(inline\)$/, "", name)
			gsub(/;/, ":", name)
			gsub(/[\001-\037\177]/, " ", name)
		}
		fr[++n] = name
	}
	END {
		if (err) exit 1
		if (pass != 2) { print "traces2folded: internal error: missing input" > "/dev/stderr"; exit 1 }
		if (state != 1) fail("output does not end with a separator line")
		if (mb != nb) fail("fewer samples than in the values run")
		for (i = 1; i <= ns; i++)
			if (sum[order[i]] != 0)
				printf "%s %.0f\n", order[i], sum[order[i]]
	}
' "$tmp/values" "$tmp/names" >"$tmp/folded"
sort "$tmp/folded"
