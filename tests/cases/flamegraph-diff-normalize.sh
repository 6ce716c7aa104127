# -n, --diff-normalize: BEFORE's counts scaled to AFTER's total before
# anything else (widths, colours, tooltips), as difffolded -n scales them.
# BEFORE totals 50 and AFTER 100 (a run twice as long): a 10 -> 20 grew
# (+20, 20% of 100: saturated red), b 40 -> 80 shrank to 60 (-20: blue).
# Unscaled, both look like growth.  With --diff-width=max: a 40, b 80.
frames() {
	awk '/^<g><title>/ {
		b = $0
		while (b !~ /<\/g>$/ && (getline l) > 0)
			b = b " | " l
		t = b; sub(/^<g><title>/, "", t); sub(/<\/title>.*/, "", t)
		w = b; sub(/.* width="/, "", w); sub(/".*/, "", w)
		f = b; sub(/.* fill="/, "", f); sub(/".*/, "", f)
		print w, f, t
	}'
}
printf 'main;a 10 40\nmain;b 40 60\n' >in.folded
echo "-- raw"
flamegraph in.folded | frames
echo "-- --diff-normalize --diff-width=max"
flamegraph --diff-normalize --diff-width=max in.folded | frames
echo "-- -n is --diff-normalize; input made with difffolded -n is left alone"
flamegraph -n --diff-width=max in.folded >n.svg
flamegraph --diff-norm --diff-width=max in.folded | cmp - n.svg && echo same
printf 'main;a 10\nmain;b 40\n' >before.folded
printf 'main;a 40\nmain;b 60\n' >after.folded
difffolded -n before.folded after.folded | flamegraph --diff-width=max | cmp - n.svg && echo same
difffolded -n before.folded after.folded | flamegraph -n --diff-width=max | cmp - n.svg && echo same
echo "-- the shipped sample: difffolded -n | flamegraph = flamegraph -n"
difffolded -n samples/diff/cpu-a.folded samples/diff/cpu-b.folded | flamegraph >a.svg
difffolded samples/diff/cpu-a.folded samples/diff/cpu-b.folded | flamegraph -n | cmp - a.svg && echo same
echo "-- nothing to scale"
printf 'a 1\n' | flamegraph -n >/dev/null && echo "exit 0"
printf 'a 0 1\n' | flamegraph -n >/dev/null && echo "exit 0"
printf 'a -1\n' | flamegraph --diff-normalize >/dev/null && echo "exit 0"
