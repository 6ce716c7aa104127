# default output of each shipped profile: pprof's default sample type and naming
for f in cpu heap allocs goroutine block mutex; do
	echo "--- $f.prof"
	pb2folded samples/$f.prof
done
