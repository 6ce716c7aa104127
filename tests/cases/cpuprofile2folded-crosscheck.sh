# generated profiles (fixed seeds) with negative and zero deltas, repeated
# names, samples on inner nodes, idle time, odd names: cpuprofile2folded and
# the independent tests/data/cpuprofile/fold.py agree for every option
for seed in 1 2 3; do
	python3 - $seed > r$seed.cpuprofile <<'PY'
import json, random, sys
rnd = random.Random(int(sys.argv[1]))
names = ['(program)', '(idle)', '(garbage collector)', '', 'a', 'b;c', 'd\te', 'f', 'g']
nodes = [{'id': 1, 'callFrame': {'functionName': '(root)', 'url': '', 'lineNumber': -1}, 'children': []}]
ids = [1]
for i in range(300):
    par = rnd.choice(nodes)
    nid = rnd.randrange(-10**12, 10**12)
    while nid in ids:
        nid = rnd.randrange(-10**12, 10**12)
    ids.append(nid)
    cf = {'functionName': rnd.choice(names), 'url': rnd.choice(['', 'file:///x.js', 'y.js']),
          'lineNumber': rnd.randrange(-1, 5), 'columnNumber': 0}
    par.setdefault('children', []).append(nid)
    nodes.append({'id': nid, 'callFrame': cf, 'hitCount': 0})
rnd.shuffle(nodes)
n = 5000
samples = [rnd.choice(ids) for _ in range(n)]
deltas = [rnd.choice([0, 1, 500, 1000, 1250, -300, -2000]) for _ in range(n)]
start = rnd.randrange(0, 10**9)
print(json.dumps({'nodes': nodes, 'startTime': start, 'endTime': start + sum(deltas) + 700,
                  'samples': samples, 'timeDeltas': deltas}))
PY
	for o in "" --samples --lines "--no-idle --lines" "--samples --no-idle --lines"; do
		cpuprofile2folded $o r$seed.cpuprofile > ours
		python3 data/cpuprofile/fold.py $o r$seed.cpuprofile > theirs 2> total
		if cmp -s ours theirs; then
			echo "seed $seed ${o:-time}: same, $(wc -l < ours) stacks, $(cat total)"
		else
			echo "seed $seed ${o:-time}: DIFFERENT"
		fi
	done
done
for o in "" --samples --lines --no-idle; do
	cpuprofile2folded $o data/cpuprofile/small.cpuprofile > ours
	python3 data/cpuprofile/fold.py $o data/cpuprofile/small.cpuprofile > theirs 2> total
	cmp -s ours theirs && echo "small ${o:-time}: same, $(cat total)"
done
