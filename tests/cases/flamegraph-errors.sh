# Malformed lines are skipped and summarised once per file (exit 0);
# --strict makes the first fatal; empty input, zero counts and a pprof
# profile are refused with a clear message (exit 1).  Negative counts
# are not an error: a signed differential graph (flamegraph-diff-signed).
f=data/flamegraph/malformed.folded
flamegraph $f data/flamegraph/basic.folded $f >/dev/null && echo "exit 0"
flamegraph --strict $f >/dev/null || echo "strict: exit $?"
printf 'a 1\n' | flamegraph --strict - >/dev/null && echo "strict, clean: exit 0"
: | flamegraph >/dev/null || echo "empty: exit $?"
printf '\n\n' | flamegraph >/dev/null || echo "blank lines: exit $?"
printf 'x\ny\n' | flamegraph >/dev/null || echo "only malformed: exit $?"
printf 'a 0\nb 0\n' | flamegraph >/dev/null || echo "zero counts: exit $?"
printf 'a 3\nb -1\n' | flamegraph >/dev/null && echo "negative: exit 0"
flamegraph samples/cpu.prof >/dev/null || echo "pprof: exit $?"
flamegraph nosuchfile >/dev/null || echo "missing: exit $?"
printf 'a 99999999999999999999\n' | flamegraph >/dev/null || echo "too big: exit $?"
printf 'a 9223372036854775807\nb 1\n' | flamegraph >/dev/null || echo "overflow: exit $?"
printf 'a 5\n' | flamegraph --total 3 >/dev/null && echo "smaller --total: exit 0"
