# folded2pb | pb2folded gives back the stacks: merged, zero sums dropped,
# sorted bytewise (the reference: awk merging by stack, LC_ALL=C sort)
norm() {
	awk '{ n = $NF; s = $0; sub(/ [^ ]*$/, "", s); c[s] += n }
	    END { for (s in c) if (c[s] != 0) print s, c[s] }' "$@" | sort
}
# without --mark-inline pb2folded names inlined frames without _[i]: the
# suffix goes from every frame but the first (a root frame is not inlined)
unmark() {
	awk '{ n = $NF; s = $0; sub(/ [^ ]*$/, "", s)
	    k = split(s, f, ";"); o = f[1]
	    for (i = 2; i <= k; i++) {
		if (length(f[i]) > 4 && substr(f[i], length(f[i]) - 3) == "_[i]")
			f[i] = substr(f[i], 1, length(f[i]) - 4)
		o = o ";" f[i]
	    }
	    print o, n }' "$@"
}
# every sample type of every shipped profile, with and without
# --mark-inline on both pb2folded calls; the type and unit are carried by
# --type and --unit
for p in samples/*.prof; do
	pb2folded --list-types "$p" | sed 's/ (default)$//' >types
	while read -r type unit; do
		for m in '' --mark-inline; do
			pb2folded $m -i "$type" "$p" >a.folded
			folded2pb --type "$type" --unit "$unit" a.folded >b.pb.gz
			pb2folded $m b.pb.gz | cmp a.folded -
		done
		echo "${p#samples/} $type: $(wc -l <a.folded) stacks," \
		    "$(grep -o '_\[i\]' a.folded | wc -l) inlined frames;" \
		    "$(pb2folded --list-types b.pb.gz)"
	done <types
done
for f in recursive base; do
	folded2pb data/diff/$f.folded | pb2folded >b.folded
	norm data/diff/$f.folded | cmp - b.folded
	echo "$f.folded: $(wc -l <b.folded) stacks"
done
# genfolded.py --mb 2 --seed 3: repeated stacks, deep recursion, unicode,
# perf's _[i] (inlined) and _[k] (kernel) marks
gzip -dc data/edge/gen-2mb-seed3.folded.gz >gen.folded
folded2pb --type=cpu/nanoseconds -o gen.pb.gz gen.folded
# deterministic: the same bytes again, from a pipe too
folded2pb --type cpu --unit nanoseconds <gen.folded | cmp gen.pb.gz -
pb2folded --list-types gen.pb.gz
pb2folded --mark-inline gen.pb.gz >back.folded
norm gen.folded | cmp - back.folded
pb2folded gen.pb.gz >back.folded
unmark gen.folded | norm | cmp - back.folded
echo "gen: $(wc -l <gen.folded) lines, $(wc -l <back.folded) stacks," \
    "$(grep -o '_\[i\]' gen.folded | wc -l) inlined frames"
