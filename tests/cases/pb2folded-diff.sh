# merging and subtracting profiles
echo "--- merge"
pb2folded samples/cpu-a.prof samples/cpu-b.prof
echo "--- -base"
pb2folded -base=samples/cpu-a.prof samples/cpu-b.prof
echo "--- -diff_base gives the same stacks"
pb2folded -base=samples/cpu-a.prof samples/cpu-b.prof > b
pb2folded --diff-base samples/cpu-a.prof samples/cpu-b.prof | cmp - b && echo same
echo "--- -normalize -base"
pb2folded -normalize -base=samples/cpu-a.prof samples/cpu-b.prof
echo "--- everything cancels; --keep-zero keeps the stacks"
pb2folded -base=samples/cpu.prof samples/cpu.prof | wc -l
pb2folded --keep-zero -base=samples/cpu.prof samples/cpu.prof | head -n 3
