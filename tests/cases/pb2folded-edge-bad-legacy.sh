# legacy text profiles (debug=1): unsupported, with a hint to fetch debug=0
try() {
	if pb2folded "$@" >out; then echo "$*: exit 0"; else echo "$*: exit $?"; fi
	if [ -s out ]; then echo "$*: output on stdout"; fi
}
printf 'heap profile: 1: 2048 [3: 4096] @ heap/1048576\n1: 2048 [3: 4096] @ 0x1 0x2\n' >heap.txt
try heap.txt
printf -- '--- contention:\ncycles/second=2000000000\n100 1 @ 0x1 0x2\n' >block.txt
try block.txt
printf 'goroutine profile: total 3\n3 @ 0x1 0x2\n#\t0x1\tmain.main+0x1\t/a.go:3\n' >goroutine.txt
try goroutine.txt
gzip -n <heap.txt >heap.txt.gz
try heap.txt.gz
