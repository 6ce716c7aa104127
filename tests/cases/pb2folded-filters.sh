# pprof's filters on the CPU profile
for o in -focus=fib '-ignore=mallocgc|crc32' -hide=^runtime '-show=^main\.' \
    -show_from=runChunk '-show_from=^main\.step$' -prune_from=mix64 '-prune_from=^runtime\.' \
    '-focus=(?i)FIB' '-focus=\d'; do
	echo "--- $o"
	pb2folded "$o" samples/cpu.prof
done
