# a chain of 100,000 nodes (and a sample halfway): no recursion, no limit
awk 'BEGIN {
	n = 100001
	printf "{\"nodes\": [\n"
	for (i = 1; i <= n; i++) {
		printf "{\"id\": %d, \"callFrame\": {\"functionName\": \"%s\"}", i, i == 1 ? "(root)" : "f" i
		if (i < n)
			printf ", \"children\": [%d]", i + 1
		printf "}%s\n", i < n ? "," : ""
	}
	printf "], \"samples\": [%d, 50001], \"timeDeltas\": [10, 20], \"startTime\": 0, \"endTime\": 100}\n", n
}' > deep.cpuprofile
cpuprofile2folded deep.cpuprofile > out.folded
wc -l <out.folded
# frames, the root-most and the leaf frame, the value
awk '{ n = split($0, f, ";"); print n, f[1], f[n] }' out.folded
cpuprofile2folded --samples --lines deep.cpuprofile | awk '{ n = split($0, f, ";"); print n, f[1], f[n] }'
