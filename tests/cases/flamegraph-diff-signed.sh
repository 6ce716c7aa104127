# Two-column input with negative counts (pb2folded --base: the change
# from a base profile) is drawn as a differential graph, never refused:
# width from each frame's magnitude (own |count| + its children's), colour
# from the sign.  Magnitudes total 30 + 20 + 8 + 5 + 137 = 200 (5.9 px
# each): a 177.0 px, b 118.0, c 13 * 5.9 = 76.7 (d 29.5), e 808.3.
# Self colours against 5% of 200 = 10: a +30, b -20, e +137 saturate;
# c +8: 210 * (1 - 0.8) = 42; d -5: 105.  By subtree c is +3: 147.
# No frame is new or gone; --diff-width does not apply.
frames() {
	awk '/^<g><title>/ {
		b = $0
		while (b !~ /<\/g>$/ && (getline l) > 0)
			b = b " | " l
		t = b; sub(/^<g><title>/, "", t); sub(/<\/title>.*/, "", t)
		x = b; sub(/.*<rect x="/, "", x); sub(/".*/, "", x)
		w = b; sub(/.* width="/, "", w); sub(/".*/, "", w)
		f = b; sub(/.* fill="/, "", f); sub(/".*/, "", f)
		print x, w, f, t
	}'
}
cat >in.folded <<'X'
main;a 30
main;b -20
main;c 8
main;c;d -5
main;e 137
X
flamegraph in.folded | frames
flamegraph in.folded | grep -o '"diff":[a-z]*'
echo "-- --diff-color=total"
flamegraph --diff-color=total in.folded | frames | sed -n '/ c (/p'
echo "-- --negate"
flamegraph --negate in.folded | frames | sed -n '/ [bc] (/p'
echo "-- --diff-width=after changes nothing"
flamegraph in.folded >a.svg
flamegraph --diff-width=after in.folded | cmp - a.svg && echo same
echo "-- all negative"
printf 'x -3\ny -1\n' | flamegraph | frames
echo "-- pb2folded --base: the shipped profiles' change, drawn, not refused"
pb2folded --base=samples/cpu-a.prof samples/cpu-b.prof >base.folded
grep -c ' -' base.folded
flamegraph base.folded | frames | grep -E ' (all|main.legacyScan|main.sortedLookup.func2) \(' | cut -d' ' -f3-
