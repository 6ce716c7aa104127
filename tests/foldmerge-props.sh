#!/bin/sh
# foldmerge-props.sh BUILDDIR - foldmerge's algebra over random inputs.
#
# For CASES (300) random sets of four inputs (integers, decimals up to 6
# places, negatives, repeated stacks, stacks that sum to zero, names with
# blanks and digits, comments, two- and three-column files), checks that
# the bytes are the same for:
#   foldmerge a b c d;  foldmerge (foldmerge a b) (foldmerge c d);
#   foldmerge d (foldmerge c (foldmerge b a));  cat a b c d | foldmerge;
#   foldmerge --sorted of the four sorted;  and the Hadoop Streaming
#   contract: the inputs through LC_ALL=C sort into foldmerge --sorted,
# and that the sums are the exact sums (computed here with Python's
# decimals), zero-sum stacks dropped (kept with --keep-zero).
# The last line is "N passed, N failed".
b=$(cd "${1:?usage: foldmerge-props.sh builddir}" && pwd) || exit 2
command -v python3 >/dev/null 2>&1 || { echo "foldmerge-props: no python3"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C
python3 - "$b/foldmerge" "$tmp" "${CASES:-300}" <<'PY'
import os, random, subprocess, sys
from decimal import Decimal
fm, tmp, cases = sys.argv[1], sys.argv[2], int(sys.argv[3])
rnd = random.Random(20261206)
FRAMES = ['main', 'a', 'b', 'c', 'run 9', 'run 9x', 'run', 'x -1', 'op new(int)',
          'f1', 'f10', 'f2', 'g;h', 'k 1.5']
LEAVES = ['a', 'b', 'run', 'f1', 'f10', 'op new(int)', 'run 9x']
def stack():
    # names ending in a blank and a number would read as a count: not last
    fr = []
    for _ in range(rnd.randint(0, 3)):
        fr.extend(rnd.choice(FRAMES).split(';'))
    fr.append(rnd.choice(LEAVES))
    return ';'.join(fr)
def count(places):
    n = rnd.randint(-50, 200) if rnd.random() < 0.3 else rnd.randint(0, 40)
    if places == 0:
        return Decimal(n)
    p = rnd.randint(0, places)
    return Decimal(n) / (Decimal(10) ** p) if p else Decimal(n)
def fmt(d):
    s = format(d.normalize(), 'f') if d != 0 else '0'
    if '.' in s:
        s = s.rstrip('0').rstrip('.')
    return '0' if s in ('-0', '') else s
def gen(three, places):
    lines = []
    for _ in range(rnd.randint(0, 12)):
        s = stack()
        if three:
            lines.append('%s %s %s' % (s, fmt(count(places)), fmt(count(places))))
        else:
            lines.append('%s%s%s' % (s, rnd.choice([' ', '\t']), fmt(count(places))))
        if rnd.random() < 0.2:     # the same stack again, or cancelled
            lines.append(lines[-1])
    if rnd.random() < 0.2:
        lines.insert(0, '# interval: 100')
    return lines
def run(args, stdin=None):
    p = subprocess.run([fm] + args, input=stdin, capture_output=True)
    if p.returncode != 0:
        raise RuntimeError('foldmerge %s: exit %d: %s' % (' '.join(args), p.returncode, p.stderr.decode()))
    return p.stdout
def put(name, data):
    path = os.path.join(tmp, name)
    open(path, 'wb').write(data)
    return path
def expect(files, keepzero):
    three = any(len(l.split(' ')) >= 3 and all(_isnum(x) for x in l.rsplit(' ', 2)[1:]) for f in files for l in f if not l.startswith('#'))
    sums = {}
    for f in files:
        for l in f:
            if l.startswith('#'):
                continue
            parts = l.replace('\t', ' ').rsplit(' ', 2)
            if len(parts) == 3 and _isnum(parts[1]):
                s, bv, av = parts[0], Decimal(parts[1]), Decimal(parts[2])
            else:
                s, v = l.replace('\t', ' ').rsplit(' ', 1)
                bv = av = Decimal(v)
            o = sums.get(s, (Decimal(0), Decimal(0)))
            sums[s] = (o[0] + bv, o[1] + av)
    out = []
    for s, (bv, av) in sums.items():
        if not keepzero and av == 0 and (not three or bv == 0):
            continue
        out.append(('%s %s %s' % (s, fmt(bv), fmt(av)) if three else '%s %s' % (s, fmt(av))).encode())
    out.sort()
    return b''.join(x + b'\n' for x in out)
def _isnum(x):
    try:
        Decimal(x); return x not in ('', '-') and 'e' not in x.lower() and not x.startswith('+')
    except Exception:
        return False
passed = failed = 0
for i in range(cases):
    places = rnd.choice([0, 0, 2, 6])
    threes = [rnd.random() < 0.3 for _ in range(4)]
    ins = [gen(t, places) for t in threes]
    keep = rnd.random() < 0.2
    kz = ['--keep-zero'] if keep else []
    paths = [put('%s' % 'abcd'[k], ''.join(l + '\n' for l in ins[k]).encode()) for k in range(4)]
    srt = [put('%s.sorted' % 'abcd'[k], b''.join(x + b'\n' for x in sorted(l.encode() for l in ins[k] if not l.startswith('#')))) for k in range(4)]
    try:
        want = expect(ins, keep)
        got = {}
        got['a b c d'] = run(kz + paths)
        ab = put('ab', run(kz + paths[:2]))
        cd = put('cd', run(kz + paths[2:]))
        got['(a b) (c d)'] = run(kz + [ab, cd])
        ba = put('ba', run(kz + [paths[1], paths[0]]))
        cba = put('cba', run(kz + [paths[2], ba]))
        got['d (c (b a))'] = run(kz + [paths[3], cba])
        got['cat | foldmerge'] = run(kz, b''.join(open(p, 'rb').read() for p in paths))
        # a differential line after two-column ones is refused by --sorted:
        # there each sorted input is one kind, as the writers write them
        got['--sorted'] = run(kz + ['--sorted'] + srt)
        sab = put('sab', run(kz + ['--sorted'] + srt[:2]))
        got['--sorted (a b) c d'] = run(kz + ['--sorted', sab] + srt[2:])
        if not any(threes) or all(threes):
            shuffle = b''.join(sorted(l.encode() + b'\n' for f in ins for l in f if not l.startswith('#')))
            got['sort | foldmerge --sorted'] = run(kz + ['--sorted'], shuffle)
        bad = [k for k, v in got.items() if v != want]
        if bad:
            failed += 1
            print('FAIL case %d: %s differ from the exact sums' % (i, ', '.join(bad)))
            for k in bad[:2]:
                print('  want %r\n  got  %r (%s)' % (want[:300], got[k][:300], k))
        else:
            passed += 1
    except RuntimeError as e:
        failed += 1
        print('FAIL case %d: %s' % (i, e))
print('%d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
PY
