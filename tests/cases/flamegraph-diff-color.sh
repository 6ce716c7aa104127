# --diff-color: by the frame's own change (default, as flamegraph.pl) or
# by its subtree's.  Both profiles total 100.  "a" loses 1 in each of
# four leaves (1% of the total each: 210 * (1 - 1/5) = 168, pale blue)
# while its own count stays: white by self, but its subtree lost 4%
# (210 * (1 - 4/5) = 42: deep blue) by total.  "b" gains 4: rgb(255,42,42).
# main's own and subtree changes are 0: white either way.
# --diff-threshold PCT leaves changes under PCT% of the total white.
# --negate swaps hues and signs (and before with after in the tooltips).
frames() {
	awk '/^<g><title>/ {
		b = $0
		while (b !~ /<\/g>$/ && (getline l) > 0)
			b = b " | " l
		t = b; sub(/^<g><title>/, "", t); sub(/<\/title>.*/, "", t)
		f = b; sub(/.* fill="/, "", f); sub(/".*/, "", f)
		print f, t
	}'
}
cat >in.folded <<'X'
main;a;w 10 9
main;a;x 10 9
main;a;y 10 9
main;a;z 10 9
main;a 5 5
main;b 55 59
X
echo "-- self (default)"
flamegraph in.folded | frames
echo "-- --diff-color=total"
flamegraph --diff-color=total in.folded | frames
echo "-- --diff-color=self --diff-threshold=2"
flamegraph --diff-color=self --diff-threshold=2 in.folded | frames | cut -d'|' -f1
echo "-- --diff-color=total --diff-threshold 5: a's 4% is white too"
flamegraph --diff-color=total --diff-threshold 5 in.folded | frames | cut -d'|' -f1
echo "-- --negate --diff-color=total"
flamegraph --negate --diff-color=total in.folded | frames
echo "-- errors"
flamegraph --diff-color=both in.folded || echo "exit $?"
flamegraph --diff-threshold=101 in.folded || echo "exit $?"
flamegraph --diff-threshold=-1 in.folded || echo "exit $?"
