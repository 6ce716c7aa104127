# value columns by name, by index, pprof's spellings and shorthands agree
pb2folded -i alloc_objects samples/heap.prof
pb2folded --sample-index=0 samples/heap.prof > a
pb2folded -sample_index=alloc_objects samples/heap.prof > b
pb2folded --alloc-objects samples/heap.prof > c
pb2folded -alloc_objects samples/heap.prof > d
pb2folded --sample_index alloc_objects samples/heap.prof > e
cmp a b && cmp a c && cmp a d && cmp a e && echo "same: 5 spellings"
# an explicit -i wins over a shorthand; the first shorthand in pprof's order wins
pb2folded -i contentions --total-delay samples/block.prof > a
pb2folded -contentions samples/block.prof > b
pb2folded --inuse-space --total-delay samples/block.prof > c
pb2folded -i delay samples/block.prof > d
cmp a b && cmp c d && echo "same: precedence"
echo "--- mean delay"
pb2folded -mean_delay samples/mutex.prof
