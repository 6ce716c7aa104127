# --list-types: type and unit, the default marked
for f in cpu heap allocs goroutine block; do
	echo "--- $f.prof"
	pb2folded --list-types samples/$f.prof
done
echo "--- merged: the first profile's default_sample_type"
pb2folded --list-types samples/heap.prof samples/allocs.prof
