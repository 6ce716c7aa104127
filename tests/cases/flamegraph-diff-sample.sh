# the shipped differential graph in samples/diff is what flamegraph makes
# now (see its README), and it shows what the README says.  The embedded
# script is left out of the comparison, so a change to flame.js alone
# does not fail this case (tests/browser checks the script).
noscript() { sed '/^<script/,/^]]><\/script>$/d' "$@"; }
flamegraph --diff-width=max --countname ns samples/diff/cpu-ab.diff.folded >now.svg
noscript now.svg >a
noscript samples/diff/cpu-ab.diff.svg | cmp - a && echo same
grep -c 'function' a || true
# gone and new, with their colours, and the removed code keeps its width
grep -A2 '<g><title>main.legacyScan (' samples/diff/cpu-ab.diff.svg | grep -o 'subtree: .*\|width="[^"]*" height="[^"]*" fill="[^"]*"'
grep -A2 '<g><title>main.sortedLookup (' samples/diff/cpu-ab.diff.svg | grep -o 'subtree: .*\|width="[^"]*" height="[^"]*" fill="[^"]*"'
# the PNG draws the same fills
flamegraph --diff-width=max --countname ns -o s.png samples/diff/cpu-ab.diff.folded
pngcheck -s samples/diff/cpu-ab.diff.svg s.png
