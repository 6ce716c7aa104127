#!/bin/sh
# Regenerate samples/node/busy.cpuprofile: node --cpu-prof on samples/node/busy.js.
#   scripts/gen-node-samples.sh [OUTDIR]     (default: samples/node/ of this repo)
# Needs node (Debian's nodejs).  The script's file:// URL is rewritten to
# file:///flamekit/samples/node/busy.js, so the profile does not depend on
# where the repository is checked out; nothing else is changed.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/samples/node}

command -v node >/dev/null 2>&1 || { echo "gen-node-samples: node not found" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gen-node-samples.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

node --cpu-prof --cpu-prof-dir="$tmp" --cpu-prof-name=busy.cpuprofile \
    "$top/samples/node/busy.js"
mkdir -p "$out"
node -e '
const fs = require("fs");
const [src, dst, from] = process.argv.slice(1);
const p = JSON.parse(fs.readFileSync(src, "utf8"));
for (const n of p.nodes)
	if (n.callFrame.url === from)
		n.callFrame.url = "file:///flamekit/samples/node/busy.js";
fs.writeFileSync(dst, JSON.stringify(p));
' "$tmp/busy.cpuprofile" "$out/busy.cpuprofile" "file://$top/samples/node/busy.js"
printf '%-18s %7d bytes (node %s)\n' busy.cpuprofile "$(wc -c <"$out/busy.cpuprofile")" "$(node --version)"
