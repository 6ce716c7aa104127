# --diff-width: widths from AFTER (default), BEFORE, or the larger side
# of each frame, so removed code stays visible.  Both profiles total 100:
# "old" (40) is gone, "fresh" (30) is new, "keep" grows from 60 to 70.
# max: width(n) = max(self after, self before) + its children's widths,
# so old = 10 + 30 = 40, keep 70, fresh 30, all 140: 1180 px / 140 =
# 8.43 px each (fresh 10.0 + 252.9, keep + 590.0, old + 337.1).  new is
# darkseagreen, gone lightgrey; changes are percentages of the larger
# profile, 100 (keep +10: saturated red, old's own -10 and helper's -30
# are "gone" all the same).
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
main;old;helper 30 0
main;old 10 0
main;keep 60 70
main;fresh 0 30
X
for w in after before max; do
	echo "-- --diff-width=$w"
	flamegraph --diff-width=$w in.folded | frames
done
echo "-- every frame lies within a frame of the row below (its parent)"
for w in after before max; do
	flamegraph --diff-width=$w in.folded |
	    sed -n 's/.*<\/title><rect x="\([^"]*\)" y="\([^"]*\)" width="\([^"]*\)".*/\1 \2 \3/p' |
	    awk -v w=$w '{ x[NR] = $1; y[NR] = $2; e[NR] = $1 + $3 }
	    END { bad = 0
		for (i = 1; i <= NR; i++) {
			if (y[i] == y[1]) continue
			ok = 0
			for (j = 1; j <= NR; j++)
				if (y[j] == y[i] + 16 && x[j] <= x[i] + 0.05 && e[i] <= e[j] + 0.05)
					ok = 1
			if (!ok) bad++
		}
		print w ": " NR " frames, " bad " outside their parent" }'
done
echo "-- errors"
flamegraph --diff-width=both in.folded || echo "exit $?"
