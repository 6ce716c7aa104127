# node --perf-basic-prof: JIT frames from /tmp/perf-PID.map, names with
# spaces and "+0x" offsets, C++ frames; gzip input; expected output:
# stackcollapse-perf.pl's on the decompressed text
for o in "" --jit --all --addrs "--pid --kernel"; do
	echo "== ${o:-no option}"
	perf2folded $o samples/perf/node.txt.gz
done
