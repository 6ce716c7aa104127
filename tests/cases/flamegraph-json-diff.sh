# Differential input as JSON.  d3: "delta" on every node, the frame's
# own change (after - before, > 0 grew; d3-flame-graph's
# differentialColorMapper reads it, computeDelta(true) sums subtrees),
# "value" the subtree's width per --diff-width; --negate flips signs;
# -n scales before first.  speedscope: weights are the --diff-width
# side's own counts; a signed input (a change) is refused, leaving no
# file.
f=data/flamegraph/diff.folded
flamegraph -f json $f
echo '-- --diff-width=max, before'
flamegraph -f json --diff-width=max $f
flamegraph -f json --diff-width=before $f
echo '-- --negate, --diff-color and --diff-threshold (colours: ignored)'
flamegraph -f json --negate --diff-color total --diff-threshold 50 $f
echo '-- -n'
printf 'a;b 1 4\na;c 1 2\n' | flamegraph -f json -n
echo '-- speedscope'
flamegraph -f speedscope $f | sed -n '/samples/,$p'
flamegraph -f speedscope --diff-width=max $f | sed -n '/weights/,$p'
flamegraph -f speedscope --diff-width=before $f | sed -n '/"frames"/,$p'
echo '-- signed (two columns, below 0): d3 by magnitude, speedscope refuses'
printf 'a;b -3\na;c 5\na 2\n' | flamegraph -f json
printf 'a;b -3\na;c 5\n' | flamegraph -o s.speedscope.json || echo "exit $?"
test ! -e s.speedscope.json && ls -A
echo '-- a negative count in a three-column input'
printf 'a;b 1 -3\na;c 1 5\n' | flamegraph -f json || echo "exit $?"
printf 'a;b 1 -3\na;c 1 5\n' | flamegraph -f json --diff-width=max | head -n 1
