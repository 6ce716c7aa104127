# each way a profile can be broken: one line naming the file and where, exit 1
t() {	# name options json
	printf '%s\n' "$3" > "$1.cpuprofile"
	cpuprofile2folded $2 "$1.cpuprofile" 2>&1 || echo "exit $?"
}
R='{"id": 1, "callFrame": {"functionName": "(root)"}'
F='"callFrame": {"functionName": "f"}'
echo "== JSON syntax: FILE:LINE:COLUMN"
: > empty.cpuprofile
cpuprofile2folded empty.cpuprofile 2>&1 || echo "exit $?"
t truncated "" '{"nodes": [{"id": 1,'
printf '{\n  "nodes": [\n    {"id": 1, "callFrame": {"functionName": "f"}},\n    {"id": 2 "callFrame": {}}\n  ]\n}\n' > syntax.cpuprofile
cpuprofile2folded syntax.cpuprofile 2>&1 || echo "exit $?"
t trailing "" '{"nodes": []} x'
t control "" "$(printf '{"nodes": [{"id": 1, "callFrame": {"functionName": "a\001b"}}]}')"
printf '{"nodes": [], "x": "\377"}\n' > utf8.cpuprofile
cpuprofile2folded utf8.cpuprofile 2>&1 || echo "exit $?"
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "["; for (i = 0; i < 3000; i++) printf "]"; print "" }' > deep.cpuprofile
cpuprofile2folded deep.cpuprofile 2>&1 || echo "exit $?"
t big-int "" '{"nodes": [{"id": 99999999999999999999}]}'
echo "== not a profile"
t array "" '[{"pid": 1, "ph": "X"}]'
t trace "" '{"traceEvents": []}'
t old-format "" '{"head": {"functionName": "(root)", "children": []}}'
t no-nodes "" '{"samples": []}'
t nodes-object "" '{"nodes": {}}'
echo "== nodes"
t node-not-object "" '{"nodes": [3]}'
t no-id "" '{"nodes": [{"callFrame": {}}]}'
t id-real "" '{"nodes": [{"id": 1.5, "callFrame": {}}]}'
t id-string "" '{"nodes": [{"id": "1", "callFrame": {}}]}'
t no-callframe "" '{"nodes": [{"id": 1}]}'
t name-number "" '{"nodes": [{"id": 1, "callFrame": {"functionName": 7}}]}'
t url-bool "" '{"nodes": [{"id": 1, "callFrame": {"url": true}}]}'
t line-string "" '{"nodes": [{"id": 1, "callFrame": {"lineNumber": "3"}}]}'
t dup-id "" "{\"nodes\": [$R, \"children\": [2]}, {\"id\": 2, $F}, {\"id\": 1, $F}]}"
echo "== the tree"
t children-object "" "{\"nodes\": [$R, \"children\": {}}]}"
t child-string "" "{\"nodes\": [$R, \"children\": [\"2\"]}, {\"id\": 2, $F}]}"
t child-unknown "" "{\"nodes\": [$R, \"children\": [2, 3]}, {\"id\": 2, $F}]}"
t child-twice "" "{\"nodes\": [$R, \"children\": [2, 2]}, {\"id\": 2, $F}]}"
t two-parents "" "{\"nodes\": [$R, \"children\": [2, 3]}, {\"id\": 2, $F, \"children\": [3]}, {\"id\": 3, $F}]}"
t own-child "" "{\"nodes\": [$R, \"children\": [2]}, {\"id\": 2, $F, \"children\": [2]}]}"
t two-roots "" "{\"nodes\": [$R}, {\"id\": 2, $F}]}"
t no-root "" "{\"nodes\": [{\"id\": 1, $F, \"children\": [2]}, {\"id\": 2, $F, \"children\": [1]}]}"
t cycle "" "{\"nodes\": [$R, \"children\": [2]}, {\"id\": 2, $F}, {\"id\": 3, $F, \"children\": [4]}, {\"id\": 4, $F, \"children\": [5]}, {\"id\": 5, $F, \"children\": [3]}]}"
echo "== samples and times"
N="\"nodes\": [$R, \"children\": [2]}, {\"id\": 2, $F, \"hitCount\": 1}]"
t samples-object "" "{$N, \"samples\": {}}"
t sample-string "--samples" "{$N, \"samples\": [2, \"2\"]}"
t sample-unknown "--samples" "{$N, \"samples\": [2, 5]}"
t hitcount-negative "--samples" "{\"nodes\": [$R, \"children\": [2]}, {\"id\": 2, $F, \"hitCount\": -1}]}"
t hitcount-real "--samples" "{\"nodes\": [$R, \"children\": [2]}, {\"id\": 2, $F, \"hitCount\": 1.0}]}"
t deltas-object "" "{$N, \"samples\": [2], \"timeDeltas\": {}}"
t deltas-short "" "{$N, \"samples\": [2, 2], \"timeDeltas\": [1], \"startTime\": 0, \"endTime\": 5}"
t delta-real "" "{$N, \"samples\": [2, 2], \"timeDeltas\": [1, 0.5], \"startTime\": 0, \"endTime\": 5}"
t no-start "" "{$N, \"samples\": [2], \"timeDeltas\": [1], \"endTime\": 5}"
t end-string "" "{$N, \"samples\": [2], \"timeDeltas\": [1], \"startTime\": 0, \"endTime\": \"5\"}"
echo "== overflow"
t time-overflow "" "{$N, \"samples\": [2, 2], \"timeDeltas\": [1, 9223372036854775807], \"startTime\": 0, \"endTime\": 5}"
t span-overflow "" "{$N, \"samples\": [2], \"timeDeltas\": [-9223372036854775807], \"startTime\": -1, \"endTime\": 5}"
t value-overflow "" "{$N, \"samples\": [2, 2, 2], \"timeDeltas\": [-9223372036854775807, 9223372036854775807, 0], \"startTime\": 0, \"endTime\": 9223372036854775807}"
H="{\"nodes\": [$R, \"children\": [2, 3]}, {\"id\": 2, $F, \"hitCount\": 9223372036854775807}, {\"id\": 3, \"callFrame\": {\"functionName\": \"g\"}, \"hitCount\": 1}]}"
t total-overflow "--samples" "$H"
printf '%s\n' "{\"nodes\": [$R, \"children\": [2]}, {\"id\": 2, $F, \"hitCount\": 9223372036854775807}]}" > max.cpuprofile
cpuprofile2folded --samples max.cpuprofile
cpuprofile2folded --samples max.cpuprofile max.cpuprofile 2>&1 || echo "exit $?"
