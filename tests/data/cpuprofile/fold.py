#!/usr/bin/env python3
"""fold.py [--samples] [--lines] [--no-idle] FILE - folded stacks of a .cpuprofile,
computed independently of cpuprofile2folded (for the cross-check case).

A different route: each sample's stack is built as a string by walking
parent links up from its node (a dict made from the children lists), and
the strings are summed in a dict (a sample on the root itself gets the
root's name as its one frame).  Time per sample: timestamps are
startTime plus the running sum of timeDeltas; the samples, in a stable
sort by timestamp, last up to the next one, the last up to endTime.
Prints the lines sorted bytewise, then '# total N' on stderr."""
import json
import sys

args = sys.argv[1:]
by_samples = '--samples' in args
lines = '--lines' in args
no_idle = '--no-idle' in args
path = [a for a in args if not a.startswith('--')][0]
with open(path, 'rb') as fp:
    prof = json.loads(fp.read().decode('utf-8'))

nodes = {n['id']: n for n in prof['nodes']}
parent = {}
for n in prof['nodes']:
    for c in n.get('children', []):
        parent[c] = n['id']


def frame(n):
    cf = n['callFrame']
    s = cf.get('functionName') or '(anonymous)'
    if lines and cf.get('url'):
        s += ' ' + cf['url']
        if cf.get('lineNumber', -1) >= 0:
            s += ':%d' % (cf['lineNumber'] + 1)
    s = s.replace(';', ':')
    return ''.join(' ' if ord(ch) < 0x20 or ord(ch) == 0x7f else ch for ch in s)


def stack(i):
    if i not in parent:     # a sample on the root: the root's name
        return frame(nodes[i])
    names = []
    while i in parent:
        names.append(frame(nodes[i]))
        i = parent[i]
    return ';'.join(reversed(names))


samples = prof['samples']
if by_samples:
    weights = [1] * len(samples)
else:
    t, stamps = prof['startTime'], []
    for d in prof['timeDeltas']:
        t += d
        stamps.append(t)
    order = sorted(range(len(samples)), key=lambda k: stamps[k])
    weights = [0] * len(samples)
    for pos, k in enumerate(order):
        nxt = stamps[order[pos + 1]] if pos + 1 < len(order) else max(prof['endTime'], stamps[k])
        weights[k] = nxt - stamps[k]

sums = {}
for k, i in enumerate(samples):
    if no_idle and nodes[i]['callFrame'].get('functionName') == '(idle)':
        continue
    s = stack(i)
    sums[s] = sums.get(s, 0) + weights[k]
out = sorted(('%s %d\n' % (s, v)).encode('utf-8') for s, v in sums.items() if v != 0)
sys.stdout.buffer.write(b''.join(out))
sys.stderr.write('# total %d\n' % sum(sums.values()))
