# a real profile, written by node --cpu-prof on samples/node/busy.js
# (scripts/gen-node-samples.sh): the golden output, and the same stacks and
# values computed by a different route (tests/data/cpuprofile/fold.py)
p=samples/node/busy.cpuprofile
echo "== time (microseconds)"
cpuprofile2folded $p
echo "== --samples --lines --no-idle"
cpuprofile2folded --samples --lines --no-idle $p
echo "== cross-check with fold.py"
for o in "" --samples --lines "--no-idle --lines" "--samples --no-idle"; do
	cpuprofile2folded $o $p > ours
	python3 data/cpuprofile/fold.py $o $p > theirs 2> total
	cmp -s ours theirs && echo "${o:-time}: same $(wc -l < ours) stacks, $(cat total)"
	awk '{ s += $NF } END { print "  ours: # total", s }' ours
done
# the total is endTime minus the first sample's time
python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))
print("endTime - first sample:", p["endTime"] - p["startTime"] - p["timeDeltas"][0])' $p
