# folded2pb | pb2folded gives back the stacks: merged, zero sums dropped,
# sorted bytewise (the reference: awk merging by stack, LC_ALL=C sort)
norm() {
	awk '{ n = $NF; s = $0; sub(/ [^ ]*$/, "", s); c[s] += n }
	    END { for (s in c) if (c[s] != 0) print s, c[s] }' "$@" | sort
}
for p in samples/*.prof; do
	pb2folded "$p" >a.folded
	folded2pb a.folded | pb2folded >b.folded
	cmp a.folded b.folded
	echo "${p#samples/}: $(wc -l <a.folded) stacks"
done
for f in recursive base; do
	folded2pb data/diff/$f.folded | pb2folded >b.folded
	norm data/diff/$f.folded | cmp - b.folded
	echo "$f.folded: $(wc -l <b.folded) stacks"
done
# genfolded.py --mb 2 --seed 3: repeated stacks, deep recursion, unicode
gzip -dc data/edge/gen-2mb-seed3.folded.gz >gen.folded
folded2pb --type=cpu/nanoseconds -o gen.pb.gz gen.folded
pb2folded --list-types gen.pb.gz
pb2folded gen.pb.gz >back.folded
norm gen.folded | cmp - back.folded
echo "gen: $(wc -l <gen.folded) lines, $(wc -l <back.folded) stacks"
