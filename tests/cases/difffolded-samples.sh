# the shipped example in samples/diff is what the tools make (see its README)
pb2folded samples/cpu-a.prof | cmp - samples/diff/cpu-a.folded
pb2folded samples/cpu-b.prof | cmp - samples/diff/cpu-b.folded
difffolded samples/diff/cpu-a.folded samples/diff/cpu-b.folded | cmp - samples/diff/cpu-ab.diff.folded
foldtop -n 10 samples/diff/cpu-ab.diff.folded | cmp - samples/diff/cpu-ab.top.txt
# the diff's sides add up to the profiles' totals
foldtop -n 0 samples/diff/cpu-a.folded | head -n 1
foldtop -n 0 samples/diff/cpu-b.folded | head -n 1
head -n 1 samples/diff/cpu-ab.top.txt
