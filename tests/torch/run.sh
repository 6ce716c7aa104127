#!/bin/sh
# tests/torch/run.sh BUILDDIR - scripts/torch against a real Go service
# (samples/gen -serve), a misbehaving local server (errsrv.py, python3) and
# the saved profiles in samples/, with the tools of BUILDDIR.
#
# Prints "FAIL name" with the reason per failed test, then
# "N passed, N failed, N skipped"; exits 1 on failures.  Tests that need
# go (the real service) or python3 (the error server) are skipped without
# them.  Only 127.0.0.1 is ever contacted.  TORCH_TESTS=RE runs only the
# tests whose name matches RE; TORCH_SHELL=bash runs torch with bash.
bin=$(cd "${1:?usage: run.sh builddir}" && pwd) || exit 2
TORCH_SHELL=${TORCH_SHELL:-}	# e.g. bash, busybox sh: run torch with it
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
torch=$top/scripts/torch
samples=$top/samples
tmp=$(mktemp -d "${TMPDIR:-/tmp}/torchtest.XXXXXX") || exit 2
pids=
# shellcheck disable=SC2317 # called by the trap
stop() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
export PATH="$bin:$PATH" LC_ALL=C
# loopback only: no proxy between torch and 127.0.0.1
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
mkdir "$tmp/w" "$tmp/tmpdir"
: >"$tmp/errsrv.log"
export TMPDIR="$tmp/tmpdir"	# torch's temporary files go here: checked empty

exec 3>&2	# TORCH_TRACE=1: each torch command, timed, on stderr
pass=0 fail=0 skip=0

nap() {
	sleep 0.1 2>/dev/null || sleep 1
}

# serve NAME CMD...: start a server printing "listening on 127.0.0.1:PORT"
# first; sets url to http://127.0.0.1:PORT, or to nothing if it did not
# start.  (Not in a subshell: its pid must reach the trap.)
serve() {
	name=$1
	shift
	"$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null 3>&- &
	pids="$pids $!"
	url=
	i=0
	while [ $i -lt 100 ]; do
		port=$(sed -n '1s/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$tmp/$name.out" 2>/dev/null)
		if [ -n "$port" ]; then
			url=http://127.0.0.1:$port
			return
		fi
		nap
		i=$((i + 1))
	done
	echo "torch tests: $name did not start:"
	cat "$tmp/$name.err"
	fail=$((fail + 1))
}

# the real Go service
gen_url= gen2_url=
if command -v go >/dev/null 2>&1; then
	if [ -z "${HOME:-}" ]; then
		export HOME="$tmp/home" GOCACHE="$tmp/gocache"
		mkdir -p "$HOME"
	fi
	if (cd "$top/samples/gen" && GOFLAGS=-mod=mod GOPROXY=off go build -o "$tmp/gen" .) \
	    >"$tmp/gobuild.log" 2>&1; then
		serve gen "$tmp/gen" -serve=127.0.0.1:0 -exit-after=600s
		gen_url=$url
		serve gen2 "$tmp/gen" -serve=127.0.0.1:0 -exit-after=600s	# a fleet
		gen2_url=$url
	else
		echo "torch tests: go build of samples/gen failed:"
		cat "$tmp/gobuild.log"
		fail=$((fail + 1))
	fi
fi
# the misbehaving server
err_url= err2_url=
if command -v python3 >/dev/null 2>&1; then
	serve errsrv python3 "$here/errsrv.py" "$samples" "$tmp/errsrv.log"
	err_url=$url
	serve errsrv2 python3 "$here/errsrv.py" "$samples" "$tmp/errsrv2.log"	# a fleet
	err2_url=$url
fi
# a closed port: bound once, then released
closed_port=
if command -v python3 >/dev/null 2>&1; then
	closed_port=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
fi

# perf, for the live torch perf tests: as root (or with
# kernel.perf_event_paranoid low enough) a tiny recording works
perf_why=
if ! command -v perf >/dev/null 2>&1; then
	perf_why="no perf (Debian: linux-perf)"
elif ! perf record -q -o "$tmp/probe.data" -- true >/dev/null 2>"$tmp/probe.err" </dev/null; then
	perf_why="perf record does not work here: $(sed -n 1p "$tmp/probe.err")"
fi
rm -f "$tmp/probe.data" "$tmp/probe.err"
# user nobody, for perf's refusal of another user's process: needs root,
# setpriv, and a checkout nobody can read (not below a 0700 directory)
nobody_why=
if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null 2>&1; then
	nobody_why="not root, or no setpriv"
elif ! setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$torch"; then
	nobody_why="user nobody cannot read $torch"
fi
# the busy C program of samples/perf (threads "crunch N", recursion)
busy=
if command -v cc >/dev/null 2>&1 && cc -O1 -g -fno-omit-frame-pointer -fno-optimize-sibling-calls \
    -pthread -o "$tmp/busy" "$samples/perf/busy.c" >"$tmp/cc.log" 2>&1; then
	busy=$tmp/busy
fi

# ---- helpers for the tests; each test runs in a subshell in its own
# empty directory, and `no` fails it ----

no() {
	echo "  $*"
	exit 1
}

# run ARGS...: torch ARGS, stdout in $W.out, stderr in $W.err, status in rc.
run() {
	rc=0
	[ -z "${TORCH_TRACE:-}" ] || date "+%T.%N $*" >&3
	$TORCH_SHELL "$torch" "$@" >"$W.out" 2>"$W.err" </dev/null || rc=$?
}

show_err() {
	sed 's/^/  stderr: /' "$W.err" | head -n 5
}

want_rc() {
	if [ "$rc" -ne "$1" ]; then
		show_err
		no "exit status $rc, wanted $1"
	fi
}

# want_fail URL TEXT: exit 1, one line "torch: URL: ..." containing TEXT,
# nothing left in the directory or TMPDIR.
want_fail() {
	want_rc 1
	[ "$(wc -l <"$W.err")" -eq 1 ] || { show_err; no "not one line on stderr"; }
	case $(cat "$W.err") in
	"torch: $1: "*"$2"*) ;;
	*) show_err; no "wanted 'torch: $1: ...$2...'" ;;
	esac
	[ ! -s "$W.out" ] || no "output on stdout"
	want_clean
}

# want_clean: the directory holds only what the test put there
# (torch.svg.keep), and torch left no temporary files.
want_clean() {
	left=$(find . ! -name . ! -name torch.svg.keep -print)
	[ -z "$left" ] || no "left behind: $left"
	left=$(ls -A "$TMPDIR")
	[ -z "$left" ] || no "left in TMPDIR: $left"
}

want_usage() {
	want_rc 2
	grep -q "^torch: " "$W.err" || { show_err; no "no 'torch: ' message"; }
	grep -q "^Try 'torch --help'" "$W.err" || { show_err; no "no --help hint"; }
	want_clean
}

want_svg() {
	[ -s "$1" ] || no "$1: missing or empty"
	head -c 512 "$1" | grep -q '<svg' || no "$1: no <svg"
	tail -c 64 "$1" | grep -q '</svg>' || no "$1: does not end with </svg>"
}

# want_diff_svg FILE: a differential graph (flamegraph's script knows, and
# the tooltips give the change)
want_diff_svg() {
	has "$1" '"diff":true'
	grep -qE '%; [+-]?[0-9.]+%\)' "$1" || no "$1: no change in the tooltips"
}

want_png() {
	[ "$(od -An -tx1 -N8 "$1" | tr -d ' \n')" = 89504e470d0a1a0a ] || no "$1: not a PNG"
}

want_pdf() {
	[ "$(head -c 5 "$1")" = "%PDF-" ] || no "$1: not a PDF"
}

has() {	# FILE TEXT...: each TEXT occurs in FILE
	f=$1
	shift
	for s do
		grep -qF -- "$s" "$f" || no "$f: no '$s'"
	done
}

hasnt() {	# FILE TEXT
	! grep -qF -- "$2" "$1" || no "$1: '$2' should not be there"
}

# want_folded FILE COLUMNS: every line is "stack N" (or "stack N N").
want_folded() {
	[ -s "$1" ] || no "$1: no stacks"
	if [ "$2" = 2 ]; then
		re='^[^ ].* -?[0-9]+$'
	else
		re='^[^ ].* -?[0-9.]+ -?[0-9.]+$'
	fi
	bad=$(grep -cvE "$re" "$1")
	[ "$bad" -eq 0 ] || no "$1: $bad lines not '$re': $(grep -vE "$re" "$1" | head -n 1 | cut -c1-100)"
}

# the workload functions of samples/gen's CPU load
want_workload() {
	has "$1" main.runChunk
	grep -qE 'main\.(hashLoop|fib|treeWalk|parseNumbers|checksum|matMul|mix64|step)' "$1" ||
		no "$1: no workload function (hashLoop, fib, ...)"
}

# log_count TEXT: requests to the error server containing TEXT since the
# test began; log_has TEXT...: each TEXT is such a request.
log_count() {
	awk -v m="$mark" 'NR > m' "$tmp/errsrv.log" | grep -cF -- "$1"
}

log_has() {
	for s do
		awk -v m="$mark" 'NR > m' "$tmp/errsrv.log" | grep -qxF -- "$s" || no "no request $s"
	done
}

# t NAME NEEDS FUNC ARGS...: run FUNC ARGS as test NAME when NEEDS (a
# comma list of go, py, fg, perf, cc, nobody) are there.
t() {
	name=$1 needs=$2
	shift 2
	if [ -n "${TORCH_TESTS:-}" ] && ! echo "$name" | grep -qE -- "$TORCH_TESTS"; then
		return
	fi
	for need in $(echo "$needs" | tr , ' '); do
		why=
		case $need in
		go) [ -n "$gen_url" ] || why="no go" ;;
		py) [ -n "$err_url" ] || why="no python3" ;;
		perf) why=$perf_why ;;
		nobody) why=$nobody_why ;;
		cc) [ -n "$busy" ] || why="no cc for samples/perf/busy.c" ;;
		fg)	# built with the rest: missing is a failure, not a skip
			if [ ! -x "$bin/flamegraph" ]; then
				echo "FAIL $name (no $bin/flamegraph)"
				fail=$((fail + 1))
				return
			fi
			;;
		esac
		if [ -n "$why" ]; then
			echo "skip $name ($why)"
			skip=$((skip + 1))
			return
		fi
	done
	W=$tmp/w/$name
	mkdir "$W.d"
	mark=$(wc -l <"$tmp/errsrv.log" 2>/dev/null)
	start=$(date +%s)
	if (cd "$W.d" && "$@") >"$W.log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name"
		cat "$W.log"
	fi
	[ -z "${TORCH_TIMES:-}" ] || echo "$name: $(($(date +%s) - start)) s"
	rm -rf "$TMPDIR" && mkdir "$TMPDIR"
}

# ---- the real Go service ----

go_cpu_svg() {
	run -t 1 -u "$gen_url"
	want_rc 0
	want_svg torch.svg
	want_workload torch.svg
	has torch.svg "CPU: $gen_url/debug/pprof/profile?seconds=1"
	[ ! -s "$W.err" ] || { show_err; no "messages on stderr"; }
	[ "$(ls -A)" = torch.svg ] || no "files: $(ls -A)"
	rm torch.svg
	want_clean
}
t go-cpu-svg go,fg go_cpu_svg

go_cpu_raw() {
	run -r -t 1 -u "$gen_url"
	want_rc 0
	want_folded "$W.out" 2
	want_workload "$W.out"
	[ -z "$(ls -A)" ] || no "files written: $(ls -A)"
}
t go-cpu-raw go go_cpu_raw

go_cpu_png() {
	run -t 1 -u "${gen_url#http://}" -o x.png --width 600
	want_rc 0
	want_png x.png
}
t go-cpu-png go,fg go_cpu_png

go_heap() {
	run heap -u "$gen_url" -o heap.svg
	want_rc 0
	want_svg heap.svg
	has heap.svg "Heap inuse_space: $gen_url/debug/pprof/heap" main.runAllocs
	run heap -r -u "$gen_url"
	want_rc 0
	want_folded "$W.out" 2
	has "$W.out" main.runAllocs
}
t go-heap go,fg go_heap

go_goroutine() {
	run goroutine -u "$gen_url/debug/pprof/"
	want_rc 0
	want_svg torch.svg
	has torch.svg runtime.gopark main.serveMode "Goroutines: $gen_url/debug/pprof/goroutine"
}
t go-goroutine go,fg go_goroutine

go_delta() {	# -t on a heap-like profile asks for a delta profile
	run block -t 1 -r -u "$gen_url"
	want_rc 0
	want_folded "$W.out" 2
	has "$W.out" "main."	# one of runBlocking's, in 1 s
	# Go's delta loses default_sample_type: allocs must still be alloc_space
	run allocs -t 1 -p -u "$gen_url"
	want_rc 0
	has "$W.out" "<svg" main.runAllocs "Allocations alloc_space, 1 s delta: $gen_url/debug/pprof/allocs?seconds=1"
	# in-use bytes fall as well as rise: drawn as a signed change, quietly
	run heap -t 1 -o h.svg -u "$gen_url"
	want_rc 0
	want_svg h.svg
	has h.svg "Heap inuse_space, 1 s delta: $gen_url/debug/pprof/heap?seconds=1"
	[ ! -s "$W.err" ] || { show_err; no "unexpected messages"; }
}
t go-delta go,fg go_delta

go_diff() {
	run diff -t 1 "$gen_url" "$gen_url" -o diff.svg
	want_rc 0
	want_svg diff.svg
	want_workload diff.svg
	has diff.svg "CPU diff: $gen_url/debug/pprof/profile?seconds=1 -&gt; $gen_url/debug/pprof/profile?seconds=1"
	want_diff_svg diff.svg
	run diff -r "$gen_url/debug/pprof/allocs" "$gen_url/debug/pprof/heap"
	want_rc 0
	want_folded "$W.out" 3
	has "$W.out" main.runAllocs
}
t go-diff go,fg go_diff

go_busy() {	# a CPU profile is already running: Go answers 500
	for _ in 1 2 3; do
		curl -s -o /dev/null "$gen_url/debug/pprof/profile?seconds=3" 3>&- &
		c=$!
		nap; nap; nap; nap; nap
		run -t 1 -u "$gen_url"
		kill "$c" 2>/dev/null
		wait "$c" 2>/dev/null
		[ $rc -eq 0 ] || break
		rm -f torch.svg	# torch came first: try again
	done
	want_fail "$gen_url/debug/pprof/profile?seconds=1" \
	    "HTTP 500 Internal Server Error: Could not enable CPU profiling: cpu profiling already in use"
}
t go-busy go go_busy

go_errors() {
	run -u "$gen_url" --suffix /debug/pprof/nosuch
	want_fail "$gen_url/debug/pprof/nosuch" "HTTP 404 Not Found: Unknown profile"
	run heap -u "$gen_url" --suffix '/debug/pprof/heap?debug=1'
	want_fail "$gen_url/debug/pprof/heap?debug=1" "a text answer, not a profile (debug=1?): heap profile: "
	run goroutine -u "$gen_url/debug/pprof/goroutine?debug=2"
	want_fail "$gen_url/debug/pprof/goroutine?debug=2" "a text answer, not a profile (debug=1?): goroutine "
}
t go-errors go go_errors

# ---- saved profiles ----

file_cpu() {
	run -b "$samples/cpu.prof"
	want_rc 0
	want_svg torch.svg
	has torch.svg "CPU: $samples/cpu.prof" main.hashLoop main.fib
	run -r "$samples/cpu.prof"
	want_rc 0
	pb2folded "$samples/cpu.prof" >want
	cmp -s want "$W.out" || no "-r differs from pb2folded's output"
	rm want
}
t file-cpu fg file_cpu

file_formats() {
	run -b "$samples/cpu.prof" -o a.pdf
	want_rc 0
	want_pdf a.pdf
	run -b "$samples/cpu.prof" -o a.PNG
	want_rc 0
	want_png a.PNG
	run -b "$samples/cpu.prof" --format png -o a.img
	want_rc 0
	want_png a.img
	run -b "$samples/cpu.prof" -p --format pdf
	want_rc 0
	want_pdf "$W.out"
	run -b "$samples/cpu.prof" --print
	want_rc 0
	want_svg "$W.out"
	run -b "$samples/cpu.prof" -o -
	want_rc 0
	want_svg "$W.out"
	run -f b.svg -b "$samples/cpu.prof"	# go-torch's -f/--file
	want_rc 0
	want_svg b.svg
}
t file-formats fg file_formats

# JSON by extension or --format: the same bytes flamegraph writes
file_json() {
	run -b "$samples/cpu.prof" --format yaml
	want_usage
	pb2folded "$samples/cpu.prof" >f
	flamegraph -f json --title "CPU: $samples/cpu.prof" --countname nanoseconds f >want.json
	flamegraph -f speedscope --title "CPU: $samples/cpu.prof" --countname nanoseconds f >want.ss	# torch names the unit
	run -b "$samples/cpu.prof" -o a.json
	want_rc 0
	cmp -s a.json want.json || no "a.json differs from flamegraph -f json"
	run -b "$samples/cpu.prof" -o a.speedscope.json
	want_rc 0
	cmp -s a.speedscope.json want.ss || no "a.speedscope.json differs from flamegraph -f speedscope"
	run -b "$samples/cpu.prof" -p --format speedscope
	want_rc 0
	cmp -s "$W.out" want.ss || no "--format speedscope differs"
}
t file-json fg file_json

# the default column is pprof's: in-use bytes for a heap profile
file_sample_types() {
	for args in "" "-i inuse_space" "--inuse_space" "-inuse_space" \
	    "--alloc-space" "-i alloc_objects" "--sample_index=1" "-sample_index=alloc_objects"; do
		# shellcheck disable=SC2086 # split on purpose
		run -r $args "$samples/heap.prof"
		want_rc 0
		case $args in
		"" | *inuse_space*) ty=inuse_space ;;
		*alloc-space* | *=1) ty=alloc_space ;;
		*) ty=alloc_objects ;;
		esac
		pb2folded -i "$ty" "$samples/heap.prof" >want
		cmp -s want "$W.out" || no "torch -r $args differs from pb2folded -i $ty"
	done
	pb2folded -i alloc_space "$samples/heap.prof" >other
	cmp -s other "$W.out" && no "alloc_space and alloc_objects alike?"
	rm want other
	run -r "$samples/block.prof"
	pb2folded -i delay "$samples/block.prof" >want
	cmp -s want "$W.out" || no "block: not delay"
	rm want
}
t file-sample-types "" file_sample_types

file_passthrough() {	# pb2folded's options, in both spellings
	for args in "--lines" "--focus fib" "-tagroot=worker" "--tagroot worker --hide=^runtime" \
	    "--show-from=runChunk --noinlines" "--base $samples/cpu-a.prof" \
	    "-tagfocus=worker=compute" "--tagignore worker=io --tagroot=worker" "--tagshow=tier --taghide x"; do
		# shellcheck disable=SC2086 # split on purpose
		run -r $args "$samples/cpu-b.prof"
		want_rc 0
		# shellcheck disable=SC2086
		pb2folded $args "$samples/cpu-b.prof" >want
		cmp -s want "$W.out" || no "torch -r $args differs from pb2folded $args"
		rm want
	done
}
t file-passthrough "" file_passthrough

file_title() {	# flamegraph's options, and the default title
	run heap -b "$samples/heap.prof" -p
	want_rc 0
	has "$W.out" "Heap inuse_space: $samples/heap.prof"
	run -b "$samples/allocs.prof" -p --alloc_objects
	has "$W.out" "Allocations alloc_objects: $samples/allocs.prof"
	run -b "$samples/cpu.prof" -p --title 'on <call>' --colors=blue --width 900 --hash
	want_rc 0
	has "$W.out" "on &lt;call&gt;"
	hasnt "$W.out" "CPU: "
	"$torch" goroutine -b - -p <"$samples/goroutine.prof" >"$W.out" 2>"$W.err" || no "-b - failed"
	has "$W.out" "Goroutines: &lt;stdin&gt;" main.parkedOnChan
}
t file-title fg file_title

file_cp() {	# --cp keeps ./palette.map; checking the options adds nothing to it
	run -b "$samples/cpu.prof" --cp -o x.svg
	want_rc 0
	want_svg x.svg
	has palette.map main.hashLoop
	hasnt palette.map "torch->"
	! grep -q '^torch' palette.map || no "palette.map has the check's frame"
}
t file-cp fg file_cp

file_diff() {
	run diff -r "$samples/cpu-a.prof" "$samples/cpu-b.prof"
	want_rc 0
	want_folded "$W.out" 3
	pb2folded "$samples/cpu-a.prof" >a
	pb2folded "$samples/cpu-b.prof" >b
	difffolded a b >want
	cmp -s want "$W.out" || no "diff -r differs from difffolded"
	has "$W.out" main.legacyScan main.sortedLookup
	run diff -r -n "$samples/cpu-a.prof" "$samples/cpu-b.prof"
	difffolded -n a b >want
	cmp -s want "$W.out" || no "diff -n -r differs from difffolded -n"
	rm a b want
	run diff "$samples/cpu-a.prof" "$samples/cpu-b.prof" -o d.svg
	want_rc 0
	want_svg d.svg
	# drawn as AFTER, coloured by the change: legacyScan (BEFORE only) is gone
	has d.svg "CPU diff: $samples/cpu-a.prof -&gt; $samples/cpu-b.prof" main.sortedLookup
	want_diff_svg d.svg
}
t file-diff fg file_diff

file_negative() {	# negative values (a delta profile) are drawn as a signed change
	printf 'main;grow 300\nmain;shrink -200\nmain;idle -5\n' | folded2pb -o d.pb.gz
	run -r -b d.pb.gz
	want_rc 0
	printf 'main;grow 300\nmain;idle -5\nmain;shrink -200\n' >want
	cmp -s want "$W.out" || no "-r: not all the stacks"
	run -b d.pb.gz -o d.svg
	want_rc 0
	want_svg d.svg
	has d.svg grow shrink '"diff":true'
	[ ! -s "$W.err" ] || { show_err; no "a message"; }
	printf 'main;shrink -200\n' | folded2pb -o n.pb.gz
	run -b n.pb.gz -o n.svg
	want_rc 0
	want_svg n.svg
	has n.svg shrink
	rm d.pb.gz n.pb.gz d.svg n.svg want
}
t file-negative "" file_negative

file_raw_out() {	# -r -o FILE: the folded stacks, written whole
	run -r -b "$samples/mutex.prof" -o m.folded
	want_rc 0
	want_folded m.folded 2
	[ "$(ls -A)" = m.folded ] || no "files: $(ls -A)"
}
t file-raw-out "" file_raw_out

file_errors() {
	run -b nosuch.prof
	want_rc 1
	grep -q "^torch: nosuch.prof: " "$W.err" || no "no message naming nosuch.prof"
	want_clean
	echo 'not a profile' >bad.prof
	run -r -b bad.prof
	want_rc 1
	grep -q "^torch: bad.prof: " "$W.err" || { show_err; no "no message naming bad.prof"; }
	[ ! -s "$W.out" ] || no "output on stdout"
	rm bad.prof
	run -b "$samples/cpu.prof" -o nodir/x.svg
	want_rc 1
	want_clean
	cp "$samples/cpu.prof" empty.prof
	: >empty.prof
	run -b empty.prof
	want_rc 1
	rm empty.prof
	want_clean
}
t file-errors "" file_errors

installed() {	# as `make install` lays it out: the tools beside torch
	mkdir bin
	cp "$torch" bin/torch
	for x in pb2folded difffolded flamegraph; do
		ln -s "$bin/$x" bin/$x
	done
	rc=0
	env PATH=/usr/bin:/bin bin/torch -b "$samples/cpu.prof" -o x.svg >"$W.out" 2>"$W.err" || rc=$?
	want_rc 0
	want_svg x.svg
	rc=0
	env PATH=/usr/bin:/bin bin/torch diff -r "$samples/cpu-a.prof" "$samples/cpu-b.prof" >"$W.out" 2>"$W.err" || rc=$?
	want_rc 0
	want_folded "$W.out" 3
	rm bin/pb2folded
	rc=0
	env PATH=/usr/bin:/bin bin/torch -b "$samples/cpu.prof" -o y.svg >"$W.out" 2>"$W.err" || rc=$?
	want_rc 1
	grep -q '^torch: pb2folded not found' "$W.err" || { show_err; no "no message"; }
	[ ! -e y.svg ] || no "y.svg written"
}
t installed fg installed

# ---- the error server ----

# err_case NAME PATH TEXT [ARGS...]: torch on $err_url/NAME/PATH fails
# with TEXT, leaves a previous torch.svg untouched and no other file.
err_case() {
	name=$1 path=$2 text=$3
	shift 3
	echo keep >torch.svg.keep
	cp torch.svg.keep torch.svg
	run -t 1 "$@" -u "$err_url/$name$path"
	cmp -s torch.svg torch.svg.keep || no "torch.svg changed"
	rm torch.svg
	want_fail "$err_url/$name$path?seconds=1" "$text"
	rm torch.svg.keep
	case $name in
	hang | stall) return ;;	# slow: once is enough
	esac
	run -t 1 -r "$@" -u "$err_url/$name$path"
	want_fail "$err_url/$name$path?seconds=1" "$text"
}
P=/debug/pprof/profile
t err-404 py err_case notfound $P "HTTP 404 Not Found"
t err-500 py err_case busy $P \
    "HTTP 500 Internal Server Error: Could not enable CPU profiling: cpu profiling already in use"
t err-text py err_case text $P "a text answer, not a profile (debug=1?): heap profile: 3: 4096"
t err-html py err_case html $P "an HTML page, not a profile"
t err-empty py err_case empty $P "empty answer"
t err-close py err_case close $P "closed the connection without answering"
t err-trunc py err_case trunc $P "truncated"
t err-timeout py err_case hang $P "no complete answer after 2 s" --timeout 1
t err-stall py err_case stall $P "no complete answer after 2 s" --timeout 1

err_timeout_heap() {	# no seconds sent: the timeout alone
	run heap --timeout 1 -u "$err_url/hang/debug/pprof/heap"
	want_fail "$err_url/hang/debug/pprof/heap" "no complete answer after 1 s (--timeout 1)"
}
t err-timeout-heap py err_timeout_heap

err_404_message() {	# the exact message of the issue
	run -t 1 -u "$err_url/notfound$P"
	want_rc 1
	[ "$(cat "$W.err")" = "torch: $err_url/notfound$P?seconds=1: HTTP 404 Not Found" ] ||
		{ show_err; no "not the one-line message"; }
}
t err-404-message py err_404_message

err_refused() {
	run -t 1 -u "http://127.0.0.1:$closed_port"
	want_fail "http://127.0.0.1:$closed_port/debug/pprof/profile?seconds=1" "connection refused"
	run diff "http://127.0.0.1:$closed_port/debug/pprof/heap" "$samples/heap.prof"
	want_fail "http://127.0.0.1:$closed_port/debug/pprof/heap" "connection refused"
}
t err-refused py err_refused

# term_after_naps PID: SIGTERM to torch mid-fetch; it must exit with 143
term_after_naps() {
	nap; nap; nap; nap; nap
	kill -TERM "$1"
	rc=0
	wait "$1" || rc=$?
	[ "$rc" -eq 143 ] || no "exit status $rc after SIGTERM, wanted 143"
}

err_signal() {	# killed while fetching: no output, no temporary files
	$TORCH_SHELL "$torch" -t 1 --timeout 30 -u "$err_url/hang$P" -o x.svg >"$W.out" 2>"$W.err" 3>&- &
	term_after_naps $!
	want_clean
}
t err-signal py err_signal

# the right endpoint, and seconds only where wanted (the server's log)
err_requests() {
	run -r -u "$err_url"
	want_rc 0
	log_has "/debug/pprof/profile?seconds=30"
	for ty in heap allocs goroutine block mutex; do
		run $ty -r -u "$err_url"
		want_rc 0
		log_has "/debug/pprof/$ty"
		run $ty -t 2 -r -u "$err_url/debug/pprof/"
		want_rc 0
		log_has "/debug/pprof/$ty?seconds=2"
	done
	[ "$(log_count "/debug/pprof/heap")" = 2 ] || no "heap: not two requests"
	run -r -u "$err_url/debug/pprof/heap"
	want_rc 0
	[ "$(log_count "/debug/pprof/heap")" = 3 ] || no "heap URL: not fetched as given"
	run -r -u "$err_url/redirect/debug/pprof/allocs?gc=1"
	want_rc 0
	log_has "/redirect/debug/pprof/allocs?gc=1" "/debug/pprof/allocs?gc=1"
	run -r -t 3 -u "$err_url/anything" --suffix '/debug/pprof/mutex?x=y'
	want_rc 0
	log_has "/debug/pprof/mutex?x=y&seconds=3"
	run -r --suffix /debug/pprof/profile?seconds=4 -u "${err_url#http://}"
	want_rc 0
	log_has "/debug/pprof/profile?seconds=4"
	run -r -u "$err_url/x/debug/pprof" allocs
	want_rc 0
	log_has "/x/debug/pprof/allocs"
	want_clean
}
t err-requests py err_requests

err_url_diff() {
	run diff -r -t 2 "$err_url" "$err_url/debug/pprof/profile"
	want_rc 0
	want_folded "$W.out" 3
	[ "$(log_count "/debug/pprof/profile?seconds=2")" -ge 2 ] || no "not two captures"
}
t err-url-diff py err_url_diff

# ---- torch perf, and perf captures ----

# want_line TEXT: exit 1 with exactly the one line TEXT on stderr, nothing
# on stdout or left behind.
want_line() {
	want_rc 1
	[ "$(cat "$W.err")" = "$1" ] || { show_err; no "wanted the one line '$1'"; }
	[ ! -s "$W.out" ] || no "output on stdout"
	want_clean
}

# want_busy FILE: the frames of samples/perf/busy.c, its threads included
want_busy() {
	has "$1" recurse leaf worker main crunch
}

perf_cmd() {	# -- CMD: recorded until it exits, in every format
	run perf -F 499 -o c.svg -- "$busy" 0.5
	want_rc 0
	want_svg c.svg
	want_busy c.svg
	has c.svg "perf cpu-clock: $busy 0.5" "nanoseconds"
	[ ! -s "$W.err" ] || { show_err; no "messages on stderr"; }
	[ "$(ls -A)" = c.svg ] || no "files: $(ls -A)"
	rm c.svg
	run perf -F 499 -o c.png -- "$busy" 0.3
	want_rc 0
	want_png c.png
	run perf -o c.json -- "$busy" 0.3
	want_rc 0
	has c.json '"name"' recurse
	rm c.png c.json
	# DWARF call chains: the inlined mix() is a frame of its own
	run perf -F 199 --call-graph dwarf -r -- "$busy" 0.3
	want_rc 0
	want_folded "$W.out" 2
	has "$W.out" "leaf;mix"
	# the command's own output, and a failing status, pass through
	run perf -F 499 -r -o f.folded -- sh -c "echo out; echo err >&2; $busy 0.3; exit 3"
	want_rc 0
	want_folded f.folded 2
	want_busy f.folded
	has "$W.out" out
	has "$W.err" err "exited with status 3"
	rm f.folded
	# -o -: the graph alone on stdout, the command's output on stderr
	run perf -F 499 -o - -- sh -c "echo out; $busy 0.2"
	want_rc 0
	want_svg "$W.out"
	has "$W.err" out
	want_clean
}
t perf-cmd perf,cc,fg perf_cmd

perf_signal() {	# killed while recording: perf stopped, nothing left behind
	"$busy" 20 &
	bp=$!
	trap 'kill "$bp" 2>/dev/null' EXIT
	$TORCH_SHELL "$torch" perf -p "$bp" -t 15 -o x.svg >"$W.out" 2>"$W.err" 3>&- &
	p=$!
	i=0
	while [ -z "$(ls -A "$TMPDIR")" ] && [ $i -lt 50 ]; do
		nap
		i=$((i + 1))
	done
	nap; nap; nap; nap; nap
	kill -TERM "$p"
	rc=0
	wait "$p" || rc=$?
	[ "$rc" -eq 143 ] || no "exit status $rc after SIGTERM, wanted 143"
	left=$(ps -eo args | awk -v d="$TMPDIR/" 'index($0, d) && !/awk/')
	[ -z "$left" ] || no "still running: $left"
	want_clean
}
t perf-signal perf,cc perf_signal

perf_not_permitted() {	# the real perf's refusal: another user's process, as nobody
	d=$(mktemp -d /tmp/torchperf.XXXXXX) || no "mktemp"
	chmod 1777 "$d"
	rc=0
	# shellcheck disable=SC2086 # TORCH_SHELL may be "busybox sh"
	(cd "$d" && setpriv --reuid=65534 --regid=65534 --clear-groups env TMPDIR="$d" \
	    $TORCH_SHELL "$torch" perf -p 1 -t 1 -r) >"$W.out" 2>"$W.err" </dev/null || rc=$?
	left=$(ls -A "$d")
	rm -rf "$d"
	par=$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null)
	want_line "torch: perf record: not permitted (kernel.perf_event_paranoid is ${par:-unknown}): run torch as root, or sysctl kernel.perf_event_paranoid=1 to record your own processes"
	[ -z "$left" ] || no "left behind: $left"
}
t perf-not-permitted perf,nobody perf_not_permitted

perf_pid() {	# -p PID -t N
	"$busy" 20 &
	bp=$!
	trap 'kill "$bp" 2>/dev/null' EXIT
	# until it runs busy, with its threads (perf attaches to each)
	i=0
	while [ "$(cat "/proc/$bp/comm" 2>/dev/null)" != busy ] && [ $i -lt 50 ]; do
		nap
		i=$((i + 1))
	done
	nap
	run perf -p "$bp" -t 1 -F 499 -o p.svg
	want_rc 0
	want_svg p.svg
	want_busy p.svg
	has p.svg "perf cpu-clock: PID $bp (busy)"
	[ ! -s "$W.err" ] || { show_err; no "messages on stderr"; }
	rm p.svg
	run perf --pid="$bp" -t1 -r
	want_rc 0
	want_folded "$W.out" 2
	has "$W.out" "crunch;start_thread;worker;recurse"
	kill "$bp" 2>/dev/null
	wait "$bp" 2>/dev/null
	want_clean
}
t perf-pid perf,cc,fg perf_pid

perf_text() {	# saved perf script text: drawn and diffed as pprof profiles are
	fp=$samples/perf/fp.txt dw=$samples/perf/dwarf.txt
	run diff -r "$fp" "$dw"
	want_rc 0
	want_folded "$W.out" 3
	perf2folded "$fp" >a
	perf2folded "$dw" >b
	difffolded a b >want
	cmp -s want "$W.out" || no "diff -r differs from perf2folded | difffolded"
	run diff -n -o d.svg "$fp" "$dw"
	want_rc 0
	want_svg d.svg
	want_diff_svg d.svg
	has d.svg "perf cpu-clock diff: $fp -&gt; $dw" "leaf"
	run -r "$samples/perf/node.txt.gz"	# gzip
	want_rc 0
	perf2folded "$samples/perf/node.txt.gz" >want
	cmp -s want "$W.out" || no "node.txt.gz: not perf2folded's stacks"
	run -b - -o s.svg <"$fp"
	$TORCH_SHELL "$torch" -o s.svg - <"$fp" >"$W.out" 2>"$W.err" || no "- failed"
	has s.svg "perf cpu-clock: &lt;stdin&gt;"
	# a pprof profile against perf's text
	run diff -r "$samples/cpu.prof" "$fp"
	want_rc 0
	want_folded "$W.out" 3
	rm a b want d.svg s.svg
	want_clean
}
t perf-text fg perf_text

perf_data() {	# perf.data files (PERFILE2): perf script reads them
	perf record -q -F 499 -g -o a.data -- "$busy" 0.3 >/dev/null 2>&1 || no "perf record a.data"
	perf record -q -F 499 -g -o b.data -- "$busy" 0.3 >/dev/null 2>&1 || no "perf record b.data"
	run diff -r a.data b.data
	want_rc 0
	want_folded "$W.out" 3
	perf script -i a.data 2>/dev/null | perf2folded >a
	perf script -i b.data 2>/dev/null | perf2folded >b
	difffolded a b >want
	cmp -s want "$W.out" || no "diff -r differs from perf script | perf2folded | difffolded"
	run diff a.data "$samples/perf/fp.txt" -o d.svg
	want_rc 0
	want_diff_svg d.svg
	has d.svg "perf cpu-clock diff: a.data -&gt; $samples/perf/fp.txt"
	run -o g.svg b.data
	want_rc 0
	want_busy g.svg
	rm a.data b.data a b want d.svg g.svg
	want_clean
}
t perf-data perf,cc,fg perf_data

# stub DIR SCRIPT: a fake perf in DIR (first on PATH), running SCRIPT
stub() {
	mkdir -p "$1"
	printf '#!/bin/sh\n%s\n' "$2" >"$1/perf"
	chmod +x "$1/perf"
}

perf_missing() {	# no perf on PATH: the tools torch uses, without perf
	mkdir "$W.bin"
	for c in sh dirname mktemp rm cat awk sed tr dd wc cut od gzip mv cp grep sleep ${TORCH_SHELL%% *}; do
		ln -s "$(command -v "$c")" "$W.bin/$c"
	done
	for c in pb2folded perf2folded difffolded flamegraph; do
		ln -s "$bin/$c" "$W.bin/$c"
	done
	msg="torch: perf not found; install Debian's linux-perf (apt-get install linux-perf)"
	PATH=$W.bin run perf -o x.svg -- true
	want_line "$msg"
	printf 'PERFILE2 not really\n' >"$W.data"
	PATH=$W.bin run diff "$W.data" "$samples/perf/fp.txt"
	want_line "$msg"
}
t perf-missing "" perf_missing

perf_paranoid() {	# perf record as perf 6.1 fails without the permission
	stub "$W.bin" 'cat >&2 <<EOT
Error:
Access to performance monitoring and observability operations is limited.
Consider adjusting /proc/sys/kernel/perf_event_paranoid setting to open
access to performance monitoring and observability operations for processes
without CAP_PERFMON, CAP_SYS_PTRACE or CAP_SYS_ADMIN Linux capability.
perf_event_paranoid setting is 3:
EOT
exit 255'
	par=$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null)
	PATH=$W.bin:$PATH run perf -o x.svg -- true
	want_line "torch: perf record: not permitted (kernel.perf_event_paranoid is ${par:-unknown}): run torch as root, or sysctl kernel.perf_event_paranoid=1 to record your own processes"
	sleep 5 &
	sp=$!
	PATH=$W.bin:$PATH run perf -p "$sp" -t 1 -o x.svg
	kill "$sp"
	want_line "torch: perf record: not permitted (kernel.perf_event_paranoid is ${par:-unknown}): run torch as root, or sysctl kernel.perf_event_paranoid=1 to record your own processes"
}
t perf-paranoid "" perf_paranoid

perf_nosamples() {	# perf records nothing: a file with no samples in it
	# shellcheck disable=SC2016 # expanded by the stub
	stub "$W.bin" 'case $1 in
record)
	while [ $# -gt 0 ] && [ "$1" != -o ]; do shift; done
	printf PERFILE2 >"$2"
	echo "[ perf record: Woken up 1 times to write data ]" >&2
	echo "[ perf record: Captured and wrote 0.001 MB $2 ]" >&2 ;;
script) ;;
esac'
	PATH=$W.bin:$PATH run perf -o x.svg -- true
	want_line "torch: true: no samples (did it run on a CPU for long enough? try a higher -F than 99)"
	sleep 5 &
	sp=$!
	PATH=$W.bin:$PATH run perf -p "$sp" -t 1 -o x.svg
	kill "$sp"
	want_line "torch: PID $sp (sleep): no samples in 1 s (is it running on a CPU? try a longer -t or a higher -F)"
	: >"$W.empty"	# and perf2folded finding nothing in a capture
	printf 'PERFILE2' >"$W.data"
	PATH=$W.bin:$PATH run diff -r "$W.data" "$W.data"
	want_line "torch: $W.data, $W.data: no samples in either profile"
}
t perf-nosamples "" perf_nosamples

perf_failures() {	# a dead pid, a missing command, perf's other failures
	sh -c 'exit 0' &
	dead=$!
	wait "$dead"
	run perf -p "$dead" -t 1 -o x.svg
	want_line "torch: -p $dead: no such process"
	stub "$W.bin" "echo \"Failed to collect 'cpu-clock:ppp' for the 'nosuch' workload: No such file or directory\" >&2
exit 255"
	PATH=$W.bin:$PATH run perf -o x.svg -- nosuch arg
	want_line "torch: nosuch: command not found"
	stub "$W.bin" 'echo "perf: something odd" >&2; echo "second line" >&2; exit 255'
	PATH=$W.bin:$PATH run perf -o x.svg -- true
	want_line "torch: perf record failed: perf: something odd"
}
t perf-failures "" perf_failures

perf_usage() {
	for args in "perf" "perf -o x.svg" "perf -p 1 -- true" "perf -F 0 -- true" "perf -F x -- true" \
	    "perf --call-graph bogus -- true" "perf -t 5 -- true" "perf -p x" "perf -p 0" \
	    "perf --focus x -- true" "perf -u http://127.0.0.1:1 -- true" "perf -b $samples/cpu.prof" \
	    "-o x.svg perf -- true" "-F 99 $samples/cpu.prof" "--call-graph dwarf $samples/cpu.prof" \
	    "perf -n -- true" "perf -o x.txt -- true"; do
		# shellcheck disable=SC2086 # split on purpose
		run $args
		want_usage
	done
}
t perf-usage "" perf_usage

# ---- a fleet: several URLs, captured concurrently and merged ----

# fixed profiles from two error servers (and two paths on one): the merge
# is exactly foldmerge of what each gives alone
fleet_fixed() {
	pb2folded "$samples/cpu.prof" >one
	foldmerge one one >want2
	foldmerge one one one >want3
	a=$err_url/debug/pprof b=$err2_url/debug/pprof c=$err_url/x/debug/pprof
	run -r -t 1 -u "$a" -u "$b"
	want_rc 0
	cmp -s want2 "$W.out" || no "two URLs: not foldmerge of the two"
	[ ! -s "$W.err" ] || { show_err; no "messages on stderr"; }
	for j in 1 2 3 8; do
		run -r -t 1 -j "$j" -u "$a" -u "$b" -u "$c"
		want_rc 0
		cmp -s want3 "$W.out" || no "-j $j: not foldmerge of the three"
	done
	# the graph: drawn once from the merge, titled with the first URL
	run -t 1 -u "$a" -u "$b" -u "$c" -o f.svg
	want_rc 0
	want_svg f.svg
	has f.svg "CPU: $a/profile?seconds=1 and 2 more URLs"
	flamegraph -f json --title "CPU: $a/profile?seconds=1 and 2 more URLs" --countname nanoseconds want3 >want.json
	run -t 1 -u "$a" -u "$b" -u "$c" -o f.json
	want_rc 0
	cmp -s want.json f.json || no "f.json differs from flamegraph -f json of the merge"
	rm one want2 want3 want.json f.svg f.json
	[ "$(log_count "/debug/pprof/profile?seconds=1")" -ge 5 ] || no "not each URL fetched"
	want_clean
}
t fleet-fixed py,fg fleet_fixed

# --urls FILE: comments, blanks, spaces, CRLF; with -u; - for stdin
fleet_urls_file() {
	pb2folded -i alloc_space "$samples/allocs.prof" >one
	foldmerge one one >want2
	foldmerge one one one >want3
	printf '# the fleet\n\n  %s  \r\n\t%s/debug/pprof/\n#%s\n' "$err_url" "$err2_url" "$err_url/x" >hosts
	run allocs -r --urls hosts
	want_rc 0
	cmp -s want2 "$W.out" || no "--urls: not foldmerge of the two"
	log_has "/debug/pprof/allocs"
	run allocs -r -u "$err_url/x/debug/pprof" --urls hosts -j 1
	want_rc 0
	cmp -s want3 "$W.out" || no "-u and --urls: not foldmerge of the three"
	rc=0
	$TORCH_SHELL "$torch" allocs -r --urls - <hosts >"$W.out" 2>"$W.err" || rc=$?
	want_rc 0
	cmp -s want2 "$W.out" || no "--urls -: not foldmerge of the two"
	# a fleet of one is -u, to the byte
	printf '%s\n' "$err_url" >one.txt
	run allocs -p --urls one.txt
	want_rc 0
	mv "$W.out" fleet.svg
	run allocs -p -u "$err_url"
	cmp -s "$W.out" fleet.svg || no "--urls of one URL differs from -u"
	rm one want2 want3 hosts one.txt fleet.svg
	want_clean
}
t fleet-urls-file py,fg fleet_urls_file

# one URL fails: named; without -k nothing is written, with -k the rest
fleet_failing() {
	pb2folded "$samples/cpu.prof" >one
	foldmerge one one >want2
	a=$err_url b=$err2_url/debug/pprof/profile bad=$err_url/notfound/debug/pprof/profile
	echo keep >torch.svg.keep
	cp torch.svg.keep torch.svg
	run -t 1 -u "$a" -u "$bad" -u "$b"
	want_rc 1
	cmp -s torch.svg torch.svg.keep || no "torch.svg changed"
	[ "$(cat "$W.err")" = "torch: $bad?seconds=1: HTTP 404 Not Found
torch: 1 of 3 URLs failed: nothing written (-k merges the others)" ] || { show_err; no "not the messages"; }
	[ ! -s "$W.out" ] || no "output on stdout"
	rm torch.svg torch.svg.keep
	run -r -k -t 1 -u "$a" -u "$bad" -u "$b"
	want_rc 3
	cmp -s want2 "$W.out" || no "-k: not foldmerge of the two that worked"
	[ "$(cat "$W.err")" = "torch: $bad?seconds=1: HTTP 404 Not Found
torch: 1 of 3 URLs failed: merged the other 2" ] || { show_err; no "-k: not the messages"; }
	run -k -t 1 -u "http://127.0.0.1:$closed_port" -u "$a" -u "$bad" -o k.svg
	want_rc 3
	want_svg k.svg
	has k.svg "CPU: $a/debug/pprof/profile?seconds=1 (2 of 3 URLs failed)"
	grep -q "^torch: http://127.0.0.1:$closed_port/debug/pprof/profile?seconds=1: cannot connect" "$W.err" ||
		{ show_err; no "the refused URL not named"; }
	rm one want2 k.svg
	want_clean
}
t fleet-failing py,fg fleet_failing

fleet_all_fail() {
	bad=$err_url/notfound/debug/pprof/profile
	for k in "" -k; do
		# shellcheck disable=SC2086 # split on purpose
		run -t 1 $k -u "http://127.0.0.1:$closed_port" -u "$bad" -o x.svg
		want_rc 1
		[ "$(wc -l <"$W.err")" -eq 3 ] || { show_err; no "not three lines"; }
		grep -q "^torch: $bad?seconds=1: HTTP 404 Not Found$" "$W.err" || { show_err; no "404 not named"; }
		[ "$(tail -n 1 "$W.err")" = "torch: all 2 URLs failed" ] || { show_err; no "not 'all 2 URLs failed'"; }
		want_clean
	done
	# the first URL's sample types rule: another kind of profile fails
	run -r -t 1 -k -u "$err_url/a/x/cpu" -u "$err_url/b/x/heap"
	want_rc 3
	grep -q "^torch: $err_url/b/x/heap?seconds=1: not the same kind of profile as $err_url/a/x/cpu?seconds=1" "$W.err" ||
		{ show_err; no "other sample types not refused"; }
	want_clean
}
t fleet-all-fail py fleet_all_fail

fleet_signal() {	# killed while fetching: no output, no temporary files
	$TORCH_SHELL "$torch" -t 1 --timeout 30 -u "$err_url/hang$P" -u "$err2_url/hang$P" \
	    -u "$err_url/x/hang$P" -j 2 -o x.svg >"$W.out" 2>"$W.err" 3>&- &
	term_after_naps $!
	nap
	want_clean
	# no capture goes on (every curl of this test is stopped)
	if ps -eo args >ps 2>/dev/null; then
		! grep -F -e "$err_url/hang" -e "$err2_url/hang" -e "$err_url/x/hang" ps | grep '^curl' ||
			no "a curl still runs"
		rm ps
	fi
}
t fleet-signal py fleet_signal

fleet_usage() {
	printf '%s\nftp://127.0.0.1/\n' "$err_url" >bad.txt
	printf '%s\n%s now\n' "$err_url" "$err2_url" >two.txt
	for args in "-j 0" "-j x" "-j" "-k -b $samples/cpu.prof" "-j 2 $samples/cpu.prof" \
	    "diff -k $samples/cpu-a.prof $samples/cpu-b.prof" "diff --urls two.txt a b" \
	    "--urls two.txt -b $samples/cpu.prof" "-u $err_url -u $err2_url $samples/cpu.prof" \
	    "-u $err_url -u $err2_url --base $samples/cpu.prof" "-u $err_url -u $err2_url --mean" \
	    "-u $err_url -u $err2_url -n" "-u $err_url -u $err_url/debug/pprof/profile" \
	    "-u $err_url/debug/pprof/heap -u $err2_url/debug/pprof/profile" \
	    "-u $err_url/debug/pprof/heap -u $err2_url/debug/pprof/heap?seconds=5" \
	    "--urls bad.txt" "--urls two.txt" "--urls"; do
		# shellcheck disable=SC2086 # split on purpose
		run $args
		want_rc 2
		grep -q "^torch: " "$W.err" || { show_err; no "$args: no 'torch: ' message"; }
		[ "$(wc -l <"$W.err")" -eq 2 ] || { show_err; no "$args: not one line and the hint"; }
	done
	run --urls bad.txt
	[ "$(head -n 1 "$W.err")" = "torch: bad.txt:2: ftp://127.0.0.1/: only http:// and https:// URLs" ] ||
		{ show_err; no "not FILE:LINE"; }
	run --urls two.txt
	grep -q "^torch: two.txt:2: not one URL: " "$W.err" || { show_err; no "not FILE:LINE"; }
	[ "$(log_count /)" = 0 ] || no "a usage error fetched something"
	rm bad.txt two.txt
	run --urls nosuch.txt
	want_fail nosuch.txt "no such file"
	printf '# none\n\n' >none.txt
	run --urls none.txt
	want_rc 1
	grep -q "^torch: none.txt: no URLs" "$W.err" || { show_err; no "no message"; }
	rm none.txt
	want_clean
}
t fleet-usage py fleet_usage

# two real services: one graph of both, the workload of each
fleet_go() {
	run -r -t 1 -u "$gen_url" -u "$gen2_url"
	want_rc 0
	want_folded "$W.out" 2
	want_workload "$W.out"
	LC_ALL=C sort -c "$W.out" || no "not sorted"
	run goroutine -u "$gen_url" -u "$gen2_url" -j 1 -o g.svg
	want_rc 0
	want_svg g.svg
	has g.svg main.serveMode "Goroutines: $gen_url/debug/pprof/goroutine and 1 more URL"
}
t fleet-go go,fg fleet_go

# ---- usage ----

usage_errors() {
	for args in "--bogus" "-t 0" "-t x" "-t" "-o out.txt" "--format gif" "diff $samples/cpu.prof" \
	    "-u $err_url -b $samples/cpu.prof" "-p -o x.svg" "-r=1" "-s -b $samples/cpu.prof" \
	    "$samples/cpu.prof $samples/cpu.prof" "diff -u $err_url a b" "-b $samples/cpu.prof -t 5" \
	    "diff -t 5 $samples/cpu-a.prof $samples/cpu-b.prof" \
	    "--timeout 0" "-u ftp://127.0.0.1/ -t 1" "-i" "--title" \
	    "-u $err_url/debug/pprof/profile?seconds=5 -t 2" "-u http://127.0.0.1:/" "-u http:///x"; do
		# shellcheck disable=SC2086 # split on purpose
		run $args
		want_usage
	done
	[ "$(log_count /)" = 0 ] || no "a usage error fetched something"
}
t usage-errors py usage_errors

usage_fg_option() {	# flamegraph's options are checked before fetching
	run -u "$err_url" --width abc
	want_usage
	[ "$(log_count /)" = 0 ] || no "fetched before checking --width"
}
t usage-fg-option py,fg usage_fg_option

tty_png() {	# no PNG to a terminal, said before fetching (script(1) makes the tty)
	command -v script >/dev/null 2>&1 || exit 0
	script -qc "$torch -u $err_url -p --format png; echo status \$?" /dev/null >log 2>&1 </dev/null
	grep -q "^torch: not writing png to a terminal" log || no "$(head -n 3 log)"
	grep -q "status 2" log || no "not exit status 2: $(head -n 3 log)"
	[ "$(log_count /)" = 0 ] || no "fetched before refusing"
	rm log
}
t tty-png py tty_png

help_version() {
	run --help
	want_rc 0
	has "$W.out" "usage: torch" "torch diff"
	[ ! -s "$W.err" ] || no "stderr on --help"
	# one help text, ending with the exit statuses: no script source in it
	[ "$(grep -c '^usage: torch' "$W.out")" -eq 1 ] || no "--help: usage twice"
	[ "$(tail -n 2 "$W.out" | tr '\n' ' ')" = "Exit status: 0 done, 1 fetch, recording, conversion or rendering failed, 2 usage, 3 done without the URLs that failed (-k). " ] ||
		no "--help does not end with the exit statuses"
	hasnt "$W.out" "usage_text"
	run --version
	want_rc 0
	v=$(sed -n 's/^VERSION[ 	]*=[ 	]*//p' "$top/Makefile")
	[ "$(cat "$W.out")" = "torch (flamekit) $v" ] || no "--version: $(cat "$W.out"), Makefile: $v"
}
t help-version "" help_version

# every option torch passes on is one the tool documents in its --help
passthrough_options() {
	"$torch" --help >h
	for toolname in pb2folded flamegraph; do
		[ -x "$bin/$toolname" ] || continue
		"$bin/$toolname" --help >th 2>&1
		awk -v t="$toolname" '/^Options passed to / { f = ($4 == t || $4 == t ":") ; next }
			/^[^ ]/ { f = 0 } f' h | tr ' ,/' '[\n*]' |
			sed -n 's/^\(--[a-z][a-z-]*\).*/\1/p' >opts
		[ -s opts ] || no "no $toolname options listed in torch --help"
		while read -r o; do
			grep -qE -- "$o([^a-z-]|$)" th || no "$toolname --help does not list $o"
		done <opts
	done
	rm -f h th opts
}
t passthrough-options "" passthrough_options

man_page() {
	m=$top/man/torch.1
	[ -f "$m" ] || no "no man/torch.1"
	if command -v groff >/dev/null 2>&1; then
		groff -man -ww -z "$m" >warn 2>&1 || no "groff failed"
		[ ! -s warn ] || no "groff: $(head -n 3 warn)"
		rm warn
	fi
	# every long option of --help is in the man page
	"$torch" --help | tr ' ,/' '[\n*]' | sed -n 's/^\(--[a-z][a-z-]*\).*/\1/p' | sort -u >opts
	while read -r o; do
		grep -qF -- "$(printf '%s\n' "$o" | sed 's/-/\\-/g')" "$m" ||
			no "man/torch.1 does not mention $o"
	done <opts
	rm opts
}
t man-page "" man_page

shellcheck_clean() {
	command -v shellcheck >/dev/null 2>&1 || exit 0
	shellcheck "$torch" || no "shellcheck complains"
}
t shellcheck "" shellcheck_clean

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
