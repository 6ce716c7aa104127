# --fail-on-growth=PCT: exit 3 when a share grew by more than PCT points
difffolded data/diff/before.folded data/diff/after.folded > ab.folded
foldtop -n 1 --fail-on-growth=5 ab.folded || echo "exit $?"
foldtop -n 1 --fail-on-growth=24.6 ab.folded && echo "exit 0"
echo '-- x: 1 of 3 -> 23 of 60, exactly 5 points: compared exactly'
foldtop --fail-on-growth=5 data/diff/third.diff.folded && echo "exit 0"
foldtop --fail-on-growth=4.99 data/diff/third.diff.folded || echo "exit $?"
echo '-- cum'
foldtop -n 0 --sort cum --fail-on-growth 1 ab.folded || echo "exit $?"
echo '-- two-column input: a usage error'
foldtop --fail-on-growth=5 data/diff/before.folded || echo "exit $?"
