#!/bin/sh
# badinput.sh BUILDDIR - every tool against hostile and broken input.
#
# For each input case and each tool of the TOOLS table it runs the tool
# (to standard output; with -o FILE over an existing file; for small
# inputs also from standard input to a new -o FILE) and checks: the exit
# status and the message the EXPECT table gives (the tools' man pages
# document both); that every line on stderr has the form "TOOL:
# NAME[:LINE]: what"; no crash (no death by a signal); with -o, that a
# failed run leaves the old file as it was (or no file) and no temporary
# file beside it, and a good one replaces it; and for valid but odd input
# (CRLF, decimals, negative counts, invalid UTF-8, a 10 MiB line, a 1 MiB
# name, 100,000 frames, a perf capture cut short) that the output is right: SVG well-formed
# (xmllint), PNG a PNG, and the frame names, byte for byte, in the text (a
# profile is read back with pb2folded).  Then writing to a full disk
# (/dev/full, and a full tmpfs when mount works), and a reader that goes
# away (| head -1): killed by SIGPIPE silently, or with SIGPIPE ignored,
# one line and exit 1.
#
# Big inputs are generated here, into a temporary directory, never kept.
# Prints "FAIL case tool mode: why" per failure, then "N passed, N failed,
# N skipped".  BADINPUT=RE runs only the cases matching RE; RUNNER='valgrind
# -q' wraps each tool.
#
# Adding a tool or an output format: one line in TOOLS (ID READS WRITES
# COMMAND), and lines in EXPECT where its status or message differs from
# the catch-all lines of its READS kind (see the comments above each table).
set -u
bin=$(cd "${1:?usage: badinput.sh builddir}" && pwd) || exit 2
here=$(cd "$(dirname "$0")" && pwd)
samples=$here/../samples
tmp=$(mktemp -d "${TMPDIR:-/tmp}/badinput.XXXXXX") || exit 2
tmp=$(cd "$tmp" && pwd -P)
mnt=
# shellcheck disable=SC2317 # called by the traps
cleanup() {
	if [ -n "$mnt" ]; then
		umount "$mnt" 2>/dev/null
	fi
	chmod -R u+rwx "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
export LC_ALL=C PATH="$bin:$PATH"
runner=${RUNNER-}
only=${BADINPUT-}
pass=0 fail=0 skip=0
cr=$(printf '\r')
# parse a JSON file; d3's nesting is as deep as the deepest stack, so on
# a thread with a big stack and a raised recursion limit
pyjson='import json, sys, threading
sys.setrecursionlimit(1000000)
threading.stack_size(1 << 30)
ok = []
t = threading.Thread(target=lambda: ok.append(json.load(open(sys.argv[1], "rb"))))
t.start(); t.join()
sys.exit(0 if ok else 1)'

# ---- the tools ----
# ID: a name for the reports.  READS: the input kind (pprof, folded); the
# EXPECT lines are looked up by ID, then by READS.  WRITES: how a good
# output is checked: svg (xmllint, names), png (signature), text and folded
# (names), pprof (read back with pb2folded, names), json (python's parser,
# names).  COMMAND: IN is the input operand, OK a small valid folded file;
# "-o FILE" is appended for the runs that write a file.
TOOLS='
pb2folded	pprof	folded	pb2folded --max-inflate=4M IN
flamegraph	folded	svg	flamegraph IN
flamegraph-png	folded	png	flamegraph -f png IN
difffolded	folded	folded	difffolded OK IN
foldtop		folded	text	foldtop -n 0 IN
folded2pb	folded	pprof	folded2pb IN
foldmerge	folded	folded	foldmerge OK IN
foldmerge-sorted	folded	folded	foldmerge --sorted OK IN
flamegraph-json	folded	json	flamegraph -f json IN
flamegraph-speedscope	folded	json	flamegraph -f speedscope IN
cpuprofile2folded	json	folded	cpuprofile2folded IN
perf2folded	perf	folded	perf2folded IN
'

# ---- what each case must give ----
# CASE TOOL STATUS MESSAGE: the first line whose CASE and TOOL globs match
# the case and the tool's ID (or READS kind) decides.  MESSAGE is an ERE
# that standard error, its lines joined by " | ", must match whole; "-"
# means nothing on stderr.  In it IN is the input's name as the tool says
# it (the path, or <stdin>), OUT the output's (the -o path, or <stdout>),
# TOOL the program's name.  A case with no line for a tool is not run
# with it.
EXPECT='
missing		*		1	IN: No such file or directory
directory	*		1	IN: Is a directory
unreadable	*		1	IN: Permission denied
read-error	*		1	IN: Input/output error
full		*		1	OUT: write error: No space left on device
full-fs		*		1	OUT: write error: No space left on device
empty		pprof		1	IN: empty input
empty		flamegraph*	1	IN: no stacks in the input
empty		folded		0	-
blank		flamegraph*	1	IN: no stacks in the input
blank		folded		0	-
garbage		folded		1	IN: binary data, not folded stacks \(a pprof profile\? convert it with: pb2folded .* \| TOOL\)
nul		folded		1	IN: binary data, not folded stacks \(a pprof profile\? convert it with: pb2folded .* \| TOOL\)
nul-late	foldmerge-sorted	1	IN:501: line out of order \(--sorted needs each input sorted as LC_ALL=C sort sorts it\)
overflow-sum	foldmerge-sorted	1	IN:2: line out of order \(--sorted needs each input sorted as LC_ALL=C sort sorts it\)
nul-late	folded		0	-
crlf		folded		0	-
long-line	folded		0	-
long-nocount	folded		0	IN: skipped 1 malformed line \(first: line 1: no count\)
long-name	folded		0	-
deep		flamegraph-png	1	OUT: image too large for PNG: 1200x[0-9]+ pixels, at most 32767 per side .*
deep		folded		0	-
overflow	folded		1	IN:2: count out of range \(more than 64 bits\)
overflow-neg	folded		1	IN:1: count out of range \(more than 64 bits\)
overflow-sum	folded		1	IN:2: counts overflow a 64-bit total
overflow-total	flamegraph*	1	IN: counts overflow a 64-bit total
overflow-total	foldtop		1	IN: counts overflow a 64-bit total
overflow-total	folded2pb	1	IN: counts overflow a 64-bit total
overflow-total	folded		0	-
decimals	folded2pb	1	IN:1: decimal count \(a profile.s values are integers\)
decimals	folded		0	-
too-precise	folded		1	IN:1: count has more than 18 decimal places \(the limit\)
too-precise-long	folded	1	IN:1: count has more than 18 decimal places \(the limit\)
decimal-mix	folded		1	IN:2: counts mix magnitudes and decimal places beyond 64-bit fixed point \(a count or total times 10\^\(the most decimal places read\) must be below 2\^63\)
comments	flamegraph-speedscope	0	-
comments	folded		0	-
negative	flamegraph-speedscope	1	IN: counts below 0 \(a signed change, as pb2folded --base writes\) cannot be speedscope weights
negative	folded		0	-
exponent	folded		0	IN: skipped 2 malformed lines \(first: line 1: count is not an integer or decimal \(12, -3, 1\.5\)\)
utf8		folded		0	-
gzip-trunc	pprof		1	IN: truncated gzip data
gzip-bomb	pprof		1	IN: more than 4 MiB when decompressed: refused \(not a profile, or a gzip bomb; --max-inflate raises the limit\)
gzip-crc	pprof		1	IN: corrupt gzip data \(CRC mismatch: the data is damaged\)
gzip-*		folded		1	IN: gzip data, not folded stacks \(a pprof profile\? convert it with: pb2folded .* \| TOOL\)
*		pprof		1	IN: not a pprof profile \(protobuf decoding failed\)
crlf		json		0	-
long-name	json		0	-
deep		json		0	-
utf8		json		1	IN:1:[0-9]+: unable to decode byte 0xff.*
empty		json		1	IN:1:0: .[[]. or .[{]. expected near end of file
blank		json		1	IN:4:0: .[[]. or .[{]. expected near end of file
*		json		1	IN:[0-9]+:[0-9]+: .*
empty		perf		0	-
blank		perf		0	IN: skipped 2 unrecognised lines \(first: line 2\)
garbage		perf		1	IN: binary data, not perf script text
nul		perf		1	IN: binary data, not perf script text
nul-late	perf		0	-
crlf		perf		0	IN: skipped 1 unrecognised line \(first: line 7\)
long-line	perf		0	-
long-name	perf		0	-
deep		perf		0	-
overflow	perf		0	-
utf8		perf		0	-
gzip-trunc	perf		1	IN: truncated gzip data
gzip-crc	perf		1	IN: corrupt gzip data \(CRC mismatch: the data is damaged\)
gzip-bomb	perf		1	IN: binary data, not perf script text
truncated	perf		0	IN: skipped 1 unrecognised line \(first: line 9\)
'
# Big cases run once (to standard output) per tool; the others also with
# -o, and these small ones a third time, from standard input.
BIG_CASES=' long-line long-nocount long-name deep '
STDIN_CASES=' empty blank garbage nul crlf overflow overflow-sum decimals decimal-mix comments negative exponent utf8 gzip-trunc gzip-bomb truncated '

# ---- inputs ----
in=$tmp/in
mkdir "$in" "$tmp/work" || exit 2
if ! command -v python3 >/dev/null 2>&1; then
	echo "badinput: no python3 to make the inputs"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
# CASE (the input, for folded readers), CASE.pprof (for pprof readers,
# when different), CASE.names (strings the output must hold, one a line)
python3 - "$in" "$samples/cpu.prof" <<'PY' || exit 2
import json, os, random, sys, zlib
d, prof = sys.argv[1], open(sys.argv[2], 'rb').read()
def put(name, data, names=None):
    open(os.path.join(d, name), 'wb').write(data)
    if names is not None:
        open(os.path.join(d, name + '.names'), 'wb').write(b'\n'.join(names) + b'\n')
r = random.Random(7)
put('empty', b'')
put('blank', b'\n\r\n  \n')
put('garbage', bytes([0x44, 0]) + bytes(r.randrange(256) for _ in range(8190)))
put('nul', b'main;a 1\n\0\0\0\nmain;b 2\n')
# a NUL past the first 4 KiB (where binary input is looked for) is a name byte
put('nul-late', b'main;pad 1\n' * 500 + b'main;nul\0byte 2\n', [b'pad', b'byte'])
put('crlf', b'main;crlf;a 2\r\nmain;crlf;b 3\r\n', [b'crlf', b'a', b'b'])
big = b'LONG' + b'y' * (10 << 20) + b'LINE'
put('long-line', b'main;' + big + b' 3\nmain;short 1\n', [big, b'short'])
put('long-nocount', b'main;' + big + b'\nmain;short 1\n', [b'short'])
name = b'NAME' + b'z' * (1 << 20) + b'END'
put('long-name', b'main;' + name + b';leaf 2\nmain;other 1\n', [name, b'leaf'])
put('deep', b';'.join(b'd%d' % i for i in range(100000)) + b' 1\nd0;side 1\n',
    [b'd0', b'd50000', b'd99999', b'side'])
put('overflow', b'main;a 1\nmain;b 99999999999999999999\n')
put('overflow-neg', b'main;a -9223372036854775809\n')
put('overflow-sum', b'main;a 9223372036854775807\nmain;a 1\n')
put('overflow-total', b'main;a 9223372036854775807\nmain;b 1\n')
put('decimals', b'main;dec 1.5\nmain;dec;x 0.25\n', [b'dec', b'x'])
put('too-precise', b'main;a 0.0000000000000000001\n')
# 21 digits: the decimals are the cause, not the range
put('too-precise-long', b'main;a 12.0000000000000000001\n')
put('decimal-mix', b'main;a 0.000000000000000001\nmain;b 10\n')
# profilers' metadata (austin); comments: no frame, no warning
put('comments', b'# interval: 100\nmain;commented 2\n#main;hidden 5\n',
    [b'main', b'commented'])
put('negative', b'main;neg 5\nmain;neg;x -3\n', [b'neg', b'x'])
put('exponent', b'main;exp 1e3\nmain;plus +5\nmain;ok 2\n', [b'ok'])
put('utf8', b'main;bad\xff\xfename 2\nmain;caf\xc3\xa9 1\n',
    [b'main', b'bad', b'name', b'caf\xc3\xa9'])
put('gzip-trunc', prof[:200])
crc = bytearray(prof)
crc[-6] ^= 0xff
put('gzip-crc', bytes(crc))
c = zlib.compressobj(9, zlib.DEFLATED, 31)
put('gzip-bomb', c.compress(bytes(8 << 20)) + c.flush())
# CASE.json: the same stacks as a V8 .cpuprofile, for cpuprofile2folded
def cpuprofile(stacks, raw=None):
    nodes = [{'id': 1, 'callFrame': {'functionName': '(root)'}, 'children': []}]
    kids, samples = {}, []
    for frames, n in stacks:
        at = 1
        for f in frames:
            key = (at, f)
            if key not in kids:
                nid = len(nodes) + 1
                kids[key] = nid
                nodes[at - 1]['children'].append(nid)
                nodes.append({'id': nid, 'callFrame': {'functionName': f},
                              'children': []})
            at = kids[key]
        samples += [at] * n
    doc = {'nodes': nodes, 'startTime': 0, 'endTime': len(samples) + 1,
           'samples': samples, 'timeDeltas': [1] * len(samples)}
    return json.dumps(doc).encode()
put('crlf.json', cpuprofile([(['main', 'crlf', 'a'], 2),
    (['main', 'crlf', 'b'], 3)]).replace(b',', b',\r\n'))
put('long-name.json', cpuprofile([(['main', name.decode(), 'leaf'], 2),
    (['main', 'other'], 1)]))
put('deep.json', cpuprofile([(['d%d' % i for i in range(100000)], 1),
    (['d0', 'side'], 1)]))
put('utf8.json', cpuprofile([(['main', 'badXXname'], 2)]).replace(b'XX', b'\xff\xfe'))
put('valid.json', cpuprofile([(['main', 'valid'], 1)]))
put('ok', b'ok;frame 1\n')
put('valid', b'main;valid 1\n')
put('valid.pprof', prof)
# a large output, for the reader that goes away: 2000 stacks of 20 frames
lines = []
for i in range(2000):
    lines.append(b';'.join(b'f%08x' % r.getrandbits(32) for _ in range(20)) + b' %d' % (1 + i % 7))
put('many', b'\n'.join(lines) + b'\n')
put('many.foldmerge-sorted', b'\n'.join(sorted(lines)) + b'\n')
# CASE.perf: perf script text for perf2folded, with the names of CASE
def perf(*samples, nl=b'\n'):
    out = b''
    for comm, frames in samples:		# frames leaf first
        out += comm + b' 4242 [000] 1.000001: 1 cycles:' + nl
        out += b''.join(b'\t' + b'%x' % (0x1000 + i) + b' ' + f + b' (/usr/bin/app)' + nl
                        for i, f in enumerate(frames))
        out += b'\n'
    return out
put('nul.perf', perf((b'main', [b'a'])) + b'\0\0\0\n' + perf((b'main', [b'b'])))
put('nul-late.perf', perf(*[(b'main', [b'pad'])] * 200) + perf((b'main', [b'nul\0byte'])))
put('crlf.perf', perf((b'crlf', [b'a']), (b'crlf', [b'b']), nl=b'\r\n') +
    b'\r\n' + perf((b'crlf', [b'b'])))
put('long-line.perf', perf((b'main', [big]), (b'main', [b'short'])))
put('long-name.perf', perf((b'main', [b'leaf', name])))
put('deep.perf', perf((b'd0', [b'd%d' % i for i in range(99999, 0, -1)]),
    (b'd0', [b'side'])))
put('overflow.perf', perf((b'main', [b'a'])).replace(b' 1 cycles', b' 99999999999999999999 cycles') * 2)
put('utf8.perf', perf((b'main', [b'bad\xff\xfename']), (b'main', [b'caf\xc3\xa9'])))
pt = perf((b'main', [b'a'])) * 500
gz = zlib.compressobj(9, zlib.DEFLATED, 31)
gz = gz.compress(pt) + gz.flush()
put('gzip-trunc.perf', gz[:len(gz) // 2])
crc = bytearray(gz)
crc[-6] ^= 0xff
put('gzip-crc.perf', bytes(crc))
put('gzip-bomb.perf', open(os.path.join(d, 'gzip-bomb'), 'rb').read())
put('valid.perf', perf((b'main', [b'valid'])))
# a capture cut short, in a frame line: what was complete is kept
t = perf((b'main', [b'first']), (b'main', [b'second', b'caller']), (b'main', [b'cutoff']))
put('truncated', t[:t.index(b'cutoff') + 3], [b'main;first 1', b'main;caller;second 1'])
put('many.perf', b''.join(perf((b'main', l.rsplit(b' ', 1)[0].split(b';')))
    for l in lines))
put('many.json', cpuprofile([(l.rsplit(b' ', 1)[0].decode().split(';'),
    int(l.rsplit(b' ', 1)[1])) for l in lines]))
PY
mkdir "$in/directory"
: >"$in/unreadable"
chmod 000 "$in/unreadable"
"$bin/folded2pb" -o "$in/many.pprof" "$in/many" || exit 2

# ---- checks ----
no() {	# why: a failed check (a run counts once, however many fail)
	[ $ok = 1 ] && fail=$((fail + 1))
	echo "FAIL $case $id $mode: $*"
	if [ -s "$w/err" ]; then
		head -c 300 "$w/err" | head -n 3 | sed 's/^/  stderr: /'
	fi
	ok=0
}

# expect CASE ID READS: sets st and msg from EXPECT; returns 1 when no line
# applies.
expect() {
	while read -r c t s m; do
		case $c in ''|'#'*) continue ;; esac
		# shellcheck disable=SC2254 # globs on purpose
		case $1 in $c) ;; *) continue ;; esac
		# shellcheck disable=SC2254
		case $2 in $t) ;; *) case $3 in $t) ;; *) continue ;; esac ;; esac
		st=$s msg=$m
		return 0
	done <<EOF
$EXPECT
EOF
	return 1
}

# check_run STATUS INNAME OUTNAME: the exit status and stderr of the run
# in $w against st and msg (one awk for all of stderr: runs are many)
check_run() {
	rc=$1
	if [ "$rc" -gt 128 ]; then
		no "killed by signal $((rc - 128))"
		return
	fi
	[ "$rc" -eq "$st" ] || no "exit $rc, want $st"
	why=$(T_PROG=$prog T_IN=$2 T_OUT=$3 T_MSG=$msg awk '
		function ere(s,   r, c, i) {
			r = ""
			for (i = 1; i <= length(s); i++) {
				c = substr(s, i, 1)
				if (index("[]().*^$+?{}|\\", c))
					r = r "\\"
				r = r c
			}
			return r
		}
		function repl(s, from, to,   r, i) {
			r = ""
			while ((i = index(s, from)) > 0) {
				r = r substr(s, 1, i - 1) to
				s = substr(s, i + length(from))
			}
			return r s
		}
		BEGIN { p = ENVIRON["T_PROG"] ": " }
		{
			if (index($0, p) == 1)
				$0 = substr($0, length(p) + 1)
			else
				bad = 1
			if ($0 !~ /^[^ :][^:]*(:[0-9]+(:[0-9]+)?)?: [^ ]/)
				bad = 1
			got = got (NR > 1 ? " | " : "") $0
		}
		END {
			if (bad)
				print "stderr line not of the form \"" p "FILE[:LINE]: what\""
			m = ENVIRON["T_MSG"]
			if (m == "-") {
				if (NR > 0)
					print "stderr not empty"
				exit
			}
			m = repl(repl(m, "IN", "\001"), "OUT", "\002")
			m = repl(repl(m, "TOOL", "\003"), "\001", ere(ENVIRON["T_IN"]))
			m = repl(repl(m, "\002", ere(ENVIRON["T_OUT"])), "\003",
			    ere(ENVIRON["T_PROG"]))
			if (got !~ ("^(" m ")$"))
				print "stderr does not match: " m
		}' "$w/err")
	if [ -n "$why" ]; then
		no "$why"
	fi
}

# has FILE NAMES: every line of NAMES is in FILE, byte for byte
has() {
	if [ "$(wc -c <"$2")" -lt 200 ] && ! grep -q "$(printf '\001')" "$2"; then
		while IFS= read -r n; do
			grep -qF -- "$n" "$1" || { echo "missing from the output: $n"; return 1; }
		done <"$2"
		return 0
	fi
	python3 - "$1" "$2" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
for n in open(sys.argv[2], 'rb').read().split(b'\n')[:-1]:
    if n not in data:
        print('missing from the output: %r' % n[:40])
        sys.exit(1)
PY
}

# check_output FILE: a good output of kind $writes (names from $in/$case.names)
check_output() {
	o=$1
	case $writes in
	svg)
		if command -v xmllint >/dev/null 2>&1; then
			xmllint --noout --huge "$o" 2>"$w/xml" || no "not well-formed XML: $(head -n 1 "$w/xml")"
		fi
		;;
	png)
		[ "$(head -c 8 "$o" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
			no "not a PNG"
		return
		;;
	json)
		python3 -c "$pyjson" "$o" 2>"$w/json" ||
			no "not JSON: $(tail -n 1 "$w/json")"
		;;
	pprof)
		"$bin/pb2folded" "$o" >"$w/back" 2>"$w/backerr" ||
			{ no "pb2folded cannot read it back: $(head -n 1 "$w/backerr")"; return; }
		o=$w/back
		;;
	esac
	if [ -f "$in/$case.names" ]; then
		r=$(has "$o" "$in/$case.names") || no "$r"
	fi
	if [ "$writes" != pprof ] && grep -q "$cr" "$o"; then
		no "a CR in the output"
	fi
}

# cmdline IN: the tool's command with IN (and OK) substituted
cmdline() {
	line=
	for a in $cmd; do
		case $a in
		IN) a=$1 ;;
		OK) a=$in/ok ;;
		esac
		line="$line $a"
	done
	printf '%s\n' "$line"
}

# run_case CASE ID: the three ways to run one tool on one case
run_case() {
	expect "$case" "$id" "$reads" || return 0
	src=$in/$case
	[ -e "$in/$case.$reads" ] && src=$in/$case.$reads
	inname=$src
	case $case in
	missing) src=$in/missing inname=$src ;;
	read-error) src=/proc/self/mem inname=$src ;;
	esac
	ext=$writes
	[ "$ext" = text ] && ext=txt
	w=$tmp/work/$case.$id
	mkdir -p "$w"

	# to standard output
	mode=stdout ok=1
	# shellcheck disable=SC2046 # the command's words
	$runner $(cmdline "$src") >"$w/out" 2>"$w/err" </dev/null
	check_run $? "$inname" "<stdout>"
	[ $ok = 1 ] && [ "$rc" -eq 0 ] && check_output "$w/out"
	[ $ok = 1 ] && pass=$((pass + 1))

	case $BIG_CASES in
	*" $case "*)
		rm -rf "$w"
		return
		;;
	esac

	# to a file that exists: replaced when all went well, else kept
	mode=-o ok=1
	mkdir "$w/o"
	echo old >"$w/o/out.$ext"
	# shellcheck disable=SC2046
	$runner $(cmdline "$src") -o "$w/o/out.$ext" >"$w/out" 2>"$w/err" </dev/null
	check_run $? "$inname" "$w/o/out.$ext"
	[ "$(ls -A "$w/o")" = "out.$ext" ] || no "files left beside the output: $(ls -A "$w/o" | tr '\n' ' ')"
	if [ "$rc" -ne 0 ]; then
		[ "$(cat "$w/o/out.$ext" 2>/dev/null)" = old ] || no "the existing output was changed"
	else
		[ "$(cat "$w/o/out.$ext" 2>/dev/null)" != old ] || no "the output was not replaced"
		[ -s "$w/out" ] && no "output on stdout with -o"
	fi
	[ $ok = 1 ] && pass=$((pass + 1))

	# from standard input, to a new file: none at all when it failed
	case $STDIN_CASES in
	*" $case "*)
		mode="stdin, -o" ok=1
		mkdir "$w/n"
		# shellcheck disable=SC2046
		$runner $(cmdline -) -o "$w/n/out.$ext" >"$w/out" 2>"$w/err" <"$src"
		check_run $? "<stdin>" "$w/n/out.$ext"
		if [ "$rc" -ne 0 ]; then
			[ -z "$(ls -A "$w/n")" ] || no "files left: $(ls -A "$w/n" | tr '\n' ' ')"
		else
			[ "$(ls -A "$w/n")" = "out.$ext" ] || no "files: $(ls -A "$w/n" | tr '\n' ' ')"
			check_output "$w/n/out.$ext"
		fi
		[ $ok = 1 ] && pass=$((pass + 1))
		;;
	esac
	rm -rf "$w"
}

# run_full ID: output to a full device, and to a full file system
run_full() {
	src=$in/valid
	[ -e "$in/valid.$reads" ] && src=$in/valid.$reads
	w=$tmp/work/full.$id
	mkdir -p "$w"
	case=full
	if expect full "$id" "$reads"; then
		mode="-o /dev/full" ok=1
		# shellcheck disable=SC2046
		$runner $(cmdline "$src") -o /dev/full >"$w/out" 2>"$w/err" </dev/null
		check_run $? "$src" /dev/full
		[ $ok = 1 ] && pass=$((pass + 1))
		mode=">/dev/full" ok=1
		# shellcheck disable=SC2046
		$runner $(cmdline "$src") >/dev/full 2>"$w/err" </dev/null
		check_run $? "$src" "<stdout>"
		[ $ok = 1 ] && pass=$((pass + 1))
	fi
	case=full-fs
	if [ -n "$mnt" ] && expect full-fs "$id" "$reads"; then
		mode="-o on a full file system" ok=1
		ext=$writes
		echo old >"$mnt/out.$ext"
		# fill what is left
		dd if=/dev/zero of="$mnt/fill" bs=4096 2>/dev/null
		# shellcheck disable=SC2046
		$runner $(cmdline "$src") -o "$mnt/out.$ext" >"$w/out" 2>"$w/err" </dev/null
		check_run $? "$src" "$mnt/out.$ext"
		[ "$(cat "$mnt/out.$ext")" = old ] || no "the existing output was changed"
		[ "$(ls -A "$mnt" | tr '\n' ' ')" = "fill out.$ext " ] ||
			no "files left beside the output: $(ls -A "$mnt" | tr '\n' ' ')"
		rm -f "$mnt"/* "$mnt"/.[!.]* 2>/dev/null
		[ $ok = 1 ] && pass=$((pass + 1))
	fi
	rm -rf "$w"
}

# run_head ID: a reader that reads one line and goes away
run_head() {
	case=head
	src=$in/many
	[ -e "$in/many.$reads" ] && src=$in/many.$reads
	[ -e "$in/many.$id" ] && src=$in/many.$id
	w=$tmp/work/head.$id
	mkdir -p "$w"
	# default SIGPIPE: killed by it, or done first; silent either way
	mode="| head -1" ok=1
	# shellcheck disable=SC2046
	{ $runner $(cmdline "$src") 2>"$w/err" </dev/null; echo $? >"$w/rc"; } | head -n 1 >/dev/null
	rc=$(cat "$w/rc")
	[ "$rc" -eq 0 ] || [ "$rc" -eq 141 ] || no "exit $rc, want 0 or 141 (SIGPIPE)"
	[ ! -s "$w/err" ] || no "stderr not empty"
	[ $ok = 1 ] && pass=$((pass + 1))
	# SIGPIPE ignored: EPIPE is a write error, one line and exit 1
	mode="| head -1, SIGPIPE ignored" ok=1
	# shellcheck disable=SC2046
	{ (trap '' PIPE; exec $runner $(cmdline "$src") 2>"$w/err" </dev/null); echo $? >"$w/rc"; } |
	    head -n 1 >/dev/null
	rc=$(cat "$w/rc")
	if [ "$rc" -eq 0 ]; then
		[ ! -s "$w/err" ] || no "exit 0 but stderr not empty"
	else
		st=1 msg='<stdout>: write error: Broken pipe'
		check_run "$rc" "$src" "<stdout>"
		grep -qx "$prog: <stdout>: write error: Broken pipe" "$w/err" || no "not the write error"
	fi
	[ $ok = 1 ] && pass=$((pass + 1))
	rm -rf "$w"
}

# a small file system to fill, when this machine lets us mount one
if [ "$(id -u)" = 0 ] && mkdir "$tmp/mnt" &&
    mount -t tmpfs -o size=64k,mode=0700 flamekit-badinput "$tmp/mnt" 2>/dev/null; then
	mnt=$tmp/mnt
fi

cases='empty blank garbage nul nul-late crlf long-line long-nocount long-name deep
	overflow overflow-neg overflow-sum overflow-total decimals too-precise negative
	exponent utf8 gzip-trunc gzip-bomb gzip-crc truncated missing directory unreadable
	read-error'
# root reads a mode-000 file: then the case runs as user nobody (setpriv),
# for whom the file is as unreadable as for any user; skipped only when
# that cannot be done
unreadable_ok=1 asnobody=
if cat "$in/unreadable" >/dev/null 2>&1; then
	unreadable_ok=0
	nb='setpriv --reuid=65534 --regid=65534 --clear-groups'
	chmod 755 "$tmp" "$in"	# nobody may read the other inputs
	if command -v setpriv >/dev/null 2>&1 && $nb true 2>/dev/null &&
	    ! $nb cat "$in/unreadable" >/dev/null 2>&1; then
		asnobody=$nb
	fi
fi
[ -r /proc/self/mem ] || read_error_ok=0

printf '%s\n' "$TOOLS" | while read -r id reads writes cmd; do
	case $id in ''|'#'*) continue ;; esac
	set -- $cmd
	prog=$1
	for case in $cases; do
		if [ -n "$only" ] && ! printf '%s\n' "$case" | grep -Eq -- "$only"; then
			continue
		fi
		if [ "$case" = unreadable ] && [ $unreadable_ok = 0 ]; then
			if [ -n "$asnobody" ]; then
				runner="$asnobody ${RUNNER-}"
				run_case
				runner=${RUNNER-}
			else
				skip=$((skip + 1))
			fi
			continue
		fi
		if [ "$case" = read-error ] && [ "${read_error_ok:-1}" = 0 ]; then
			skip=$((skip + 1))
			continue
		fi
		[ -n "${BADINPUT_TIMES-}" ] && t0=$(date +%s%N)
		run_case
		[ -n "${BADINPUT_TIMES-}" ] && echo "time $id $case $((($(date +%s%N) - t0) / 1000000)) ms"
	done
	if [ -z "$only" ] || printf 'full\n' | grep -Eq -- "$only"; then
		run_full
		[ -z "$mnt" ] && skip=$((skip + 1))
	fi
	if [ -z "$only" ] || printf 'head\n' | grep -Eq -- "$only"; then
		run_head
	fi
	echo "$pass $fail $skip" >"$tmp/counts"
done
[ -f "$tmp/counts" ] && read -r pass fail skip <"$tmp/counts"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
