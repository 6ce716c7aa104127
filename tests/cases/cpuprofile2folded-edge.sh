# empty and tiny profiles, samples on the root, hitCount-only profiles,
# zero-length samples, an endTime before the last sample, odd names and ids
t() {	# name options json
	printf '%s\n' "$3" > "$1.cpuprofile"
	echo "== $1 $2"
	cpuprofile2folded $2 "$1.cpuprofile" 2>&1 || echo "exit $?"
}
R='{"id": 1, "callFrame": {"functionName": "(root)"}'
t empty-nodes "" '{"nodes": []}'
t empty-nodes --samples '{"nodes": []}'
t root-only "" "{\"nodes\": [$R}], \"samples\": [], \"timeDeltas\": []}"
t root-only-hitcount "" "{\"nodes\": [$R, \"hitCount\": 0}]}"
t root-sampled "" "{\"nodes\": [$R}], \"samples\": [1, 1], \"timeDeltas\": [5, 10], \"startTime\": 0, \"endTime\": 100}"
t single --samples "{\"nodes\": [$R, \"children\": [2]}, {\"id\": 2, \"callFrame\": {\"functionName\": \"f\"}}], \"samples\": [2]}"
t single "" "{\"nodes\": [$R, \"children\": [2]}, {\"id\": 2, \"callFrame\": {\"functionName\": \"f\"}}], \"samples\": [2], \"timeDeltas\": [7], \"startTime\": 10, \"endTime\": 20}"
# hitCount, no samples: counts with --samples, an error by time
H="{\"nodes\": [$R, \"children\": [2, 3]}, {\"id\": 2, \"callFrame\": {\"functionName\": \"f\"}, \"hitCount\": 4}, {\"id\": 3, \"callFrame\": {\"functionName\": \"g\"}, \"hitCount\": 0}]}"
t hitcount --samples "$H"
t hitcount "" "$H"
t no-timedeltas "" "{\"nodes\": [$R, \"children\": [2]}, {\"id\": 2, \"callFrame\": {\"functionName\": \"f\"}}], \"samples\": [2]}"
t no-timedeltas --samples "{\"nodes\": [$R, \"children\": [2]}, {\"id\": 2, \"callFrame\": {\"functionName\": \"f\"}}], \"samples\": [2]}"
# two samples at one time: the first lasts 0 and its stack is not printed
Z="{\"nodes\": [$R, \"children\": [2, 3]}, {\"id\": 2, \"callFrame\": {\"functionName\": \"f\"}}, {\"id\": 3, \"callFrame\": {\"functionName\": \"g\"}}], \"samples\": [2, 3], \"timeDeltas\": [1, 0], \"startTime\": 0, \"endTime\": 11}"
t zero-length "" "$Z"
t zero-length --samples "$Z"
# endTime before the last sample: the last one lasts 0
t end-early "" "{\"nodes\": [$R, \"children\": [2, 3]}, {\"id\": 2, \"callFrame\": {\"functionName\": \"f\"}}, {\"id\": 3, \"callFrame\": {\"functionName\": \"g\"}}], \"samples\": [2, 3], \"timeDeltas\": [1, 10], \"startTime\": 0, \"endTime\": 5}"
# negative and huge ids are only names; null fields count as absent
t ids "" "{\"nodes\": [{\"id\": -9223372036854775808, \"callFrame\": {\"functionName\": \"(root)\", \"url\": null}, \"children\": [9223372036854775807]}, {\"id\": 9223372036854775807, \"callFrame\": {\"functionName\": \"f\", \"lineNumber\": null}, \"children\": null}], \"samples\": [9223372036854775807], \"timeDeltas\": [-5], \"startTime\": -10, \"endTime\": 0}"
# control bytes (also an escaped NUL) become spaces, ';' becomes ':', UTF-8 stays
t names "--samples --lines" "{\"nodes\": [$R, \"children\": [2]}, {\"id\": 2, \"callFrame\": {\"functionName\": \"a;b\\u0000c\\nd\\u007f\", \"url\": \"file:///x;y/\\u00e9t\\u00e9.js\", \"lineNumber\": 41}}], \"samples\": [2]}"
# a url without a line number, a line number without a url
t lines "--samples --lines" "{\"nodes\": [$R, \"children\": [2]}, {\"id\": 2, \"callFrame\": {\"functionName\": \"f\", \"url\": \"u.js\"}, \"children\": [3]}, {\"id\": 3, \"callFrame\": {\"functionName\": \"\", \"lineNumber\": 3}}], \"samples\": [3]}"
# --no-idle with nothing else
t idle-only "--no-idle" "{\"nodes\": [$R, \"children\": [2]}, {\"id\": 2, \"callFrame\": {\"functionName\": \"(idle)\"}}], \"samples\": [2], \"timeDeltas\": [1], \"startTime\": 0, \"endTime\": 9}"
