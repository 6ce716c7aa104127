#!/bin/sh
# deps.sh [build|test|all] - make sure the Debian packages flamekit needs are here.
#
# build: compilers' libraries (protobuf-c, zlib, cairo, jansson), protoc-c,
#        pkg-config and the DejaVu font.
# test:  what the test suite uses besides: xmllint and the SVG 1.1 DTD
#        (w3c-sgml-lib), Go (cross-checks with go tool pprof, sample
#        programs), Chromium, Node.js and npm (browser test, with
#        playwright-core, speedscope, d3, d3-flame-graph and ajv from
#        npm), python3, curl, valgrind (make valgrind), linux-perf (perf
#        record: the live perf2folded and torch perf layers), GNU time
#        (peak memory) and GNU parallel (make bench: the 1,000-profile
#        map-reduce).
# Missing packages are installed with apt-get when run as root; otherwise
# the exact install command is printed and the script fails.
set -u
what=${1:-build}
missing=

need_pkgconfig() {	# module package
	pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"
}
need_cmd() {		# command package
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}
need_file() {		# file package
	[ -e "$1" ] || missing="$missing $2"
}

case $what in
build|all)
	need_cmd cc gcc
	need_cmd make make
	need_cmd pkg-config pkg-config
	need_cmd protoc-c protobuf-c-compiler
	if command -v pkg-config >/dev/null 2>&1; then
		need_pkgconfig libprotobuf-c libprotobuf-c-dev
		need_pkgconfig zlib zlib1g-dev
		need_pkgconfig cairo libcairo2-dev
		need_pkgconfig jansson libjansson-dev
	else
		missing="$missing libprotobuf-c-dev zlib1g-dev libcairo2-dev libjansson-dev"
	fi
	need_file /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core
	;;
esac
case $what in
test|all)
	need_cmd xmllint libxml2-utils
	# the SVG 1.1 DTD and its catalog, for xmllint --valid --nonet
	need_file /usr/share/xml/w3c-sgml-lib/schema/dtd/REC-SVG11-20110816/svg11.dtd w3c-sgml-lib
	need_cmd go golang-go
	need_cmd chromium chromium
	need_cmd node nodejs
	need_cmd npm npm
	need_cmd python3 python3
	need_cmd curl curl
	need_cmd gzip gzip
	need_cmd valgrind valgrind
	# perf record for the live perf2folded and torch perf layers
	need_cmd perf linux-perf
	# peak RSS (tests/pipemem.sh); not "command -v time": bash's keyword
	need_file /usr/bin/time time
	# make bench: pb2folded over chunks of 1,000 profiles on both cores
	need_cmd parallel parallel
	# tests/fleet-ssh.sh: the fleet recipe over a real sshd on 127.0.0.1
	# (GNU parallel --transferfile/--return use rsync)
	need_file /usr/sbin/sshd openssh-server
	need_cmd ssh openssh-client
	need_cmd rsync rsync
	;;
build) ;;
*)	echo "usage: deps.sh [build|test|all]" >&2; exit 2 ;;
esac

if [ -n "$missing" ]; then
	missing=$(printf '%s\n' $missing | sort -u | tr '\n' ' ')
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "deps: installing:$missing" | sed 's/ *$//' >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq >/dev/null &&
		apt-get install -y -qq $missing >/dev/null ||
		{ echo "deps: apt-get install failed" >&2; exit 1; }
	else
		echo "deps: missing packages; install them with:" >&2
		echo "  sudo apt-get install -y $missing" >&2
		[ "$what" = build ] && exit 1
	fi
fi

# npm packages for the browser test (playwright-core drives Debian's chromium;
# speedscope, d3, d3-flame-graph and ajv check the JSON outputs): npm ci
# installs the pinned lock when any dependency in package.json is missing
# or at another version, so a machine set up for an older list catches up.
npm_stale() {
	[ -d tests/browser/node_modules ] || return 0
	(cd tests/browser && node -e '
const deps = require("./package.json").dependencies || {};
for (const [name, version] of Object.entries(deps)) {
	let v = null;
	try { v = require("./node_modules/" + name + "/package.json").version; } catch (e) {}
	if (v !== version) process.exit(1);
}' 2>/dev/null) && return 1
	return 0
}
if [ "$what" != build ] && [ -f tests/browser/package.json ] &&
    command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 && npm_stale; then
	(cd tests/browser && npm ci --no-audit --no-fund --silent >/dev/null) ||
	{ echo "deps: npm ci in tests/browser failed" >&2; exit 1; }
fi
exit 0
