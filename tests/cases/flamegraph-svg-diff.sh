# Differential input: width from AFTER, colour from the frame's own
# change against 5% of the total (red grows, blue shrinks, white none;
# "new" is green, "gone" has no width here), "; +D%" and the before,
# after and change lines in tooltips; --negate swaps hues and signs.
# (The flamegraph-diff-* cases test each option.)
frames() { sed -n '/^<g id="frames">/,$p'; }
flamegraph data/flamegraph/diff.folded | frames
flamegraph data/flamegraph/diff.folded | grep -o '"diff":[a-z]*'
echo '-- --negate'
flamegraph --negate data/flamegraph/diff.folded | frames
